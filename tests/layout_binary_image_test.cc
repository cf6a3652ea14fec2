// max_pool against OpenCV's area resize plus threshold, the operation it
// replaces, on random masks of every size remainder.
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

}  // namespace
}  // namespace pdfrecon
