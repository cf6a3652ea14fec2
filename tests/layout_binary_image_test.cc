// max_pool, keep_runs and fill_gaps against the OpenCV operations they
// replace, on random masks.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pdfrecon/binary_image.h"

namespace pdfrecon {
namespace {

cv::Mat reference_pool(const cv::Mat& mask, int k) {
  cv::Mat padded, out;
  cv::copyMakeBorder(mask, padded, 0, (k - mask.rows % k) % k, 0, (k - mask.cols % k) % k,
                     cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::resize(padded, out, cv::Size(padded.cols / k, padded.rows / k), 0, 0, cv::INTER_AREA);
  cv::threshold(out, out, 0, 255, cv::THRESH_BINARY);
  return out;
}

TEST(MaxPool, MatchesAreaResizeOnSparseInk) {
  cv::RNG rng(7);
  for (int k : {2, 4}) {
    for (int extra = 0; extra < 4; ++extra) {
      cv::Mat noise(37 + extra, 53 + extra, CV_8UC1), mask;
      rng.fill(noise, cv::RNG::UNIFORM, 0, 100);
      // About one pixel in twenty is ink: most blocks hold none or one.
      cv::threshold(noise, mask, 94, 255, cv::THRESH_BINARY);
      cv::Mat got = max_pool(mask, k), want = reference_pool(mask, k);
      ASSERT_EQ(got.size(), want.size()) << "k " << k << " extra " << extra;
      EXPECT_EQ(cv::countNonZero(got != want), 0) << "k " << k << " extra " << extra;
      EXPECT_GT(cv::countNonZero(got), 0);
    }
  }
}

TEST(MaxPool, KeepsALonePixelInTheCutOffCorner) {
  cv::Mat mask = cv::Mat::zeros(9, 10, CV_8UC1);
  mask.at<uchar>(8, 9) = 255;
  cv::Mat got = max_pool(mask, 4);
  ASSERT_EQ(got.size(), cv::Size(3, 3));
  EXPECT_EQ(got.at<uchar>(2, 2), 255);
  EXPECT_EQ(cv::countNonZero(got), 1);
}

TEST(MaxPool, RejectsWhatItCannotPool) {
  EXPECT_THROW(max_pool(cv::Mat::zeros(4, 4, CV_8UC1), 3), std::invalid_argument);
  EXPECT_THROW(max_pool(cv::Mat::zeros(4, 4, CV_16UC1), 2), std::invalid_argument);
}

// Random strokes of every length in both directions, clear of the border
// (where OpenCV's morphology treats the outside specially).
cv::Mat random_strokes(int seed) {
  cv::RNG rng(seed);
  cv::Mat mask = cv::Mat::zeros(120, 160, CV_8UC1);
  for (int i = 0; i < 60; ++i) {
    int x = rng.uniform(20, 140), y = rng.uniform(20, 100), len = rng.uniform(1, 20);
    if (i % 2) {
      mask(cv::Rect(x, y, std::min(len, 140 - x), 1)).setTo(255);
    } else {
      mask(cv::Rect(x, y, 1, std::min(len, 100 - y))).setTo(255);
    }
  }
  return mask;
}

TEST(KeepRuns, IsAnOpeningByALine) {
  for (int seed : {1, 2, 3}) {
    cv::Mat mask = random_strokes(seed);
    for (bool horizontal : {true, false}) {
      for (int len : {1, 3, 7, 11}) {
        cv::Mat want;
        cv::morphologyEx(mask, want, cv::MORPH_OPEN,
                         cv::getStructuringElement(
                             cv::MORPH_RECT, horizontal ? cv::Size(len, 1) : cv::Size(1, len)));
        cv::Mat got = keep_runs(mask, horizontal, len);
        EXPECT_EQ(cv::countNonZero(got != want), 0) << seed << " " << horizontal << " " << len;
      }
    }
  }
}

TEST(FillGaps, IsAClosingByALine) {
  for (int seed : {1, 2, 3}) {
    cv::Mat mask = random_strokes(seed);
    for (bool horizontal : {true, false}) {
      for (int gap : {0, 2, 4, 8}) {
        cv::Mat want;
        cv::Size k = horizontal ? cv::Size(gap + 1, 1) : cv::Size(1, gap + 1);
        cv::morphologyEx(mask, want, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, k));
        cv::Mat got = fill_gaps(mask, horizontal, gap);
        EXPECT_EQ(cv::countNonZero(got != want), 0) << seed << " " << horizontal << " " << gap;
      }
    }
  }
}

TEST(FillGaps, LeavesPaperThatReachesTheBorder) {
  cv::Mat mask = cv::Mat::zeros(1, 10, CV_8UC1);
  mask.at<uchar>(0, 2) = 255;
  mask.at<uchar>(0, 5) = 255;
  cv::Mat got = fill_gaps(mask, true, 3);
  EXPECT_EQ(cv::countNonZero(got), 4);  // 2..5
  EXPECT_EQ(got.at<uchar>(0, 0), 0);
  EXPECT_EQ(got.at<uchar>(0, 9), 0);
}

}  // namespace
}  // namespace pdfrecon
