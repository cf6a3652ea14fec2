#include "pdfrecon/grid_detector.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <numeric>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <stdexcept>

#include "pdfrecon/binary_image.h"

namespace pdfrecon {
namespace {

constexpr double kDefaultTextHeightPt = 10;
// Cap height / font size for common fonts: converts measured glyph heights
// to an em.
constexpr double kCapHeightPerEm = 0.72;
// An outer ruling drawn over less of the table's width than this leaves
// the rest of that side open (see open_edges).
constexpr double kClosedEdgeCoverage = 0.95;

int odd(int v) { return v | 1; }

cv::Mat rect_kernel(int w, int h) {
  return cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(1, w), std::max(1, h)));
}

// Pixel lengths derived from the text height and the page size.
struct Scale {
  double em = 0;  // px
  int hline = 0;  // horizontal opening length
  int vline = 0;  // vertical opening length
  int thin = 0;   // longest run (across the ruling) of a thin ruling
  int gap = 0;    // closing length
  double merge_gap = 0, max_thick = 0, joint_tol = 0, short_joint_tol = 0, cluster_tol = 0;
  double open_border = 0, min_cell = 0;
  double long_h = 0, long_v = 0;  // rulings that need no support from shorter ones
  double max_bridge = 0;          // widest gap bridge_gaps joins
  double bridge_end_tol = 0;      // how near a crossing ruling a bridged line's far ends lie
};

Scale make_scale(double em, double px_per_pt, cv::Size page, const GridDetectorOptions& o) {
  auto clamp_len = [&](double len, int side) {
    double lo = std::max(3.0, side * o.min_kernel_page_fraction);
    double hi = std::max(lo, side * o.max_kernel_page_fraction);
    return int(std::lround(std::clamp(len, lo, hi)));
  };
  Scale s;
  s.em = em;
  s.hline = clamp_len(o.min_hline_em * em, page.width);
  s.vline = clamp_len(o.min_vline_em * em, page.height);
  s.thin = std::max(2, int(std::lround(o.max_thin_em * em)));
  s.gap = std::max(1, int(std::lround(o.gap_close_pt * px_per_pt)));
  s.merge_gap = std::max(3.0, o.merge_gap_em * em);
  s.max_thick = std::max(3.0, o.max_line_thickness_em * em);
  s.joint_tol = std::max(3.0, o.joint_tolerance_em * em);
  s.short_joint_tol = std::max(2.0, o.short_joint_tolerance_em * em);
  s.cluster_tol = std::max(2.0, o.cluster_tolerance_em * em);
  s.min_cell = std::max(s.cluster_tol + 1, o.min_cell_em * em);
  s.open_border = std::max(4.0, o.open_border_em * em);
  s.long_h = std::max(double(s.hline), o.long_hline_em * em);
  s.long_v = std::max(double(s.vline), o.long_vline_em * em);
  s.max_bridge = o.max_dropout_em * em;
  s.bridge_end_tol = std::max(2.0, 0.2 * em);
  return s;
}

// Standard deviation of the pixel noise (scanner grain, JPEG) from the
// second differences along every fourth row; the median ignores the pixels
// on strokes, so a clean rendering gives 0.
double noise_sigma(const cv::Mat& grey) {
  if (grey.cols < 3 || grey.rows < 1) return 0;
  cv::Mat sample((grey.rows + 3) / 4, grey.cols, CV_8UC1, grey.data, grey.step[0] * 4);
  cv::Mat d2, mag;
  cv::filter2D(sample, d2, CV_16S, cv::Matx13f(1, -2, 1));
  cv::convertScaleAbs(d2, mag);
  int channels[] = {0}, bins[] = {256};
  float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat hist;
  cv::calcHist(&mag, 1, channels, cv::Mat(), hist, 1, bins, ranges);
  double half = mag.total() / 2.0, acc = 0;
  int median = 0;
  while (median < 255 && (acc += hist.at<float>(median)) < half) ++median;
  // |N(0, 6 sigma^2)| has median 0.6745 * sqrt(6) sigma.
  return median / 1.652;
}

int threshold_block(double px_per_pt, const GridDetectorOptions& o) {
  return std::max(3, odd(int(std::lround(o.threshold_window_pt * px_per_pt))));
}

cv::Mat adaptive(const cv::Mat& grey, int block, double offset) {
  cv::Mat bin;
  cv::adaptiveThreshold(grey, bin, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                        offset);
  return bin;
}

// Ink = white. A grainy scan is smoothed first, or its grain would come out
// as specks that bridge glyphs and break rulings.
cv::Mat binarize(const cv::Mat& grey, double noise, double px_per_pt,
                 const GridDetectorOptions& o) {
  if (noise <= o.max_clean_noise) {
    return adaptive(grey, threshold_block(px_per_pt, o), o.threshold_offset);
  }
  cv::Mat smooth;
  cv::GaussianBlur(grey, smooth, cv::Size(3, 3), 0.85);
  // The blur leaves about 40 % of the grain, and takes up to half the
  // contrast of a thin ruling: the offset follows the remaining grain
  // (4 sigma) rather than the fixed one.
  double offset = std::max(0.6 * o.threshold_offset, 4 * 0.4 * noise);
  return adaptive(smooth, threshold_block(px_per_pt, o), offset);
}

// Bounding box, area and centroid of every label of a label image, in one
// pass. (connectedComponentsWithStats prepares statistics for every
// provisional label, which costs several times the labelling itself.)
struct LabelStats {
  int x0 = INT_MAX, y0 = INT_MAX, x1 = -1, y1 = -1, area = 0;
  double sum_x = 0, sum_y = 0;
  cv::Rect box() const { return {x0, y0, x1 - x0 + 1, y1 - y0 + 1}; }
};

std::vector<LabelStats> label_stats(const cv::Mat& labels, int count) {
  std::vector<LabelStats> out(count);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (!row[x]) continue;
      LabelStats& s = out[row[x]];
      s.x0 = std::min(s.x0, x), s.x1 = std::max(s.x1, x);
      s.y0 = std::min(s.y0, y), s.y1 = std::max(s.y1, y);
      ++s.area, s.sum_x += x, s.sum_y += y;
    }
  }
  return out;
}

