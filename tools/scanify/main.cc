// scanify: turns a born-digital PDF into what an archive holds after
// printing and scanning: each page rasterised in grey, slightly rotated,
// blurred, noisy, unevenly lit and JPEG-compressed, wrapped as an image-only
// PDF. Optional damage knobs add what printed-and-scanned government reports
// often carry: broken table rulings, a rubber stamp, a signature, toner fade,
// an edge shadow, a fax path. Seeded, so the same arguments give the same
// file; with no knob given the output is what it was before the knobs.
//
//   scanify IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--seed 1] [--quality 60]
//           [--ruling-damage P] [--stamp] [--signature] [--fax] [--fade F]
//           [--shadow] [--footer-y F]
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "pdfrecon/pdf_document.h"

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Options {
  std::string in, out;
  double dpi = 200, skew = 0.6, quality = 60;
  unsigned seed = 1;
  // Damage knobs, all off by default.
  double ruling_damage = 0;  // fraction of ruling length broken or faint
  double fade = 0;           // how far ink is pulled towards paper
  double footer_y = -1;      // stamp centre as a fraction of page height; <0: find it
  bool stamp = false, signature = false, fax = false, shadow = false;
};

const char kUsage[] =
    "usage: scanify IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--seed 1] [--quality 60]\n"
    "               [--ruling-damage P] [--stamp] [--signature] [--fax] [--fade F]\n"
    "               [--shadow] [--footer-y F]\n";

const char kHelp[] =
    "\nDamage knobs (all off by default, all seeded from --seed):\n"
    "  --ruling-damage P  break table rulings: dropouts and faint stretches of\n"
    "                     0.5-4 em covering about P (0-1) of their length\n"
    "  --stamp            round grey rubber stamp over the footer block's value\n"
    "                     column of the last page\n"
    "  --signature        handwritten signature over the footer value column of\n"
    "                     the last page, initials in the margin of the others\n"
    "  --fax              binarise each page (Otsu) after all other damage and\n"
    "                     store it as a 1-bit image instead of a JPEG\n"
    "  --fade F           toner fade: ink pulled towards paper by F (0-1), with\n"
    "                     uneven horizontal banding\n"
    "  --shadow           dark gradient shadow 1-2 cm wide along one page edge\n"
    "  --footer-y F       put stamp and signature at F (0-1) of the page height\n"
    "                     instead of above the lowest long ruling of the last page\n";

// ---------------------------------------------------------------------------
// Randomness for the knobs. Each knob draws from its own generator, seeded
// from --seed, the knob and the page, so turning one knob on changes neither
// the marks of another nor the base scan (which owns `rng` and cv::theRNG).

enum class Knob : unsigned { kRulings = 1, kFade, kStamp, kSignature, kShadow, kShadowEdge };

std::mt19937 knob_rng(const Options& o, Knob k, int page) {
  std::seed_seq seq{o.seed, unsigned(k), unsigned(page)};
  return std::mt19937(seq);
}

// Uniform in [lo, hi) straight from the 32-bit output: std:: distributions
// differ between standard libraries, this does not.
double uniform(std::mt19937& r, double lo, double hi) {
  return lo + (hi - lo) * (double(r()) / 4294967296.0);
}

double px_per_cm(const Options& o) { return o.dpi / 2.54; }

// ---------------------------------------------------------------------------
// Rulings.

// Long thin dark lines: dark pixels that survive an opening with a kernel
// 1 cm long along one axis (text strokes are far shorter).
struct Rulings {
  cv::Mat horizontal, vertical;  // CV_8U masks, 255 on a ruling
};

Rulings find_rulings(const cv::Mat& page, const Options& o) {
  cv::Mat dark;
  cv::threshold(page, dark, 180, 255, cv::THRESH_BINARY_INV);
  int len = std::max(15, int(std::lround(px_per_cm(o))));
  Rulings r;
  cv::morphologyEx(dark, r.horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(len, 1)));
  cv::morphologyEx(dark, r.vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, len)));
  return r;
}

