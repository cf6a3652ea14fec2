// Turning a page whose content runs sideways or upside down upright, so that
// later stages only ever see left-to-right text and horizontal rows.
#pragma once

#include <opencv2/core.hpp>

#include "pdfrecon/page_drawing.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

// Rotates the rendered page and the words' boxes by -`rotation` degrees
// (`rotation` as TextLayer::dominant_rotation returns it). `width`/`height`
// are the page's size in points and are swapped for 90 and 270.
// An empty `grey` (a page not rendered) stays empty.
void turn_upright(int rotation, cv::Mat& grey, TextLayer& layer, double& width, double& height);

// Turns what the page draws the same way; `width`/`height` as before the
// turn (call it first).
void turn_upright(int rotation, PageDrawing& drawing, double width, double height);

}  // namespace pdfrecon
