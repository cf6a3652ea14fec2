#include "pdfrecon/pipeline.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/dictionary_reconciler.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/lotaip_profile.h"
#include "pdfrecon/ocr_engine.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/sha256.h"
#include "pdfrecon/upright.h"

namespace pdfrecon {
namespace {

constexpr double kOcrDpi = 300;
// Resolution of the render that initialises Poppler before going parallel.
constexpr double kWarmUpDpi = 18;
// Scans turned by less than this are read as they are.
constexpr double kMinDeskewDegrees = 0.05;
// OCR cells read again on their own below this confidence.
constexpr double kRereadBelow = 0.75;
// An empty cell with more ink than this (speckle aside) holds text.
constexpr int kMinInkPixels = 40;

int parse_positive(std::string_view s, const std::string& spec) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1) {
    throw std::invalid_argument("bad page list '" + spec + "': '" + std::string(s) +
                                "' is not a page number (pages count from 1)");
  }
  return v;
}

std::vector<int> pages_to_process(const ExtractOptions& options, int page_count) {
  std::vector<int> pages = options.pages;
  if (pages.empty()) {
    for (int i = 1; i <= page_count; ++i) pages.push_back(i);
  }
  for (int p : pages) {
    if (p > page_count) {
      throw std::invalid_argument("page " + std::to_string(p) + " requested but the PDF has " +
                                  std::to_string(page_count) + " page(s)");
    }
  }
  return pages;
}

// Words outside every table grouped into lines, top to bottom: titles,
// footers printed without rulings, notes.
std::vector<std::string> text_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.cy() < b.box.cy(); });
  std::vector<std::string> lines;
  std::vector<Word> line;
  double bottom = 0;
  for (Word& w : words) {
    if (!line.empty() && w.box.cy() > bottom) {
      lines.push_back(join_cell_words(std::move(line)));
      line.clear();
    }
    bottom = line.empty() ? w.box.y1 : std::max(bottom, w.box.y1);
    line.push_back(std::move(w));
  }
  if (!line.empty()) lines.push_back(join_cell_words(std::move(line)));
  return lines;
}

}  // namespace

std::vector<int> parse_page_ranges(const std::string& spec) {
  std::set<int> pages;
  size_t start = 0;
  while (start <= spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    std::string_view part(spec.data() + start, end - start);
    if (part.empty()) throw std::invalid_argument("bad page list '" + spec + "': empty item");
    size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      pages.insert(parse_positive(part, spec));
    } else {
      int a = parse_positive(part.substr(0, dash), spec);
      int b = parse_positive(part.substr(dash + 1), spec);
      if (b < a) throw std::invalid_argument("bad page list '" + spec + "': range goes backwards");
      for (int i = a; i <= b; ++i) pages.insert(i);
    }
    start = end + 1;
  }
  return {pages.begin(), pages.end()};
}

namespace {

// The rulings of every cell painted white, so the recogniser sees each
// cell's text as a block of its own and no line is read as "|" or "l".
cv::Mat without_rulings(const cv::Mat& grey, const std::vector<CellGrid>& tables,
                        double px_per_pt) {
  cv::Mat clean = grey.clone();
  int thickness = std::max(2, int(std::lround(1.2 * px_per_pt)));
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) {
      cv::Rect r(cv::Point(int(c.box.x0 * px_per_pt), int(c.box.y0 * px_per_pt)),
                 cv::Point(int(c.box.x1 * px_per_pt), int(c.box.y1 * px_per_pt)));
      cv::rectangle(clean, r, cv::Scalar(255), thickness);
    }
  }
  return clean;
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

// Page segmentation drops isolated characters (a unit's "7") and misreads
// some short cells; such cells are read again on their own, and the better
// reading kept.
void reread_weak_cells(const cv::Mat& grey, double px_per_pt, OcrEngine& ocr,
                       std::vector<CellGrid>& tables) {
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  int inset = std::max(3, int(std::lround(1.5 * px_per_pt)));
  for (CellGrid& t : tables) {
    for (GridCell& c : t.cells) {
      cv::Rect r(cv::Point(int(c.box.x0 * px_per_pt) + inset, int(c.box.y0 * px_per_pt) + inset),
                 cv::Point(int(c.box.x1 * px_per_pt) - inset, int(c.box.y1 * px_per_pt) - inset));
      r &= cv::Rect(0, 0, grey.cols, grey.rows);
      if (r.width < 4 || r.height < 4) continue;
      bool weak =
          c.text.empty() ? cv::countNonZero(ink(r)) > kMinInkPixels : c.confidence < kRereadBelow;
      if (!weak) continue;
      double line_height = 14 * px_per_pt;  // taller cells hold wrapped text
      OcrEngine::Reading again = ocr.read_region(grey, r, r.height < line_height);
      if (!again.text.empty() && again.confidence > c.confidence - (c.text.empty() ? 1 : 0)) {
        c.text = again.text;
        c.raw_text = again.text;
        c.confidence = again.confidence;
      }
    }
  }
}