// The text height in px from the blobs that look like glyphs: their upper
// heights are capitals and digits, whose height is a fixed part of the em.
// Counted on a 2x2 max-pooled image: a quarter of the work, heights +-1 px.
double estimate_em(const cv::Mat& bin, double px_per_pt) {
  cv::Mat pooled = max_pool(bin, 2);
  cv::Mat labels;
  int n = cv::connectedComponents(pooled, labels, 8, CV_32S);
  std::vector<LabelStats> stats = label_stats(labels, n);
  double max_h = 20 * px_per_pt;  // 40 pt at full size
  std::vector<int> heights;
  heights.reserve(n);
  for (int i = 1; i < n; ++i) {
    int w = stats[i].x1 - stats[i].x0 + 1, h = stats[i].y1 - stats[i].y0 + 1;
    if (h < 2 || h > max_h || w > 3 * h) continue;  // specks, rules, grids
    heights.push_back(h);
  }
  if (heights.size() < 20) return kDefaultTextHeightPt * px_per_pt;
  auto p = heights.begin() + heights.size() * 3 / 4;
  std::nth_element(heights.begin(), p, heights.end());
  double em = 2 * *p / kCapHeightPerEm;
  return std::clamp(em, 4 * px_per_pt, 40 * px_per_pt);
}

// The binary image plus its thin structures with short gaps bridged along
// the ruling direction. Glyph stems and bars across that direction are
// removed before closing, so letters never fuse; thick rulings come through
// from `bin` itself.
cv::Mat line_source(const cv::Mat& bin, bool horizontal, const Scale& s) {
  cv::Mat thin;
  cv::subtract(bin, keep_runs(bin, !horizontal, s.thin + 1), thin);
  thin = fill_gaps(thin, horizontal, s.gap);
  cv::bitwise_or(thin, bin, thin);
  return thin;
}

cv::Mat open_along(const cv::Mat& src, bool horizontal, int len) {
  return keep_runs(src, horizontal, len);
}

// The sources (see line_source) and the ruling masks of both directions.
struct Masks {
  cv::Mat hsource, vsource, hmask, vmask;
};

// The two directions are independent; on two cores they run side by side.
Masks find_masks(const cv::Mat& bin, const Scale& s) {
  Masks m;
  cv::parallel_for_(cv::Range(0, 2), [&](const cv::Range& range) {
    for (int i = range.start; i < range.end; ++i) {
      bool horizontal = i == 0;
      cv::Mat source = line_source(bin, horizontal, s);
      cv::Mat mask = open_along(source, horizontal, horizontal ? s.hline : s.vline);
      (horizontal ? m.hsource : m.vsource) = source;
      (horizontal ? m.hmask : m.vmask) = mask;
    }
  });
  return m;
}

// A connected blob of a mask.
struct Blob {
  cv::Rect box;
  int area = 0;
  cv::Point2d centroid;
  // Measured for long blobs only: the tilt of the principal axis from the
  // blob's direction (degrees, clockwise positive, as PageGrids), and the
  // thickness across it (px, that of a solid bar with the same spread).
  double angle = 0, thickness = 0;
};

// The blobs of a sparse mask. Only the bands of rows (or columns) that hold
// ink are labelled: they are packed side by side, one blank line apart, and
// labelled in one call. The angle is measured for blobs at least
// `angle_len` long along `horizontal`.
std::vector<Blob> sparse_blobs(const cv::Mat& mask, bool horizontal, int angle_len) {
  cv::Mat profile;
  cv::reduce(mask, profile, horizontal ? 1 : 0, cv::REDUCE_SUM, CV_32S);  // faster than MAX
  const int* prof = profile.ptr<int>();
  int n = horizontal ? mask.rows : mask.cols;
  std::vector<std::pair<int, int>> bands;  // [from, to) in the mask; packed at from - shift
  int packed_len = 0;
  for (int i = 0; i < n;) {
    if (!prof[i]) {
      ++i;
      continue;
    }
    int j = i;
    while (j < n && prof[j]) ++j;
    bands.emplace_back(i, j);
    packed_len += j - i + 1;
    i = j;
  }
  std::vector<Blob> out;
  if (bands.empty()) return out;
  cv::Mat packed = horizontal ? cv::Mat::zeros(packed_len, mask.cols, CV_8UC1)
                              : cv::Mat::zeros(mask.rows, packed_len, CV_8UC1);
  std::vector<int> starts;  // where each band begins in `packed`
  for (int at = 0; auto [from, to] : bands) {
    starts.push_back(at);
    if (horizontal) {
      mask.rowRange(from, to).copyTo(packed.rowRange(at, at + to - from));
    } else {
      mask.colRange(from, to).copyTo(packed.colRange(at, at + to - from));
    }
    at += to - from + 1;
  }
  cv::Mat labels;
  int count = cv::connectedComponents(packed, labels, 8, CV_32S);
  std::vector<LabelStats> stats = label_stats(labels, count);
  out.reserve(count);
  for (int k = 1; k < count; ++k) {
    Blob b;
    b.box = stats[k].box();
    b.area = stats[k].area;
    b.centroid = {stats[k].sum_x / b.area, stats[k].sum_y / b.area};
    int length = horizontal ? b.box.width : b.box.height;
    int across = horizontal ? b.box.height : b.box.width;
    double mean_across = double(b.area) / std::max(1, length);
    if (length >= angle_len && (across - mean_across) * 1000 <= length) {
      b.thickness = mean_across;  // level to within 0.06 degrees: not worth measuring
    } else if (length >= angle_len) {
      cv::Moments m = cv::moments(labels(b.box) == k, true);
      double axis = 0.5 * std::atan2(2 * m.mu11, m.mu20 - m.mu02) * 180 / CV_PI;
      // A vertical ruling leans left (its axis turns past 90 degrees) when
      // the page turns clockwise.
      b.angle = horizontal ? axis : (axis > 0 ? axis - 90 : axis + 90);
      double half = (m.mu20 + m.mu02) / 2;
      double minor = half - std::hypot((m.mu20 - m.mu02) / 2, m.mu11);
      b.thickness = std::sqrt(12 * std::max(0.0, minor) / std::max(1.0, m.m00));
    }
    // Back to mask coordinates.
    int packed_at = horizontal ? b.box.y : b.box.x;
    size_t band = std::upper_bound(starts.begin(), starts.end(), packed_at) - starts.begin() - 1;
    int shift = bands[band].first - starts[band];
    (horizontal ? b.box.y : b.box.x) += shift;
    (horizontal ? b.centroid.y : b.centroid.x) += shift;
    out.push_back(b);
  }
  return out;
}

// Length-weighted median tilt of the blobs at least `min_len` long and at
// most `max_thick` thick (a line of text bridged into a bar is thicker than
// a ruling), within the skew range; the total length behind it.
struct Tilt {
  double degrees = 0, length = 0;
};

