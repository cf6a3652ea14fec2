// Rows and columns a scan lost the rulings of, found again from the text;
// and the cases where the text does not say, which stay as they are.
#include <gtest/gtest.h>

#include <algorithm>

#include "pdfrecon/text_rows.h"

namespace pdfrecon {
namespace {

// Five columns: No. (0-30), unit (30-150), objective (150-350),
// indicator (350-600), target (600-700); one row from y 100 to `bottom`.
CellGrid one_tall_row(double bottom) {
  CellGrid t;
  t.col_edges = {0, 30, 150, 350, 600, 700};
  t.row_edges = {100, bottom};
  t.bbox = {0, 100, 700, bottom};
  for (int c = 0; c < 5; ++c) {
    GridCell cell;
    cell.col = c;
    cell.box = {t.col_edges[size_t(c)], 100, t.col_edges[size_t(c) + 1], bottom};
    t.cells.push_back(cell);
  }
  return t;
}

// A line of one word 8 pt tall, from x0 to x1, its top at `y`.
Word word(const std::string& text, double x0, double x1, double y) {
  Word w;
  w.text = text;
  w.box = {x0, y, x1, y + 8};
  return w;
}

TEST(TextRows, ARowThatLostItsRulingsIsSplitBetweenItsItems) {
  // Four indicators (the second wrapped over two lines) beside four values;
  // a No., a unit and an objective centred over all of them.
  CellGrid t = one_tall_row(180);
  std::vector<Word> words = {word("1", 10, 20, 136),  // No.
                             word("Coordinación", 40, 140, 126),
                             word("Nacional", 40, 140, 136),  // unit
                             word("Humano", 40, 140, 146),    //
                             word("Incrementar", 160, 340, 131),
                             word("la calidad", 160, 340, 141),    // objective
                             word("Porcentaje A", 360, 590, 104),  // indicators
                             word("Porcentaje B", 360, 590, 120),
                             word("del Estado", 360, 590, 129),    //
                             word("Porcentaje C", 360, 590, 148),  //
                             word("Porcentaje D", 360, 590, 166),  //
                             word("77,09%", 620, 680, 104),
                             word("N/A", 620, 680, 124),  // values
                             word("N/A", 620, 680, 148),
                             word("89,81%", 620, 680, 166)};
  EXPECT_EQ(split_rows_by_text(t, words), 3);
  ASSERT_EQ(t.n_rows(), 4);
  EXPECT_EQ(t.text_row_edges, (std::vector<int>{1, 2, 3}));
  // The blocks span the new rows; the indicators and values are one a row.
  for (int c : {0, 1, 2}) {
    ASSERT_NE(t.cell_at(0, c), nullptr);
    EXPECT_EQ(t.cell_at(0, c)->row_span, 4) << c;
  }
  for (int r = 0; r < 4; ++r) {
    for (int c : {3, 4}) {
      const GridCell* cell = t.cell_at(r, c);
      ASSERT_NE(cell, nullptr);
      EXPECT_EQ(cell->row, r);
      EXPECT_EQ(cell->row_span, 1);
    }
  }
  // Each boundary lies between the lines of neighbouring rows.
  EXPECT_GT(t.row_edges[1], 112);
  EXPECT_LT(t.row_edges[1], 120);
  EXPECT_GT(t.row_edges[2], 137);
  EXPECT_LT(t.row_edges[2], 148);
}

TEST(TextRows, TightRowsSplitThroughSpecks) {
  // Two rows 14 pt apart whose ruling was lost in both columns: the lines
  // of the rows stand 0.75 line heights apart, and a speck (":") between
  // the values is no line of print.
  CellGrid t = one_tall_row(132);
  Word speck = word(":", 640, 642, 113);
  speck.box.y1 = 115;
  std::vector<Word> words = {word("Porcentaje A", 360, 590, 104),
                             word("Porcentaje B", 360, 590, 118), word("41,43%", 620, 680, 104),
                             speck, word("100,00%", 620, 680, 118)};
  EXPECT_EQ(split_rows_by_text(t, words), 1);
  ASSERT_EQ(t.n_rows(), 2);
  EXPECT_GT(t.row_edges[1], 112);
  EXPECT_LT(t.row_edges[1], 118);
}

TEST(TextRows, AWrappedValueIsNoRowsOfItsOwn) {
  // The value's two lines are one item (tight), so nothing says there are
  // two rows.
  CellGrid t = one_tall_row(140);
  std::vector<Word> words = {word("Porcentaje A", 360, 590, 110), word("continúa", 360, 590, 119),
                             word("8,33% mensual", 620, 680, 110), word("promedio", 620, 680, 119)};
  EXPECT_EQ(split_rows_by_text(t, words), 0);
  EXPECT_EQ(t.n_rows(), 1);
}

TEST(TextRows, ItemsWithoutAPartnerSayNothing) {
  // Values stand apart, but no other cell has lines beside each of them.
  CellGrid t = one_tall_row(180);
  std::vector<Word> words = {word("Porcentaje A", 360, 590, 130), word("77,09%", 620, 680, 104),
                             word("N/A", 620, 680, 148)};
  EXPECT_EQ(split_rows_by_text(t, words), 0);
}

TEST(TextColumns, ACellOverAColumnBoundaryItsPrintLeavesClearIsSplit) {
  CellGrid t = one_tall_row(116);
  // The indicator and target cells came out as one.
  t.cells.pop_back();
  t.cells.back().col_span = 2;
  t.cells.back().box.x1 = 700;
  std::vector<Word> words = {word("Porcentaje de sistemas", 360, 540, 104),
                             word("N/A", 640, 660, 104)};
  EXPECT_EQ(split_columns_by_text(t, words), 1);
  ASSERT_NE(t.cell_at(0, 3), nullptr);
  EXPECT_EQ(t.cell_at(0, 3)->col_span, 1);
  EXPECT_NE(t.cell_at(0, 4), t.cell_at(0, 3));
}

TEST(TextColumns, ATitleAcrossTheTableStaysWhole) {
  CellGrid t = one_tall_row(116);
  t.cells.resize(1);
  t.cells[0].col_span = 5;
  t.cells[0].box.x1 = 700;
  // Ordinary word gaps, one of them near a column boundary (350).
  std::vector<Word> words = {word("PROCESOS", 200, 290, 104), word("GOBERNANTES", 294, 346, 104),
                             word("/", 349, 353, 104), word("NIVEL", 356, 400, 104)};
  EXPECT_EQ(split_columns_by_text(t, words), 0);
  EXPECT_EQ(t.cells.size(), 1u);
}

// Two units over six rows (y 100-196, 16 pt each) in the five columns of
// one_tall_row: rows 0-2 one unit, rows 3-5 the next. Units and objectives
// span their unit's rows; the values are one a row; the indicators of the
// first unit are one a row, those of the second one cell over its three
// rows (a vertical ruling's gap joined them to the objective's block).
CellGrid two_units() {
  CellGrid t;
  t.col_edges = {0, 30, 150, 350, 600, 700};
  t.row_edges = {100, 116, 132, 148, 164, 180, 196};
  t.bbox = {0, 100, 700, 196};
  auto add = [&t](int row, int col, int span) {
    GridCell cell;
    cell.row = row;
    cell.col = col;
    cell.row_span = span;
    cell.box = {t.col_edges[size_t(col)], t.row_edges[size_t(row)], t.col_edges[size_t(col) + 1],
                t.row_edges[size_t(row + span)]};
    t.cells.push_back(cell);
  };
  for (int unit : {0, 3}) {
    for (int c : {0, 1, 2}) add(unit, c, 3);
  }
  for (int r = 0; r < 3; ++r) add(r, 3, 1);
  add(3, 3, 3);
  for (int r = 0; r < 6; ++r) add(r, 4, 1);
  std::sort(t.cells.begin(), t.cells.end(), [](const GridCell& a, const GridCell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  return t;
}

TEST(TextRows, ACellJoinedToItsMergedNeighbourSplitsAtTheRowsItsTextShows) {
  CellGrid t = two_units();
  std::vector<Word> words;
  for (int r = 0; r < 6; ++r) {
    double y = 104 + 16 * r;
    words.push_back(word("Porcentaje", 360, 590, y));  // one indicator a row
    words.push_back(word("50,00%", 620, 680, y));
  }
  EXPECT_EQ(split_spans_by_text(t, words), 2);
  for (int r = 3; r < 6; ++r) {
    ASSERT_NE(t.cell_at(r, 3), nullptr);
    EXPECT_EQ(t.cell_at(r, 3)->row, r);
    EXPECT_EQ(t.cell_at(r, 3)->row_span, 1);
  }
  // The merged columns keep their blocks.
  EXPECT_EQ(t.cell_at(4, 2)->row_span, 3);
  EXPECT_EQ(t.cell_at(4, 1)->row_span, 3);
}

TEST(TextRows, AParagraphOverMergedRowsStaysWhole) {
  // A unit's name and an objective of three lines, one a row: their columns
  // are merged blocks everywhere, so the lines are a paragraph's.
  CellGrid t = two_units();
  std::vector<Word> words;
  for (int r = 0; r < 6; ++r) {
    double y = 104 + 16 * r;
    words.push_back(word("Dirección", 40, 140, y));
    words.push_back(word("Incrementar", 160, 340, y));
    words.push_back(word("50,00%", 620, 680, y));
  }
  // The indicators of the second unit: one line, not one a row.
  words.push_back(word("Porcentaje", 360, 590, 136));
  EXPECT_EQ(split_spans_by_text(t, words), 0);
  EXPECT_EQ(t.cell_at(3, 1)->row_span, 3);
  EXPECT_EQ(t.cell_at(3, 2)->row_span, 3);
  EXPECT_EQ(t.cell_at(3, 3)->row_span, 3);
}

}  // namespace
}  // namespace pdfrecon
