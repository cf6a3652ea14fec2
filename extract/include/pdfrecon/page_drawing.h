// What a page draws besides its text, read from its content stream: the
// straight rulings a table is made of, the filled boxes behind cells, and
// whether anything else is painted that could hold print the text layer
// lacks (images, curved shapes such as glyph outlines).
//
// Why: a born-digital table states its rulings exactly. Reading them costs
// a fraction of rendering the page and finding them again in pixels, and
// a hairline that a 150 dpi render blurs away is still there. Poppler's
// core interpreter runs the operators (transformation matrices, forms,
// clipping, dash patterns), so what is collected is what a viewer shows.
#pragma once

#include <vector>

#include "pdfrecon/geometry.h"

namespace pdfrecon {

// A straight horizontal or vertical line the page draws: a stroked path
// segment, a thin filled rectangle, or a side of a stroked rectangle.
// PDF points, top-left origin, upright page (as Word boxes).
struct Ruling {
  bool horizontal = true;
  double pos = 0;           // y of a horizontal ruling, x of a vertical one
  double from = 0, to = 0;  // extent along the ruling, from < to
  double width = 0;         // stroke width or rectangle thickness
  bool dashed = false;      // stroked with a dash pattern
  double grey = 0;          // its paint's luminance, 0 black to 1 white
};

// A filled axis-aligned rectangle wider than a ruling: a cell's or a
// band's background. `grey` is its fill's luminance, 0 black to 1 white.
struct FilledBox {
  Box box;
  double grey = 1;
};

struct PageDrawing {
  std::vector<Ruling> rulings;
  std::vector<FilledBox> fills;
  // Where images are painted (inline or not, masks included), clipped to
  // the page: print the text layer lacks can only be in them or in shapes.
  std::vector<Box> images;
  // Where paths are filled or stroked that are neither rulings nor
  // rectangles: curves, diagonals, glyph outlines of text drawn as shapes.
  std::vector<Box> shapes;
  // The content could not be read to its end (damaged, over a limit):
  // what was collected is incomplete.
  bool incomplete = false;
};

}  // namespace pdfrecon
