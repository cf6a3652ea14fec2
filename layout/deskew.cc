#include "pdfrecon/deskew.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace pdfrecon {

Deskewed deskew_page(cv::Mat& grey, double px_per_pt, const GridDetectorOptions& options,
                     double min_degrees, double scale, const std::vector<Ruling>& stated) {
  CV_Assert(scale > 0);
  Deskewed out;
  // The first reading only measures a skew the page is to be levelled by;
  // below that, its tables are the answer.
  GridDetectorOptions measure = options;
  measure.skew_only_degrees = min_degrees;
  out.grids = detect_grids(grey, px_per_pt, measure, stated);
  double skew = out.grids.skew_degrees;
  cv::Size size(int(std::lround(grey.cols * scale)), int(std::lround(grey.rows * scale)));
  if (std::abs(skew) < min_degrees) {
    if (size != grey.size()) cv::resize(grey, grey, size, 0, 0, cv::INTER_LINEAR);
    return out;
  }
  // Turned about the centre of the image returned; the warp enlarges first.
  cv::Matx23d turn =
      cv::getRotationMatrix2D(cv::Point2f(size.width / 2.f, size.height / 2.f), skew, 1);
  cv::Matx23d warp = turn * cv::Matx33d(scale, 0, 0, 0, scale, 0, 0, 0, 1);
  cv::warpAffine(grey, grey, warp, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  out.turn = turn;
  // Turning does not change the print's size: the text height is kept.
  GridDetectorOptions level = options;
  level.text_height_pt = out.grids.text_height_pt;
  out.grids = detect_grids(grey, px_per_pt * scale, level);
  out.grids.skew_degrees = skew;
  return out;
}

void move_words(TextLayer& layer, const cv::Matx23d& turn, double px_per_pt) {
  for (Word& w : layer.words) {
    cv::Vec3d c(w.box.cx() * px_per_pt, w.box.cy() * px_per_pt, 1);
    cv::Vec2d m = turn * c;
    double hw = w.box.width() / 2, hh = w.box.height() / 2;
    double x = m[0] / px_per_pt, y = m[1] / px_per_pt;
    w.box = {x - hw, y - hh, x + hw, y + hh};
  }
}

}  // namespace pdfrecon
