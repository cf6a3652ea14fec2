// --debug-dir: the images a page went through, as PNG files named by page
// and stage (page-003-render.png or page-003-levelled.png, page-003-binary,
// -hmask, -vmask (the ruling masks found in the pixels), or -rulings (the
// lines a born-digital page draws, when its grid came from them), -grid
// (the cells found drawn over the page), -stack-1... (what OCR was given)).
// Internal to pdfrecon_pipeline.
//
// PNG is written by Leptonica, which OCR links already: OpenCV's image
// codecs would bring GDAL and sixty libraries into every start-up.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/grid_detector.h"

namespace pdfrecon {

class DebugImages {
 public:
  // Does nothing when `dir` is empty.
  DebugImages(const std::string& dir, int page) : dir_(dir), page_(page) {}
  bool on() const { return !dir_.empty(); }
  // 8-bit grey or BGR; a failure to write is ignored (debug output).
  void write(const std::string& stage, const cv::Mat& image) const;
  // Grid detection that writes its masks.
  GridDetectorOptions grid_options(GridDetectorOptions o = {}) const;
  // The page with the cells found drawn over it: tables blue, cells green.
  void write_grid(const cv::Mat& grey, const std::vector<CellGrid>& tables, double px_per_pt) const;
  // The rulings a page draws (page_drawing.h), black on white, the size of
  // `page` (a render at px_per_pt).
  void write_rulings(const cv::Size& page, const std::vector<Ruling>& rulings,
                     double px_per_pt) const;

 private:
  std::string dir_;
  int page_;
};

}  // namespace pdfrecon
