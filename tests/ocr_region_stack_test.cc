// RegionStack: regions of a page stacked for one OCR call, and words mapped
// back; text_line_bands: a cell's ink split into its lines.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pdfrecon/region_stack.h"

namespace pdfrecon {
namespace {

TEST(RegionStack, CopiesRegionsOneBelowTheOtherWithGaps) {
  cv::Mat page(200, 300, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(10, 20, 50, 10)).setTo(0);
  page(cv::Rect(200, 150, 80, 12)).setTo(100);
  RegionStack stack(page, {cv::Rect(10, 20, 50, 10), cv::Rect(200, 150, 80, 12)}, 5);
  ASSERT_FALSE(stack.empty());
  const cv::Mat& im = stack.image();
  EXPECT_EQ(im.cols, 80 + 2 * 5);
  EXPECT_EQ(im.rows, 5 + 10 + 5 + 12 + 5);
  EXPECT_EQ(cv::countNonZero(im(cv::Rect(5, 5, 50, 10)) != 0), 0);         // first region, black
  EXPECT_EQ(cv::countNonZero(im(cv::Rect(5, 20, 80, 12)) != 100), 0);      // second region, grey
  EXPECT_EQ(cv::countNonZero(im(cv::Rect(0, 15, im.cols, 5)) != 255), 0);  // the gap is paper
}

TEST(RegionStack, SkipsRegionsOffThePage) {
  cv::Mat page(100, 100, CV_8UC1, cv::Scalar(255));
  RegionStack none(page, {cv::Rect(200, 200, 10, 10)}, 4);
  EXPECT_TRUE(none.empty());
  RegionStack clipped(page, {cv::Rect(90, 90, 30, 30)}, 4);
  ASSERT_FALSE(clipped.empty());
  EXPECT_EQ(clipped.image().cols, 10 + 8);
}

TEST(RegionStack, WordsGoBackToWhereTheyAreOnThePage) {
  const double px_per_pt = 2;
  cv::Mat page(400, 400, CV_8UC1, cv::Scalar(255));
  // Stack: region A at y 10..30 (gap 10), region B at y 40..60.
  RegionStack stack(page, {cv::Rect(100, 50, 60, 20), cv::Rect(20, 300, 100, 20)}, 10);
  TextLayer read;
  Word a;
  a.text = "uno";
  a.box = Box{12 / px_per_pt, 12 / px_per_pt, 30 / px_per_pt, 28 / px_per_pt};  // in A
  Word b;
  b.text = "dos";
  b.box = Box{10 / px_per_pt, 44 / px_per_pt, 40 / px_per_pt, 58 / px_per_pt};  // in B
  Word stray;
  stray.text = "x";
  stray.box = Box{10 / px_per_pt, 1 / px_per_pt, 12 / px_per_pt, 3 / px_per_pt};  // above all
  read.words = {a, b, stray};
  TextLayer back = stack.to_page(read, px_per_pt);
  ASSERT_EQ(back.words.size(), 2u);
  EXPECT_EQ(back.words[0].text, "uno");
  EXPECT_DOUBLE_EQ(back.words[0].box.x0 * px_per_pt, 100 + 2);
  EXPECT_DOUBLE_EQ(back.words[0].box.y0 * px_per_pt, 50 + 2);
  EXPECT_EQ(back.words[1].text, "dos");
  EXPECT_DOUBLE_EQ(back.words[1].box.x0 * px_per_pt, 20);
  EXPECT_DOUBLE_EQ(back.words[1].box.y1 * px_per_pt, 300 + 18);
}

cv::Mat ink_rows(int rows, std::vector<std::pair<int, int>> inked) {
  cv::Mat ink(rows, 50, CV_8UC1, cv::Scalar(0));
  for (auto [a, b] : inked) ink(cv::Range(a, b), cv::Range(5, 45)).setTo(255);
  return ink;
}

TEST(TextLineBands, SplitsLinesAtBlankRowsAndCoversEveryRow) {
  auto bands = text_line_bands(ink_rows(60, {{2, 18}, {24, 40}, {46, 58}}));
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_EQ(bands[0], std::make_pair(0, 21));
  EXPECT_EQ(bands[1], std::make_pair(21, 43));
  EXPECT_EQ(bands[2], std::make_pair(43, 60));
}

TEST(TextLineBands, AnAccentOrASpeckIsNoLineOfItsOwn) {
  // An accent above a line of capitals joins the line under it; a speck
  // under the last line joins that line.
  auto bands = text_line_bands(ink_rows(70, {{2, 6}, {8, 24}, {32, 48}, {51, 53}}));
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].first, 0);
  EXPECT_LE(bands[0].second, 32);
  EXPECT_GE(bands[0].second, 24);
  EXPECT_EQ(bands[1].second, 70);
}

TEST(TextLineBands, OneLineOrNoInkIsOneBand) {
  EXPECT_EQ(text_line_bands(ink_rows(30, {{5, 20}})), (std::vector<std::pair<int, int>>{{0, 30}}));
  EXPECT_EQ(text_line_bands(ink_rows(30, {})), (std::vector<std::pair<int, int>>{{0, 30}}));
}

}  // namespace
}  // namespace pdfrecon
