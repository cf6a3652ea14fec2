#include "pdfrecon/pipeline.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "debug_images.h"
#include "pdfrecon/binary_image.h"
#include "pdfrecon/cell_text.h"
#include "pdfrecon/deskew.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/dictionary_reconciler.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/ocr_engine.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/region_stack.h"
#include "pdfrecon/report_profile.h"
#include "pdfrecon/report_records.h"
#include "pdfrecon/sha256.h"
#include "pdfrecon/text_key.h"
#include "pdfrecon/text_layer_judge.h"
#include "pdfrecon/text_matcher.h"
#include "pdfrecon/text_rows.h"
#include "pdfrecon/tinted_regions.h"
#include "pdfrecon/upright.h"
#include "pdfrecon/value_grammar.h"
#include "task_pool.h"

namespace pdfrecon {
namespace {

constexpr double kOcrDpi = 300;
// Scans of less are rendered at kOcrDpi by Poppler (see level_for_ocr):
// enlarged twice or more, its smoother filter read better (150 dpi scans of
// the invented report: 39 of 47 records exact against 32 with OpenCV's
// bilinear and 36 with its bicubic enlargement).
constexpr double kMinScanDpi = 190;
// Sigma (pixels) of the Gaussian a scan read straight from the file is
// smoothed with (see level_for_ocr).
constexpr double kScanSmoothing = 0.5;
// Scans turned by less than this are read as they are.
constexpr double kMinDeskewDegrees = 0.05;
// OCR cells read again on their own below this confidence.
constexpr double kRereadBelow = 0.75;
// An empty cell with more ink than this (speckle aside) holds text.
constexpr int kMinInkPixels = 40;
// Confidence of a cell kept from a text layer that OCR made: it passed the
// judge, but nobody knows how sure the recogniser was.
constexpr double kOcrLayerConfidence = 0.9;
// A column is a value column when this share of its filled cells looks
// like a value (the judge's rule, applied to OCR readings).
constexpr double kValueColumnShare = 0.5;
// When the judge rejects more than this share of a page's cells, the page
// is read in one pass instead of cell by cell.
constexpr double kPagePassShare = 0.5;
// Cells shorter than this (points) hold one line; taller ones wrapped text.
constexpr double kOneLineBelowPt = 14;
// Most cell lines one Tesseract call reads (see add_cell_stacks): a page of
// 80-120 lines is a handful of calls.
constexpr size_t kStackLines = 24;

int parse_positive(std::string_view s, const std::string& spec) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1) {
    throw std::invalid_argument("bad page list '" + spec + "': '" + std::string(s) +
                                "' is not a page number (pages count from 1)");
  }
  return v;
}

// Words outside every table grouped into lines, top to bottom: titles,
// footers printed without rulings, notes.
std::vector<std::string> text_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.cy() < b.box.cy(); });
  std::vector<std::string> lines;
  std::vector<Word> line;
  double bottom = 0;
  // Words of blanks only (OCR of a stamp or a speck) make no line.
  auto flush = [&lines, &line] {
    std::string text = join_cell_words(std::move(line));
    if (!text.empty()) lines.push_back(std::move(text));
    line.clear();
  };
  for (Word& w : words) {
    if (!line.empty() && w.box.cy() > bottom) flush();
    bottom = line.empty() ? w.box.y1 : std::max(bottom, w.box.y1);
    line.push_back(std::move(w));
  }
  if (!line.empty()) flush();
  return lines;
}

}  // namespace

PageRanges::PageRanges(std::initializer_list<int> pages) {
  for (int p : pages) ranges.emplace_back(p, p);
}

std::vector<int> PageRanges::expand(int page_count) const {
  if (ranges.empty()) {
    std::vector<int> all(size_t(std::max(0, page_count)));
    std::iota(all.begin(), all.end(), 1);
    return all;
  }
  std::vector<bool> wanted(size_t(std::max(0, page_count)) + 1, false);
  for (auto [first, last] : ranges) {
    int beyond = first > page_count ? first : last != kLastPage && last > page_count ? last : 0;
    if (beyond) {
      throw std::invalid_argument("page " + std::to_string(beyond) + " requested but the PDF has " +
                                  std::to_string(page_count) + " page(s)");
    }
    for (int p = first; p <= std::min(last, page_count); ++p) wanted[size_t(p)] = true;
  }
  std::vector<int> out;
  for (int p = 1; p <= page_count; ++p) {
    if (wanted[size_t(p)]) out.push_back(p);
  }
  return out;
}