// Bounding boxes of the thin connected runs of `mask`; thick blobs (filled
// cells, bars) are no rulings and are left out.
std::vector<cv::Rect> ruling_boxes(const cv::Mat& mask, bool horizontal, const Options& o) {
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  int max_thick = std::max(3, int(0.1 * px_per_cm(o)));
  std::vector<cv::Rect> boxes;
  for (int i = 1; i < n; ++i) {
    cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if ((horizontal ? b.height : b.width) <= max_thick) boxes.push_back(b);
  }
  return boxes;
}

// Lightens the ruling pixels of `mask` inside `span`: to paper for a
// dropout, to a fraction `keep` of their ink for a faint stretch.
void lighten(cv::Mat& page, const cv::Mat& mask, cv::Rect span, double keep) {
  span &= cv::Rect(0, 0, page.cols, page.rows);
  for (int y = span.y; y < span.y + span.height; ++y) {
    unsigned char* p = page.ptr(y);
    const unsigned char* m = mask.ptr(y);
    for (int x = span.x; x < span.x + span.width; ++x)
      if (m[x]) p[x] = cv::saturate_cast<uchar>(255 - (255 - p[x]) * keep);
  }
}

// Walks one ruling from end to end, alternating intact runs and gaps of
// 0.5-4 em; intact runs are drawn so that gaps cover about `p` of the length.
void damage_ruling(cv::Mat& page, const cv::Mat& mask, cv::Rect box, bool horizontal, double p,
                   double em, std::mt19937& r) {
  double mean_gap = 2.25 * em;
  double mean_intact = mean_gap * (1 - p) / p;
  int length = horizontal ? box.width : box.height;
  double t = uniform(r, 0, 2 * mean_intact);
  while (t < length) {
    double gap = uniform(r, 0.5 * em, 4 * em);
    // Two gaps in three drop out completely, the rest print faint.
    double keep = uniform(r, 0, 1) < 0.67 ? 0.0 : uniform(r, 0.2, 0.45);
    int a = int(t), b = int(std::min<double>(t + gap, length));
    // One pixel of margin across the line catches its anti-aliased fringe.
    cv::Rect span = horizontal ? cv::Rect(box.x + a, box.y - 1, b - a, box.height + 2)
                               : cv::Rect(box.x - 1, box.y + a, box.width + 2, b - a);
    lighten(page, mask, span, keep);
    t += gap + uniform(r, 0, 2 * mean_intact);
  }
}

void damage_rulings(cv::Mat& page, const Rulings& rulings, const Options& o, int page_index) {
  double p = std::clamp(o.ruling_damage, 0.0, 1.0);
  if (p <= 0) return;
  std::mt19937 r = knob_rng(o, Knob::kRulings, page_index);
  double em = 9.0 / 72.0 * o.dpi;  // the em of the 9 pt text of such tables
  cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  for (bool horizontal : {true, false}) {
    const cv::Mat& mask = horizontal ? rulings.horizontal : rulings.vertical;
    cv::Mat wide;  // the ruling and its anti-aliased fringe
    cv::dilate(mask, wide, kernel);
    for (const cv::Rect& box : ruling_boxes(mask, horizontal, o))
      damage_ruling(page, wide, box, horizontal, p, em, r);
  }
}

// Where the footer block (FECHA ACTUALIZACIÓN ...) sits: it closes the last
// table, so the stamp goes a little above the lowest long horizontal ruling.
// --footer-y overrides; with no long ruling, 85% down the page.
double footer_centre_y(const cv::Mat& page, const Rulings& rulings, const Options& o) {
  if (o.footer_y >= 0) return o.footer_y * page.rows;
  int lowest = -1;
  for (const cv::Rect& b : ruling_boxes(rulings.horizontal, true, o))
    if (b.width >= page.cols / 4) lowest = std::max(lowest, b.y + b.height);
  if (lowest < 0) return 0.85 * page.rows;
  return std::max(0.0, lowest - 1.4 * px_per_cm(o));
}

// ---------------------------------------------------------------------------
// Toner fade.

