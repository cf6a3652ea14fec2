// Internal: the drawing of one page through Poppler's core API
// (page_drawing.cc); PdfDocument::drawing is the public entry.
#pragma once

#include "pdfrecon/page_drawing.h"

class PDFDoc;

namespace pdfrecon {

// Page `index` (zero-based) of `doc`, whose upright crop box is `width` x
// `height` points.
PageDrawing read_drawing(PDFDoc& doc, int index, double width, double height);

}  // namespace pdfrecon