std::optional<Tilt> median_tilt(const std::vector<Blob>& blobs, bool horizontal, int min_len,
                                double max_thick, double max_deg) {
  std::vector<std::pair<double, double>> angles;  // (degrees, weight)
  double total = 0;
  for (const Blob& b : blobs) {
    int len = horizontal ? b.box.width : b.box.height;
    if (len < min_len || b.thickness > max_thick || std::abs(b.angle) > max_deg) continue;
    angles.emplace_back(b.angle, len);
    total += len;
  }
  if (angles.empty()) return std::nullopt;
  std::sort(angles.begin(), angles.end());
  double acc = 0;
  for (auto& a : angles) {
    acc += a.second;
    if (acc >= total / 2) return Tilt{a.first, total};
  }
  return Tilt{angles.back().first, total};
}

// Tilt of the rulings of one direction that may be tilted by up to
// max_skew_degrees, measured on a 2x2 max-pooled copy (a quarter of the
// work; long lines still give the angle to a few hundredths of a degree).
// The source is thickened across the ruling so that a tilted 1 px line
// still has runs long enough to survive the opening. Wide gaps are bridged
// too, as a faint scanned ruling may be little more than dashes; only long
// thin blobs count, so bridged glyphs do no harm. Lengths in full-size px.
std::optional<Tilt> tilted_rulings(const cv::Mat& source, bool horizontal, int len, int min_len,
                                   int gap, double max_thick, const GridDetectorOptions& o) {
  cv::Mat band = max_pool(source, 2);
  len /= 2;
  int k = odd(int(std::ceil(len * std::tan(o.max_skew_degrees * CV_PI / 180))) + 1);
  cv::dilate(band, band, horizontal ? rect_kernel(1, k) : rect_kernel(k, 1));
  band = fill_gaps(band, horizontal, gap / 2);
  band = open_along(band, horizontal, len);
  return median_tilt(sparse_blobs(band, horizontal, min_len / 2), horizontal, min_len / 2,
                     k + max_thick / 2, o.max_skew_degrees);
}

// One connected piece of a ruling mask, in working-image px. For a
// horizontal piece `pos` is its y and [a, b) its x extent; transposed for a
// vertical one.
struct Piece {
  double pos = 0, a = 0, b = 0, thick = 0;
};

std::vector<Piece> to_pieces(const std::vector<Blob>& blobs, bool horizontal, const Scale& s) {
  std::vector<Piece> out;
  for (const Blob& bl : blobs) {
    const cv::Rect& r = bl.box;
    Piece p =
        horizontal
            ? Piece{bl.centroid.y, double(r.x), double(r.x + r.width), double(bl.area) / r.width}
            : Piece{bl.centroid.x, double(r.y), double(r.y + r.height), double(bl.area) / r.height};
    if (p.thick <= s.max_thick) out.push_back(p);
  }
  return out;
}

// The share of a piece's length along which ink lies close by on both
// sides: glyphs. Aligned letters of consecutive rows (the "j" of
// "Porcentaje" repeated down a column), bridged across tight rows and the
// rulings between them, make a long thin vertical run that passes every
// other test; a drawn ruling has the cells' padding either side, except
// where rulings cross it.
double flanked_share(const cv::Mat& bin, const Piece& p, bool horizontal, const Scale& s) {
  int reach = std::max(2, int(std::lround(0.12 * s.em)));  // clear of the stroke's blur
  int width = std::max(2, int(std::lround(0.1 * s.em)));   // window that finds a letter
  int across = horizontal ? bin.rows : bin.cols;
  int along = horizontal ? bin.cols : bin.rows;
  int lo = int(std::lround(p.pos - p.thick / 2)) - reach - width;
  int hi = int(std::lround(p.pos + p.thick / 2)) + reach;
  if (lo < 0 || hi + width > across) return 0;
  int t0 = std::max(0, int(p.a)), t1 = std::min(along, int(p.b));
  if (t1 <= t0) return 0;
  auto inked = [&](int from, int t) {
    for (int k = from; k < from + width; ++k) {
      if (horizontal ? bin.at<uchar>(k, t) : bin.at<uchar>(t, k)) return true;
    }
    return false;
  };
  int flanked = 0;
  for (int t = t0; t < t1; ++t) flanked += inked(lo, t) && inked(hi, t);
  return double(flanked) / (t1 - t0);
}

// Collinear pieces joined across small gaps.
struct Line {
  double pos = 0, a = 0, b = 0, thick = 0;
  std::vector<int> pieces;
  bool alive = true;
  bool inferred = false;  // an open table edge (open_edges), not drawn
  double length() const { return b - a; }
};

std::vector<Line> merge_collinear(const std::vector<Piece>& pieces, const Scale& s) {
  std::vector<int> order(pieces.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int l, int r) { return pieces[l].a < pieces[r].a; });
  std::vector<Line> lines;
  for (int i : order) {
    const Piece& p = pieces[i];
    Line* host = nullptr;
    for (Line& l : lines) {
      double pos_tol = std::max(2.0, (l.thick + p.thick) / 2);
      if (std::abs(l.pos - p.pos) <= pos_tol && p.a <= l.b + s.merge_gap) {
        host = &l;
        break;
      }
    }
    if (!host) {
      lines.push_back({p.pos, p.a, p.b, p.thick, {i}});
      continue;
    }
    double wl = host->length(), wp = p.b - p.a;
    host->pos = (host->pos * wl + p.pos * wp) / (wl + wp);
    host->thick = std::max(host->thick, p.thick);
    host->b = std::max(host->b, p.b);
    host->pieces.push_back(i);
  }
  return lines;
}

