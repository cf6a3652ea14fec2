#include "pdfrecon/region_stack.h"

#include <algorithm>
#include <climits>

namespace pdfrecon {

RegionStack::RegionStack(const cv::Mat& page, const std::vector<cv::Rect>& regions, int gap)
    : gap_(std::max(1, gap)) {
  CV_Assert(page.type() == CV_8UC1);
  int width = 0, y = gap_;
  for (const cv::Rect& region : regions) {
    cv::Rect r = region & cv::Rect(0, 0, page.cols, page.rows);
    if (r.empty()) continue;
    pieces_.push_back({r, cv::Point(gap_, y)});
    width = std::max(width, r.width);
    y += r.height + gap_;
  }
  if (pieces_.empty()) return;
  image_ = cv::Mat(y, width + 2 * gap_, CV_8UC1, cv::Scalar(255));
  for (const Piece& p : pieces_) {
    page(p.from).copyTo(image_(cv::Rect(p.to, p.from.size())));
  }
}

TextLayer RegionStack::to_page(TextLayer words, double px_per_pt) const {
  TextLayer out;
  for (Word& w : words.words) {
    double cy = w.box.cy() * px_per_pt;
    // The last piece whose band starts above the centre.
    auto it =
        std::upper_bound(pieces_.begin(), pieces_.end(), cy,
                         [this](double y, const Piece& p) { return y < p.to.y - gap_ / 2.0; });
    if (it == pieces_.begin()) continue;
    const Piece& p = *(it - 1);
    if (cy >= p.to.y + p.from.height + gap_ / 2.0 + 1) continue;
    double dx = (p.from.x - p.to.x) / px_per_pt, dy = (p.from.y - p.to.y) / px_per_pt;
    w.box = Box{w.box.x0 + dx, w.box.y0 + dy, w.box.x1 + dx, w.box.y1 + dy};
    out.words.push_back(std::move(w));
  }
  return out;
}

std::vector<std::pair<int, int>> text_line_bands(const cv::Mat& ink) {
  CV_Assert(ink.type() == CV_8UC1);
  std::vector<std::pair<int, int>> runs;
  for (int y = 0; y < ink.rows;) {
    if (cv::countNonZero(ink.row(y)) == 0) {
      ++y;
      continue;
    }
    int top = y;
    while (y < ink.rows && cv::countNonZero(ink.row(y)) > 0) ++y;
    runs.push_back({top, y});
  }
  if (runs.size() < 2) return {{0, ink.rows}};
  int tallest = 0;
  for (auto [a, b] : runs) tallest = std::max(tallest, b - a);
  // A run under 45% of the tallest is no line of its own: accents over
  // capitals measure about a third of a line, a line of text itself at least
  // half of the tallest (which may hold ascenders and descenders both).
  for (size_t i = 0; i < runs.size() && runs.size() > 1;) {
    if (runs[i].second - runs[i].first >= 0.45 * tallest) {
      ++i;
      continue;
    }
    int up = i > 0 ? runs[i].first - runs[i - 1].second : INT_MAX;
    int down = i + 1 < runs.size() ? runs[i + 1].first - runs[i].second : INT_MAX;
    size_t j = down <= up ? i + 1 : i - 1;
    size_t keep = std::min(i, j);
    runs[keep] = {std::min(runs[i].first, runs[j].first), std::max(runs[i].second, runs[j].second)};
    runs.erase(runs.begin() + long(std::max(i, j)));
    i = keep;  // the merged run may still be short
  }
  std::vector<std::pair<int, int>> bands;
  for (size_t i = 0; i < runs.size(); ++i) {
    int top = i == 0 ? 0 : (runs[i - 1].second + runs[i].first) / 2;
    int bottom = i + 1 == runs.size() ? ink.rows : (runs[i].second + runs[i + 1].first + 1) / 2;
    bands.push_back({top, bottom});
  }
  return bands;
}

}  // namespace pdfrecon
