#include "debug_images.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <opencv2/imgproc.hpp>

namespace pdfrecon {

void DebugImages::write(const std::string& stage, const cv::Mat& image) const {
  if (!on() || image.empty() || image.depth() != CV_8U) return;
  const bool colour = image.channels() == 3;
  PIX* pix = pixCreate(image.cols, image.rows, colour ? 32 : 8);
  if (!pix) return;
  l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.rows; ++y) {
    const uchar* src = image.ptr<uchar>(y);
    l_uint32* line = data + y * wpl;
    for (int x = 0; x < image.cols; ++x) {
      if (colour) {
        composeRGBPixel(src[3 * x + 2], src[3 * x + 1], src[3 * x], line + x);
      } else {
        SET_DATA_BYTE(line, x, src[x]);
      }
    }
  }
  char name[32];
  std::snprintf(name, sizeof name, "page-%03d-", page_);
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  std::string path = (std::filesystem::path(dir_) / (name + stage + ".png")).string();
  pixWritePng(path.c_str(), pix, 0);
  pixDestroy(&pix);
}

GridDetectorOptions DebugImages::grid_options(GridDetectorOptions o) const {
  if (on()) o.debug_image = [this](const char* stage, const cv::Mat& m) { write(stage, m); };
  return o;
}

void DebugImages::write_grid(const cv::Mat& grey, const std::vector<CellGrid>& tables,
                             double px_per_pt) const {
  if (!on()) return;
  cv::Mat colour;
  cv::cvtColor(grey, colour, cv::COLOR_GRAY2BGR);
  auto px = [px_per_pt](const Box& b) {
    return cv::Rect(cv::Point(int(b.x0 * px_per_pt), int(b.y0 * px_per_pt)),
                    cv::Point(int(b.x1 * px_per_pt), int(b.y1 * px_per_pt)));
  };
  for (const CellGrid& t : tables) {
    for (const GridCell& c : t.cells) cv::rectangle(colour, px(c.box), {0, 160, 0}, 2);
    cv::rectangle(colour, px(t.bbox), {200, 60, 0}, 3);
  }
  write("grid", colour);
}

void DebugImages::write_rulings(const cv::Size& page, const std::vector<Ruling>& rulings,
                                double px_per_pt) const {
  if (!on()) return;
  cv::Mat canvas(page, CV_8UC1, cv::Scalar(255));
  for (const Ruling& r : rulings) {
    cv::Point2d a = r.horizontal ? cv::Point2d(r.from, r.pos) : cv::Point2d(r.pos, r.from);
    cv::Point2d b = r.horizontal ? cv::Point2d(r.to, r.pos) : cv::Point2d(r.pos, r.to);
    int thick = std::max(1, int(std::lround(r.width * px_per_pt)));
    cv::line(canvas, a * px_per_pt, b * px_per_pt, cv::Scalar(0), thick);
  }
  write("rulings", canvas);
}

}  // namespace pdfrecon
