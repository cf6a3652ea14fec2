// The main 5-column table: measured once, then cut into page slices. Kept
// free of drawing so any renderer can reuse the same geometry.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "grid_emit.h"
#include "page_model.h"
#include "style.h"
#include "text_wrap.h"
#include "truth.h"

namespace fixturegen {

// Footer rows exist only with Style::footer_in_grid.
enum class RowKind { Section, Indicator, Footer };

struct TableCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;  // body-row grid
  WrappedText text;
  Align align = Align::Left;
  double fill_gray = 1.0;  // 1: no fill
  std::string label;       // for diagnostics, e.g. "unit 6"

  double needed_height(const Style& style) const { return text.height() + 2 * style.pad_y; }
};

struct TableModel {
  std::vector<double> col_x;  // n_cols + 1 ruling positions
  std::vector<TableCell> header;
  double header_height = 0;
  std::vector<RowKind> kinds;    // per body row
  std::vector<double> heights;   // per body row
  std::vector<TableCell> cells;  // body cells, merged ones once
};

// The part of the table on one page: body rows [first, last).
struct TableSlice {
  int first = 0, last = 0;
  double top = 0;
  bool header = false;
};

// The footer's label/value pairs as the report prints them, in order.
std::array<std::pair<std::string, std::string>, 7> footer_rows(const Footer& f);

TableModel build_table_model(const Truth& truth, const FontSet& fonts, const Style& style);

// Cuts the table into pages. A merged cell split by a page break shows its
// text once, in its taller part; rows of that part grow until the text fits,
// and the cut is redone until nothing moves. Footer rows stay together.
std::vector<TableSlice> paginate_table(TableModel& model, const Style& style, double first_top);

// Index of the slice that draws the cell's text (the taller part; the
// earlier one on a tie). -1 when the cell lies in no slice.
int holder_slice(const TableCell& cell, const std::vector<TableSlice>& slices,
                 const std::vector<double>& heights);

double slice_bottom(const TableModel& model, const TableSlice& slice);

void emit_table_slice(const TableModel& model, const std::vector<TableSlice>& slices, size_t index,
                      const FontSet& fonts, const Style& style, PageLayout& page);

// One line per merged cell that a page break splits, for the user.
std::vector<std::string> describe_splits(const TableModel& model,
                                         const std::vector<TableSlice>& slices);

}  // namespace fixturegen
