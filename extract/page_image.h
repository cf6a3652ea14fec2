// The image a scanned page is made of, read straight from the file
// (internal to pdfrecon_extract).
//
// Why: a scan's page is one image drawn over the whole page, and Poppler
// renders it by decoding it and then resampling it through its drawing
// machinery, about twice the cost of the decoding alone (a 200 dpi page:
// 0.8 G instructions). Only a page that is exactly that image qualifies:
// drawn once, upright, covering the crop box; no other painting but
// invisible text (an OCR text layer, render mode 3); no rotation,
// annotations, masks, transparency or clipping. Every other page is
// rendered by Poppler, so nothing a page shows is ever lost.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <string>

namespace pdfrecon {

// The page's image in 8-bit grey at its own resolution (its pixels map to
// the crop box, first row at the top), or an empty Mat when the page is
// not such a scan or its image is coded in a way read here (8 bits per
// component, grey or RGB, JPEG (libjpeg; a damaged one is left to
// Poppler) or a filter qpdf decodes). `crop_box` is the
// page's, in points: x0, y0, x1, y1.
cv::Mat full_page_image(QPDFPageObjectHelper& page, const cv::Vec4d& crop_box);

// What a page's content does, forms included, read within limits before
// anything renders it: how its text is shown (visible, or invisible in
// render mode 3 as OCR programs lay it over a scan), and whether it stays
// within the limits a real page keeps to. A content stream of a gigabyte of
// whitespace, or twenty million unbalanced "q", would take gigabytes to
// render; such a page is refused.
struct PageSurvey {
  bool visible_text = false;
  bool invisible_text = false;
  // Anything else drawn: a path stroked or filled, an image, a shading
  // (a form counts by what it draws; one too deep to walk counts).
  bool paints = false;
  std::string refused;  // why the page exceeds a limit; "" when it does not
};

struct ContentLimits {
  uint64_t max_bytes = uint64_t(64) << 20;  // decoded content, forms included
  uint64_t max_operators = 5'000'000;
  int max_nesting = 2048;  // graphics states saved ("q") and not restored
};

PageSurvey survey_page(QPDFPageObjectHelper& page, const ContentLimits& limits = {});

}  // namespace pdfrecon