// Everything pdfrecon learns from one page.
PageResult read_page(const PdfDocument& pdf, int number, const ExtractOptions& options,
                     std::vector<std::string>& warnings) {
  int index = number - 1;
  PageGeometry geo = pdf.geometry(index);
  PageResult page;
  page.number = number;
  page.width = geo.width;
  page.height = geo.height;

  TextLayer text = pdf.text(index);
  bool use_ocr = options.ocr == "always" || (options.ocr == "auto" && text.empty());
  if (use_ocr) {
    // Tesseract wants about 20 px of x-height: 300 dpi for 7-10 pt print.
    double dpi = std::max(options.dpi, kOcrDpi);
    double px_per_pt = dpi / 72.0;
    cv::Mat grey = pdf.render_grey(index, dpi, /*antialias=*/true);
    PageGrids grids = detect_grids(grey, px_per_pt);
    // A scan is read upright: rulings and text then line up with the cell
    // boxes, so rulings can be painted out. Coordinates are those of the
    // deskewed page.
    if (std::abs(grids.skew_degrees) >= kMinDeskewDegrees) {
      double skew = grids.skew_degrees;
      cv::Mat turn =
          cv::getRotationMatrix2D(cv::Point2f(grey.cols / 2.f, grey.rows / 2.f), skew, 1);
      cv::warpAffine(grey, grey, turn, grey.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
      grids = detect_grids(grey, px_per_pt);
      grids.skew_degrees = skew;
    }
    text = OcrEngine::for_this_thread(options.lang)
               .read_page(without_rulings(grey, grids.tables, px_per_pt), px_per_pt);
    page.text_source = "ocr";
    page.skew_degrees = grids.skew_degrees;
    page.tables = std::move(grids.tables);
    page.lines = text_lines(place_words(text, page.tables));
    mark_ocr_cells(text, page.tables);
    reread_weak_cells(grey, px_per_pt, OcrEngine::for_this_thread(options.lang), page.tables);
    return page;
  }

  cv::Mat grey = pdf.render_grey(index, options.dpi);
  // Content drawn sideways (or a /Rotate that turned it so) is turned
  // upright; coordinates are then those of the upright page.
  turn_upright(text.dominant_rotation(), grey, text, page.width, page.height);
  GridDetectorOptions grid_options;
  grid_options.text_height_pt = text.median_height();
  PageGrids grids = detect_grids(grey, options.dpi / 72.0, grid_options);
  page.skew_degrees = grids.skew_degrees;
  page.tables = std::move(grids.tables);
  page.lines = text_lines(place_words(text, page.tables));
  if (text.empty()) {
    warnings.push_back("page " + std::to_string(number) + ": no text (OCR turned off)");
  }
  return page;
}

// The bundled dictionary plus the user's folders. Throws
// std::invalid_argument (a usage error) for a folder that cannot be used.
Dictionary load_dictionary(const std::vector<std::string>& dirs) {
  static const Dictionary bundled = Dictionary::bundled();
  Dictionary d = bundled;
  for (const std::string& dir : dirs) {
    try {
      d.add_folder(dir);
    } catch (const DictionaryError& e) {
      throw std::invalid_argument(std::string("--dict ") + e.what());
    }
  }
  return d;
}

// Records and metadata when the document is a report pdfrecon knows.
void apply_profile(const std::string& requested, const Dictionary& dictionary,
                   DocumentResult& doc) {
  if (requested == "generic") return;
  std::vector<PageContent> content;
  for (PageResult& p : doc.pages) content.push_back({p.number, &p.tables, p.lines});
  if (requested == "auto" && !is_lotaip_a4(content)) return;
  std::string why;
  const Lexicon* lexicon = Lexicon::shared(&why);
  if (!lexicon) doc.warnings.push_back(why + ": words outside the dictionary are not corrected");
  DictionaryReconciler reconciler(dictionary, lexicon);
  ProfileResult result = extract_lotaip_a4(content, &reconciler);
  doc.profile = "lotaip-a4";
  doc.records = std::move(result.records);
  doc.metadata = std::move(result.metadata);
  for (std::string& w : result.warnings) doc.warnings.push_back(std::move(w));
}

}  // namespace

DocumentResult extract_document(const std::string& path, const ExtractOptions& options,
                                const ProgressFn& progress) {
  const Dictionary dictionary = load_dictionary(options.dict_dirs);
  PdfDocument pdf = PdfDocument::open(path);
  DocumentResult doc;
  doc.file = path;
  doc.page_count = pdf.page_count();
  doc.sha256 = sha256_file(path);
  const std::vector<int> pages = pages_to_process(options, doc.page_count);
  const int total = int(pages.size());

  std::vector<PageResult> results(total);
  std::vector<std::vector<std::string>> warnings(total);
  std::atomic<int> next{0}, done{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](const PdfDocument& doc_for_thread) {
    for (int i; (i = next.fetch_add(1)) < total;) {
      try {
        results[i] = read_page(doc_for_thread, pages[i], options, warnings[i]);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = total;  // stop handing out pages
        return;
      }
      int d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(d, total);
      }
    }
  };

  // Poppler's global state (fonts, rasteriser) is set up by the first
  // render, which must not race: a tiny render does it before the workers
  // start, each with its own document object.
  if (total > 0) pdf.render_grey(pages[0] - 1, kWarmUpDpi);
  int jobs = options.jobs > 0 ? options.jobs : int(std::thread::hardware_concurrency());
  jobs = std::clamp(jobs, 1, std::max(1, total));
  std::vector<PdfDocument> extra;
  for (int j = 1; j < jobs; ++j) extra.push_back(PdfDocument::open(path));
  {
    std::vector<std::jthread> threads;
    for (PdfDocument& d : extra) threads.emplace_back([&work, &d] { work(d); });
    work(pdf);
  }
  if (failure) std::rethrow_exception(failure);

  for (int i = 0; i < total; ++i) {
    doc.pages.push_back(std::move(results[i]));
    for (std::string& w : warnings[i]) doc.warnings.push_back(std::move(w));
  }
  apply_profile(options.profile, dictionary, doc);
  return doc;
}

}  // namespace pdfrecon
