#include "pdfrecon/page_reading.h"

#include <tbb/parallel_for_each.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <opencv2/imgproc.hpp>
#include <string>
#include <utility>
#include <vector>

#include "pdfrecon/binary_image.h"
#include "pdfrecon/cell_text.h"
#include "pdfrecon/date_grammar.h"
#include "pdfrecon/ocr_engine.h"
#include "pdfrecon/region_stack.h"
#include "pdfrecon/text_rows.h"
#include "pdfrecon/tinted_regions.h"
#include "pdfrecon/value_grammar.h"

namespace pdfrecon {
namespace {

// `b` (points) in pixels, grown by `grow` pixels on every side (shrunk when
// negative).
cv::Rect to_pixels(const Box& b, double px_per_pt, int grow = 0) {
  return cv::Rect(cv::Point(int(b.x0 * px_per_pt) - grow, int(b.y0 * px_per_pt) - grow),
                  cv::Point(int(b.x1 * px_per_pt) + grow, int(b.y1 * px_per_pt) + grow));
}

// The rulings of every cell painted white, so the recogniser sees each
// cell's text as a block of its own and no line is read as "|" or "l".
cv::Mat without_rulings(const cv::Mat& grey, const std::vector<CellGrid>& tables,
                        double px_per_pt) {
  cv::Mat clean = grey.clone();
  int thickness = std::max(2, int(std::lround(1.2 * px_per_pt)));
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) {
      cv::rectangle(clean, to_pixels(c.box, px_per_pt), cv::Scalar(255), thickness);
    }
  }
  return clean;
}

// Rulings a scan lost, found again from the text OCR read (text_rows.h);
// rulings read as glyphs ("| 15 |") go first. (A born-digital page loses
// no ruling: what it does not draw, it merges on purpose.)
void split_by_text(std::vector<CellGrid>& tables, TextLayer& text) {
  drop_ruling_glyphs(text.words, tables);
  for (CellGrid& t : tables) {
    split_columns_by_text(t, text.words);
    split_spans_by_text(t, text.words);
    split_rows_by_text(t, text.words);
  }
}

// Marks OCR'd cells and gives each the mean confidence of its words.
void mark_ocr_cells(const TextLayer& words, std::vector<CellGrid>& tables) {
  for (CellGrid& t : tables) {
    for (GridCell& c : t.cells) {
      double sum = 0;
      int n = 0;
      for (const Word& w : words.words) {
        if (c.box.contains(w.box.cx(), w.box.cy())) {
          sum += w.confidence;
          ++n;
        }
      }
      c.source = "ocr";
      c.confidence = n ? sum / n : 1.0;  // an empty cell is surely empty
    }
  }
}

// Cells whose print OCR's words leave partly uncovered (a line of the cell
// or a word at its end never recognised) get the ink-unread doubt: the
// judge of text layers (text_layer_judge.h) weighs OCR's own words against
// the ink as it weighs a layer's.
void mark_unread_ink(const TextLayer& words, const cv::Mat& clean_ink, double px_per_pt,
                     std::vector<CellGrid>& tables) {
  PageVerdict verdict = judge_text_layer(words, tables, clean_ink, px_per_pt, {});
  for (size_t t = 0; t < tables.size(); ++t) {
    for (size_t k = 0; k < tables[t].cells.size(); ++k) {
      GridCell& c = tables[t].cells[k];
      if ((verdict.cells[t][k].issues & kInkWithoutWords) && !c.text.empty()) {
        c.add_doubt(kDoubtInkUnread);
      }
    }
  }
}

// The cell's inside in pixels, clear of its rulings.
cv::Rect inner_pixels(const GridCell& c, double px_per_pt, const cv::Mat& image) {
  int inset = std::max(3, int(std::lround(1.5 * px_per_pt)));
  return to_pixels(c.box, px_per_pt, -inset) & cv::Rect(0, 0, image.cols, image.rows);
}

