// Turning a skewed scan level before it is read, and moving a text layer
// with it, so that rulings, text and cell boxes line up.
#pragma once

#include <opencv2/core.hpp>

#include "pdfrecon/grid_detector.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

struct Deskewed {
  PageGrids grids;  // read on the levelled image; skew_degrees is the angle removed
  // Pixels of the page unturned -> levelled image, both at the resolution
  // of the image returned (px_per_pt * scale).
  cv::Matx23d turn = {1, 0, 0, 0, 1, 0};
};

// Measures the page's skew from its rulings (detect_grids) and, when it is
// at least `min_degrees`, rotates `grey` in place about its centre so the
// rulings are level (white fills the corners) and reads the grids again.
// With a `scale` other than 1, `grey` comes back that many times larger,
// turned and enlarged in one step: a scan is measured at its own
// resolution (enlarging it first adds pixels, not detail) and interpolated
// once. The size is rounded to whole pixels, and a level page is resized
// only when that size differs. Grids are in points either way; below
// `min_degrees` they are those read on the image as given.
// `stated`: rulings the PDF draws (detect_grids), used when the page is
// level as given.
Deskewed deskew_page(cv::Mat& grey, double px_per_pt, const GridDetectorOptions& options = {},
                     double min_degrees = 0.05, double scale = 1,
                     const std::vector<Ruling>& stated = {});

// Moves every word by `turn` (pixels; boxes in points at `px_per_pt`): each
// box keeps its size and is centred where its centre goes.
void move_words(TextLayer& layer, const cv::Matx23d& turn, double px_per_pt);

}  // namespace pdfrecon
