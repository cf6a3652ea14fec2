// fixturegen: renders a LOTAIP a4 ground-truth file into a born-digital PDF,
// with the grids and records a perfect extraction of that PDF must return.
#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "document_layout.h"
#include "fonts.h"
#include "grids_json.h"
#include "pdf_render.h"
#include "records.h"
#include "truth.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Page sizes in points (width, height), the name as --page-size takes it.
struct PageSize {
  const char* name;
  double width, height;
};
constexpr PageSize kPageSizes[] = {
    {"a4-landscape", 842, 595},
    {"a4-portrait", 595, 842},
    {"letter-landscape", 792, 612},
    {"letter-portrait", 612, 792},
};

// A grey light enough that black text on it still reads (and OCRs) cleanly.
constexpr double kSectionGray = 0.90;

struct Options {
  std::string truth;
  std::string pdf, grids, records;
  fixturegen::Record fields = fixturegen::kA4Fields;
  fixturegen::Style style;
};

po::options_description visible_options() {
  po::options_description desc(
      "Usage: fixturegen TRUTH.json [--pdf OUT.pdf] [--grids OUT.grids.json]\n"
      "                  [--records OUT.records.csv] [--repeat-header|--no-repeat-header]\n"
      "                  [--font-size 7] [layout variants]\n\n"
      "Renders a LOTAIP literal a4 ground-truth file (lotaip-a4-truth/1) into a\n"
      "born-digital PDF (A4 landscape unless told) and writes what a perfect\n"
      "extraction of it must return. Output is byte-for-byte deterministic. The\n"
      "layout variants reproduce real reports; each is off by default and changes\n"
      "only what it names.\n\nOptions");
  desc.add_options()("help,h", "show this help")("pdf", po::value<std::string>(),
                                                 "write the rendered report here")(
      "grids", po::value<std::string>(), "write the expected per-page ruled grids (JSON) here")(
      "records", po::value<std::string>(), "write the expected records (RFC 4180 CSV) here")(
      "repeat-header", po::bool_switch(), "repeat the header row on every page (default)")(
      "no-repeat-header", po::bool_switch(), "print the header row on page 1 only")(
      "font-size", po::value<double>()->default_value(7.0), "body font size in points (4-12)")(
      "fields", po::value<std::string>(),
      "the records CSV's six field names, comma separated, for a report of another profile "
      "than a4 (default: section,no,unit,objective,indicator,target)");
  po::options_description variants("Layout variants");
  variants.add_options()(
      "open-edges", po::bool_switch(),
      "no top ruling on a page that starts mid-table (no repeated header) and no bottom ruling "
      "on a page that ends mid-table, like a spreadsheet export; the verticals still run the "
      "table's height and the expected grids are unchanged")(
      "footer-in-grid", po::bool_switch(),
      "draw the footer block as rows of the main table right under the last data row (label "
      "over columns 1-3, value over 4-5; all on one page, a new one if need be) instead of a "
      "table of its own; the expected grids hold them as rows of the main table")(
      "page-size", po::value<std::string>()->default_value("a4-landscape"),
      "a4-landscape | a4-portrait | letter-landscape | letter-portrait; the columns keep "
      "their proportions across the page's width")(
      "page-numbers", po::value<std::string>()->default_value("none"),
      "none | pagina (\"Página 3\") | fraction (\"3/9\"), centred in the bottom margin")(
      "uneven-rows", po::value<long long>(),
      "pad each data row by 0-60% of its height, chosen per row from this seed "
      "(0-4294967295); the same seed gives the same bytes everywhere")(
      "section-fill", po::bool_switch(), "fill section rows light grey (default: no fill)")(
      "center-objectives", po::bool_switch(),
      "centre the objective text in its cell (default: left-aligned)");
  desc.add(variants);
  return desc;
}

