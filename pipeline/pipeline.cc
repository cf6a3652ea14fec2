#include "pdfrecon/pipeline.h"

#include <tbb/task_arena.h>
#include <tbb/task_group.h>

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
#include "pdfrecon/cell_text.h"
#include "pdfrecon/deadline.h"
#include "pdfrecon/deskew.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/dictionary_reconciler.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/page_reading.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/report_profile.h"
#include "pdfrecon/report_records.h"
#include "pdfrecon/sha256.h"
#include "pdfrecon/text_key.h"
#include "pdfrecon/text_matcher.h"
#include "pdfrecon/text_tables.h"
#include "pdfrecon/upright.h"

namespace pdfrecon {
namespace {

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

// How OCR reads this run's pages (page_reading.h), with the page's budget
// and debug images.
PageReadingOptions reading_options(const ExtractOptions& options, const Deadline& deadline,
                                   const DebugImages& debug) {
  PageReadingOptions o;
  o.lang = options.lang;
  o.dpi = std::max(options.dpi, o.dpi);
  o.known_word = options.known_word;
  o.deadline = deadline;
  if (debug.on()) {
    o.debug_image = [&debug](const std::string& stage, const cv::Mat& image) {
      debug.write(stage, image);
    };
  }
  return o;
}

// The page's content as OCR read it.
PageResult with_reading(PageResult page, PageReading reading) {
  page.text_source = std::move(reading.text_source);
  page.tables = std::move(reading.tables);
  page.lines = text_lines(std::move(reading.outside));
  return page;
}

// A page levelled at OCR resolution, its debug images written.
LevelledPage levelled(const PdfDocument& pdf, int index, double dpi,
                      const PageReadingOptions& reading, const DebugImages& debug,
                      const std::vector<Ruling>& stated = {}) {
  LevelledPage level = level_page(pdf, index, dpi, reading, debug.grid_options(), stated);
  debug.write("levelled", level.grey);
  debug.write_grid(level.grey, level.level.grids.tables, dpi / 72.0);
  return level;
}

// The resolution page `index` is rendered at: `dpi`, or less when that
// would take more than options.max_page_pixels (a huge MediaBox, a
// UserUnit), with a warning; throws InputError when even kMinRenderDpi
// would.
constexpr double kMinRenderDpi = 18;

// A page that draws more shapes (curves, diagonals) than this may show
// print as outlines that its text layer lacks: it is rendered. A logo or a
// chart's marks stay below it; text drawn as outlines is a shape a glyph.
constexpr int kMaxShapesUnrendered = 40;
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

// Where a page's image can show what its drawing does not, when the
// drawing is known: its images and shapes (turned upright with it).
std::optional<std::vector<Box>> pictures(const PageDrawing& drawing,
                                         const ExtractOptions& options) {
  if (options.rulings == "image" || drawing.incomplete) return std::nullopt;
  std::vector<Box> boxes = drawing.images;
  boxes.insert(boxes.end(), drawing.shapes.begin(), drawing.shapes.end());
  return boxes;
}

// Everything pdfrecon learns from one page: its route (text layer, OCR, or
// a text layer checked against the image) is decided here; how a page is
// read by OCR is ocr/page_reading.h's. `layer` is the page's text layer
// when the caller has it already.
PageResult read_page(const PdfDocument& pdf, int number, std::optional<TextLayer> layer,
                     const ExtractOptions& options, std::vector<std::string>& warnings) {
  const Deadline deadline = Deadline::after(options.page_seconds);
  int index = number - 1;
  PageGeometry geo = pdf.geometry(index);
  PageResult page;
  page.number = number;
  page.width = geo.width;
  page.height = geo.height;

  // Within limits, or not read at all (rendering it would take gigabytes).
  const PdfDocument::Survey survey = pdf.survey(index);
  // An empty page costs its survey: thousands of them cost seconds, not
  // a render and an OCR pass each.
  if (survey.blank) {
    page.text_source = "native";
    return page;
  }
  TextLayer text = layer ? std::move(*layer) : pdf.text(index);
  DebugImages debug(options.debug_dir, number);
  const PageReadingOptions reading = reading_options(options, deadline, debug);
  auto ocr_dpi = [&] { return fitted_dpi(pdf, index, reading.dpi, options, warnings); };
  // The page as a scan: levelled at OCR resolution, every cell read by OCR.
  auto as_scan = [&](PageResult p) {
    double dpi = ocr_dpi();
    LevelledPage level = levelled(pdf, index, dpi, reading, debug);
    deadline.check();
    p.skew_degrees = level.level.grids.skew_degrees;
    if (options.page_view) options.page_view(number, level.grey, dpi / 72.0);
    return with_reading(
        std::move(p),
        read_page_image(level.grey, std::move(level.level.grids.tables), dpi / 72.0, reading));
  };
  // The page with its layer doubted: the layer's words moved with the
  // levelled image, the cells the judge rejects read by OCR.
  auto as_layered = [&](PageResult p, TextLayer words, bool ocr_layer,
                        const std::vector<Ruling>& stated = {}) {
    double dpi = ocr_dpi();
    LevelledPage level = levelled(pdf, index, dpi, reading, debug, stated);
    deadline.check();
    move_words(words, level.level.turn, dpi / 72.0);
    p.skew_degrees = level.level.grids.skew_degrees;
    if (options.page_view) options.page_view(number, level.grey, dpi / 72.0);
    return with_reading(std::move(p),
                        read_layered_page(level.grey, std::move(level.level.grids.tables),
                                          std::move(words), ocr_layer, dpi / 72.0, reading));
  };

  bool use_ocr = options.ocr == "always" || (options.ocr == "auto" && text.empty());
  if (use_ocr) return as_scan(std::move(page));

  // A text layer made by OCR (all of it invisible, over the page's image)
  // is judged at OCR resolution straight away.
  bool judge = options.ocr == "auto" && text.dominant_rotation() == 0;
  if (judge && survey.text_all_invisible) return as_layered(std::move(page), std::move(text), true);
  PageResult base = page;
  TextLayer as_read = judge ? text : TextLayer{};  // for a judged reading, unturned
  // The rulings the page states. When it paints nothing else that could
  // hold print (no image, no shapes), they are the whole truth about its
  // tables and the page is not rendered at all: its grids come from them,
  // and its layer is judged without an image. Otherwise the page is
  // rendered and its rulings join those found in the pixels.
  PageDrawing drawing = pdf.drawing(index);
  const bool drawn_only = options.rulings != "image" && drawing.images.empty() &&
                          int(drawing.shapes.size()) <= kMaxShapesUnrendered && !drawing.incomplete;
  cv::Mat grey;
  double dpi = options.dpi;  // of the render, when there is one
  if (!drawn_only || debug.on()) {
    dpi = fitted_dpi(pdf, index, options.dpi, options, warnings);
    grey = pdf.render_grey(index, dpi);
  } else if (options.page_view) {
    // Rendered only to be looked at: smaller when huge, never a warning,
    // and a page too large to render is still read.
    std::vector<std::string> unsaid;
    try {
      dpi = fitted_dpi(pdf, index, options.view_dpi, options, unsaid);
      grey = pdf.render_grey(index, dpi, /*antialias=*/true);  // for eyes, not for rulings
    } catch (const InputError&) {
    }
  }
  // Content drawn sideways (or a /Rotate that turned it so) is turned
  // upright; coordinates are then those of the upright page.
  turn_upright(text.dominant_rotation(), drawing, page.width, page.height);
  turn_upright(text.dominant_rotation(), grey, text, page.width, page.height);
  GridDetectorOptions grid_options = debug.grid_options();
  grid_options.text_height_pt = text.median_height();
  std::vector<Ruling> rulings;
  if (options.rulings != "image") rulings = drawn_rulings(drawing);
  PageGrids grids = drawn_only ? grids_from_rulings(rulings, page.width, page.height, grid_options)
                               : detect_grids(grey, dpi / 72.0, grid_options, rulings);
  if (!grey.empty()) {
    debug.write("render", grey);
    if (drawn_only) debug.write_rulings(grey.size(), rulings, dpi / 72.0);
    debug.write_grid(grey, grids.tables, dpi / 72.0);
  }
  page.skew_degrees = grids.skew_degrees;
  if (options.tables != "stream") page.tables = std::move(grids.tables);
  // A ruled table whose rulings miss its columns (rules only between rows,
  // a boxed header over an open body) is set aside, to be read from its
  // words with its rulings as the rows' rules (below); it is put back
  // when no table is found there.
  std::vector<CellGrid> weak;
  std::vector<Ruling> rules = std::move(grids.horizontal_rulings);
  if (options.tables == "auto") {
    std::vector<CellGrid> ruled;
    for (CellGrid& g : page.tables) {
      if (!rulings_miss_columns(g, text.words)) {
        ruled.push_back(std::move(g));
        continue;
      }
      for (double y : g.row_edges) rules.push_back({true, y, g.bbox.x0, g.bbox.x1});
      weak.push_back(std::move(g));
    }
    page.tables = std::move(ruled);
  }
  std::vector<Word> outside = place_words(text, page.tables);
  if (text.empty()) {
    warnings.push_back("page " + std::to_string(number) + ": no text (OCR turned off)");
  }
  // Any other layer is judged on the render at hand (or on none: the
  // layer's own signs only); only when a cell fails is the page read again
  // at OCR resolution, its drawn rulings still counting (a judged page is
  // upright as given, so they need no turn).
  auto layer_fits = [&] {
    return layer_fits_page(drawn_only ? cv::Mat() : grey, page.tables, text, dpi / 72.0, reading,
                           pictures(drawing, options));
  };
  if (judge && !page.tables.empty() && !layer_fits()) {
    return as_layered(std::move(base), std::move(as_read), false, rulings);
  }
  // Unruled tables among the words outside the ruled ones. A report
  // profile reads the ruled tables and the lines outside them only.
  if (options.tables != "lattice") {
    std::vector<Word> rest;
    std::vector<CellGrid> found =
        find_text_tables(outside, page.width, page.height, rules, TextTableOptions(), &rest);
    if (found.empty() && !weak.empty()) {
      for (CellGrid& g : weak) page.tables.push_back(std::move(g));
      std::sort(page.tables.begin(), page.tables.end(), reading_order);
      outside = place_words(text, page.tables);
      // Back among the ruled tables, they are judged as they would have been.
      if (judge && !layer_fits()) {
        return as_layered(std::move(base), std::move(as_read), false, rulings);
      }
    } else if (!found.empty()) {
      page.lines_outside_ruled = text_lines(std::move(outside));
      outside = std::move(rest);
      for (CellGrid& t : found) page.tables.push_back(std::move(t));
    }
  }
  page.lines = text_lines(std::move(outside));
  if (options.page_view && !grey.empty()) options.page_view(number, grey, dpi / 72.0);
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

// Poppler's and libjpeg's messages on this thread (pdf_document.h) as
// warnings: the first few, word for word, then how many more.
void add_poppler_messages(const std::string& where, std::vector<std::string>& warnings) {
  constexpr size_t kShown = 3;
  std::vector<std::string> messages = PdfDocument::take_messages();
  std::vector<std::string> shown;
  for (const std::string& m : messages) {
    if (shown.size() < kShown && std::find(shown.begin(), shown.end(), m) == shown.end()) {
      shown.push_back(m);
    }
  }
  for (const std::string& m : shown) warnings.push_back(where + m);
  if (messages.size() > shown.size()) {
    warnings.push_back(where + std::to_string(messages.size() - shown.size()) +
                       " more messages from Poppler or libjpeg");
  }
}

// Records and metadata when the document is a report pdfrecon knows.
void apply_profile(const ExtractOptions& options, const ReportProfile& profile,
                   const Dictionary& dictionary, DocumentResult& doc) {
  if (options.profile == "generic") return;
  // Reports are ruled spreadsheets: their records come from ruled tables
  // only, and the page's lines are the text outside those (a title or a
  // footer an unruled table took in stays a line). Unruled tables are set
  // aside meanwhile and put back in their places.
  std::vector<std::vector<std::pair<size_t, CellGrid>>> unruled(doc.pages.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    std::vector<CellGrid>& tables = doc.pages[i].tables;
    for (size_t t = 0; t < tables.size(); ++t) {
      if (!tables[t].ruled) unruled[i].emplace_back(t, std::move(tables[t]));
    }
    std::erase_if(tables, [](const CellGrid& g) { return !g.ruled; });
  }
  struct PutBack {
    DocumentResult& doc;
    std::vector<std::vector<std::pair<size_t, CellGrid>>>& unruled;
    ~PutBack() {
      for (size_t i = 0; i < doc.pages.size(); ++i) {
        for (auto& [t, g] : unruled[i]) {
          auto& tables = doc.pages[i].tables;
          tables.insert(tables.begin() + std::ptrdiff_t(std::min(t, tables.size())), std::move(g));
        }
      }
    }
  } put_back{doc, unruled};
  std::vector<PageContent> content;
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    PageResult& p = doc.pages[i];
    content.push_back({p.number, &p.tables, unruled[i].empty() ? p.lines : p.lines_outside_ruled});
  }
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
  doc.sha256 = sha256_hex(pdf.bytes());    // the bytes read, read once
  add_poppler_messages("", doc.warnings);  // a repaired cross-reference table, ...
  const std::vector<int> pages = options.pages.expand(doc.page_count);
  const int total = int(pages.size());
  if (total > options.max_pages) {
    throw InputError(std::to_string(total) + " pages to read, over the limit of " +
                     std::to_string(options.max_pages) +
                     " (see --max-pages, or pick some with --pages)");
  }

  std::vector<PageResult> results(total);
  // The text layers read to order the pages (below) are kept for reading
  // them: a page's layer is extracted once.
  std::vector<std::optional<TextLayer>> layers(total);
  std::vector<std::vector<std::string>> warnings(total);
  std::vector<int> order(total);  // which page each worker takes next
  std::iota(order.begin(), order.end(), 0);
  std::atomic<int> next{0}, done{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  // One page loop per worker, each with its own document object; a loop
  // takes the next page in `order` until none is left. Threads out of pages
  // help with the cells and stacks of the pages still being read (oneTBB's
  // work stealing; page_reading.h isolates each page's own waits).
  auto work = [&](const PdfDocument& doc_for_thread) {
    for (int n; (n = next.fetch_add(1)) < total;) {
      int i = order[n];
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
      PdfDocument::take_messages();  // another page's
      try {
        results[i] =
            read_page(doc_for_thread, pages[i], std::move(layers[i]), options, warnings[i]);
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
        break;
      }
      add_poppler_messages("page " + std::to_string(pages[i]) + ": ", warnings[i]);
      int d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(d, total);
      }
    }
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
  tbb::task_arena arena(jobs);
  arena.execute([&] {
    tbb::task_group loops;
    for (PdfDocument& d : extra) loops.run([&work, &d] { work(d); });
    work(pdf);
    loops.wait();
  });
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