// Joins collinear lines whose gaps no crossing ruling explains: scanner
// dropouts or toner gaps in a cell's edge, too wide for merge_gap. An edge
// that is not drawn (a merged cell, two tables side by side) has crossing
// rulings at both ends of its gap, or inside it; a dropout has one at one
// end at most. The lines of a chain across such gaps are one ruling only
// when the chain's far ends meet crossing rulings, as a ruling's do: a
// line of print bridged into bars starts and ends in mid-cell.
template <typename IsGlyphs>
void bridge_gaps(std::vector<Line>& lines, const std::vector<Line>& across, const Scale& s,
                 IsGlyphs is_glyphs) {
  auto crossing_near = [&](double pos, double at, double tol) {
    return std::any_of(across.begin(), across.end(), [&](const Line& x) {
      return std::abs(x.pos - at) <= tol && pos >= x.a - s.joint_tol && pos <= x.b + s.joint_tol;
    });
  };
  // Whether the gap from l to r (r after l) may be a dropout.
  auto bridgeable = [&](const Line& l, const Line& r) {
    double gap = r.a - l.b;
    if (gap <= 0 || gap > s.max_bridge) return false;
    if (std::abs(l.pos - r.pos) > std::max(2.0, (l.thick + r.thick) / 2)) return false;
    bool inside = std::any_of(across.begin(), across.end(), [&](const Line& x) {
      return x.pos > l.b + s.joint_tol && x.pos < r.a - s.joint_tol && l.pos >= x.a - s.joint_tol &&
             l.pos <= x.b + s.joint_tol;
    });
    return !inside &&
           !(crossing_near(l.pos, l.b, s.joint_tol) && crossing_near(l.pos, r.a, s.joint_tol));
  };
  std::sort(lines.begin(), lines.end(), [](const Line& l, const Line& r) { return l.a < r.a; });
  std::vector<bool> used(lines.size(), false);
  std::vector<Line> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (used[i]) continue;
    // The chain from line i: each next line the nearest bridgeable one.
    std::vector<size_t> chain = {i};
    if (!is_glyphs(lines[i])) {
      for (bool grown = true; grown;) {
        grown = false;
        const Line& last = lines[chain.back()];
        for (size_t j = 0; j < lines.size(); ++j) {
          if (used[j] || j == chain.back()) continue;
          if (bridgeable(last, lines[j]) && !is_glyphs(lines[j])) {
            chain.push_back(j);
            grown = true;
            break;
          }
        }
      }
    }
    const Line& first = lines[chain.front()];
    const Line& end = lines[chain.back()];
    bool ruling = chain.size() > 1 && crossing_near(first.pos, first.a, s.bridge_end_tol) &&
                  crossing_near(end.pos, end.b, s.bridge_end_tol);
    if (!ruling) chain.resize(1);
    Line joined = first;
    for (size_t k = 1; k < chain.size(); ++k) {
      const Line& r = lines[chain[k]];
      double wl = joined.length(), wr = r.length();
      joined.pos = (joined.pos * wl + r.pos * wr) / (wl + wr);
      joined.thick = std::max(joined.thick, r.thick);
      joined.b = std::max(joined.b, r.b);
      joined.pieces.insert(joined.pieces.end(), r.pieces.begin(), r.pieces.end());
    }
    for (size_t k : chain) used[k] = true;
    out.push_back(std::move(joined));
  }
  lines = std::move(out);
}

// Whether h and v meet; each may fall short of the other by its tolerance.
bool crosses(const Line& h, const Line& v, double h_tol, double v_tol) {
  return v.pos >= h.a - h_tol && v.pos <= h.b + h_tol && h.pos >= v.a - v_tol &&
         h.pos <= v.b + v_tol;
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  bool unite(int x, int y) {
    x = find(x);
    y = find(y);
    if (x == y) return false;
    parent[std::max(x, y)] = std::min(x, y);
    return true;
  }
};

// Rulings of one table and the rules that decide which rulings are real.
struct Rulings {
  std::vector<Line>& hs;
  std::vector<Line>& vs;
  const Scale& s;

  bool is_short(const Line& l, bool horizontal) const {
    return l.length() < (horizontal ? s.long_h : s.long_v);
  }
  // A short ruling must reach what it crosses: a tall glyph ("$", "|") can
  // nearly fill its row, a drawn separator meets its neighbours.
  bool meet(const Line& h, const Line& v) const {
    return crosses(h, v, is_short(h, true) ? s.short_joint_tol : s.joint_tol,
                   is_short(v, false) ? s.short_joint_tol : s.joint_tol);
  }
  int support(const Line& l, bool horizontal) const {
    int n = 0;
    for (const Line& o : horizontal ? vs : hs) {
      if (o.alive) n += horizontal ? meet(l, o) : meet(o, l);
    }
    return n;
  }
  // Drops rulings that meet fewer than two others, until none does.
  void prune() {
    for (bool changed = true; changed;) {
      changed = false;
      for (Line& h : hs) {
        if (h.alive && support(h, true) < 2) h.alive = false, changed = true;
      }
      for (Line& v : vs) {
        if (v.alive && support(v, false) < 2) v.alive = false, changed = true;
      }
    }
  }
  // Keeps the rulings that meet at least two others. Fragments of text that
  // passed the length test can prop each other up (a bar and a stem of one
  // word cross), so support is built outwards from the long rulings: first
  // those that meet two long ones, then any that meets two kept ones.
  void select() {
    for (Line& h : hs) h.alive = !is_short(h, true);
    for (Line& v : vs) v.alive = !is_short(v, false);
    prune();
    for (bool grown = true; grown;) {
      grown = false;
      for (Line& h : hs) {
        if (!h.alive && support(h, true) >= 2) h.alive = grown = true;
      }
      for (Line& v : vs) {
        if (!v.alive && support(v, false) >= 2) v.alive = grown = true;
      }
    }
  }
  // Tables: the connected groups of meeting rulings, as (horizontal,
  // vertical) lists.
  std::vector<std::pair<std::vector<Line*>, std::vector<Line*>>> groups() {
    int nh = int(hs.size());
    UnionFind uf(nh + int(vs.size()));
    for (int i = 0; i < nh; ++i) {
      for (size_t j = 0; j < vs.size(); ++j) {
        if (hs[i].alive && vs[j].alive && meet(hs[i], vs[j])) uf.unite(i, nh + int(j));
      }
    }
    std::vector<std::pair<std::vector<Line*>, std::vector<Line*>>> out;
    std::vector<int> slot(nh + vs.size(), -1);
    for (int i = 0; i < nh; ++i) {
      if (!hs[i].alive) continue;
      int& k = slot[uf.find(i)];
      if (k < 0) k = int(out.size()), out.emplace_back();
      out[k].first.push_back(&hs[i]);
    }
    for (size_t j = 0; j < vs.size(); ++j) {
      if (!vs[j].alive || slot[uf.find(nh + int(j))] < 0) continue;
      out[slot[uf.find(nh + int(j))]].second.push_back(&vs[j]);
    }
    return out;
  }
};

