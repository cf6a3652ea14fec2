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

// The ink of `mask` that lies in runs at least `min_len` long along rows
// (horizontal) or columns: a morphological opening by a line of that
// length, in one pass over the runs instead of a pass per kernel pixel.
cv::Mat keep_runs(const cv::Mat& mask, bool horizontal, int min_len);

// `mask` with the gaps of at most `max_gap` paper pixels between two inked
// pixels of a row (horizontal) or column filled: a morphological closing by
// a line of max_gap + 1 pixels. Paper that reaches the image border stays.
cv::Mat fill_gaps(const cv::Mat& mask, bool horizontal, int max_gap);

}  // namespace pdfrecon