// Ink pulled towards paper by `f`, more in some horizontal bands than in
// others, as a worn drum or a low cartridge prints: a few slow waves down
// the page plus some narrow streaks.
void fade(cv::Mat& page, const Options& o, int page_index) {
  double f = std::clamp(o.fade, 0.0, 1.0);
  if (f <= 0) return;
  std::mt19937 r = knob_rng(o, Knob::kFade, page_index);
  double cm = px_per_cm(o);
  struct Wave {
    double amp, period, phase;
  };
  std::vector<Wave> waves;
  for (int i = 0; i < 3; ++i)
    waves.push_back({uniform(r, 0.3, 1), uniform(r, 0.8, 6) * cm, uniform(r, 0, 2 * kPi)});
  double amp_sum = 0;
  for (const Wave& w : waves) amp_sum += w.amp;
  std::vector<double> strength(page.rows);
  for (int y = 0; y < page.rows; ++y) {
    double s = 0;
    for (const Wave& w : waves) s += w.amp * std::sin(2 * kPi * y / w.period + w.phase);
    strength[y] = f * (1 + 0.45 * s / amp_sum);
  }
  int streaks = int(uniform(r, 2, 5));
  for (int i = 0; i < streaks; ++i) {
    int y0 = int(uniform(r, 0, page.rows)), h = int(uniform(r, 0.1, 0.4) * cm);
    double extra = uniform(r, 0.15, 0.35);
    for (int y = y0; y < std::min(page.rows, y0 + h); ++y) strength[y] += extra * f;
  }
  for (int y = 0; y < page.rows; ++y) {
    double keep = std::clamp(1 - strength[y], 0.0, 1.0);
    unsigned char* p = page.ptr(y);
    for (int x = 0; x < page.cols; ++x) p[x] = cv::saturate_cast<uchar>(255 - (255 - p[x]) * keep);
  }
}

// ---------------------------------------------------------------------------
// Ink drawn with Cairo: stamps and pen strokes.

// Draws with `draw` on a w x h alpha surface; returns the ink coverage
// (0-255) it left.
cv::Mat draw_coverage(int w, int h, const std::function<void(cairo_t*)>& draw) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  draw(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  cv::Mat view(h, w, CV_8U, cairo_image_surface_get_data(s),
               size_t(cairo_image_surface_get_stride(s)));
  cv::Mat coverage = view.clone();
  cairo_surface_destroy(s);
  return coverage;
}

// Lays ink of grey level `grey` and opacity alpha(x, y) * coverage over the
// page, `coverage` placed with its top-left corner at `origin`. Multiply
// (stamp ink, which lets the print show through) or min (pen ink).
void lay_ink(cv::Mat& page, const cv::Mat& coverage, cv::Point origin, double grey, bool multiply,
             const std::function<double(int, int)>& alpha) {
  for (int y = 0; y < coverage.rows; ++y) {
    int py = origin.y + y;
    if (py < 0 || py >= page.rows) continue;
    for (int x = 0; x < coverage.cols; ++x) {
      int px = origin.x + x;
      if (px < 0 || px >= page.cols || !coverage.at<uchar>(y, x)) continue;
      double a = coverage.at<uchar>(y, x) / 255.0 * alpha(x, y);
      uchar& p = page.at<uchar>(py, px);
      double inked = multiply ? p * grey / 255.0 : std::min<double>(p, grey);
      p = cv::saturate_cast<uchar>(p + (inked - p) * a);
    }
  }
}

// The code points of a UTF-8 string, each as its own string.
std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && !out.empty())
      out.back() += c;
    else
      out.emplace_back(1, c);
  }
  return out;
}