// The layout variant options into `style`; throws po::error on a bad value.
void parse_variants(const po::variables_map& vm, fixturegen::Style& style) {
  using fixturegen::PageNumbers;
  style.open_edges = vm["open-edges"].as<bool>();
  style.footer_in_grid = vm["footer-in-grid"].as<bool>();
  const auto& size_name = vm["page-size"].as<std::string>();
  const PageSize* size = nullptr;
  for (const auto& s : kPageSizes) {
    if (size_name == s.name) size = &s;
  }
  if (size == nullptr) throw po::error("unknown --page-size " + size_name);
  style.page_width = size->width;
  style.page_height = size->height;
  const auto& numbers = vm["page-numbers"].as<std::string>();
  if (numbers == "none") {
    style.page_numbers = PageNumbers::None;
  } else if (numbers == "pagina") {
    style.page_numbers = PageNumbers::Pagina;
  } else if (numbers == "fraction") {
    style.page_numbers = PageNumbers::Fraction;
  } else {
    throw po::error("--page-numbers must be none, pagina or fraction");
  }
  if (vm.count("uneven-rows")) {
    const long long seed = vm["uneven-rows"].as<long long>();
    if (seed < 0 || seed > UINT32_MAX) throw po::error("--uneven-rows must be 0-4294967295");
    style.uneven_rows = true;
    style.uneven_seed = static_cast<uint32_t>(seed);
  }
  if (vm["section-fill"].as<bool>()) style.section_gray = kSectionGray;
  style.center_objectives = vm["center-objectives"].as<bool>();
}

// nullopt after printing help; throws po::error on bad usage.
std::optional<Options> parse_args(int argc, char** argv) {
  auto visible = visible_options();
  po::options_description all;
  all.add(visible).add_options()("truth", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("truth", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return std::nullopt;
  }
  if (!vm.count("truth")) throw po::error("missing TRUTH.json");
  Options o;
  o.truth = vm["truth"].as<std::string>();
  if (vm.count("pdf")) o.pdf = vm["pdf"].as<std::string>();
  if (vm.count("grids")) o.grids = vm["grids"].as<std::string>();
  if (vm.count("records")) o.records = vm["records"].as<std::string>();
  if (o.pdf.empty() && o.grids.empty() && o.records.empty()) {
    throw po::error("nothing to write: give --pdf, --grids and/or --records");
  }
  if (vm["repeat-header"].as<bool>() && vm["no-repeat-header"].as<bool>()) {
    throw po::error("--repeat-header and --no-repeat-header exclude each other");
  }
  o.style.repeat_header = !vm["no-repeat-header"].as<bool>();
  const double size = vm["font-size"].as<double>();
  if (!(size >= 4 && size <= 12)) throw po::error("--font-size must be between 4 and 12");
  if (vm.count("fields")) {
    std::string list = vm["fields"].as<std::string>();
    size_t n = 0, start = 0;
    for (;;) {
      size_t end = list.find(',', start);
      if (n == o.fields.size()) throw po::error("--fields names more than six fields");
      o.fields[n++] = list.substr(start, end == std::string::npos ? end : end - start);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (n != o.fields.size()) throw po::error("--fields must name six fields");
  }
  parse_variants(vm, o.style);
  o.style.title_size = o.style.title_size * size / o.style.body_size;
  o.style.body_size = size;
  return o;
}

void run(const Options& o) {
  using namespace fixturegen;
  const Truth truth = load_truth(o.truth);
  const auto records = flatten_records(truth);
  if (!o.records.empty()) write_file(o.records, records_csv(records, o.fields));
  if (o.pdf.empty() && o.grids.empty()) return;

  const FontSet fonts;
  const LayoutResult layout = layout_document(truth, fonts, o.style);
  if (!o.pdf.empty()) render_pdf(layout.document, fonts, o.pdf);
  if (!o.grids.empty()) {
    const auto source = std::filesystem::path(o.truth).filename().string();
    write_file(o.grids, format_json(grids_json(layout.document, source)) + "\n");
  }
  std::cerr << "fixturegen: " << o.truth << ": " << layout.document.pages.size() << " pages, "
            << records.size() << " records\n";
  for (const auto& s : layout.splits) std::cerr << "  split by a page break: " << s << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Options> options;
  try {
    options = parse_args(argc, argv);
  } catch (const po::error& e) {
    std::cerr << "fixturegen: " << e.what() << "\n" << visible_options() << "\n";
    return kExitUsage;
  }
  if (!options) return 0;
  try {
    run(*options);
  } catch (const std::exception& e) {
    std::cerr << "fixturegen: " << e.what() << "\n";
    return kExitFailure;
  }
  return 0;
}
