// Page geometry and typography of the rendered report. One place so that a
// later scan variant lays out exactly the same page as the born-digital one.
#pragma once

#include <array>
#include <cstdint>

namespace fixturegen {

// Where the page number goes: nowhere (as today's fixtures), "Página 3" or
// "3/9", centred in the bottom margin.
enum class PageNumbers { None, Pagina, Fraction };

struct Style {
  double page_width = 842;  // A4 landscape, points
  double page_height = 595;
  double margin = 28;

  double body_size = 7;      // table, footer and notes
  double title_size = 9.5;   // the two title lines
  double line_factor = 1.2;  // line height / font size
  double min_font_size = 3;  // floor when a long word must shrink to fit

  double pad_x = 2.5;  // cell padding
  double pad_y = 2.0;
  double rule_width = 0.6;
  double header_gray = 0.80;

  double title_line_gap = 2;  // extra space between the two title lines
  double title_gap = 8;       // title block -> table
  double footer_gap = 14;     // main table -> footer table (at least 12)
  double notes_gap = 8;       // footer table -> first note
  double note_gap = 3;        // between notes

  // Relative column widths, like the real report: No. narrow, objective and
  // indicator wide, target medium.
  std::array<double, 5> column_weights{32, 150, 236, 250, 118};
  double footer_min_value_width = 300;

  bool repeat_header = true;

  // Layout variants of real reports (fixturegen's knobs); all off by default
  // so that the committed fixtures keep their bytes.
  bool open_edges = false;      // no outer ruling where a page break cuts the table
  bool footer_in_grid = false;  // footer rows inside the main table, not a table of their own
  PageNumbers page_numbers = PageNumbers::None;
  bool uneven_rows = false;  // body rows padded by a seeded 0-60%
  uint32_t uneven_seed = 0;
  double section_gray = 1.0;  // 1: section rows unfilled
  bool center_objectives = false;

  double content_width() const { return page_width - 2 * margin; }
  double content_bottom() const { return page_height - margin; }
};

}  // namespace fixturegen