// Writes `text` along a circle of radius `radius` round the origin, centred
// on the top (reading clockwise, letters pointing out) or on the bottom
// (reading anticlockwise, letters pointing in), shrunk to fit `max_angle`.
void arc_text(cairo_t* cr, const std::string& text, double radius, bool top, double max_angle) {
  std::vector<std::string> chars = utf8_chars(text);
  auto advance_sum = [&] {
    double sum = 0;
    for (const std::string& c : chars) {
      cairo_text_extents_t e;
      cairo_text_extents(cr, c.c_str(), &e);
      sum += e.x_advance;
    }
    return sum;
  };
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  double total = advance_sum();
  if (total / radius > max_angle) {
    cairo_matrix_t m;
    cairo_get_font_matrix(cr, &m);
    cairo_set_font_size(cr, m.xx * max_angle * radius / total);
    total = advance_sum();
    cairo_font_extents(cr, &fe);
  }
  double cap = 0.72 * fe.ascent;  // letters centred on the radius
  double dir = top ? 1 : -1;
  double angle = (top ? -kPi / 2 : kPi / 2) - dir * total / (2 * radius);
  for (const std::string& c : chars) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, c.c_str(), &e);
    double mid = angle + dir * e.x_advance / (2 * radius);
    cairo_save(cr);
    cairo_rotate(cr, mid);
    cairo_translate(cr, top ? radius - cap / 2 : radius + cap / 2, 0);
    cairo_rotate(cr, dir * kPi / 2);
    cairo_move_to(cr, -e.x_advance / 2, 0);
    cairo_show_text(cr, c.c_str());
    cairo_restore(cr);
    angle += dir * e.x_advance / radius;
  }
}

void centred_text(cairo_t* cr, const std::string& text, double y) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, text.c_str(), &e);
  cairo_move_to(cr, -e.x_advance / 2, y);
  cairo_show_text(cr, text.c_str());
}

// A round rubber stamp ~3.5 cm across centred on `centre`: two rings with
// the office's name round the band and SELLO in the middle, turned at
// random, inked unevenly (pressed harder on one side, speckled).
void stamp(cv::Mat& page, cv::Point2d centre, const Options& o, std::mt19937& r) {
  double cm = px_per_cm(o);
  double outer = uniform(r, 1.7, 1.8) * cm, inner = outer - 0.5 * cm;
  double band = (outer + inner) / 2;
  int size = int(2 * outer + 0.2 * cm);
  double turn = uniform(r, -0.35, 0.35);
  cv::Mat coverage = draw_coverage(size, size, [&](cairo_t* cr) {
    cairo_translate(cr, size / 2.0, size / 2.0);
    cairo_rotate(cr, turn);
    cairo_set_line_width(cr, 0.07 * cm);
    cairo_arc(cr, 0, 0, outer - 0.035 * cm, 0, 2 * kPi);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.04 * cm);
    cairo_arc(cr, 0, 0, inner, 0, 2 * kPi);
    cairo_stroke(cr);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 0.3 * cm);
    arc_text(cr, "DIRECCIÓN DE PLANIFICACIÓN", band, true, 1.2 * kPi);
    cairo_set_font_size(cr, 0.3 * cm);
    arc_text(cr, "* SECRETARÍA GENERAL *", band, false, 0.7 * kPi);
    cairo_set_font_size(cr, 0.42 * cm);
    centred_text(cr, "SELLO", 0.1 * cm);
    cairo_set_font_size(cr, 0.2 * cm);
    centred_text(cr, "RECIBIDO", 0.45 * cm);
  });
  double grey = uniform(r, 120, 160);
  double side = uniform(r, 0, 2 * kPi);
  std::vector<double> speckle(size_t(size) * size);
  for (double& s : speckle) s = uniform(r, 0, 1) < 0.12 ? uniform(r, 0.2, 0.6) : 1.0;
  cv::Point origin(int(std::lround(centre.x)) - size / 2, int(std::lround(centre.y)) - size / 2);
  lay_ink(page, coverage, origin, grey, true, [&](int x, int y) {
    double along = ((x - size / 2.0) * std::cos(side) + (y - size / 2.0) * std::sin(side)) / outer;
    return std::clamp(0.75 + 0.25 * along, 0.0, 1.0) * speckle[size_t(y) * size + x];
  });
}

