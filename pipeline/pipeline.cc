#include "pdfrecon/pipeline.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/sha256.h"
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

DocumentResult extract_document(const std::string& path, const ExtractOptions& options,
                                const ProgressFn& progress) {
  PdfDocument pdf = PdfDocument::open(path);
  DocumentResult doc;
  doc.file = path;
  doc.page_count = pdf.page_count();
  doc.sha256 = sha256_file(path);
  std::vector<int> pages = pages_to_process(options, doc.page_count);
  const double px_per_pt = options.dpi / 72.0;

  int done = 0;
  for (int number : pages) {
    int index = number - 1;
    PageGeometry geo = pdf.geometry(index);
    PageResult page;
    page.number = number;
    page.width = geo.width;
    page.height = geo.height;

    TextLayer text = pdf.text(index);
    cv::Mat grey = pdf.render_grey(index, options.dpi);
    // Content drawn sideways (or a /Rotate that turned it so) is turned
    // upright; coordinates are then those of the upright page.
    turn_upright(text.dominant_rotation(), grey, text, page.width, page.height);
    GridDetectorOptions grid_options;
    grid_options.text_height_pt = text.median_height();
    PageGrids grids = detect_grids(grey, px_per_pt, grid_options);
    page.skew_degrees = grids.skew_degrees;
    page.tables = std::move(grids.tables);
    page.lines = text_lines(place_words(text, page.tables));
    if (text.empty()) {
      doc.warnings.push_back("page " + std::to_string(number) +
                             ": no text layer (OCR is not available yet)");
    }
    doc.pages.push_back(std::move(page));
    if (progress) progress(++done, int(pages.size()));
  }
  return doc;
}

}  // namespace pdfrecon