// Columns most of whose filled one-column cells read as values ("70,36%",
// "N/A", "12"): cells there are re-read as figures.
std::vector<bool> value_columns(const CellGrid& t, double share) {
  std::vector<int> filled(size_t(std::max(0, t.n_cols())), 0), values(filled.size(), 0);
  for (const GridCell& c : t.cells) {
    if (c.col_span != 1 || c.text.empty() || c.col >= int(filled.size())) continue;
    ++filled[size_t(c.col)];
    values[size_t(c.col)] += is_value(c.text);
  }
  std::vector<bool> out(filled.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = values[i] >= 3 && values[i] >= share * filled[i];
  }
  return out;
}

bool has_letter(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    return std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
  });
}

// Ink = 255, by Otsu's threshold over the whole image.
cv::Mat ink_mask(const cv::Mat& grey) {
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

// Reads one cell from the image on its own: PSM 7 for a one-line cell,
// PSM 6 for a block. A value cell is read with the figures' whitelist
// first; when that gives no value shape (a text note in a value column),
// it is read again without. A cell whose first reading holds a damaged
// date ("30ma/z023": a stamp over it) is read with the date's characters
// only, and that reading is kept when it is a date.
OcrEngine::Reading read_cell(const cv::Mat& grey, const cv::Rect& r, double px_per_pt,
                             bool value_cell, const std::string& first_reading, OcrEngine& ocr,
                             const PageReadingOptions& options) {
  bool one_line = r.height < options.one_line_below_pt * px_per_pt;
  int dpi = int(std::lround(px_per_pt * 72));
  // Values are printed on one line; a taller cell of a value column is a
  // note, unless what was read there first has no letters (a figure in a
  // row made tall by its neighbours).
  if (value_cell && (one_line || !has_letter(first_reading))) {
    OcrEngine::Reading figure = ocr.read_region(grey, r, true, kValueCharacters, dpi);
    if (is_value(figure.text)) return figure;
  }
  if (looks_like_damaged_date(first_reading)) {
    // Read as cut, with and without the date's whitelist: a date both
    // readings find alike is kept, surely; one found by one reading only
    // is kept unsure.
    OcrEngine::Reading plain = ocr.read_region(grey, r, one_line, {}, dpi, true);
    OcrEngine::Reading digits = ocr.read_region(grey, r, one_line, kDateCharacters, dpi, true);
    std::optional<std::string> a = mend_date(first_reading, plain.text);
    std::optional<std::string> b = mend_date(first_reading, digits.text);
    if (a || b) {
      OcrEngine::Reading date;
      date.text = a ? *a : *b;
      date.confidence = a && b && *a == *b
                            ? std::max({plain.confidence, digits.confidence, 0.9})
                            : std::min(0.5, std::max(plain.confidence, digits.confidence));
      return date;
    }
  }
  return ocr.read_region(grey, r, one_line, {}, dpi);
}

// A figure the page pass read with confidence is read a second time, alone
// and with the figures' whitelist: a digit misread in both readings alike
// is rare, a digit misread in one of them common ("73,00%" for "75,00%").
// Two values that the grammar reads differently are a doubt for the review
// policy, and the more confident reading is kept; two spellings of one
// value ("N/A" and "NA", "29.25%" and "29,25%") agree. A second reading
// that is no value says nothing; a first one that is no value ("100,00% -")
// gives way to a second that is. Cells with words (a note in a value
// column) are left alone.
void confirm_figure(const cv::Mat& grey, const cv::Rect& r, double px_per_pt, OcrEngine& ocr,
                    GridCell& c) {
  bool figure = is_value(c.text) ||
                (!has_letter(c.text) && c.text.find_first_of("0123456789") != std::string::npos);
  if (!figure) return;
  OcrEngine::Reading again =
      ocr.read_region(grey, r, true, kValueCharacters, int(std::lround(px_per_pt * 72)));
  ValueReading first = read_value(c.text), second = read_value(again.text);
  if (second.kind == ValueKind::kText) return;
  if (first.kind == ValueKind::kText) {
    c.text = c.raw_text = again.text;
    c.confidence = again.confidence;
    return;
  }
  if (first.text == second.text) {
    // Two readings agree: the surer one speaks for both.
    c.confidence = std::max(c.confidence, again.confidence);
    return;
  }
  if (again.confidence > c.confidence) c.text = c.raw_text = again.text;
  c.confidence = std::min(c.confidence, again.confidence);
  c.add_doubt(kDoubtReadingsDisagree);
}

// A figure that is still no value ("100,00% -", "7O") is for a person to
// read, whatever the recogniser's confidence.
void flag_broken_figures(std::vector<CellGrid>& tables) {
  for (CellGrid& t : tables) {
    for (GridCell& c : t.cells) {
      bool digits = c.text.find_first_of("0123456789") != std::string::npos;
      if (digits && !has_letter(c.text) && !is_value(c.text)) c.add_doubt(kDoubtNotAValue);
    }
  }
}

// Characters (UTF-8 code points) of `s`.
size_t char_count(const std::string& s) {
  return size_t(std::count_if(
      s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// Runs independent readings in parallel on the calling arena. Isolated:
// while this thread waits it takes only these tasks, never another page
// (whose engine, document and stack would then sit under this one's).
// Each task checks the page's deadline first, so a spent budget stops the
// readings not yet begun.
void run_readings(std::vector<std::function<void()>>& tasks, const Deadline& deadline) {
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for_each(tasks.begin(), tasks.end(), [&deadline](std::function<void()>& task) {
      deadline.check();
      task();
    });
  });
}

// Page segmentation drops isolated characters (a unit's "7") and misreads
// some short cells; such cells are read again on their own, and the better
// reading kept. Confident figures are confirmed (confirm_figure).
// `ink` is ink_mask(grey): empty cells with ink are weak.
void reread_weak_cells(const cv::Mat& grey, const cv::Mat& ink, double px_per_pt,
                       const PageReadingOptions& options, std::vector<CellGrid>& tables) {
  const double reread_below = options.reread_below;
  std::vector<std::function<void()>> tasks;
  for (CellGrid& t : tables) {
    std::vector<bool> value_col = value_columns(t, options.value_column_share);
    for (GridCell& c : t.cells) {
      cv::Rect r = inner_pixels(c, px_per_pt, grey);
      if (r.width < 4 || r.height < 4) continue;
      bool unread = std::find(c.doubts.begin(), c.doubts.end(), kDoubtInkUnread) != c.doubts.end();
      bool weak = c.text.empty() ? cv::countNonZero(ink(r)) > options.min_ink_pixels
                                 : c.confidence < reread_below || unread;
      bool value_cell = is_value(c.text) ||
                        (c.col_span == 1 && c.col < int(value_col.size()) && value_col[c.col]);
      if (!weak && !value_cell) continue;
      // Cells are read on whichever thread is free, each with its engine.
      tasks.push_back([&grey, &c, &options, r, px_per_pt, weak, value_cell, unread, reread_below] {
        OcrEngine& ocr = OcrEngine::for_this_thread(options.lang);
        if (!weak) {
          confirm_figure(grey, r, px_per_pt, ocr, c);
          return;
        }
        OcrEngine::Reading again = read_cell(grey, r, px_per_pt, value_cell, c.text, ocr, options);
        if (mend_date(c.text, again.text)) {
          // The date a stamp damaged, mended by a reading the grammar
          // accepts (read_cell); the stamp's ink is no print of the cell.
          c.text = c.raw_text = again.text;
          c.confidence = again.confidence;
          std::erase(c.doubts, std::string(kDoubtInkUnread));
          return;
        }
        if (unread) {
          // Read alone, the cell gives back more than the page pass did, as
          // surely: the print the stack lost is found. It gives back no
          // more: the ink nobody read is no print (a stamp, a signature).
          // Only more, unsure, leaves the doubt.
          bool more = char_count(again.text) > char_count(c.text);
          if (more && again.confidence >= reread_below) {
            c.text = c.raw_text = again.text;
            c.confidence = std::min(c.confidence, again.confidence);
          }
          if (!more || again.confidence >= reread_below) {
            std::erase(c.doubts, std::string(kDoubtInkUnread));
          }
          return;
        }
        if (!again.text.empty() && again.confidence > c.confidence - (c.text.empty() ? 1 : 0)) {
          c.text = again.text;
          c.raw_text = again.text;
          c.confidence = again.confidence;
        }
      });
    }
  }
  run_readings(tasks, options.deadline);
  flag_broken_figures(tables);
}

// Blank rows between stacked lines: about a line of print, so Tesseract
// never takes two lines for one.
int stack_gap(double px_per_pt) { return std::max(12, int(std::lround(6 * px_per_pt))); }

// A connected component's bounding box, from connectedComponentsWithStats.
cv::Rect component_box(const cv::Mat& stats, int i) {
  return {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
          stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)};
}

// A stack and how Tesseract is to read it.
struct StackReading {
  RegionStack stack;
  OcrEngine::Layout layout;
};

// The lines of text of every inked cell of the page's tables, cut clear of
// the rulings: pixel bands of `grey`, each as wide as its own ink plus a
// margin. (As wide as the cell's widest line, a short line's band carried
// specks into the line Tesseract reads: 2 % more recogniser work.)
std::vector<cv::Rect> cell_lines(const cv::Mat& grey, const cv::Mat& ink,
                                 const std::vector<CellGrid>& tables, double px_per_pt,
                                 int min_ink_pixels) {
  // Ink plus a margin either side: Tesseract wants some paper around text.
  int margin = std::max(4, int(std::lround(1.5 * px_per_pt)));
  std::vector<cv::Rect> lines;
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) {
      cv::Rect r = inner_pixels(c, px_per_pt, grey);
      if (r.width < 4 || r.height < 4 || cv::countNonZero(ink(r)) <= min_ink_pixels) continue;
      cv::Rect b = cv::boundingRect(ink(r)) + r.tl();
      for (auto [top, bottom] : text_line_bands(ink(b))) {
        cv::Rect band(b.x, b.y + top, b.width, bottom - top);
        cv::Rect own = cv::boundingRect(ink(band)) + band.tl();
        lines.push_back(cv::Rect(own.x - margin, band.y, own.width + 2 * margin, band.height) & r);
      }
    }
  }
  return lines;
}

