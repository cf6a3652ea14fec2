// Degenerate inputs to the image stages: no crash, no hang, no invented
// tables.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/grid_detector.h"

namespace pdfrecon {
namespace {

constexpr double kPxPerPt = 150.0 / 72;

TEST(GridRobustness, BlankAndTinyImagesHaveNoTables) {
  EXPECT_TRUE(detect_grids(cv::Mat(1240, 1754, CV_8UC1, cv::Scalar(255)), kPxPerPt).tables.empty());
  EXPECT_TRUE(detect_grids(cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), kPxPerPt).tables.empty());
  EXPECT_TRUE(detect_grids(cv::Mat(3, 500, CV_8UC1, cv::Scalar(0)), kPxPerPt).tables.empty());
}

TEST(GridRobustness, AllBlackPageIsNotATable) {
  PageGrids g = detect_grids(cv::Mat(600, 800, CV_8UC1, cv::Scalar(0)), kPxPerPt);
  EXPECT_TRUE(g.tables.empty());
}

TEST(GridRobustness, NoiseIsNotATable) {
  for (int seed = 1; seed <= 5; ++seed) {
    cv::Mat noise(800, 1100, CV_8UC1);
    cv::theRNG().state = uint64_t(seed);
    cv::randu(noise, 0, 256);
    PageGrids g = detect_grids(noise, kPxPerPt);
    EXPECT_TRUE(g.tables.empty()) << "seed " << seed;
  }
}

TEST(GridRobustness, DenseStripesStayBounded) {
  // Hundreds of rulings: must finish and give a consistent grid.
  cv::Mat img(1240, 1754, CV_8UC1, cv::Scalar(255));
  for (int y = 20; y < 1220; y += 6) cv::line(img, {20, y}, {1730, y}, cv::Scalar(0), 1);
  for (int x = 20; x < 1740; x += 6) cv::line(img, {x, 20}, {x, 1220}, cv::Scalar(0), 1);
  PageGrids g = detect_grids(img, kPxPerPt);
  for (const CellGrid& t : g.tables) {
    EXPECT_EQ(t.row_edges.size(), size_t(t.n_rows() + 1));
    for (const GridCell& c : t.cells) {
      EXPECT_GE(c.row, 0);
      EXPECT_LE(c.row + c.row_span, t.n_rows());
      EXPECT_LE(c.col + c.col_span, t.n_cols());
    }
  }
}

TEST(WordPlacement, WordsOutsideEveryTableAreReturned) {
  std::vector<CellGrid> none;
  TextLayer layer;
  layer.words.push_back({.text = "hola", .box = {10, 10, 30, 20}});
  EXPECT_EQ(place_words(layer, none).size(), 1u);
  EXPECT_EQ(join_cell_words({}), "");
}

}  // namespace
}  // namespace pdfrecon
