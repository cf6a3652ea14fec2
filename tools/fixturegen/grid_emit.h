// Turns one positioned ruled grid (edges + cells) into page primitives: the
// ruling segments, the cell text lines and the expected GridTable. Shared by
// the main table and the footer table.
#pragma once

#include <string>
#include <vector>

#include "page_model.h"
#include "style.h"
#include "text_wrap.h"

namespace fixturegen {

enum class Align { Left, Center };

struct PlacedCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  const WrappedText* text = nullptr;  // nullptr: a blank cell
  Align align = Align::Left;
  double fill_gray = 1.0;  // 1: no fill
};

// Which outer horizontal rulings are drawn. A spreadsheet printed to PDF
// leaves them out where a page break cuts the table; the grid an extraction
// should return stays the same.
struct OuterRules {
  bool top = true;
  bool bottom = true;
};

// col_x / row_y are the ascending ruling positions (n+1 each). The cells
// must cover the grid exactly once.
void emit_grid(const std::vector<double>& col_x, const std::vector<double>& row_y,
               const std::vector<PlacedCell>& cells, const FontSet& fonts, const Style& style,
               PageLayout& page, OuterRules outer = {});

// Text lines of `text` centred vertically in `box`, aligned horizontally.
void place_text(const WrappedText& text, const Rect& box, Align align, const FontSet& fonts,
                const Style& style, PageLayout& page);

}  // namespace fixturegen