// `lines` (cell_lines) in stacks (see RegionStack) read line by line.
void add_cell_stacks(const cv::Mat& grey, std::vector<cv::Rect> lines, double px_per_pt,
                     size_t stack_lines, std::vector<StackReading>& out) {
  // Lines of like width share a stack: a stack is as wide as its widest
  // line, and Tesseract's thresholding and line finding cost by the pixel,
  // so a figure's line is not padded to the width of an objective's. A
  // stack holds at most `stack_lines` lines, so that a page is several
  // readings and a worker out of pages can take some of the last one's.
  std::sort(lines.begin(), lines.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.width > b.width; });
  int gap = stack_gap(px_per_pt);
  for (size_t first = 0; first < lines.size();) {
    size_t end = first;
    while (end < lines.size() && end - first < stack_lines &&
           2 * lines[end].width >= lines[first].width) {
      ++end;
    }
    RegionStack stack(grey, {lines.begin() + long(first), lines.begin() + long(end)}, gap);
    first = end;
    if (!stack.empty()) out.push_back({std::move(stack), OcrEngine::Layout::kLines});
  }
}

// Text outside the tables (titles, footers, stamps), read with page layout
// analysis, but only where there is ink: the blocks of print around the
// tables, stacked, rather than the whole page.
void add_outside_stack(const cv::Mat& grey, const cv::Mat& ink, const std::vector<CellGrid>& tables,
                       double px_per_pt, int min_ink_pixels, std::vector<StackReading>& out) {
  cv::Mat rest = grey.clone(), rest_ink = ink.clone();
  int pad = std::max(2, int(std::lround(0.5 * px_per_pt)));
  for (const CellGrid& t : tables) {
    cv::Rect r = to_pixels(t.bbox, px_per_pt, pad) & cv::Rect(0, 0, rest.cols, rest.rows);
    rest(r).setTo(255);
    rest_ink(r).setTo(0);
  }
  // Blocks are found on a 4x4 max-pooled copy of the ink: the labels of a
  // full page would cost more memory than the page itself.
  constexpr int kPool = 4;
  cv::Mat pooled = max_pool(rest_ink, kPool);
  double px = px_per_pt / kPool;
  // What is left of the tables' outer rulings (skew, thick lines) is long
  // and thin, or a frame that is mostly hole: no print, and it would join
  // everything around a table into one block.
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(pooled, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    cv::Rect r = component_box(stats, i);
    double longer = std::max(r.width, r.height), shorter = std::min(r.width, r.height);
    double fill = stats.at<int>(i, cv::CC_STAT_AREA) / double(r.area());
    if (longer >= 10 * px && (longer >= 10 * shorter || fill < 0.1)) {
      pooled(r).setTo(0, labels(r) == i);
    }
  }
  // Words of a line and lines of a paragraph smudged into one block; a
  // speck of noise stays a speck.
  cv::Size reach(std::max(3, int(std::lround(6 * px))), std::max(3, int(std::lround(3 * px))));
  cv::dilate(pooled, pooled, cv::getStructuringElement(cv::MORPH_RECT, reach));
  n = cv::connectedComponentsWithStats(pooled, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> regions;
  const cv::Rect page(0, 0, rest.cols, rest.rows);
  for (int i = 1; i < n; ++i) {
    cv::Rect b = component_box(stats, i);
    cv::Rect r = cv::Rect(b.x * kPool, b.y * kPool, b.width * kPool, b.height * kPool) & page;
    // Less ink than a few letters: noise.
    if (r.empty() || cv::countNonZero(rest_ink(r)) <= 2 * min_ink_pixels) continue;
    regions.push_back(r);
  }
  std::sort(regions.begin(), regions.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  RegionStack stack(rest, regions, stack_gap(px_per_pt));
  if (!stack.empty()) out.push_back({std::move(stack), OcrEngine::Layout::kFind});
}

// All text of a levelled page image: the print around the tables and the
// cells' lines, in a few stacks read in parallel. `ink` is ink_mask(grey).
TextLayer read_page_text(cv::Mat grey, cv::Mat ink, const std::vector<CellGrid>& tables,
                         double px_per_pt, const PageReadingOptions& options) {
  // Tinted cells (shaded headers) are lifted to the page's paper first.
  std::vector<cv::Rect> cells;
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) cells.push_back(inner_pixels(c, px_per_pt, grey));
  }
  lift_tinted_regions(cells, grey, ink);
  std::vector<cv::Rect> lines = cell_lines(grey, ink, tables, px_per_pt, options.min_ink_pixels);
  std::vector<StackReading> stacks;
  add_outside_stack(grey, ink, tables, px_per_pt, options.min_ink_pixels, stacks);
  add_cell_stacks(grey, std::move(lines), px_per_pt, options.stack_lines, stacks);
  if (options.debug_image) {
    for (size_t i = 0; i < stacks.size(); ++i) {
      options.debug_image("stack-" + std::to_string(i + 1), stacks[i].stack.image());
    }
  }
  std::vector<TextLayer> read(stacks.size());
  std::vector<std::function<void()>> tasks;
  for (size_t i = 0; i < stacks.size(); ++i) {
    tasks.push_back([&, i] {
      OcrEngine& ocr = OcrEngine::for_this_thread(options.lang);
      const StackReading& s = stacks[i];
      TextLayer words = ocr.read_page(s.stack.image(), px_per_pt, s.layout, &options.deadline);
      read[i] = s.stack.to_page(std::move(words), px_per_pt);
    });
  }
  run_readings(tasks, options.deadline);
  TextLayer text;
  for (TextLayer& r : read) {
    text.words.insert(text.words.end(), std::make_move_iterator(r.words.begin()),
                      std::make_move_iterator(r.words.end()));
  }
  return text;
}

