#include "grid_emit.h"

#include <algorithm>
#include <stdexcept>

namespace fixturegen {
namespace {

using Owners = std::vector<std::vector<int>>;  // [row][col] -> cell index

Owners owner_map(int n_rows, int n_cols, const std::vector<PlacedCell>& cells) {
  Owners owner(n_rows, std::vector<int>(n_cols, -1));
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto& c = cells[i];
    for (int r = c.row; r < c.row + c.row_span; ++r) {
      for (int k = c.col; k < c.col + c.col_span; ++k) {
        if (r < 0 || r >= n_rows || k < 0 || k >= n_cols || owner[r][k] != -1) {
          throw std::logic_error("grid cells overlap or leave the grid");
        }
        owner[r][k] = static_cast<int>(i);
      }
    }
  }
  for (const auto& row : owner) {
    if (std::find(row.begin(), row.end(), -1) != row.end()) {
      throw std::logic_error("grid has an uncovered position");
    }
  }
  return owner;
}

// A ruling runs along a grid edge wherever the cells on its two sides
// differ; consecutive pieces merge into one segment. The outer verticals
// always run the grid's full height, open top or bottom or not.
void emit_rules(const std::vector<double>& col_x, const std::vector<double>& row_y,
                const Owners& owner, OuterRules outer, PageLayout& page) {
  const int n_rows = static_cast<int>(row_y.size()) - 1;
  const int n_cols = static_cast<int>(col_x.size()) - 1;
  for (int k = 0; k <= n_rows; ++k) {
    if ((k == 0 && !outer.top) || (k == n_rows && !outer.bottom)) continue;
    int start = -1;
    for (int c = 0; c <= n_cols; ++c) {
      bool ruled = c < n_cols && (k == 0 || k == n_rows || owner[k - 1][c] != owner[k][c]);
      if (ruled && start < 0) start = c;
      if (!ruled && start >= 0) {
        page.rules.push_back({col_x[start], row_y[k], col_x[c], row_y[k]});
        start = -1;
      }
    }
  }
  for (int k = 0; k <= n_cols; ++k) {
    int start = -1;
    for (int r = 0; r <= n_rows; ++r) {
      bool ruled = r < n_rows && (k == 0 || k == n_cols || owner[r][k - 1] != owner[r][k]);
      if (ruled && start < 0) start = r;
      if (!ruled && start >= 0) {
        page.rules.push_back({col_x[k], row_y[start], col_x[k], row_y[r]});
        start = -1;
      }
    }
  }
}

std::string joined_text(const WrappedText* text) {
  if (text == nullptr) return "";
  std::string out;
  for (const auto& line : text->lines) {
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out;
}

}  // namespace

void place_text(const WrappedText& text, const Rect& box, Align align, const FontSet& fonts,
                const Style& style, PageLayout& page) {
  const double asc = fonts.ascent(text.font);
  const double glyph_h = asc + fonts.descent(text.font);
  const double top = box.y0 + (box.height() - text.height()) / 2;
  for (size_t i = 0; i < text.lines.size(); ++i) {
    const double w = fonts.text_width(text.lines[i], text.font);
    const double x = align == Align::Center ? box.x0 + (box.width() - w) / 2 : box.x0 + style.pad_x;
    const double baseline =
        top + static_cast<double>(i) * text.line_height + (text.line_height - glyph_h) / 2 + asc;
    page.lines.push_back({x, baseline, text.font, text.lines[i]});
  }
}

void emit_grid(const std::vector<double>& col_x, const std::vector<double>& row_y,
               const std::vector<PlacedCell>& cells, const FontSet& fonts, const Style& style,
               PageLayout& page, OuterRules outer) {
  const int n_rows = static_cast<int>(row_y.size()) - 1;
  const int n_cols = static_cast<int>(col_x.size()) - 1;
  const Owners owner = owner_map(n_rows, n_cols, cells);

  GridTable table;
  table.bbox = {col_x.front(), row_y.front(), col_x.back(), row_y.back()};
  table.n_rows = n_rows;
  table.n_cols = n_cols;
  std::vector<PlacedCell> ordered = cells;
  std::sort(ordered.begin(), ordered.end(), [](const PlacedCell& a, const PlacedCell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  for (const auto& c : ordered) {
    Rect box{col_x[c.col], row_y[c.row], col_x[c.col + c.col_span], row_y[c.row + c.row_span]};
    if (c.fill_gray < 1.0) page.fills.push_back({box, c.fill_gray});
    if (c.text != nullptr) place_text(*c.text, box, c.align, fonts, style, page);
    table.cells.push_back({c.row, c.col, c.row_span, c.col_span, box, joined_text(c.text)});
  }
  emit_rules(col_x, row_y, owner, outer, page);
  page.tables.push_back(std::move(table));
}

}  // namespace fixturegen
