// Words into cells: reading order, line joins, wrap hyphens, white space.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdfrecon/cell_text.h"

namespace pdfrecon {
namespace {

// A word at (x, y) (top-left, points) of the given width; 10 pt high.
Word word(std::string text, double x, double y, double w = 30, bool space_after = true) {
  Word out;
  out.text = std::move(text);
  out.box = {x, y, x + w, y + 10};
  out.font_size = 10;
  out.space_after = space_after;
  return out;
}

TEST(layoutJoinCellWords, EmptyAndBlank) {
  EXPECT_EQ(join_cell_words({}), "");
  EXPECT_EQ(join_cell_words({word("  ", 0, 0), word("\t", 40, 0)}), "");
}

TEST(layoutJoinCellWords, ReadingOrderWithinAndAcrossLines) {
  // Given out of order; the second line sits 12 pt lower.
  std::vector<Word> w = {word("Unidad", 10, 12), word("de", 45, 12), word("Direccion", 10, 0),
                         word("Talento", 70, 12), word("Humano", 110, 12.5)};
  EXPECT_EQ(join_cell_words(w), "Direccion Unidad de Talento Humano");
}

TEST(layoutJoinCellWords, BaselineJitterStaysOnOneLine) {
  // Superscript-like offsets of 3 pt still overlap most of the line.
  std::vector<Word> w = {word("m2", 40, 3, 10), word("Area", 0, 0), word("total", 60, -1)};
  EXPECT_EQ(join_cell_words(w), "Area m2 total");
}

TEST(layoutJoinCellWords, ThreeLines) {
  std::vector<Word> w = {word("c", 0, 24), word("a", 0, 0), word("b", 0, 12)};
  EXPECT_EQ(join_cell_words(w), "a b c");
}

TEST(layoutJoinCellWords, NoSpaceWhereTheTextLayerSaysSoAndTheGapIsTiny) {
  std::vector<Word> w = {word("LOTAIP", 0, 0, 30, false), word(",", 30.5, 0, 2),
                         word("art.", 40, 0, 15)};
  EXPECT_EQ(join_cell_words(w), "LOTAIP, art.");
  // No space_after but a clear gap: the words are apart on the page.
  std::vector<Word> apart = {word("Total", 0, 0, 25, false), word("2023", 35, 0, 20)};
  EXPECT_EQ(join_cell_words(apart), "Total 2023");
  // space_after with touching boxes: the text layer knows best.
  std::vector<Word> spaced = {word("Total", 0, 0, 25, true), word("2023", 25, 0, 20)};
  EXPECT_EQ(join_cell_words(spaced), "Total 2023");
}

TEST(layoutJoinCellWords, WrapHyphenIsRemoved) {
  std::vector<Word> w = {word("Partida", 0, 0), word("presupues-", 35, 0), word("taria", 0, 12)};
  EXPECT_EQ(join_cell_words(w), "Partida presupuestaria");
}

TEST(layoutJoinCellWords, WrapHyphenWithAccentsAndSoftHyphen) {
  EXPECT_EQ(join_cell_words({word("gestión", 0, 0), word("pú-", 40, 0), word("blica", 0, 12)}),
            "gestión pública");
  EXPECT_EQ(join_cell_words({word("administra-", 0, 0), word("ción", 0, 12)}), "administración");
  EXPECT_EQ(join_cell_words({word("presupues\u00AD", 0, 0), word("taria", 0, 12)}),
            "presupuestaria");
  // A lowercase accented letter starts the continuation.
  EXPECT_EQ(join_cell_words({word("Compa-", 0, 0), word("ñía", 0, 12)}), "Compañía");
}

TEST(layoutJoinCellWords, WrapHyphenAcrossThreeLines) {
  std::vector<Word> w = {word("inter-", 0, 0), word("institu-", 0, 12), word("cional", 0, 24)};
  EXPECT_EQ(join_cell_words(w), "interinstitucional");
}

TEST(layoutJoinCellWords, HyphensThatStay) {
  // A hyphen that is a word of its own.
  EXPECT_EQ(join_cell_words({word("LOTAIP", 0, 0), word("-", 35, 0, 4), word("literal", 0, 12)}),
            "LOTAIP - literal");
  // Even when the text layer glues it to the previous word.
  EXPECT_EQ(join_cell_words(
                {word("LOTAIP", 0, 0, 30, false), word("-", 30, 0, 4), word("literal", 0, 12)}),
            "LOTAIP- literal");
  // Inside a line.
  EXPECT_EQ(join_cell_words({word("2023-9", 0, 0)}), "2023-9");
  EXPECT_EQ(join_cell_words({word("2023-9", 0, 0), word("pagos", 0, 12)}), "2023-9 pagos");
  // Before a capital.
  EXPECT_EQ(join_cell_words({word("vs-", 0, 0), word("Total", 0, 12)}), "vs- Total");
  // After a digit.
  EXPECT_EQ(join_cell_words({word("2023-", 0, 0), word("diciembre", 0, 12)}), "2023- diciembre");
  // Before a digit.
  EXPECT_EQ(join_cell_words({word("Art-", 0, 0), word("19", 0, 12)}), "Art- 19");
  // A non-breaking hyphen is meant to stay.
  EXPECT_EQ(join_cell_words({word("ex\u2011", 0, 0), word("funcionario", 0, 12)}),
            "ex\u2011 funcionario");
}

TEST(layoutJoinCellWords, WhitespaceIsNormalised) {
  std::vector<Word> w = {word("  Dirección\u00A0\u00A0de\t", 0, 0, 60),
                         word("\nTalento  Humano ", 70, 0, 60)};
  EXPECT_EQ(join_cell_words(w), "Dirección de Talento Humano");
}

TEST(layoutJoinCellWords, InvalidUtf8IsKeptAsIs) {
  std::string bad = "caf\xC3";  // truncated sequence
  std::string out = join_cell_words({word(bad, 0, 0), word("x", 40, 0)});
  EXPECT_EQ(out, bad + " x");
}

// Two tables: a 2x2 grid with a merged first column and a 1x3 grid below.
std::vector<CellGrid> two_tables() {
  CellGrid a;
  a.row_edges = {100, 120, 140};
  a.col_edges = {50, 150, 250};
  a.bbox = {50, 100, 250, 140};
  GridCell merged;
  merged.row = 0;
  merged.col = 0;
  merged.row_span = 2;
  merged.box = {50, 100, 150, 140};
  GridCell r0c1;
  r0c1.row = 0;
  r0c1.col = 1;
  r0c1.box = {150, 100, 250, 120};
  GridCell r1c1;
  r1c1.row = 1;
  r1c1.col = 1;
  r1c1.box = {150, 120, 250, 140};
  r1c1.text = r1c1.raw_text = "stale";
  a.cells = {merged, r0c1, r1c1};

  CellGrid b;
  b.row_edges = {300, 320};
  b.col_edges = {50, 100, 150, 200};
  b.bbox = {50, 300, 200, 320};
  for (int c = 0; c < 3; ++c) {
    GridCell cell;
    cell.col = c;
    cell.box = {50.0 + 50 * c, 300, 100.0 + 50 * c, 320};
    b.cells.push_back(cell);
  }
  return {a, b};
}

TEST(layoutPlaceWords, FillsCellsAndReturnsTheRest) {
  std::vector<CellGrid> tables = two_tables();
  TextLayer layer;
  layer.words = {
      word("REPORTE", 50, 60, 60),      // title above the tables
      word("Unidad", 55, 104, 40),      // merged cell, first grid row
      word("Financiera", 55, 124, 40),  // merged cell, second grid row
      word("1.234,56", 160, 104, 40),   //
      word("Total", 55, 305, 20),       // lower table
      word("enero", 105, 305, 20),      //
      word("-", 140, 305, 2),           // still inside the second cell
      word("Página", 400, 560, 30),     // footer
  };
  std::vector<Word> rest = place_words(layer, tables);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].text, "REPORTE");
  EXPECT_EQ(rest[1].text, "Página");