PageRanges parse_page_ranges(const std::string& spec) {
  PageRanges out;
  if (spec == "all") return out;
  size_t start = 0;
  while (start <= spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    std::string_view part(spec.data() + start, end - start);
    if (part.empty()) throw std::invalid_argument("bad page list '" + spec + "': empty item");
    size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      int p = parse_positive(part, spec);
      out.ranges.emplace_back(p, p);
    } else {
      int a = parse_positive(part.substr(0, dash), spec);
      std::string_view tail = part.substr(dash + 1);
      int b = tail == "end" ? PageRanges::kLastPage : parse_positive(tail, spec);
      if (b < a) throw std::invalid_argument("bad page list '" + spec + "': range goes backwards");
      out.ranges.emplace_back(a, b);
    }
    start = end + 1;
  }
  return out;
}

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
std::vector<bool> value_columns(const CellGrid& t) {
  std::vector<int> filled(size_t(std::max(0, t.n_cols())), 0), values(filled.size(), 0);
  for (const GridCell& c : t.cells) {
    if (c.col_span != 1 || c.text.empty() || c.col >= int(filled.size())) continue;
    ++filled[size_t(c.col)];
    values[size_t(c.col)] += is_value(c.text);
  }
  std::vector<bool> out(filled.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = values[i] >= 3 && values[i] >= kValueColumnShare * filled[i];
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
// it is read again without.
OcrEngine::Reading read_cell(const cv::Mat& grey, const cv::Rect& r, double px_per_pt,
                             bool value_cell, const std::string& first_reading, OcrEngine& ocr) {
  bool one_line = r.height < kOneLineBelowPt * px_per_pt;
  int dpi = int(std::lround(px_per_pt * 72));
  // Values are printed on one line; a taller cell of a value column is a
  // note, unless what was read there first has no letters (a figure in a
  // row made tall by its neighbours).
  if (value_cell && (one_line || !has_letter(first_reading))) {
    OcrEngine::Reading figure = ocr.read_region(grey, r, true, kValueCharacters, dpi);
    if (is_value(figure.text)) return figure;
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

// Page segmentation drops isolated characters (a unit's "7") and misreads
// some short cells; such cells are read again on their own, and the better
// reading kept.
// Each on its own cell: run on the pool's workers when there is a pool.
void run_cell_tasks(std::vector<std::function<void()>> tasks, TaskPool* pool) {
  if (pool) {
    pool->run_all(std::move(tasks));
  } else {
    for (auto& t : tasks) t();
  }
}

// `ink` is ink_mask(grey): empty cells with ink are weak.
void reread_weak_cells(const cv::Mat& grey, const cv::Mat& ink, double px_per_pt,
                       const std::string& lang, TaskPool* pool, std::vector<CellGrid>& tables) {
  std::vector<std::function<void()>> tasks;
  for (CellGrid& t : tables) {
    std::vector<bool> value_col = value_columns(t);
    for (GridCell& c : t.cells) {
      cv::Rect r = inner_pixels(c, px_per_pt, grey);
      if (r.width < 4 || r.height < 4) continue;
      bool unread = std::find(c.doubts.begin(), c.doubts.end(), kDoubtInkUnread) != c.doubts.end();
      bool weak = c.text.empty() ? cv::countNonZero(ink(r)) > kMinInkPixels
                                 : c.confidence < kRereadBelow || unread;
      bool value_cell = is_value(c.text) ||
                        (c.col_span == 1 && c.col < int(value_col.size()) && value_col[c.col]);
      if (!weak && !value_cell) continue;
      // Cells are read on whichever worker is free, each with its engine.
      tasks.push_back([&grey, &c, &lang, r, px_per_pt, weak, value_cell, unread] {
        OcrEngine& ocr = OcrEngine::for_this_thread(lang);
        if (!weak) {
          confirm_figure(grey, r, px_per_pt, ocr, c);
          return;
        }
        OcrEngine::Reading again = read_cell(grey, r, px_per_pt, value_cell, c.text, ocr);
        if (unread) {
          // Read alone, the cell gives back more than the page pass did, as
          // surely: the print the stack lost is found. It gives back no
          // more: the ink nobody read is no print (a stamp, a signature).
          // Only more, unsure, leaves the doubt.
          bool more = char_count(again.text) > char_count(c.text);
          if (more && again.confidence >= kRereadBelow) {
            c.text = c.raw_text = again.text;
            c.confidence = std::min(c.confidence, again.confidence);
          }
          if (!more || again.confidence >= kRereadBelow) {
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
  run_cell_tasks(std::move(tasks), pool);
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
                                 const std::vector<CellGrid>& tables, double px_per_pt) {
  // Ink plus a margin either side: Tesseract wants some paper around text.
  int margin = std::max(4, int(std::lround(1.5 * px_per_pt)));
  std::vector<cv::Rect> lines;
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) {
      cv::Rect r = inner_pixels(c, px_per_pt, grey);
      if (r.width < 4 || r.height < 4 || cv::countNonZero(ink(r)) <= kMinInkPixels) continue;
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
                     std::vector<StackReading>& out) {
  // Lines of like width share a stack: a stack is as wide as its widest
  // line, and Tesseract's thresholding and line finding cost by the pixel,
  // so a figure's line is not padded to the width of an objective's. A
  // stack holds at most kStackLines lines, so that a page is several
  // readings and a worker out of pages can take some of the last one's.
  std::sort(lines.begin(), lines.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.width > b.width; });
  int gap = stack_gap(px_per_pt);
  for (size_t first = 0; first < lines.size();) {
    size_t end = first;
    while (end < lines.size() && end - first < kStackLines &&
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
                       double px_per_pt, std::vector<StackReading>& out) {
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
    if (r.empty() || cv::countNonZero(rest_ink(r)) <= 2 * kMinInkPixels) continue;
    regions.push_back(r);
  }
  std::sort(regions.begin(), regions.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  RegionStack stack(rest, regions, stack_gap(px_per_pt));
  if (!stack.empty()) out.push_back({std::move(stack), OcrEngine::Layout::kFind});
}

// All text of a levelled page image: the print around the tables and the
// cells' lines, in a few stacks read on the pool's workers when there is a
// pool. `ink` is ink_mask(grey).
TextLayer read_page_text(cv::Mat grey, cv::Mat ink, const std::vector<CellGrid>& tables,
                         double px_per_pt, const std::string& lang, TaskPool* pool,
                         const DebugImages& debug) {
  // Tinted cells (shaded headers) are lifted to the page's paper first.
  std::vector<cv::Rect> cells;
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) cells.push_back(inner_pixels(c, px_per_pt, grey));
  }
  lift_tinted_regions(cells, grey, ink);
  std::vector<cv::Rect> lines = cell_lines(grey, ink, tables, px_per_pt);
  std::vector<StackReading> stacks;
  add_outside_stack(grey, ink, tables, px_per_pt, stacks);
  add_cell_stacks(grey, std::move(lines), px_per_pt, stacks);
  for (size_t i = 0; i < stacks.size(); ++i) {
    debug.write("stack-" + std::to_string(i + 1), stacks[i].stack.image());
  }
  std::vector<TextLayer> read(stacks.size());
  std::vector<std::function<void()>> tasks;
  for (size_t i = 0; i < stacks.size(); ++i) {
    tasks.push_back([&, i] {
      OcrEngine& ocr = OcrEngine::for_this_thread(lang);
      const StackReading& s = stacks[i];
      read[i] = s.stack.to_page(ocr.read_page(s.stack.image(), px_per_pt, s.layout), px_per_pt);
    });
  }
  run_cell_tasks(std::move(tasks), pool);
  TextLayer text;
  for (TextLayer& r : read) {
    text.words.insert(text.words.end(), std::make_move_iterator(r.words.begin()),
                      std::make_move_iterator(r.words.end()));
  }
  return text;
}

TextLayerJudgeOptions judge_options(const ExtractOptions& options, bool ocr_layer) {
  TextLayerJudgeOptions o;
  o.known_word = options.known_word;
  o.ocr_layer = ocr_layer;
  return o;
}

// The page for OCR at `dpi`, levelled (deskew_page). A scan made at that
// or a somewhat lower resolution is taken at its own, measured there, and
// turned and enlarged by OpenCV in one step: the same pixels, without
// Poppler's bilinear upscaling, its costliest step (a 200 dpi scan: 1.5 G
// instructions at 300 dpi, 0.8 G at 200), and a third of the pixels for
// the skew to be measured on.
Deskewed level_for_ocr(const PdfDocument& pdf, int index, double dpi, cv::Mat& grey,
                       const DebugImages& debug) {
  double native = pdf.scan_resolution(index);
  if (native < kMinScanDpi || native > dpi + 1) {
    grey = pdf.render_grey(index, dpi, true);
    Deskewed d = deskew_page(grey, dpi / 72, debug.grid_options(), kMinDeskewDegrees);
    debug.write("levelled", grey);
    return d;
  }
  // A page that is just its scan is read straight from the file (half the
  // cost of rendering it).
  grey = pdf.scan_image(index);
  if (grey.empty()) {
    grey = pdf.render_grey(index, native, true);
  } else {
    // As lightly smoothed as Poppler's resampling leaves a scan: JPEG's
    // noise read worse (11 scans: 1006 records exact as decoded, 1014 as
    // rendered, 1018 smoothed so).
    cv::GaussianBlur(grey, grey, cv::Size(3, 3), kScanSmoothing);
  }
  Deskewed d =
      deskew_page(grey, native / 72, debug.grid_options(), kMinDeskewDegrees, dpi / native);
  debug.write("levelled", grey);
  return d;
}

// A levelled page image read by OCR: the page's text is read in a few
// calls (the cells' lines stacked, the print around the tables), the
// rulings the scan lost found again from it, then weak cells read alone.
PageResult read_levelled_page(const cv::Mat& grey, std::vector<CellGrid> tables, double px_per_pt,
                              const ExtractOptions& options, TaskPool* pool,
                              const DebugImages& debug, PageResult page) {
  cv::Mat ink = ink_mask(grey);
  TextLayer text = read_page_text(grey, ink, tables, px_per_pt, options.lang, pool, debug);
  page.text_source = "ocr";
  page.tables = std::move(tables);
  split_by_text(page.tables, text);
  page.lines = text_lines(place_words(text, page.tables));
  mark_ocr_cells(text, page.tables);
  mark_unread_ink(text, ink_mask(without_rulings(grey, page.tables, px_per_pt)), px_per_pt,
                  page.tables);
  reread_weak_cells(grey, ink, px_per_pt, options.lang, pool, page.tables);
  return page;
}

// A page image-only, or read by OCR on request.
// `dpi`: ocr_dpi's.
PageResult read_scanned_page(const PdfDocument& pdf, int index, double dpi,
                             const ExtractOptions& options, TaskPool* pool, PageResult page) {
  double px_per_pt = dpi / 72.0;
  // A scan is read upright: rulings and text then line up with the cell
  // boxes, so rulings can be painted out. Coordinates are those of the
  // deskewed page.
  cv::Mat grey;
  DebugImages debug(options.debug_dir, index + 1);
  PageGrids grids = level_for_ocr(pdf, index, dpi, grey, debug).grids;
  debug.write_grid(grey, grids.tables, px_per_pt);
  page.skew_degrees = grids.skew_degrees;
  return read_levelled_page(grey, std::move(grids.tables), px_per_pt, options, pool, debug,
                            std::move(page));
}

// A page whose text layer the judge doubts: at OCR resolution, levelled,
// the layer's words moved with the image; cells the judge rejects are read
// from the image, the others keep the layer's text.
PageResult read_judged_page(const PdfDocument& pdf, int index, double dpi, TextLayer text,
                            bool ocr_layer, const ExtractOptions& options, TaskPool* pool,
                            PageResult page) {
  double px_per_pt = dpi / 72.0;
  cv::Mat grey;
  DebugImages debug(options.debug_dir, index + 1);
  Deskewed level = level_for_ocr(pdf, index, dpi, grey, debug);
  debug.write_grid(grey, level.grids.tables, px_per_pt);
  move_words(text, level.turn, px_per_pt);
  page.skew_degrees = level.grids.skew_degrees;
  page.tables = std::move(level.grids.tables);
  page.lines = text_lines(place_words(text, page.tables));
  cv::Mat clean = without_rulings(grey, page.tables, px_per_pt);
  PageVerdict verdict = judge_text_layer(text, page.tables, ink_mask(clean), px_per_pt,
                                         judge_options(options, ocr_layer));
  // Most cells rejected: the layer is no help, and the page is read as a
  // scan (the page's text in one go plus its weak cells alone is cheaper
  // than every cell alone: 3.7 s against 5.8 s for an 80-cell page, same
  // accuracy).
  if (verdict.rejected() > kPagePassShare * verdict.total()) {
    std::vector<CellGrid> tables = std::move(page.tables);
    return read_levelled_page(grey, std::move(tables), px_per_pt, options, pool, debug,
                              std::move(page));
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
        c.confidence = verdict.ocr_made_layer ? kOcrLayerConfidence : 1.0;
        if (!v.trusted()) c.confidence = 0;  // rejected, and too small to read
        native += !c.text.empty();
        continue;
      }
      ++read;
      tasks.push_back([&clean, &c, &v, &options, r, px_per_pt] {
        OcrEngine& engine = OcrEngine::for_this_thread(options.lang);
        OcrEngine::Reading again = read_cell(clean, r, px_per_pt, v.value_cell, c.text, engine);
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
  run_cell_tasks(std::move(tasks), pool);
  flag_broken_figures(page.tables);
  page.text_source = read == 0 ? "native" : native == 0 ? "ocr" : "mixed";
  return page;
}

// The resolution page `index` is rendered at: `dpi`, or less when that
// would take more than options.max_page_pixels (a huge MediaBox, a
// UserUnit), with a warning; throws InputError when even kMinRenderDpi
// would.
constexpr double kMinRenderDpi = 18;
double fitted_dpi(const PdfDocument& pdf, int index, double dpi, const ExtractOptions& options,
                  std::vector<std::string>& warnings) {
  PageGeometry g = pdf.geometry(index);
  double pixels = (g.width * dpi / 72) * (g.height * dpi / 72);
  if (!(pixels > options.max_page_pixels)) return dpi;
  double fit = dpi * std::sqrt(options.max_page_pixels / pixels);
  std::string size = std::to_string(long(g.width)) + " x " + std::to_string(long(g.height)) + " pt";
  if (fit < kMinRenderDpi) {
    throw InputError("a " + size + " page is too large to render (see --max-page-mpix)");
  }
  warnings.push_back("page " + std::to_string(index + 1) + ": a " + size + " page, rendered at " +
                     std::to_string(int(fit)) + " dpi instead of " + std::to_string(int(dpi)));
  return fit;
}

// Everything pdfrecon learns from one page.
// `layer` is the page's text layer when the caller has it already.
PageResult read_page(const PdfDocument& pdf, int number, std::optional<TextLayer> layer,
                     const ExtractOptions& options, TaskPool* pool,
                     std::vector<std::string>& warnings) {
  int index = number - 1;
  PageGeometry geo = pdf.geometry(index);
  PageResult page;
  page.number = number;
  page.width = geo.width;
  page.height = geo.height;

  // Within limits, or not read at all (rendering it would take gigabytes).
  const PdfDocument::Survey survey = pdf.survey(index);
  TextLayer text = layer ? std::move(*layer) : pdf.text(index);
  // Tesseract wants about 20 px of x-height: 300 dpi for 7-10 pt print.
  auto ocr_dpi = [&] {
    return fitted_dpi(pdf, index, std::max(options.dpi, kOcrDpi), options, warnings);
  };
  bool use_ocr = options.ocr == "always" || (options.ocr == "auto" && text.empty());
  if (use_ocr) return read_scanned_page(pdf, index, ocr_dpi(), options, pool, std::move(page));

  // A text layer made by OCR (all of it invisible, over the page's image)
  // is judged at OCR resolution straight away.
  bool judge = options.ocr == "auto" && text.dominant_rotation() == 0;
  if (judge && survey.text_all_invisible) {
    return read_judged_page(pdf, index, ocr_dpi(), std::move(text), true, options, pool,
                            std::move(page));
  }
  PageResult base = page;
  TextLayer as_read = judge ? text : TextLayer{};  // for a judged reading, unturned
  const double dpi = fitted_dpi(pdf, index, options.dpi, options, warnings);
  cv::Mat grey = pdf.render_grey(index, dpi);
  // Content drawn sideways (or a /Rotate that turned it so) is turned
  // upright; coordinates are then those of the upright page.
  turn_upright(text.dominant_rotation(), grey, text, page.width, page.height);
  DebugImages debug(options.debug_dir, number);
  GridDetectorOptions grid_options = debug.grid_options();
  grid_options.text_height_pt = text.median_height();
  PageGrids grids = detect_grids(grey, dpi / 72.0, grid_options);
  debug.write("render", grey);
  debug.write_grid(grey, grids.tables, dpi / 72.0);
  page.skew_degrees = grids.skew_degrees;
  page.tables = std::move(grids.tables);
  page.lines = text_lines(place_words(text, page.tables));
  if (text.empty()) {
    warnings.push_back("page " + std::to_string(number) + ": no text (OCR turned off)");
  }
  if (judge && !page.tables.empty()) {
    // Any other layer is judged on the render at hand; only when a cell
    // fails is the page read again at OCR resolution.
    double px_per_pt = dpi / 72.0;
    cv::Mat ink = ink_mask(without_rulings(grey, page.tables, px_per_pt));
    if (judge_text_layer(text, page.tables, ink, px_per_pt, judge_options(options, false))
            .rejected()) {
      return read_judged_page(pdf, index, ocr_dpi(), std::move(as_read), false, options, pool,
                              std::move(base));
    }
  }
  return page;
}

// The bundled dictionary plus the user's folders. Throws
// std::invalid_argument (a usage error) for a folder that cannot be used.
Dictionary load_dictionary(const std::vector<std::string>& dirs, bool with_bundled) {
  static const Dictionary bundled = Dictionary::bundled();
  Dictionary d = with_bundled ? bundled : Dictionary();
  for (const std::string& dir : dirs) {
    try {
      d.add_folder(dir);
    } catch (const DictionaryError& e) {
      throw std::invalid_argument(std::string("--dict ") + e.what());
    }
  }
  return d;
}

}  // namespace

ReportProfile report_profile(const ExtractOptions& options) {
  try {
    if (!options.profile_file.empty()) return ReportProfile::load(options.profile_file);
    bool named = options.profile != "auto" && options.profile != "generic";
    return ReportProfile::bundled(named ? options.profile : "lotaip-a4");
  } catch (const ProfileError& e) {
    throw std::invalid_argument(e.what());
  }
}

namespace {

// Records and metadata when the document is a report pdfrecon knows.
void apply_profile(const ExtractOptions& options, const ReportProfile& profile,
                   const Dictionary& dictionary, DocumentResult& doc) {
  if (options.profile == "generic") return;
  std::vector<PageContent> content;
  for (PageResult& p : doc.pages) content.push_back({p.number, &p.tables, p.lines});
  if (options.profile == "auto" && !is_report(content, profile)) return;
  std::string why;
  const Lexicon* lexicon = Lexicon::shared(&why);
  if (!lexicon) doc.warnings.push_back(why + ": words outside the dictionary are not corrected");
  DictionaryReconciler reconciler(dictionary, lexicon);
  ProfileResult result = read_records(content, profile, &reconciler);
  doc.profile = profile.name;
  doc.record_fields = profile.record_fields();
  int value = profile.value_column();
  doc.value_field = value >= 0 ? profile.columns[size_t(value)].field : "";
  doc.records = std::move(result.records);
  doc.metadata = std::move(result.metadata);
  for (std::string& w : result.warnings) doc.warnings.push_back(std::move(w));
}

}  // namespace

DocumentResult extract_document(const std::string& path, const ExtractOptions& requested,
                                const ProgressFn& progress) {
  const Dictionary dictionary = load_dictionary(requested.dict_dirs, requested.bundled_dict);
  const ReportProfile profile = report_profile(requested);
  ExtractOptions options = requested;
  if (!options.known_word && options.lexicon && options.lang.rfind("spa", 0) == 0) {
    // The judge asks the same vocabulary reconcile corrects against.
    if (const Lexicon* lexicon = Lexicon::shared()) {
      auto matcher = std::make_shared<const TextMatcher>(dictionary, lexicon);
      options.known_word = [matcher](std::string_view w) { return matcher->knows(std::string(w)); };
    }
  }
  PdfDocument pdf = PdfDocument::open(path, options.max_input_bytes);
  DocumentResult doc;
  doc.file = path;
  doc.page_count = pdf.page_count();
  doc.sha256 = sha256_hex(pdf.bytes());  // the bytes read, read once
  const std::vector<int> pages = options.pages.expand(doc.page_count);
  const int total = int(pages.size());

  std::vector<PageResult> results(total);
  // The text layers read to order the pages (below) are kept for reading
  // them: a page's layer is extracted once.
  std::vector<std::optional<TextLayer>> layers(total);
  std::vector<std::vector<std::string>> warnings(total);
  std::vector<int> order(total);  // which page each worker takes next
  std::iota(order.begin(), order.end(), 0);
  std::atomic<int> next{0}, done{0}, reading{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  // Workers out of pages help with the cells of pages still being read.
  TaskPool pool;
  auto work = [&](const PdfDocument& doc_for_thread) {
    for (;;) {
      ++reading;
      int n = next.fetch_add(1);
      if (n >= total) {
        --reading;
        break;
      }
      int i = order[n];
      bool failed = false;
      // A page that cannot be read costs that page, with a warning, never
      // the document (nor, in a batch, the others).
      auto unread = [&](const std::string& why) {
        PageResult p;
        p.number = pages[i];
        p.text_source = "unread";
        try {
          PageGeometry g = doc_for_thread.geometry(pages[i] - 1);
          p.width = g.width, p.height = g.height;
        } catch (const std::exception&) {
        }
        results[i] = std::move(p);
        warnings[i].push_back("page " + std::to_string(pages[i]) + ": not read: " + why);
      };
      try {
        results[i] =
            read_page(doc_for_thread, pages[i], std::move(layers[i]), options, &pool, warnings[i]);
      } catch (const InputError& e) {
        unread(e.what());
      } catch (const std::bad_alloc&) {
        unread("out of memory");
      } catch (const cv::Exception& e) {
        unread(std::string("image processing failed: ") + e.err);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = total;  // stop handing out pages
        failed = true;
      }
      --reading;
      pool.notify();
      if (failed) break;
      int d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(d, total);
      }
    }
    pool.help_until([&] { return reading == 0 && next >= total; });
  };

  int jobs = options.jobs > 0 ? options.jobs : int(std::thread::hardware_concurrency());
  jobs = std::clamp(jobs, 1, std::max(1, total));
  // Poppler's global state must be set up before the workers render, each
  // with its own document object.
  if (jobs > 1) PdfDocument::warm_up();
  // Costly pages first, so that no long page is left for the end while the
  // other workers idle: a page without text (to be read by OCR) costs about
  // a hundred times one with text. (Ordering scans by their ink needed a
  // thumbnail each: as costly as a tenth of the page's own rendering, and
  // serial. Workers out of pages help with the last pages' stacks instead.)
  if (jobs > 1) {
    std::stable_partition(order.begin(), order.end(), [&](int i) {
      if (options.ocr == "always") return true;
      layers[i] = pdf.text(pages[i] - 1);
      return layers[i]->empty();
    });
  }
  std::vector<PdfDocument> extra;
  for (int j = 1; j < jobs; ++j) extra.push_back(pdf.another());
  {
    std::vector<std::jthread> threads;
    for (PdfDocument& d : extra) threads.emplace_back([&work, &d] { work(d); });
    work(pdf);
  }
  if (failure) std::rethrow_exception(failure);

  for (int i = 0; i < total; ++i) {
    doc.unread_pages += results[i].text_source == "unread";
    doc.pages.push_back(std::move(results[i]));
    for (std::string& w : warnings[i]) doc.warnings.push_back(std::move(w));
  }
  apply_profile(options, profile, dictionary, doc);
  return doc;
}

}  // namespace pdfrecon
