#include "pdfrecon/binary_image.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace pdfrecon {
namespace {

void check_mask(const cv::Mat& mask, const char* who) {
  if (mask.type() != CV_8UC1) throw std::invalid_argument(std::string(who) + ": 8-bit mask");
}

}  // namespace

cv::Mat max_pool(const cv::Mat& mask, int k) {
  check_mask(mask, "max_pool");
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

namespace {

// Runs along rows; columns are handled as the rows of the transpose, which
// OpenCV makes cache-friendly in blocks.
template <typename RowFn>
cv::Mat along_rows(const cv::Mat& mask, bool horizontal, RowFn fn) {
  cv::Mat src = mask;
  if (!horizontal) cv::transpose(mask, src);
  cv::Mat out = cv::Mat::zeros(src.size(), CV_8UC1);
  for (int y = 0; y < src.rows; ++y) fn(src.ptr<uchar>(y), out.ptr<uchar>(y), src.cols);
  if (!horizontal) cv::transpose(out, out);
  return out;
}

// Calls fn(a, b) for each run [a, b) of ink (255) in the n pixels of `in`,
// left to right. Paper is most of a mask: it is skipped a word at a time.
template <typename RunFn>
void for_each_run(const uchar* in, int n, RunFn fn) {
  for (int x = 0; x < n;) {
    const void* ink = std::memchr(in + x, 255, size_t(n - x));
    if (!ink) return;
    int a = int(static_cast<const uchar*>(ink) - in), b = a;
    while (b < n && in[b]) ++b;
    fn(a, b);
    x = b;
  }
}

}  // namespace

cv::Mat keep_runs(const cv::Mat& mask, bool horizontal, int min_len) {
  check_mask(mask, "keep_runs");
  return along_rows(mask, horizontal, [min_len](const uchar* in, uchar* out, int n) {
    for_each_run(in, n, [&](int a, int b) {
      if (b - a >= min_len) std::memset(out + a, 255, size_t(b - a));
    });
  });
}

cv::Mat fill_gaps(const cv::Mat& mask, bool horizontal, int max_gap) {
  check_mask(mask, "fill_gaps");
  return along_rows(mask, horizontal, [max_gap](const uchar* in, uchar* out, int n) {
    int last_ink = -1;  // end of the previous run of ink
    for_each_run(in, n, [&](int a, int b) {
      int from = (last_ink >= 0 && a - last_ink <= max_gap) ? last_ink : a;
      std::memset(out + from, 255, size_t(b - from));
      last_ink = b;
    });
  });
}

}  // namespace pdfrecon