// A handwritten signature `width_cm` wide with its baseline's left end at
// `start`: one running stroke of rounded up-strokes and near-vertical
// down-strokes (a tall capital first), slanted and turned a little, then an
// underline flourish back under it. Each curve is stroked alone with its own
// 2-3 px (at 200 dpi) width, as pen pressure varies.
void signature(cv::Mat& page, cv::Point2d start, double width_cm, int letters, const Options& o,
               std::mt19937& r) {
  double cm = px_per_cm(o);
  // Letter heights follow the width, but initials stay legible.
  double scale = std::max(0.55, width_cm / 5.0);
  struct Curve {
    double x0, y0, x1, y1, x2, y2, x3, y3;
  };
  std::vector<Curve> curves;
  double x = 0, y = 0, step = width_cm / letters;
  for (int i = 0; i < letters; ++i) {
    double h = (i == 0 ? uniform(r, 1.0, 1.4) : uniform(r, 0.3, 0.8)) * scale;
    if (i > 0 && uniform(r, 0, 1) < 0.2) h *= 1.6;  // an ascender
    double top_x = x + step * uniform(r, 0.35, 0.6), top_y = -h;
    // Up-stroke: leaves the baseline rightwards and curls into the top.
    curves.push_back({x, y, x + step * 0.5, y, top_x + step * uniform(r, 0, 0.3), top_y + 0.3 * h,
                      top_x, top_y});
    double end_x = top_x + step * uniform(r, 0.05, 0.2);
    double end_y = (uniform(r, 0, 1) < 0.15 ? uniform(r, 0.3, 0.5) : uniform(r, 0, 0.1)) * scale;
    // Down-stroke: control points straight below the top and straight above
    // the end keep it close to vertical.
    double drop = end_y - top_y;
    curves.push_back({top_x, top_y, top_x + 0.02, top_y + 0.4 * drop, end_x - 0.02,
                      end_y - 0.35 * drop, end_x, end_y});
    x = end_x;
    y = end_y;
  }
  // Letters advance by about 0.6 step: stretch them to the width asked for.
  double stretch = width_cm / x;
  for (Curve& c : curves)
    for (double* cx : {&c.x0, &c.x1, &c.x2, &c.x3}) *cx *= stretch;
  x *= stretch;
  double right = x;
  double under = uniform(r, 0.25, 0.45) * scale;
  curves.push_back({x, y, x + 0.4 * scale, y + under, right * 0.6, y + 2 * under, right * 0.05,
                    under + uniform(r, -0.1, 0.1) * scale});
  double slant = uniform(r, 0.15, 0.35), turn = uniform(r, -0.08, 0.08);
  std::vector<double> widths;
  for (size_t i = 0; i < curves.size(); ++i) widths.push_back(uniform(r, 2, 3) * o.dpi / 200);

  double margin = 1.0 * cm;
  int w = int((width_cm + 2.5 * scale) * cm + 2 * margin), h = int(3.0 * scale * cm + 2 * margin);
  cv::Point2d base(margin, margin + 2.0 * scale * cm);  // baseline start inside the patch
  cv::Mat coverage = draw_coverage(w, h, [&](cairo_t* cr) {
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < curves.size(); ++i) {
      const Curve& c = curves[i];
      cairo_save(cr);
      cairo_translate(cr, base.x, base.y);
      cairo_rotate(cr, turn);
      cairo_matrix_t shear = {1, 0, -slant, 1, 0, 0};  // x' = x - slant * y: leans right
      cairo_transform(cr, &shear);
      cairo_scale(cr, cm, cm);
      cairo_move_to(cr, c.x0, c.y0);
      cairo_curve_to(cr, c.x1, c.y1, c.x2, c.y2, c.x3, c.y3);
      cairo_restore(cr);  // the path stays; the width below is in pixels
      cairo_set_line_width(cr, widths[i]);
      cairo_stroke(cr);
    }
  });
  double grey = uniform(r, 35, 70);
  cv::Point origin(int(std::lround(start.x - base.x)), int(std::lround(start.y - base.y)));
  lay_ink(page, coverage, origin, grey, false, [](int, int) { return 1.0; });
}

