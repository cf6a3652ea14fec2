// Tables printed without rulings ("stream" tables), found from the way
// their words line up.
//
// A table without rulings still shows its grid: its rows are lines of text
// that break into several pieces at wide gaps, one piece per column; the
// gaps of one row stand where the gaps of the rows above and below stand
// (left-aligned labels, right-aligned figures, centred codes), so a strip
// of white runs down the page between every two columns. Prose breaks only
// at word spaces, and no two lines of prose put their spaces in the same
// place.
//
// So, as Camelot's stream mode and Tabula's detectors do, in our own terms:
//
//  1. Words become lines (by their vertical centre; a superscript joins the
//     line it stands on) and each line splits into pieces where a gap is
//     wider than `piece_gap` text heights.
//  2. Two columns of prose side by side (a gap many lines share, pieces of
//     many words on both sides) are a page layout, not a table: the page is
//     cut along that gap, over the prose's height and on while one side
//     stays prose, and each side is looked at alone (a table set in one
//     column of a two-column page is still found; a table across both
//     halves stays whole).
//  3. Runs of lines of several pieces, close together, are table
//     candidates; a line or two of one piece may stand between them (a
//     section title, a cell's second line), and one right above (a
//     header). Candidates one right above the other, with only a few blank
//     lines between them, whose columns agree are one table.
//  4. A candidate's columns are the white strips its rows share: the x
//     ranges that (almost) none of its rows' words covers, at least
//     `min_gutter` text heights wide. Rows with fewer pieces than most (a
//     header over two columns) do not count; inside a strip few rows cross,
//     each uncrossed stretch still parts columns (headers over columns the
//     body leaves empty). A column only one line uses (a currency sign
//     before a figure) joins its neighbour.
//  5. Rows are the lines. Horizontal rules across the table change that: a
//     rule under the first few lines (a header rule) makes them one header
//     row; rules between rows bound rows (a cell's lines between two rules
//     are one cell); rules around groups of many lines leave the lines
//     rows. Without rules, a line set clearly closer to the one above than
//     the rows are, without a first column of its own, continues that row
//     (a wrapped cell). Two lines with a figure in one column are always two
//     rows (figures do not wrap), and a band of lines splits under a group
//     header (a phrase over columns the next lines fill separately).
//  6. Words go to the column their centre is in; a phrase whose extent
//     reaches well into several columns, in a row where those columns are
//     otherwise empty, is a cell spanning them (a header over two columns).
//  7. What is left must still look like a table: at least `min_rows` rows
//     with text in two columns or more, and two columns or more with text
//     in several rows each. Anything else (a paragraph, a title and its
//     page number) is no table.
//
// Every length is in units of the text's height (the median height of the
// words involved), so nothing depends on the page's size or font size.
#pragma once

#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/page_drawing.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

struct TextTableOptions {
  // A gap wider than this many text heights splits a line into pieces
  // (cells). A word space is 0.2-0.35, a double space after a full stop
  // about 0.8; the gutters between columns of the tables we have seen are
  // 1 or more.
  double piece_gap = 1.0;
  // Inside a table, a white strip this many text heights wide that runs
  // down the rows separates two columns (narrower: two words of one cell,
  // "$ 71.15"). Column headers are often set this close (0.6).
  double min_gutter = 0.5;
  // A strip stays a gutter when at most this share of the rows' words
  // cover it: a long label that runs into the next column in one row in
  // ten does not merge two columns.
  double gutter_noise = 0.1;
  // Lines further apart than this many text heights (white between them)
  // are not in one table: a blank line or two is allowed.
  double max_line_gap = 2.2;
  // Two tables one above the other, at most this many text heights apart
  // with nothing but white between them, whose columns agree, are one
  // table: groups of rows set apart by a few blank lines.
  double merge_gap = 5.0;
  // At most this many lines of one piece in a row inside a table (section
  // titles, wrapped cells); more is prose between two tables.
  int max_single_lines = 2;
  // A table has at least this many lines of several pieces.
  int min_rows = 3;
  // Two sides of a gap are columns of prose when their pieces average at
  // least this many words, over at least `min_rows` lines.
  double prose_words = 4.5;
  // Words whose vertical centres are this many text heights apart or less
  // are on one line (a line's words share a baseline; the next line is a
  // text height or more away).
  double same_line = 0.3;
  // A line of one piece this many text heights above a table, or closer,
  // and within its width, is a header line of it (a title stands further
  // off, or wider).
  double header_gap = 0.6;
  // Without rules, a line this much closer to the line above than the
  // table's usual line pitch (median), with nothing in the first column,
  // is that row's cell wrapped (a cell's lines are set tighter than rows).
  double wrapped_pitch = 0.75;
  // A phrase is in a column when it reaches this many text heights into
  // it (a character or two past a gutter's middle is a header set a little
  // wide, not a header over two columns).
  double span_reach = 1.0;
  // A word this much smaller than the line beside it (a superscript, a
  // footnote mark) joins that line instead of making one of its own.
  double small_word = 0.75;
  // Horizontal rules bound rows when the bands between them hold at most
  // this many lines (median): a row's cell wraps onto two or three lines.
  // More, and they are rules around groups of rows, whose lines stay rows.
  double max_ruled_row_lines = 3;
  // A ruled table misses its columns when at least this share of its
  // cells' lines (and `min_rows` of them) break into pieces. A real grid's
  // cells have next to none; a table ruled only between rows has a piece
  // per column on every row, though a row set as a label line above a line
  // of figures has one piece on its label line.
  double split_cell_lines = 0.25;
};

// Tables found from the alignment of `words` (give the words outside any
// ruled table), top to bottom, each a CellGrid (`ruled` false) whose cells
// hold their text (text and raw_text, source "native", the lowest word
// confidence). Words not upright (rotation != 0) and words whose centre is
// off the page (`page_width` x `page_height` points; 0 for no bounds) are
// ignored. `rules` (page_drawing.h's rulings: a rule under a header, rules
// between rows) may be empty; the horizontal ones among them refine rows
// as described above. When
// `rest` is given it receives the words that went into no table, in their
// given order (as place_words returns them).
std::vector<CellGrid> find_text_tables(const std::vector<Word>& words, double page_width,
                                       double page_height, const std::vector<Ruling>& rules = {},
                                       const TextTableOptions& options = {},
                                       std::vector<Word>* rest = nullptr);

// True when a ruled table's rulings miss most of its columns: a page that
// rules only between rows, or frames a table and boxes its header, gives
// the grid detector a table of one or two columns whose cells hold whole
// rows of the real table. Most of its cells' lines then break into pieces
// at wide gaps (a ruled cell's text seldom does). `words` are the page's
// words; those whose centre is in the table are looked at.
bool rulings_miss_columns(const CellGrid& table, const std::vector<Word>& words,
                          const TextTableOptions& options = {});

}  // namespace pdfrecon
