// Deskew: a synthetic ruled page turned by a known angle comes back level
// (the angle measured to within 0.1 degree), and words move with it.
#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "pdfrecon/deskew.h"

namespace pdfrecon {
namespace {

constexpr double kPxPerPt = 300 / 72.0;

// A landscape A4 page at 300 dpi with a 6 x 4 ruled table and a word-sized
// blob in every cell.
cv::Mat ruled_page() {
  cv::Mat page(2480, 3508, CV_8UC1, cv::Scalar(235));  // paper grey, as scans are
  const int x0 = 300, y0 = 400, w = 480, h = 160, cols = 6, rows = 8;
  for (int r = 0; r <= rows; ++r) {
    cv::line(page, {x0, y0 + r * h}, {x0 + cols * w, y0 + r * h}, cv::Scalar(20), 4);
  }
  for (int c = 0; c <= cols; ++c) {
    cv::line(page, {x0 + c * w, y0}, {x0 + c * w, y0 + rows * h}, cv::Scalar(20), 4);
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      cv::putText(page, "Meta 70,36%", {x0 + c * w + 30, y0 + r * h + 100},
                  cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(30), 3);
    }
  }
  return page;
}

// Turns the page clockwise by `degrees` about its centre.
cv::Mat turned(const cv::Mat& page, double degrees) {
  cv::Mat out;
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(page.cols / 2.f, page.rows / 2.f), -degrees, 1);
  cv::warpAffine(page, out, m, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(235));
  return out;
}

class Deskew : public ::testing::TestWithParam<double> {};

TEST_P(Deskew, ARotatedRuledPageComesBackLevel) {
  const double angle = GetParam();
  cv::Mat grey = turned(ruled_page(), angle);
  Deskewed d = deskew_page(grey, kPxPerPt);
  EXPECT_NEAR(d.grids.skew_degrees, angle, 0.1);
  ASSERT_EQ(d.grids.tables.size(), 1u);
  EXPECT_EQ(d.grids.tables[0].n_rows(), 8);
  EXPECT_EQ(d.grids.tables[0].n_cols(), 6);
  // What is left of the skew after levelling.
  EXPECT_LT(std::abs(detect_grids(grey, kPxPerPt).skew_degrees), 0.1);
  // The levelled table is where the unturned one was.
  EXPECT_NEAR(d.grids.tables[0].bbox.x0, 300 / kPxPerPt, 3);
  EXPECT_NEAR(d.grids.tables[0].bbox.y0, 400 / kPxPerPt, 3);
}

INSTANTIATE_TEST_SUITE_P(layoutDeskew, Deskew, ::testing::Values(0.6, -0.6, 1.3, -2.2, 0.25));

TEST(layoutDeskew, WordsMoveWithThePage) {
  const double angle = 1.5;
  cv::Mat grey = turned(ruled_page(), angle);
  Deskewed d = deskew_page(grey, kPxPerPt);
  // A word at a cell's centre on the level page, as it lies on the turned one.
  cv::Point2d level(300 + 2.5 * 480, 400 + 3.5 * 160);
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(3508 / 2.f, 2480 / 2.f), -angle, 1);
  cv::Matx23d turn(m);
  cv::Vec2d on_scan = turn * cv::Vec3d(level.x, level.y, 1);
  TextLayer layer;
  Word w;
  w.text = "70,36%";
  w.box = {on_scan[0] / kPxPerPt - 20, on_scan[1] / kPxPerPt - 5, on_scan[0] / kPxPerPt + 20,
           on_scan[1] / kPxPerPt + 5};
  layer.words.push_back(w);
  move_words(layer, d.turn, kPxPerPt);
  EXPECT_NEAR(layer.words[0].box.cx(), level.x / kPxPerPt, 1.0);
  EXPECT_NEAR(layer.words[0].box.cy(), level.y / kPxPerPt, 1.0);
  EXPECT_NEAR(layer.words[0].box.width(), 40, 1e-9);
}