// Stamp and signature on the last page over the footer's value column (the
// right half); initials in the top right margin of every other page.
void mark_page(cv::Mat& page, const Rulings& rulings, const Options& o, int page_index, bool last) {
  double cm = px_per_cm(o);
  if (!last) {
    if (!o.signature) return;
    std::mt19937 r = knob_rng(o, Knob::kSignature, page_index);
    double width = uniform(r, 1.2, 1.8);
    cv::Point2d start(page.cols * uniform(r, 0.86, 0.9),
                      page.rows * 0.05 + uniform(r, 0, 0.3) * cm);
    start.x = std::min(start.x, page.cols - (width + 0.6) * cm);
    signature(page, start, width, int(uniform(r, 2, 4)), o, r);
    return;
  }
  double y = footer_centre_y(page, rulings, o);
  if (o.stamp) {
    std::mt19937 r = knob_rng(o, Knob::kStamp, page_index);
    cv::Point2d centre(page.cols * uniform(r, 0.77, 0.81), y + uniform(r, -0.3, 0.3) * cm);
    stamp(page, centre, o, r);
  }
  if (o.signature) {
    std::mt19937 r = knob_rng(o, Knob::kSignature, page_index);
    double width = uniform(r, 4, 6);
    cv::Point2d start(page.cols * uniform(r, 0.58, 0.62), y + uniform(r, 0.1, 0.5) * cm);
    signature(page, start, width, int(uniform(r, 7, 12)), o, r);
  }
}

// ---------------------------------------------------------------------------
// Scanner and fax damage.

// A scanner-lid or book-spine shadow: darkest at the page edge, fading over
// 1-2 cm, its width wavering a little along the edge. The edge (0 left,
// 1 top, 2 right, 3 bottom) is the same on every page, as the lid is.
void shadow(cv::Mat& page, const Options& o, int page_index) {
  int edge = int(knob_rng(o, Knob::kShadowEdge, 0)() % 4);
  std::mt19937 r = knob_rng(o, Knob::kShadow, page_index);
  double cm = px_per_cm(o);
  double width = uniform(r, 1.0, 2.0) * cm, depth = uniform(r, 0.55, 0.75);
  double wave_period = uniform(r, 8, 20) * cm, wave_phase = uniform(r, 0, 2 * kPi);
  for (int y = 0; y < page.rows; ++y) {
    unsigned char* p = page.ptr(y);
    for (int x = 0; x < page.cols; ++x) {
      bool across_x = edge == 0 || edge == 2;
      int dist = edge == 0 ? x : edge == 1 ? y : edge == 2 ? page.cols - 1 - x : page.rows - 1 - y;
      double along = across_x ? y : x;
      double w = width * (1 + 0.15 * std::sin(2 * kPi * along / wave_period + wave_phase));
      if (dist >= w) continue;
      double t = 1 - dist / w;
      p[x] = cv::saturate_cast<uchar>(p[x] * (1 - depth * t * t));
    }
  }
}

// The fax path: every pixel black or white, at Otsu's threshold.
void binarise(cv::Mat& page) {
  cv::threshold(page, page, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
}

// ---------------------------------------------------------------------------

cv::Mat degrade(const cv::Mat& page, const Options& o, int page_index, std::mt19937& rng) {
  // Alternate the skew's sign so pages differ, as sheets on a scanner do.
  double angle = (page_index % 2 ? -1 : 1) * o.skew;
  cv::Mat rotated;
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(page.cols / 2.f, page.rows / 2.f), angle, 1.0);
  cv::warpAffine(page, rotated, m, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(255));
  cv::GaussianBlur(rotated, rotated, cv::Size(3, 3), 0.7);
  // Uneven lighting: a gentle left-to-right gradient of paper grey.
  cv::Mat f;
  rotated.convertTo(f, CV_32F);
  for (int x = 0; x < f.cols; ++x) {
    float shade = 1.0f - 0.08f * float(x) / float(f.cols);
    f.col(x) *= shade;
  }
  cv::Mat noise(f.size(), CV_32F);
  cv::randn(noise, 0, 6);
  cv::theRNG().state = rng();
  f += noise;
  cv::Mat out;
  f.convertTo(out, CV_8U);
  return out;
}

// What happens to the printed sheet before it reaches the scanner: print
// defects first, then what is put on the paper by hand.
void print_damage(cv::Mat& page, const Options& o, int page_index, bool last) {
  bool marks = o.signature || (last && o.stamp);
  Rulings rulings;  // found on the clean page, before any damage
  if (o.ruling_damage > 0 || marks) rulings = find_rulings(page, o);
  damage_rulings(page, rulings, o, page_index);
  fade(page, o, page_index);
  if (marks) mark_page(page, rulings, o, page_index, last);
}

