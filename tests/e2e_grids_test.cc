// End to end on the born-digital fixtures: every table and every cell the
// pipeline finds equals the grids the fixture generator drew.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "pdfrecon/pipeline.h"
#include "pdfrecon/writers.h"

namespace pdfrecon {
namespace {

constexpr double kBoxTolerancePt = 1.5;

// The grids expected of `stem`.pdf (a fixture path without extension).
nlohmann::json load_grids(const std::string& stem) {
  std::ifstream in(stem + ".grids.json");
  EXPECT_TRUE(in) << stem;
  return nlohmann::json::parse(in);
}

nlohmann::json load_expected(const std::string& dir) { return load_grids(dir + "/born-digital"); }

// Compares one page's tables with the generator's; returns the cells checked.
int expect_page_matches(const PageResult& page, const nlohmann::json& want_page) {
  const auto& want_tables = want_page["tables"];
  EXPECT_EQ(page.tables.size(), want_tables.size()) << "page " << page.number;
  if (page.tables.size() != want_tables.size()) return 0;
  int checked = 0;
  for (size_t t = 0; t < page.tables.size(); ++t) {
    const CellGrid& got = page.tables[t];
    const auto& want = want_tables[t];
    SCOPED_TRACE("page " + std::to_string(page.number) + " table " + std::to_string(t + 1));
    EXPECT_EQ(got.n_rows(), want["n_rows"].get<int>());
    EXPECT_EQ(got.n_cols(), want["n_cols"].get<int>());
    EXPECT_EQ(got.cells.size(), want["cells"].size());
    for (const auto& wc : want["cells"]) {
      int row = wc["row"], col = wc["col"];
      const GridCell* c = got.cell_at(row, col);
      EXPECT_NE(c, nullptr) << row << "," << col;
      if (!c) continue;
      ++checked;
      EXPECT_EQ(c->row, row);
      EXPECT_EQ(c->col, col);
      EXPECT_EQ(c->row_span, wc["row_span"].get<int>()) << row << "," << col;
      EXPECT_EQ(c->col_span, wc["col_span"].get<int>()) << row << "," << col;
      EXPECT_EQ(c->text, wc["text"].get<std::string>()) << row << "," << col;
      EXPECT_NEAR(c->box.x0, wc["bbox"][0].get<double>(), kBoxTolerancePt);
      EXPECT_NEAR(c->box.y0, wc["bbox"][1].get<double>(), kBoxTolerancePt);
      EXPECT_NEAR(c->box.x1, wc["bbox"][2].get<double>(), kBoxTolerancePt);
      EXPECT_NEAR(c->box.y1, wc["bbox"][3].get<double>(), kBoxTolerancePt);
    }
  }
  return checked;
}

class BornDigitalGrids : public ::testing::TestWithParam<const char*> {};

// The parameter is a fixture PDF's path under fixtures/, without ".pdf".
TEST_P(BornDigitalGrids, EveryCellMatchesTheExpectedGrid) {
  std::string stem = std::string(PDFRECON_SOURCE_DIR) + "/fixtures/" + GetParam();
  nlohmann::json expected = load_grids(stem);
  ExtractOptions options;
  options.profile = "generic";
  DocumentResult doc = extract_document(stem + ".pdf", options);
  ASSERT_EQ(doc.pages.size(), expected["pages"].size());
  int checked = 0;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    checked += expect_page_matches(doc.pages[p], expected["pages"][p]);
  }
  EXPECT_GT(checked, 100);
}

// The layout variants: portrait A4 and US Letter, table edges left open at
// page breaks, the footer as rows of the main table, page numbers, uneven
// rows, filled sections, centred objectives (scripts/make-fixtures.sh).
INSTANTIATE_TEST_SUITE_P(Fixtures, BornDigitalGrids,
                         ::testing::Values("cne-lotaip-a4-2023-11/born-digital",
                                           "invented-lotaip-a4/born-digital",
                                           "invented-lotaip-a4/layout-portrait",
                                           "invented-lotaip-a4/layout-letter"));

TEST(BornDigitalGrids, SelectedPagesOnly) {
  std::string pdf =
      std::string(PDFRECON_SOURCE_DIR) + "/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf";
  ExtractOptions options;
  options.pages = {2, 4};
  DocumentResult doc = extract_document(pdf, options);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].number, 2);
  EXPECT_EQ(doc.pages[1].number, 4);
  EXPECT_EQ(doc.page_count, 7);
  EXPECT_NEAR(doc.pages[0].width, 842, 1);
  EXPECT_NEAR(doc.pages[0].height, 595, 1);
}

// A page shown sideways or upside down (/Rotate) is turned upright and gives
// the same grid, in the upright page's coordinates.
class RotatedPage : public ::testing::TestWithParam<int> {};

TEST_P(RotatedPage, IsTurnedUprightWithTheSameGrid) {
  std::string src = std::string(PDFRECON_SOURCE_DIR) + "/fixtures/";
  nlohmann::json expected = load_expected(src + "cne-lotaip-a4-2023-11");
  ExtractOptions options;
  options.profile = "generic";
  DocumentResult doc =
      extract_document(src + "rotated/page2-rotate" + std::to_string(GetParam()) + ".pdf", options);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_NEAR(doc.pages[0].width, 842, 1);
  EXPECT_NEAR(doc.pages[0].height, 595, 1);
  doc.pages[0].number = 2;
  EXPECT_GT(expect_page_matches(doc.pages[0], expected["pages"][1]), 50);
}

INSTANTIATE_TEST_SUITE_P(Rotations, RotatedPage, ::testing::Values(90, 180, 270));

}  // namespace
}  // namespace pdfrecon

namespace pdfrecon {
namespace {

TEST(ParallelPages, SameDocumentWithOneOrTwoWorkers) {
  std::string pdf =
      std::string(PDFRECON_SOURCE_DIR) + "/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf";
  ExtractOptions one, two;
  one.jobs = 1;
  two.jobs = 2;
  std::string a = write_json(extract_document(pdf, one));
  std::string b = write_json(extract_document(pdf, two));
  EXPECT_GT(a.size(), 10000u);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace pdfrecon
