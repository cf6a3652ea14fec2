// End to end on the born-digital fixtures: every table and every cell the
// pipeline finds equals the grids the fixture generator drew.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "pdfrecon/pipeline.h"

namespace pdfrecon {
namespace {

constexpr double kBoxTolerancePt = 1.5;

class BornDigitalGrids : public ::testing::TestWithParam<const char*> {};

TEST_P(BornDigitalGrids, EveryCellMatchesTheExpectedGrid) {
  std::string dir = std::string(PDFRECON_SOURCE_DIR) + "/fixtures/" + GetParam();
  std::ifstream in(dir + "/born-digital.grids.json");
  ASSERT_TRUE(in) << dir;
  nlohmann::json expected = nlohmann::json::parse(in);

  ExtractOptions options;
  options.profile = "generic";
  DocumentResult doc = extract_document(dir + "/born-digital.pdf", options);
  ASSERT_EQ(doc.pages.size(), expected["pages"].size());

  int cells_checked = 0, cells_exact = 0;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const auto& want_tables = expected["pages"][p]["tables"];
    const auto& got_tables = doc.pages[p].tables;
    ASSERT_EQ(got_tables.size(), want_tables.size()) << "page " << p + 1;
    for (size_t t = 0; t < got_tables.size(); ++t) {
      const CellGrid& got = got_tables[t];
      const auto& want = want_tables[t];
      SCOPED_TRACE("page " + std::to_string(p + 1) + " table " + std::to_string(t + 1));
      ASSERT_EQ(got.n_rows(), want["n_rows"].get<int>());
      ASSERT_EQ(got.n_cols(), want["n_cols"].get<int>());
      ASSERT_EQ(got.cells.size(), want["cells"].size());
      for (const auto& wc : want["cells"]) {
        int row = wc["row"], col = wc["col"];
        const GridCell* c = got.cell_at(row, col);
        ASSERT_NE(c, nullptr) << row << "," << col;
        ++cells_checked;
        EXPECT_EQ(c->row, row);
        EXPECT_EQ(c->col, col);
        EXPECT_EQ(c->row_span, wc["row_span"].get<int>()) << row << "," << col;
        EXPECT_EQ(c->col_span, wc["col_span"].get<int>()) << row << "," << col;
        EXPECT_EQ(c->text, wc["text"].get<std::string>()) << row << "," << col;
        EXPECT_NEAR(c->box.x0, wc["bbox"][0].get<double>(), kBoxTolerancePt);
        EXPECT_NEAR(c->box.y0, wc["bbox"][1].get<double>(), kBoxTolerancePt);
        EXPECT_NEAR(c->box.x1, wc["bbox"][2].get<double>(), kBoxTolerancePt);
        EXPECT_NEAR(c->box.y1, wc["bbox"][3].get<double>(), kBoxTolerancePt);
        if (c->text == wc["text"].get<std::string>()) ++cells_exact;
      }
    }
  }
  EXPECT_GT(cells_checked, 100);
  EXPECT_EQ(cells_exact, cells_checked);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BornDigitalGrids,
                         ::testing::Values("cne-lotaip-a4-2023-11", "invented-lotaip-a4"));

TEST(BornDigitalGrids, SelectedPagesOnly) {
  std::string pdf = std::string(PDFRECON_SOURCE_DIR) +
                    "/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf";
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

}  // namespace
}  // namespace pdfrecon
