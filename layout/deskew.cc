#include "pdfrecon/deskew.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace pdfrecon {

Deskewed deskew_page(cv::Mat& grey, double px_per_pt, const GridDetectorOptions& options,
                     double min_degrees) {
  Deskewed out;
  // The first reading only measures a skew the page is to be levelled by;
  // below that, its tables are the answer.
  GridDetectorOptions measure = options;
  measure.skew_only_degrees = min_degrees;
  out.grids = detect_grids(grey, px_per_pt, measure);
  double skew = out.grids.skew_degrees;
  if (std::abs(skew) < min_degrees) return out;
  cv::Mat turn = cv::getRotationMatrix2D(cv::Point2f(grey.cols / 2.f, grey.rows / 2.f), skew, 1);
  cv::warpAffine(grey, grey, turn, grey.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(255));
  out.turn = cv::Matx23d(turn);
  // Turning does not change the print's size: the text height is kept.
  GridDetectorOptions level = options;
  level.text_height_pt = out.grids.text_height_pt;
  out.grids = detect_grids(grey, px_per_pt, level);
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