// Boundary positions from line positions: gaps above `tol` separate
// clusters; each cluster sits at the length-weighted mean of its lines.
// `cluster_of` receives each line's cluster index.
std::vector<double> cluster_positions(const std::vector<const Line*>& lines, double tol,
                                      std::vector<int>& cluster_of) {
  std::vector<int> order(lines.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int l, int r) { return lines[l]->pos < lines[r]->pos; });
  cluster_of.assign(lines.size(), -1);
  std::vector<double> out;
  double sum = 0, weight = 0, last = 0;
  for (int i : order) {
    const Line& l = *lines[i];
    if (weight > 0 && l.pos - last > tol) {
      out.push_back(sum / weight);
      sum = weight = 0;
    }
    sum += l.pos * l.length();
    weight += l.length();
    last = l.pos;
    cluster_of[i] = int(out.size());
  }
  if (weight > 0) out.push_back(sum / weight);
  return out;
}

// Two boundaries closer than `min_gap` leave no room for a row or column
// of text: one is a glyph column or a word that passed for a ruling next to
// a real one. Kills the lines of the weaker (less ruled length) boundary of
// each such pair; returns whether any died.
bool drop_crowded(const std::vector<Line*>& lines, double tol, double min_gap) {
  std::vector<const Line*> view(lines.begin(), lines.end());
  std::vector<int> cluster_of;
  std::vector<double> pos = cluster_positions(view, tol, cluster_of);
  std::vector<double> weight(pos.size(), 0);
  for (size_t i = 0; i < lines.size(); ++i) weight[cluster_of[i]] += lines[i]->length();
  std::vector<bool> dead(pos.size(), false);
  for (size_t k = 1; k < pos.size(); ++k) {
    size_t prev = k - 1;
    while (prev > 0 && dead[prev]) --prev;
    if (dead[prev] || pos[k] - pos[prev] >= min_gap) continue;
    dead[weight[k] < weight[prev] ? k : prev] = true;
  }
  bool any = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (dead[cluster_of[i]]) lines[i]->alive = false, any = true;
  }
  return any;
}

// Fraction of [lo, hi] covered by the union of `intervals`, counting gaps
// up to `bridge` between them as covered (dropouts of a faint ruling).
double coverage(std::vector<std::pair<double, double>> intervals, double lo, double hi,
                double bridge) {
  if (hi <= lo) return 1;
  std::sort(intervals.begin(), intervals.end());
  double covered = 0;
  std::optional<std::pair<double, double>> run;
  auto flush = [&] {
    if (run) covered += std::max(0.0, std::min(run->second, hi) - std::max(run->first, lo));
  };
  for (auto [a, b] : intervals) {
    if (!run || a > run->second + bridge) {
      flush();
      run = {a, b};
    } else {
      run->second = std::max(run->second, b);
    }
  }
  flush();
  return covered / (hi - lo);
}

// The unruled outer boundaries of one table. Where a page break cut a
// spreadsheet, its first or last row may have no ruling on its outer side,
// yet the verticals (or, for a side, the horizontals) run on past the
// outermost crossing ruling: when both outermost of them do, or at least
// half of them and two, the boundary is where they end (their median end).
// Or the outer ruling is drawn over some columns only (a merged cell left
// open where the page cut it) while both outermost verticals end there: the
// boundary is that ruling's, across the whole table. Either way a ruling is
// made there, so that the rulings ending at it meet two crossing ones and
// the row it closes is a row of the table. One long line running on alone
// is decoration, not an open edge.
std::vector<Line> open_edges(const std::vector<Line*>& lines, const std::vector<Line*>& across,
                             const Scale& s) {
  std::vector<Line> out;
  if (lines.size() < 2 || across.empty()) return out;
  auto by_pos = [](const Line* l, const Line* r) { return l->pos < r->pos; };
  const Line* first = *std::min_element(lines.begin(), lines.end(), by_pos);
  const Line* last = *std::max_element(lines.begin(), lines.end(), by_pos);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Line* l : across) lo = std::min(lo, l->pos), hi = std::max(hi, l->pos);
  auto edge_line = [&](double pos) {
    Line l;
    l.pos = pos;
    l.a = first->pos;
    l.b = last->pos;
    l.thick = 1;
    l.inferred = true;
    return l;
  };
  for (bool before : {true, false}) {
    double edge = before ? lo : hi;
    auto end_of = [before](const Line* l) { return before ? l->a : l->b; };
    std::vector<double> ends;
    bool outer = true;
    for (const Line* l : lines) {
      bool runs_on = (before ? edge - end_of(l) : end_of(l) - edge) > s.open_border;
      if (runs_on) ends.push_back(end_of(l));
      if ((l == first || l == last) && !runs_on) outer = false;
    }
    if (ends.size() >= 2 && (outer || 2 * ends.size() >= lines.size())) {
      std::nth_element(ends.begin(), ends.begin() + ends.size() / 2, ends.end());
      out.push_back(edge_line(ends[ends.size() / 2]));
      continue;
    }
    // Both outermost lines end at the outer ruling, which leaves part of
    // the width open.
    auto ends_at_edge = [&](const Line* l) { return std::abs(end_of(l) - edge) <= s.joint_tol; };
    if (!ends_at_edge(first) || !ends_at_edge(last)) continue;
    std::vector<std::pair<double, double>> drawn;
    for (const Line* l : across) {
      if (std::abs(l->pos - edge) <= s.cluster_tol) drawn.emplace_back(l->a, l->b);
    }
    if (coverage(drawn, first->pos, last->pos, s.merge_gap) < kClosedEdgeCoverage) {
      out.push_back(edge_line(edge));
    }
  }
  return out;
}

// A table in working-image px before conversion to points.
struct RawTable {
  std::vector<double> rows, cols;  // boundary positions
  std::vector<GridCell> cells;     // boxes unset
  bool open_top = false, open_bottom = false, open_left = false, open_right = false;
};

// Builds the grid of one group of rulings; false if it is not a table.
// An internal edge ruled along this share of its length or more is
// clearly drawn: no merged region holds one.
constexpr double kDrawnEdge = 0.8;

