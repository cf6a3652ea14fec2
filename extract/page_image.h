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

#include <opencv2/core.hpp>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace pdfrecon {

// The page's image in 8-bit grey at its own resolution (its pixels map to
// the crop box, first row at the top), or an empty Mat when the page is
// not such a scan or its image is coded in a way read here (8 bits per
// component, grey or RGB, JPEG (libjpeg; a damaged one is left to
// Poppler) or a filter qpdf decodes). `crop_box` is the
// page's, in points: x0, y0, x1, y1.
cv::Mat full_page_image(QPDFPageObjectHelper& page, const cv::Vec4d& crop_box);

// How the page's text is shown, forms included: whether any of it is
// visible, and whether any is invisible (render mode 3, what OCR programs
// lay over a scan).
struct TextShown {
  bool visible = false;
  bool invisible = false;
};
TextShown text_shown(QPDFPageObjectHelper& page);

}  // namespace pdfrecon
