// Rows and columns whose rulings a scan lost, found again from the text.
//
// A faxed or badly scanned page can lose every ruling between some rows of
// a table: the grid then has one tall row where the page had several, and
// its cells hold several rows' text ("77,09% N/A N/A 89,81%"). The text
// still shows the rows: in one cell of the row (a value column) the lines
// stand apart as separate items, and in another cell of the row (the
// indicators) the lines group, one group beside each item. Where that is
// unambiguous the row is split between the groups; where it is not, the
// row is left as it is, and its cells' text shows the doubt.
#pragma once

#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

struct TextRowOptions {
  // Lines of a cell further apart than this many line heights (the gap
  // between them) are separate items; closer, one item wrapped.
  double item_gap = 0.5;
  // A split row is at least this many line heights tall.
  double min_row = 1.2;
  // A column boundary inside a cell is a lost ruling when no word crosses
  // it by more than this many line heights (OCR's boxes are loose) and on
  // each side a word stands this many line heights clear of the side's
  // rulings (a speck or a ruling read as "l" hugs one).
  double column_overlap = 0.15;
  double column_gap = 0.5;
  // Words read with less confidence than this do not show a column.
  double min_word_confidence = 0.6;
  // A cell over several rows splits into them only in a column where at
  // least this share of the other rows (as many as the cell spans, at
  // least) has cells of its own (the indicators, the values): a merged
  // column's cells (units, objectives) span rows on purpose, and a
  // paragraph's lines can fall one to a row.
  double min_single_share = 0.6;
  // A line reaches over a row boundary by at most this many line heights
  // (OCR's boxes are loose); lines shorter than min_line line heights are
  // specks, not print.
  double span_overlap = 0.35;
  double min_line = 0.5;
};

// True for a word that is a ruling read as a glyph: "|", "l", "I", "[",
// "]", "!" alone, standing on one of `table`'s column boundaries (within
// `reach` points of it).
bool is_ruling_glyph(const Word& word, const CellGrid& table, double reach);

// Removes the words that are rulings read as glyphs (is_ruling_glyph), at
// the column boundaries of any of `tables`, the reach being the words'
// median height. Returns how many went.
int drop_ruling_glyphs(std::vector<Word>& words, const std::vector<CellGrid>& tables);

// Splits the cells of `table` that span column boundaries no word crosses,
// with print on both sides: a vertical ruling the scan lost
// ("Porcentaje de ... N/A" over the indicator and target columns). A cell
// across the whole table (a title, a section) stays whole. Returns how many cells were added.
int split_columns_by_text(CellGrid& table, const std::vector<Word>& words,
                          const TextRowOptions& options = {});

// Splits the cells of `table` that span row boundaries of the grid (drawn
// in other columns) where their own text shows the rows: a horizontal
// ruling a scan lost in one column only, or a vertical one whose gap let a
// column's cells join its merged neighbour's (the indicators of a unit
// taken for one cell as tall as the unit's objective). Only in a column
// whose other cells are one a row (min_single_share), and only when each row the cell spans
// holds print of its own and no line crosses a boundary. Returns how many
// cells were added.
int split_spans_by_text(CellGrid& table, const std::vector<Word>& words,
                        const TextRowOptions& options = {});

// Splits the rows of `table` that the words (page coordinates, as the
// table's) show to be several. Cells of a split row become one cell per
// new row; cells spanning it (merged blocks, a cell over several columns)
// span the new rows. Returns how many rows were added; the new boundaries'
// indices are added to table.text_row_edges.
int split_rows_by_text(CellGrid& table, const std::vector<Word>& words,
                       const TextRowOptions& options = {});

}  // namespace pdfrecon