bool build_table(const std::vector<const Line*>& hs, const std::vector<const Line*>& vs,
                 const std::vector<Piece>& hpieces, const std::vector<Piece>& vpieces,
                 const Scale& s, const GridDetectorOptions& o, RawTable& t) {
  std::vector<int> hcl, vcl;
  t.rows = cluster_positions(hs, s.cluster_tol, hcl);
  t.cols = cluster_positions(vs, s.cluster_tol, vcl);
  int nr = int(t.rows.size()) - 1, nc = int(t.cols.size()) - 1;
  if (nr < 1 || nc < 1 || nr * nc < o.min_cells) return false;
  // An outer boundary made only of inferred rulings is open.
  auto only_inferred = [](const std::vector<const Line*>& lines, const std::vector<int>& cl,
                          int cluster) {
    bool any = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (cl[i] != cluster) continue;
      if (!lines[i]->inferred) return false;
      any = true;
    }
    return any;
  };
  t.open_top = only_inferred(hs, hcl, 0);
  t.open_bottom = only_inferred(hs, hcl, nr);
  t.open_left = only_inferred(vs, vcl, 0);
  t.open_right = only_inferred(vs, vcl, nc);

  // The ruled intervals along every boundary.
  std::vector<std::vector<std::pair<double, double>>> hcov(nr + 1), vcov(nc + 1);
  for (size_t i = 0; i < hs.size(); ++i) {
    for (int p : hs[i]->pieces) hcov[hcl[i]].emplace_back(hpieces[p].a, hpieces[p].b);
  }
  for (size_t i = 0; i < vs.size(); ++i) {
    for (int p : vs[i]->pieces) vcov[vcl[i]].emplace_back(vpieces[p].a, vpieces[p].b);
  }
  // The ends of an edge lie inside the crossing rulings; leave them out.
  // Dropouts shorter than half an em are bridged: narrower than any
  // column (min_cell), so a missing edge between two ruled ones is not.
  double margin = std::max(2.0, 0.2 * s.em);
  double bridge = std::min(0.5 * s.em, s.min_cell - 1);
  // Each internal edge's ruled share: 1 drawn, 0 not drawn. hf[r][c] is
  // the edge above row r in column c; vf[r][c] the edge left of column c in
  // row r.
  std::vector<std::vector<double>> hf(nr + 1, std::vector<double>(nc, 1));
  std::vector<std::vector<double>> vf(nr, std::vector<double>(nc + 1, 1));
  struct Join {
    double coverage;
    int a, b;
  };
  std::vector<Join> joins;
  for (int r = 1; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      hf[r][c] = coverage(hcov[r], t.cols[c] + margin, t.cols[c + 1] - margin, bridge);
      if (hf[r][c] < o.edge_coverage) joins.push_back({hf[r][c], (r - 1) * nc + c, r * nc + c});
    }
  }
  for (int c = 1; c < nc; ++c) {
    for (int r = 0; r < nr; ++r) {
      vf[r][c] = coverage(vcov[c], t.rows[r] + margin, t.rows[r + 1] - margin, bridge);
      if (vf[r][c] < o.edge_coverage) joins.push_back({vf[r][c], r * nc + c - 1, r * nc + c});
    }
  }
  // Merged regions are rectangles: two regions an unruled edge separates
  // become the rectangle around both. The surest joins (the least ruled
  // edges) go first, and a join is refused when its rectangle would hold
  // an edge that is clearly drawn: a damaged ruling under a section row
  // would otherwise merge the section with the whole block below it, cell
  // after ruled cell.
  struct Span {
    int r0, c0, r1, c1;
  };
  std::vector<Span> span(nr * nc);
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) span[r * nc + c] = {r, c, r, c};
  }
  UnionFind uf(nr * nc);
  auto holds_drawn_edge = [&](const Span& b) {
    for (int r = b.r0 + 1; r <= b.r1; ++r) {
      for (int c = b.c0; c <= b.c1; ++c) {
        if (hf[r][c] >= kDrawnEdge) return true;
      }
    }
    for (int c = b.c0 + 1; c <= b.c1; ++c) {
      for (int r = b.r0; r <= b.r1; ++r) {
        if (vf[r][c] >= kDrawnEdge) return true;
      }
    }
    return false;
  };
  std::stable_sort(joins.begin(), joins.end(),
                   [](const Join& x, const Join& y) { return x.coverage < y.coverage; });
  for (bool changed = true; changed;) {
    changed = false;
    for (const Join& j : joins) {
      int ra = uf.find(j.a), rb = uf.find(j.b);
      if (ra == rb) continue;
      const Span &x = span[ra], &y = span[rb];
      Span box{std::min(x.r0, y.r0), std::min(x.c0, y.c0), std::max(x.r1, y.r1),
               std::max(x.c1, y.c1)};
      // The rectangle takes in whole regions: grow it over those it cuts.
      for (bool grown = true; grown;) {
        grown = false;
        for (int r = box.r0; r <= box.r1; ++r) {
          for (int c = box.c0; c <= box.c1; ++c) {
            const Span& z = span[uf.find(r * nc + c)];
            Span wider{std::min(box.r0, z.r0), std::min(box.c0, z.c0), std::max(box.r1, z.r1),
                       std::max(box.c1, z.c1)};
            if (wider.r0 != box.r0 || wider.c0 != box.c0 || wider.r1 != box.r1 ||
                wider.c1 != box.c1) {
              box = wider;
              grown = true;
            }
          }
        }
      }
      if (holds_drawn_edge(box)) continue;
      for (int r = box.r0; r <= box.r1; ++r) {
        for (int c = box.c0; c <= box.c1; ++c) uf.unite(ra, r * nc + c);
      }
      span[uf.find(ra)] = box;
      changed = true;
    }
  }
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      const Span& sp = span[uf.find(r * nc + c)];
      if (sp.r0 != r || sp.c0 != c) continue;
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.row_span = sp.r1 - sp.r0 + 1;
      cell.col_span = sp.c1 - sp.c0 + 1;
      t.cells.push_back(cell);
    }
  }
  return true;
}

// Maps a point of the working (upright) image back to the given image.
cv::Point2d map_point(const cv::Matx23d& m, double x, double y) {
  return {m(0, 0) * x + m(0, 1) * y + m(0, 2), m(1, 0) * x + m(1, 1) * y + m(1, 2)};
}

CellGrid to_points(const RawTable& t, const cv::Matx23d& back, double px_per_pt) {
  CellGrid g;
  double cx = (t.cols.front() + t.cols.back()) / 2, cy = (t.rows.front() + t.rows.back()) / 2;
  for (double y : t.rows) g.row_edges.push_back(map_point(back, cx, y).y / px_per_pt);
  for (double x : t.cols) g.col_edges.push_back(map_point(back, x, cy).x / px_per_pt);
  g.bbox = {g.col_edges.front(), g.row_edges.front(), g.col_edges.back(), g.row_edges.back()};
  g.open_top = t.open_top, g.open_bottom = t.open_bottom;
  g.open_left = t.open_left, g.open_right = t.open_right;
  for (GridCell cell : t.cells) {
    double x0 = t.cols[cell.col], x1 = t.cols[cell.col + cell.col_span];
    double y0 = t.rows[cell.row], y1 = t.rows[cell.row + cell.row_span];
    cv::Point2d c = map_point(back, (x0 + x1) / 2, (y0 + y1) / 2);
    double hw = (x1 - x0) / 2, hh = (y1 - y0) / 2;
    cell.box = Box{c.x - hw, c.y - hh, c.x + hw, c.y + hh}.scaled(1 / px_per_pt);
    g.cells.push_back(std::move(cell));
  }
  return g;
}