  EXPECT_EQ(tables[0].cell_at(0, 0)->text, "Unidad Financiera");
  EXPECT_EQ(tables[0].cell_at(1, 0)->raw_text, "Unidad Financiera");
  EXPECT_EQ(tables[0].cell_at(0, 1)->text, "1.234,56");
  EXPECT_EQ(tables[0].cell_at(1, 1)->text, "");  // stale text cleared
  EXPECT_EQ(tables[0].cell_at(1, 1)->raw_text, "");
  EXPECT_EQ(tables[1].cell_at(0, 0)->text, "Total");
  EXPECT_EQ(tables[1].cell_at(0, 1)->text, "enero -");
  EXPECT_EQ(tables[1].cell_at(0, 2)->text, "");
}

TEST(layoutPlaceWords, CentreDecidesAndEdgesAreHalfOpen) {
  std::vector<CellGrid> tables = two_tables();
  TextLayer layer;
  // Starts in (0,1)'s column but its centre is right on the row edge 120:
  // it belongs to the lower cell. Another straddles the column edge 150
  // with its centre at 145: the merged cell.
  layer.words = {word("abajo", 160, 115), word("izq", 130, 104, 30)};
  EXPECT_TRUE(place_words(layer, tables).empty());
  EXPECT_EQ(tables[0].cell_at(1, 1)->text, "abajo");
  EXPECT_EQ(tables[0].cell_at(0, 0)->text, "izq");
}

TEST(layoutPlaceWords, SliverBetweenCellBoxesGoesToTheNearestCell) {
  // Boxes of a skewed table leave slivers uncovered inside its bbox.
  std::vector<CellGrid> tables = two_tables();
  tables[1].cells[1].box.x0 = 103;  // a 3 pt gap after the first cell
  TextLayer layer;
  layer.words = {word("x", 100.5, 305, 1)};  // centre 101: nearer the first cell
  EXPECT_TRUE(place_words(layer, tables).empty());
  EXPECT_EQ(tables[1].cell_at(0, 0)->text, "x");
}

TEST(layoutPlaceWords, NoTables) {
  std::vector<CellGrid> none;
  TextLayer layer;
  layer.words = {word("a", 0, 0), word("b", 40, 0)};
  std::vector<Word> rest = place_words(layer, none);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[1].text, "b");
}

}  // namespace
}  // namespace pdfrecon