TextLayerJudgeOptions judge_options(const PageReadingOptions& options, bool ocr_layer) {
  TextLayerJudgeOptions o;
  o.known_word = options.known_word;
  o.ocr_layer = ocr_layer;
  return o;
}

}  // namespace

LevelledPage level_page(const PdfDocument& pdf, int index, double dpi,
                        const PageReadingOptions& options, const GridDetectorOptions& grid,
                        const std::vector<Ruling>& stated) {
  LevelledPage page;
  double native = pdf.scan_resolution(index);
  if (native < options.min_scan_dpi || native > dpi + 1) {
    page.grey = pdf.render_grey(index, dpi, true);
    page.level = deskew_page(page.grey, dpi / 72, grid, options.min_deskew_degrees, 1, stated);
    return page;
  }
  // A page that is just its scan is read straight from the file (half the
  // cost of rendering it).
  page.grey = pdf.scan_image(index);
  if (page.grey.empty()) {
    page.grey = pdf.render_grey(index, native, true);
  } else {
    cv::GaussianBlur(page.grey, page.grey, cv::Size(3, 3), options.scan_smoothing);
  }
  page.level =
      deskew_page(page.grey, native / 72, grid, options.min_deskew_degrees, dpi / native, stated);
  return page;
}

PageReading read_page_image(const cv::Mat& grey, std::vector<CellGrid> tables, double px_per_pt,
                            const PageReadingOptions& options) {
  cv::Mat ink = ink_mask(grey);
  TextLayer text = read_page_text(grey, ink, tables, px_per_pt, options);
  options.deadline.check();
  PageReading page;
  page.text_source = "ocr";
  page.tables = std::move(tables);
  split_by_text(page.tables, text);
  page.outside = place_words(text, page.tables);
  mark_ocr_cells(text, page.tables);
  mark_unread_ink(text, ink_mask(without_rulings(grey, page.tables, px_per_pt)), px_per_pt,
                  page.tables);
  reread_weak_cells(grey, ink, px_per_pt, options, page.tables);
  return page;
}

