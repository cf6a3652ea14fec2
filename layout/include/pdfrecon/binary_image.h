// Small operations on binary images (ink = 255, paper = 0) that OpenCV
// does only in a general and slower form.
#pragma once

#include <opencv2/core.hpp>

namespace pdfrecon {

// Each k x k block of `mask` becomes one pixel, ink when any pixel of the
// block is ink; blocks cut off at the right or bottom edge count too, so the
// result is ceil(cols / k) x ceil(rows / k). k is 2 or 4. The same as
// resize(INTER_AREA) followed by a threshold at 0, at a few percent of its
// cost: rows are OR-ed and a block's k bytes are compared as one word.
cv::Mat max_pool(const cv::Mat& mask, int k);

}  // namespace pdfrecon