// The pieces of a ruling drawn as a line, a thin fill or a visible fill's
// edge, in working px.
void add_pieces(const std::vector<Ruling>& rulings, double px_per_pt, const Scale& s,
                std::vector<Piece>& hpieces, std::vector<Piece>& vpieces) {
  for (const Ruling& r : rulings) {
    Piece p{r.pos * px_per_pt, r.from * px_per_pt, r.to * px_per_pt,
            std::max(1.0, r.width * px_per_pt)};
    if (p.thick > s.max_thick) continue;
    (r.horizontal ? hpieces : vpieces).push_back(p);
  }
}

// Tables from ruling pieces (working px): pieces joined into lines, the
// lines that make tables chosen, open edges closed, grids built and mapped
// to the given image's points through `back`, into out.tables; every
// horizontal line into out.horizontal_rulings. `h_glyphs` / `v_glyphs` tell
// a line that is print bridged into a bar (only pixels can); null when the
// pieces are drawn lines, whose gaps are real too: nothing is bridged.
void find_tables(const std::vector<Piece>& hpieces, const std::vector<Piece>& vpieces,
                 const Scale& s, const GridDetectorOptions& o,
                 const std::function<bool(const Line&)>& h_glyphs,
                 const std::function<bool(const Line&)>& v_glyphs, const cv::Matx23d& back,
                 double px_per_pt, PageGrids& out) {
  std::vector<CellGrid>& tables = out.tables;
  std::vector<Line> hs = merge_collinear(hpieces, s);
  std::vector<Line> vs = merge_collinear(vpieces, s);
  if (h_glyphs && v_glyphs) {
    bridge_gaps(hs, vs, s, h_glyphs);
    bridge_gaps(vs, hs, s, v_glyphs);
  }
  // Every horizontal ruling, in or out of a grid, for the tables found
  // from text (a rule under a header, rules between rows): as long as the
  // raster detector's shortest, so that drawn dashes, ticks and underlines
  // of single words count no more than they do in pixels.
  for (const Line& l : hs) {
    if (l.length() < s.hline) continue;
    cv::Point2d a = map_point(back, l.a, l.pos), b = map_point(back, l.b, l.pos);
    out.horizontal_rulings.push_back({true, (a.y + b.y) / 2 / px_per_pt,
                                      std::min(a.x, b.x) / px_per_pt,
                                      std::max(a.x, b.x) / px_per_pt, l.thick / px_per_pt});
  }
  Rulings rulings{hs, vs, s};
  // Drawn lines are never glyphs passing for rulings: two boundaries
  // close together are both drawn (a thin row beside a number box).
  const bool drawn = !h_glyphs;
  auto choose = [&] {
    rulings.select();
    for (int round = 0; round < 4 && !drawn; ++round) {
      bool dropped = false;
      for (auto& [gh, gv] : rulings.groups()) {
        dropped |= drop_crowded(gh, s.cluster_tol, s.min_cell);
        dropped |= drop_crowded(gv, s.cluster_tol, s.min_cell);
      }
      if (!dropped) break;
      rulings.prune();
    }
  };
  choose();
  // Tables a page break left open get their missing outer rulings, and the
  // rulings are chosen again with them (the short ones of an open row now
  // meet two).
  std::vector<Line> hedges, vedges;
  for (auto& [gh, gv] : rulings.groups()) {
    for (Line& l : open_edges(gv, gh, s)) hedges.push_back(std::move(l));
    for (Line& l : open_edges(gh, gv, s)) vedges.push_back(std::move(l));
  }
  if (!hedges.empty() || !vedges.empty()) {
    hs.insert(hs.end(), hedges.begin(), hedges.end());
    vs.insert(vs.end(), vedges.begin(), vedges.end());
    choose();
  }
  for (auto& [gh, gv] : rulings.groups()) {
    RawTable t;
    if (build_table({gh.begin(), gh.end()}, {gv.begin(), gv.end()}, hpieces, vpieces, s, o, t)) {
      tables.push_back(to_points(t, back, px_per_pt));
    }
  }
  std::sort(tables.begin(), tables.end(), reading_order);
}

}  // namespace

