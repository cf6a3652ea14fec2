#include "pdfrecon/tinted_regions.h"

#include <algorithm>
#include <array>
#include <opencv2/imgproc.hpp>

namespace pdfrecon {

namespace {

// Print on a lifted tint: its threshold at least this far below the paper.
constexpr int kMinPrintContrast = 40;

}  // namespace

int paper_level(const cv::Mat& grey) {
  CV_Assert(grey.type() == CV_8UC1 && !grey.empty());
  std::array<long, 256> hist{};
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* row = grey.ptr<uchar>(y);
    for (int x = 0; x < grey.cols; ++x) ++hist[row[x]];
  }
  // The value at index total * 3 / 4 of the sorted pixels.
  const long rank = long(grey.total() * 3 / 4);
  long seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen > rank) return v;
  }
  return 255;
}

int lift_tinted_regions(const std::vector<cv::Rect>& regions, cv::Mat& grey, cv::Mat& ink) {
  CV_Assert(grey.type() == CV_8UC1 && ink.type() == CV_8UC1 && grey.size() == ink.size());
  const cv::Rect page(0, 0, grey.cols, grey.rows);
  std::vector<std::pair<cv::Rect, int>> papers;
  for (const cv::Rect& region : regions) {
    cv::Rect r = region & page;
    if (!r.empty()) papers.push_back({r, paper_level(grey(r))});
  }
  if (papers.empty()) return 0;
  std::vector<int> levels;
  for (const auto& p : papers) levels.push_back(p.second);
  std::nth_element(levels.begin(), levels.begin() + long(levels.size() / 2), levels.end());
  const int page_paper = levels[levels.size() / 2];
  int lifted = 0;
  for (const auto& [r, paper] : papers) {
    if (paper <= 0 || paper + kTintBelowPaper > page_paper) continue;
    if (lifted++ == 0) {
      grey = grey.clone();
      ink = ink.clone();
    }
    cv::Mat cell = grey(r), cell_ink = ink(r);
    cell.convertTo(cell, -1, double(page_paper) / paper);
    double split = cv::threshold(cell, cell_ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    if (split > page_paper - kMinPrintContrast) cell_ink.setTo(0);
  }
  return lifted;
}

}  // namespace pdfrecon