TEST(layoutDeskew, ALevelPageIsLeftAlone) {
  cv::Mat grey = ruled_page();
  cv::Mat before = grey.clone();
  Deskewed d = deskew_page(grey, kPxPerPt);
  EXPECT_LT(std::abs(d.grids.skew_degrees), 0.05);
  EXPECT_EQ(cv::norm(grey, before, cv::NORM_INF), 0);
  EXPECT_EQ(d.turn, cv::Matx23d(1, 0, 0, 0, 1, 0));
}

// A scan measured at its own resolution, then turned and enlarged in one
// step: the same skew and tables (in points) as when enlarged first, at
// the larger size.
TEST(layoutDeskew, AScanIsMeasuredAtItsOwnResolutionAndEnlargedOnce) {
  const double angle = -1.2, native = 200 / 72.0;
  cv::Mat at_300 = turned(ruled_page(), angle);
  cv::Mat grey;
  cv::resize(at_300, grey, {}, native / kPxPerPt, native / kPxPerPt, cv::INTER_AREA);
  Deskewed enlarged = deskew_page(grey, native, {}, 0.05, kPxPerPt / native);
  Deskewed direct = deskew_page(at_300, kPxPerPt);
  EXPECT_NEAR(grey.cols, 3508, 1);
  EXPECT_NEAR(grey.rows, 2480, 1);
  EXPECT_NEAR(enlarged.grids.skew_degrees, angle, 0.1);
  EXPECT_NEAR(enlarged.grids.skew_degrees, direct.grids.skew_degrees, 0.05);
  ASSERT_EQ(enlarged.grids.tables.size(), 1u);
  EXPECT_EQ(enlarged.grids.tables[0].n_rows(), 8);
  EXPECT_EQ(enlarged.grids.tables[0].n_cols(), 6);
  EXPECT_NEAR(enlarged.grids.tables[0].bbox.x0, 300 / kPxPerPt, 3);
  EXPECT_NEAR(enlarged.grids.tables[0].bbox.y0, 400 / kPxPerPt, 3);
  EXPECT_LT(std::abs(detect_grids(grey, kPxPerPt).skew_degrees), 0.1);
  // `turn` works on the enlarged image's pixels, as move_words expects.
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(enlarged.turn(i, j), direct.turn(i, j), 0.5);
  }
}

TEST(layoutDeskew, ALevelScanIsOnlyEnlarged) {
  cv::Mat grey;
  cv::resize(ruled_page(), grey, {}, 0.5, 0.5, cv::INTER_AREA);
  Deskewed d = deskew_page(grey, kPxPerPt / 2, {}, 0.05, 2);
  EXPECT_EQ(grey.cols, 3508);
  EXPECT_EQ(grey.rows, 2480);
  EXPECT_EQ(d.turn, cv::Matx23d(1, 0, 0, 0, 1, 0));
  ASSERT_EQ(d.grids.tables.size(), 1u);
  EXPECT_NEAR(d.grids.tables[0].bbox.x0, 300 / kPxPerPt, 3);
}

// A scan of 299 dpi is enlarged to 300 (a third of a percent is 12 pixels
// across the page); one whose size would not change is left as it is.
TEST(layoutDeskew, ALevelScanIsResizedOnlyWhenItsPixelSizeChanges) {
  cv::Mat grey;
  cv::resize(ruled_page(), grey, cv::Size(3496, 2472), 0, 0, cv::INTER_AREA);
  deskew_page(grey, 299 / 72.0, {}, 0.05, 300 / 299.0);
  EXPECT_EQ(grey.size(), cv::Size(3508, 2480));
  cv::Mat page = ruled_page(), before = page;
  deskew_page(page, kPxPerPt, {}, 0.05, 300 / 299.99);
  EXPECT_EQ(page.data, before.data);
}

}  // namespace
}  // namespace pdfrecon
