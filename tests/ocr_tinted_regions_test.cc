// lift_tinted_regions: shaded cells brought to the page's paper, their ink
// found by their own threshold.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pdfrecon/tinted_regions.h"

namespace pdfrecon {
namespace {

// A page of paper at 235 with three cells; `tint` fills the middle one.
// Each cell holds a bar of print (40) at its centre.
struct Page {
  cv::Mat grey, ink;
  std::vector<cv::Rect> cells{{0, 0, 100, 40}, {100, 0, 100, 40}, {200, 0, 100, 40}};
  cv::Rect print(int i) const { return {cells[i].x + 30, 15, 40, 10}; }
  explicit Page(int tint, bool print_in_tint = true) {
    grey = cv::Mat(40, 300, CV_8UC1, cv::Scalar(235));
    grey(cells[1]).setTo(tint);
    for (int i = 0; i < 3; ++i) {
      if (i != 1 || print_in_tint) grey(print(i)).setTo(40);
    }
    // The page's threshold: the tint counts as ink when darker than 150.
    cv::threshold(grey, ink, 150, 255, cv::THRESH_BINARY_INV);
  }
};

TEST(TintedRegions, PaperIsTheSeventyFifthPercentile) {
  // Print on a fifth of a cell leaves the paper's grey.
  cv::Mat cell(10, 10, CV_8UC1, cv::Scalar(235));
  cell(cv::Rect(0, 0, 10, 2)).setTo(40);
  EXPECT_EQ(paper_level(cell), 235);
  // The value at index n * 3 / 4 of the sorted pixels.
  cv::Mat four = (cv::Mat_<uchar>(1, 4) << 40, 10, 30, 20);
  EXPECT_EQ(paper_level(four), 40);
  cv::Mat five = (cv::Mat_<uchar>(1, 5) << 50, 10, 40, 20, 30);
  EXPECT_EQ(paper_level(five), 40);
}

TEST(TintedRegions, LiftsATintToThePaperAndFindsItsPrint) {
  Page page(120);
  cv::Mat grey = page.grey, ink = page.ink;
  ASSERT_EQ(cv::countNonZero(ink(page.cells[1])), page.cells[1].area());  // one blot
  EXPECT_EQ(lift_tinted_regions(page.cells, grey, ink), 1);
  cv::Rect tint_paper(page.cells[1].x, 0, page.cells[1].width, 10);
  EXPECT_EQ(cv::countNonZero(grey(tint_paper) != 235), 0);
  EXPECT_LT(cv::mean(grey(page.print(1)))[0], 100);
  EXPECT_EQ(cv::countNonZero(ink(page.cells[1])), page.print(1).area());
  EXPECT_EQ(cv::countNonZero(ink(page.print(1))), page.print(1).area());
  // Untinted cells are as they were; the caller's Mats are not touched.
  EXPECT_EQ(cv::countNonZero(grey(page.cells[0]) != page.grey(page.cells[0])), 0);
  EXPECT_EQ(cv::countNonZero(page.grey(page.cells[1]) == 120), page.cells[1].area() - 400);
  EXPECT_NE(grey.data, page.grey.data);
}

TEST(TintedRegions, ALightTintIsLiftedToo) {
  // Lighter than the page's ink threshold: no blot, but Tesseract's own
  // threshold over a stack may still take it for ink.
  Page page(200);
  cv::Mat grey = page.grey, ink = page.ink;
  EXPECT_EQ(lift_tinted_regions(page.cells, grey, ink), 1);
  EXPECT_NEAR(cv::mean(grey(cv::Rect(100, 0, 100, 10)))[0], 235, 1);
}

TEST(TintedRegions, ATintWithoutPrintHasNoInk) {
  Page page(120, false);
  cv::Mat grey = page.grey, ink = page.ink;
  EXPECT_EQ(lift_tinted_regions(page.cells, grey, ink), 1);
  EXPECT_EQ(cv::countNonZero(ink(page.cells[1])), 0);
}

TEST(TintedRegions, APageWithoutTintIsNotCopied) {
  Page page(228);  // paper noise, not a tint
  cv::Mat grey = page.grey, ink = page.ink;
  EXPECT_EQ(lift_tinted_regions(page.cells, grey, ink), 0);
  EXPECT_EQ(grey.data, page.grey.data);
  EXPECT_EQ(ink.data, page.ink.data);
  EXPECT_EQ(lift_tinted_regions({}, grey, ink), 0);
}

}  // namespace
}  // namespace pdfrecon