PageReading read_layered_page(const cv::Mat& grey, std::vector<CellGrid> tables, TextLayer layer,
                              bool ocr_layer, double px_per_pt, const PageReadingOptions& options) {
  PageReading page;
  page.tables = std::move(tables);
  page.outside = place_words(layer, page.tables);
  cv::Mat clean = without_rulings(grey, page.tables, px_per_pt);
  PageVerdict verdict = judge_text_layer(layer, page.tables, ink_mask(clean), px_per_pt,
                                         judge_options(options, ocr_layer));
  // Most cells rejected: the layer is no help, and the page is read as a
  // scan.
  if (verdict.rejected() > options.page_pass_share * verdict.total()) {
    return read_page_image(grey, std::move(page.tables), px_per_pt, options);
  }
  int native = 0, read = 0;
  std::vector<std::function<void()>> tasks;
  for (size_t ti = 0; ti < page.tables.size(); ++ti) {
    CellGrid& t = page.tables[ti];
    for (size_t k = 0; k < t.cells.size(); ++k) {
      GridCell& c = t.cells[k];
      const CellVerdict& v = verdict.cells[ti][k];
      cv::Rect r = inner_pixels(c, px_per_pt, clean);
      if (v.trusted() || r.width < 4 || r.height < 4) {
        c.source = "native";
        c.confidence = verdict.ocr_made_layer ? options.ocr_layer_confidence : 1.0;
        if (!v.trusted()) c.confidence = 0;  // rejected, and too small to read
        native += !c.text.empty();
        continue;
      }
      ++read;
      tasks.push_back([&clean, &c, &v, &options, r, px_per_pt] {
        OcrEngine& engine = OcrEngine::for_this_thread(options.lang);
        OcrEngine::Reading again =
            read_cell(clean, r, px_per_pt, v.value_cell, c.text, engine, options);
        c.source = "ocr";
        c.text = again.text;
        c.raw_text = again.text;
        c.confidence = again.confidence;
        // Ink but nothing read: nobody knows what the cell says.
        if (again.text.empty() && (v.issues & kInkWithoutWords)) {
          c.confidence = 0;
          c.add_doubt(kDoubtInkUnread);
        } else if (again.text.empty()) {
          c.confidence = 0.5;
        }
      });
    }
  }
  run_readings(tasks, options.deadline);
  flag_broken_figures(page.tables);
  page.text_source = read == 0 ? "native" : native == 0 ? "ocr" : "mixed";
  return page;
}

bool layer_fits_page(const cv::Mat& grey, const std::vector<CellGrid>& tables,
                     const TextLayer& layer, double px_per_pt, const PageReadingOptions& options,
                     const std::optional<std::vector<Box>>& pictures) {
  // Without an image (a page read from its drawing) only the layer's own
  // signs are judged: characters, words across borders, the lexicon.
  cv::Mat ink = grey.empty() ? cv::Mat() : ink_mask(without_rulings(grey, tables, px_per_pt));
  TextLayerJudgeOptions judge = judge_options(options, false);
  judge.image_only_in = pictures;
  return judge_text_layer(layer, tables, ink, px_per_pt, judge).rejected() == 0;
}

}  // namespace pdfrecon