PageGrids detect_grids(const cv::Mat& image, double px_per_pt, const GridDetectorOptions& o,
                       const std::vector<Ruling>& stated) {
  if (!(px_per_pt > 0)) throw std::invalid_argument("detect_grids: px_per_pt must be positive");
  PageGrids out;
  // Too small to hold a table with text in it (and to downscale safely).
  constexpr int kMinSidePx = 32;
  if (image.empty() || image.rows < kMinSidePx || image.cols < kMinSidePx) return out;
  cv::Mat grey = image;
  if (image.channels() == 3) cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  if (image.channels() == 4) cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  if (grey.depth() == CV_16U) grey.convertTo(grey, CV_8U, 1.0 / 257);
  if (grey.depth() != CV_8U) grey.convertTo(grey, CV_8U);

  double noise = noise_sigma(grey);
  cv::Mat bin = binarize(grey, noise, px_per_pt, o);
  double em = o.text_height_pt > 0 ? o.text_height_pt * px_per_pt : estimate_em(bin, px_per_pt);
  Scale s = make_scale(em, px_per_pt, bin.size(), o);

  Masks masks = find_masks(bin, s);
  // Long rulings give the skew. On a level page (every born-digital one)
  // they are found as they are. Otherwise a search that tolerates tilt
  // measures both directions; a turned page turns both alike, while lines
  // of text (which have no vertical counterpart) are thicker than rulings.
  int long_h = std::max(2 * s.hline, bin.cols / 8);
  std::vector<Blob> hblobs = sparse_blobs(masks.hmask, true, long_h);
  std::optional<Tilt> level = median_tilt(hblobs, true, long_h, s.max_thick, o.max_skew_degrees);
  std::optional<double> skew;
  if (level && std::abs(level->degrees) < o.min_deskew_degrees) {
    skew = level->degrees;
  } else {
    int long_v = std::max(2 * s.vline, bin.rows / 8);
    double thin = o.max_thin_em * em;
    std::optional<Tilt> th = tilted_rulings(masks.hsource, true, std::max(s.hline, bin.cols / 25),
                                            long_h, int(s.merge_gap), thin, o);
    std::optional<Tilt> tv = tilted_rulings(masks.vsource, false, std::max(s.vline, bin.rows / 25),
                                            long_v, int(s.merge_gap), thin, o);
    if (th && tv) {
      skew = (th->degrees * th->length + tv->degrees * tv->length) / (th->length + tv->length);
    } else if (th || tv) {
      skew = (th ? th : tv)->degrees;
    } else if (level) {
      skew = level->degrees;
    }
  }
  out.skew_degrees = skew.value_or(0);
  out.text_height_pt = em / px_per_pt;
  if (std::abs(out.skew_degrees) >= o.skew_only_degrees) return out;
  cv::Matx23d back(1, 0, 0, 0, 1, 0);  // working image -> given image
  if (std::abs(out.skew_degrees) >= o.min_deskew_degrees) {
    // Rotating by the skew (counter-clockwise for a positive angle) makes
    // the rulings level.
    cv::Point2f centre(grey.cols / 2.0f, grey.rows / 2.0f);
    cv::Mat fwd = cv::getRotationMatrix2D(centre, out.skew_degrees, 1.0);
    // The ink itself is turned, nearest-neighbour: interpolating the grey
    // page would blur a faint ruling below the threshold.
    cv::warpAffine(bin, bin, fwd, bin.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                   cv::Scalar(0));
    cv::Mat inv;
    cv::invertAffineTransform(fwd, inv);
    back = cv::Matx23d(inv);
    masks = find_masks(bin, s);
    hblobs = sparse_blobs(masks.hmask, true, INT_MAX);
  }

  if (o.debug_image) {
    o.debug_image("binary", bin);
    o.debug_image("hmask", masks.hmask);
    o.debug_image("vmask", masks.vmask);
  }
  std::vector<Piece> hpieces = to_pieces(hblobs, true, s);
  std::vector<Piece> vpieces = to_pieces(sparse_blobs(masks.vmask, false, INT_MAX), false, s);
  std::erase_if(vpieces, [&](const Piece& p) {
    return flanked_share(bin, p, false, s) > o.max_flanked_share;
  });
  if (!stated.empty() && std::abs(out.skew_degrees) < o.min_deskew_degrees) {
    // The page's own rulings join those found in its pixels (a rule drawn
    // as an image, a hairline the render lost).
    add_pieces(stated, px_per_pt, s, hpieces, vpieces);
  }
  auto glyphs = [&](bool horizontal) {
    return [&, horizontal](const Line& l) {
      Piece p{l.pos, l.a, l.b, l.thick};
      return flanked_share(bin, p, horizontal, s) > o.max_flanked_share;
    };
  };
  find_tables(hpieces, vpieces, s, o, glyphs(true), glyphs(false), back, px_per_pt, out);
  return out;
}

std::vector<Ruling> drawn_rulings(const PageDrawing& drawing) {
  // Every stroke counts, whatever its colour: a white line between dark
  // cells shows, and where it runs on over white rows it still divides
  // the table as its author drew it (as Camelot and pdfplumber read it).
  std::vector<Ruling> out = drawing.rulings;
  // Fills lighter than this differ from paper by less than the raster
  // detector's threshold (15 grey levels): their edges do not show.
  constexpr double kMinContrast = 0.06;
  // Past this many fills the page is a pattern, not a table's cells.
  constexpr size_t kMaxFills = 3000;
  const std::vector<FilledBox>& fills = drawing.fills;
  if (fills.size() > kMaxFills) return out;
  constexpr double kTouch = 1.0;  // points: fills this close are adjacent
  for (const FilledBox& f : fills) {
    if (1 - f.grey < kMinContrast) continue;
    const Box& b = f.box;
    // Each side: along [a, b) at `pos`; `outside` is +1 when the paper
    // beyond the side lies at larger coordinates.
    struct Side {
      bool horizontal;
      double pos, a, b;
      int outside;
    };
    for (Side side : {Side{true, b.y0, b.x0, b.x1, -1}, Side{true, b.y1, b.x0, b.x1, +1},
                      Side{false, b.x0, b.y0, b.y1, -1}, Side{false, b.x1, b.y0, b.y1, +1}}) {
      // The stretches beyond the side that a fill of the same shade
      // covers: no edge shows there.
      std::vector<std::pair<double, double>> hidden;
      for (const FilledBox& g : fills) {
        if (&g == &f || std::abs(g.grey - f.grey) >= kMinContrast) continue;
        double lo = side.horizontal ? g.box.y0 : g.box.x0;
        double hi = side.horizontal ? g.box.y1 : g.box.x1;
        bool beyond = side.outside > 0 ? lo <= side.pos + kTouch && hi > side.pos + kTouch
                                       : hi >= side.pos - kTouch && lo < side.pos - kTouch;
        if (!beyond) continue;
        double a = std::max(side.a, side.horizontal ? g.box.x0 : g.box.y0);
        double z = std::min(side.b, side.horizontal ? g.box.x1 : g.box.y1);
        if (z > a) hidden.emplace_back(a, z);
      }
      std::sort(hidden.begin(), hidden.end());
      double at = side.a;
      auto emit = [&](double from, double to) {
        if (to - from > kTouch) out.push_back({side.horizontal, side.pos, from, to, 0.5, false});
      };
      for (auto [a, z] : hidden) {
        if (a > at) emit(at, a);
        at = std::max(at, z);
      }
      if (side.b > at) emit(at, side.b);
    }
  }
  return out;
}

PageGrids grids_from_rulings(const std::vector<Ruling>& rulings, double page_width,
                             double page_height, const GridDetectorOptions& o) {
  PageGrids out;
  // The scale the pixel tolerances of the raster detector were set at:
  // working at it, both paths apply the same rules.
  constexpr double kPxPerPt = 150.0 / 72;
  double em_pt = o.text_height_pt > 0 ? o.text_height_pt : kDefaultTextHeightPt;
  out.text_height_pt = em_pt;
  cv::Size page(std::max(1, int(page_width * kPxPerPt)), std::max(1, int(page_height * kPxPerPt)));
  Scale s = make_scale(em_pt * kPxPerPt, kPxPerPt, page, o);
  std::vector<Piece> hpieces, vpieces;
  add_pieces(rulings, kPxPerPt, s, hpieces, vpieces);
  cv::Matx23d identity(1, 0, 0, 0, 1, 0);
  find_tables(hpieces, vpieces, s, o, nullptr, nullptr, identity, kPxPerPt, out);
  return out;
}

}  // namespace pdfrecon
