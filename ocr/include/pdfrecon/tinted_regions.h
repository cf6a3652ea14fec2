// Regions filled with a tint (a shaded header row) lifted to the page's
// paper before OCR.
//
// Why: a stack of lines (RegionStack) is thresholded by Tesseract as one
// image, and a tinted line among white ones loses its print there (a
// stacked "Descripción de la unidad" on grey came back empty). A tint
// darker than the page's ink threshold also makes the ink mask see the
// whole cell as one blot, so its lines cannot be found.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace pdfrecon {

// A region is tinted when its paper is this many grey levels darker than
// the page's: a scan's paper varies by a few levels, a shaded header by
// 30 to 60.
inline constexpr int kTintBelowPaper = 20;

// The paper of a region of print (8-bit grey): its 75th percentile, which
// ink below a quarter of the region leaves on the paper. The grey
// OcrEngine::read_region pads a cell with.
int paper_level(const cv::Mat& grey);

// Each region of `grey` (8-bit) whose paper (paper_level) is kTintBelowPaper darker
// than the median region's is scaled so that its paper matches the
// median's; its ink (`ink`, 255 = ink, as ink_mask gives) is then found by
// its own Otsu threshold, and cleared when that threshold is not clearly
// darker than the paper (a tinted cell without print). `grey` and `ink` are
// copied before the first change, so Mats sharing their data are left as
// they were. Returns how many regions were lifted.
int lift_tinted_regions(const std::vector<cv::Rect>& regions, cv::Mat& grey, cv::Mat& ink);

}  // namespace pdfrecon