// Embeds `page` as one image filling the current page of `surface`: the JPEG
// bytes as they are, or for a fax page the black-and-white pixels, which
// Cairo stores as a 1-bit image.
void embed(cairo_surface_t* surface, const cv::Mat& page, const Options& o) {
  std::vector<unsigned char> jpeg;
  cv::Mat pixels = page;
  if (!o.fax) {
    cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, int(o.quality)});
    // Cairo draws the pixels; the JPEG bytes are embedded as they are.
    pixels = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
  }
  cv::Mat rgb;
  cv::cvtColor(pixels, rgb, cv::COLOR_GRAY2BGRA);
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, rgb.cols, rgb.rows);
  cairo_surface_flush(img);
  unsigned char* dst = cairo_image_surface_get_data(img);
  int stride = cairo_image_surface_get_stride(img);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(dst + y * stride, rgb.ptr(y), size_t(rgb.cols) * 4);
  cairo_surface_mark_dirty(img);
  if (!o.fax) {
    auto* owned = new std::vector<unsigned char>(jpeg);
    cairo_surface_set_mime_data(
        img, CAIRO_MIME_TYPE_JPEG, owned->data(), owned->size(),
        [](void* p) { delete static_cast<std::vector<unsigned char>*>(p); }, owned);
  }
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, 72.0 / o.dpi, 72.0 / o.dpi);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(img);
}

int run(const Options& o) {
  pdfrecon::PdfDocument pdf = pdfrecon::PdfDocument::open(o.in);
  std::mt19937 rng(o.seed);
  cv::theRNG().state = o.seed;
  pdfrecon::PageGeometry g0 = pdf.geometry(0);
  cairo_surface_t* surface = cairo_pdf_surface_create(o.out.c_str(), g0.width, g0.height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
  for (int i = 0; i < pdf.page_count(); ++i) {
    pdfrecon::PageGeometry g = pdf.geometry(i);
    cairo_pdf_surface_set_size(surface, g.width, g.height);
    cv::Mat page = pdf.render_grey(i, o.dpi, true);
    print_damage(page, o, i, i + 1 == pdf.page_count());
    page = degrade(page, o, i, rng);
    if (o.shadow) shadow(page, o, i);
    if (o.fax) binarise(page);
    embed(surface, page, o);
    cairo_surface_show_page(surface);
  }
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    std::cerr << "scanify: " << o.out << ": " << cairo_status_to_string(st) << "\n";
    return 1;
  }
  return 0;
}

// A fraction option's value, refused outside [0, 1].
double fraction(const std::string& name, double v) {
  if (!(v >= 0 && v <= 1)) {
    std::cerr << "scanify: " << name << " takes a value from 0 to 1\n";
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> double {
      if (i + 1 >= argc) {
        std::cerr << "scanify: " << a << " needs a value\n";
        std::exit(2);
      }
      return std::atof(argv[++i]);
    };
    if (a == "--dpi")
      o.dpi = next();
    else if (a == "--skew")
      o.skew = next();
    else if (a == "--quality")
      o.quality = next();
    else if (a == "--seed")
      o.seed = unsigned(next());
    else if (a == "--ruling-damage")
      o.ruling_damage = fraction(a, next());
    else if (a == "--fade")
      o.fade = fraction(a, next());
    else if (a == "--footer-y")
      o.footer_y = fraction(a, next());
    else if (a == "--stamp")
      o.stamp = true;
    else if (a == "--signature")
      o.signature = true;
    else if (a == "--fax")
      o.fax = true;
    else if (a == "--shadow")
      o.shadow = true;
    else if (a == "-h" || a == "--help") {
      std::cout << kUsage << kHelp;
      return 0;
    } else
      pos.push_back(a);
  }
  if (pos.size() != 2) {
    std::cerr << kUsage;
    return 2;
  }
  o.in = pos[0];
  o.out = pos[1];
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "scanify: " << o.in << ": " << e.what() << "\n";
    return 1;
  }
}
