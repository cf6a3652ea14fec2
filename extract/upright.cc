#include "pdfrecon/upright.h"

#include <opencv2/core.hpp>
#include <utility>

namespace pdfrecon {
namespace {

// Where a box of a page of size (w, h) lands once the page is turned
// counter-clockwise by `rotation` degrees.
Box turn_box(const Box& b, int rotation, double w, double h) {
  switch (rotation) {
    case 90:
      return {b.y0, w - b.x1, b.y1, w - b.x0};
    case 180:
      return {w - b.x1, h - b.y1, w - b.x0, h - b.y0};
    case 270:
      return {h - b.y1, b.x0, h - b.y0, b.x1};
    default:
      return b;
  }
}

}  // namespace

void turn_upright(int rotation, cv::Mat& grey, TextLayer& layer, double& width, double& height) {
  rotation = ((rotation % 360) + 360) % 360;
  if (rotation == 0) return;
  if (rotation == 90) cv::rotate(grey, grey, cv::ROTATE_90_COUNTERCLOCKWISE);
  if (rotation == 180) cv::rotate(grey, grey, cv::ROTATE_180);
  if (rotation == 270) cv::rotate(grey, grey, cv::ROTATE_90_CLOCKWISE);
  for (Word& w : layer.words) {
    w.box = turn_box(w.box, rotation, width, height);
    w.rotation = ((w.rotation - rotation) % 360 + 360) % 360;
  }
  if (rotation == 90 || rotation == 270) std::swap(width, height);
}

}  // namespace pdfrecon
