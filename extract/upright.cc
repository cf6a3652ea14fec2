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

void turn_upright(int rotation, PageDrawing& drawing, double width, double height) {
  rotation = ((rotation % 360) + 360) % 360;
  if (rotation == 0) return;
  bool sideways = rotation == 90 || rotation == 270;
  for (Ruling& r : drawing.rulings) {
    Box b = r.horizontal ? Box{r.from, r.pos, r.to, r.pos} : Box{r.pos, r.from, r.pos, r.to};
    b = turn_box(b, rotation, width, height);
    r.horizontal = r.horizontal != sideways;
    r.pos = r.horizontal ? b.y0 : b.x0;
    r.from = r.horizontal ? b.x0 : b.y0;
    r.to = r.horizontal ? b.x1 : b.y1;
  }
  for (FilledBox& f : drawing.fills) f.box = turn_box(f.box, rotation, width, height);
  for (Box& b : drawing.images) b = turn_box(b, rotation, width, height);
  for (Box& b : drawing.shapes) b = turn_box(b, rotation, width, height);
}

void turn_upright(int rotation, cv::Mat& grey, TextLayer& layer, double& width, double& height) {
  rotation = ((rotation % 360) + 360) % 360;
  if (rotation == 0) return;
  if (!grey.empty()) {
    cv::rotate(grey, grey,
               rotation == 90    ? cv::ROTATE_90_COUNTERCLOCKWISE
               : rotation == 180 ? cv::ROTATE_180
                                 : cv::ROTATE_90_CLOCKWISE);
  }
  for (Word& w : layer.words) {
    w.box = turn_box(w.box, rotation, width, height);
    w.rotation = ((w.rotation - rotation) % 360 + 360) % 360;
  }
  if (rotation == 90 || rotation == 270) std::swap(width, height);
}

}  // namespace pdfrecon
