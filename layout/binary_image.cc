#include "pdfrecon/binary_image.h"

#include <stdexcept>

namespace pdfrecon {

cv::Mat max_pool(const cv::Mat& mask, int k) {
  if (mask.type() != CV_8UC1) throw std::invalid_argument("max_pool: 8-bit one-channel mask");
  if (k != 2 && k != 4) throw std::invalid_argument("max_pool: k must be 2 or 4");
  const int out_cols = (mask.cols + k - 1) / k, out_rows = (mask.rows + k - 1) / k;
  cv::Mat out(out_rows, out_cols, CV_8UC1);
  // One row of OR-ed input rows, padded with paper to whole blocks; seen as
  // one 16- or 32-bit word per block.
  cv::Mat rows = cv::Mat::zeros(1, out_cols * k, CV_8UC1);
  cv::Mat row_part = rows.colRange(0, mask.cols);
  cv::Mat words(1, out_cols, k == 2 ? CV_16UC1 : CV_32SC1, rows.data);
  for (int y = 0; y < out_rows; ++y) {
    int y0 = y * k, y1 = std::min(mask.rows, y0 + k);
    mask.row(y0).copyTo(row_part);
    for (int r = y0 + 1; r < y1; ++r) cv::bitwise_or(row_part, mask.row(r), row_part);
    cv::compare(words, 0, out.row(y), cv::CMP_NE);
  }
  return out;
}

}  // namespace pdfrecon
