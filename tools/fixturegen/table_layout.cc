#include "table_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace fixturegen {
namespace {

constexpr int kCols = 5;
constexpr double kEps = 1e-6;

std::vector<double> column_rulings(const Style& style) {
  const auto& w = style.column_weights;
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  std::vector<double> x{style.margin};
  double acc = 0;
  for (double weight : w) {
    acc += weight;
    x.push_back(std::round((style.margin + style.content_width() * acc / total) * 4) / 4);
  }
  return x;
}

TableCell make_cell(const FontSet& fonts, const Style& style, const std::vector<double>& col_x,
                    int row, int col, int row_span, int col_span, const std::string& text,
                    Weight weight, Align align, std::string label = "") {
  const double width = col_x[col + col_span] - col_x[col] - 2 * style.pad_x;
  TableCell c;
  c.row = row;
  c.col = col;
  c.row_span = row_span;
  c.col_span = col_span;
  c.text = wrap_text(fonts, text, {weight, style.body_size}, width, style);
  c.align = align;
  c.label = std::move(label);
  return c;
}

// Rows take the height of their tallest single-row cell; merged cells that
// still lack room spread the rest evenly over their rows (narrow spans first).
void size_rows(TableModel& m, const Style& style) {
  const double min_h = snap_up(style.body_size * style.line_factor + 2 * style.pad_y);
  m.heights.assign(m.kinds.size(), min_h);
  for (const auto& c : m.cells) {
    if (c.row_span == 1) {
      m.heights[c.row] = std::max(m.heights[c.row], snap_up(c.needed_height(style)));
    }
  }
  std::vector<const TableCell*> merged;
  for (const auto& c : m.cells) {
    if (c.row_span > 1) merged.push_back(&c);
  }
  std::stable_sort(merged.begin(), merged.end(), [](const TableCell* a, const TableCell* b) {
    return a->row_span < b->row_span;
  });
  for (const TableCell* c : merged) {
    const auto first = m.heights.begin() + c->row;
    const double have = std::accumulate(first, first + c->row_span, 0.0);
    const double need = c->needed_height(style);
    if (have + kEps >= need) continue;
    const double extra = snap_up((need - have) / c->row_span);
    std::for_each(first, first + c->row_span, [extra](double& h) { h += extra; });
  }
  m.header_height = min_h;
  for (const auto& c : m.header) {
    m.header_height = std::max(m.header_height, snap_up(c.needed_height(style)));
  }
}

// splitmix64's finaliser: the same numbers on every platform and standard
// library, unlike std:: distributions.
uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Pads each data row by 0-60% of its height, chosen per row from the seed, as
// when someone resized rows by hand. Rows only grow, so every text still fits.
void pad_rows_unevenly(TableModel& m, const Style& style) {
  for (size_t r = 0; r < m.heights.size(); ++r) {
    if (m.kinds[r] == RowKind::Footer) continue;
    const uint64_t percent = mix64((uint64_t{style.uneven_seed} << 32) | r) % 61;
    m.heights[r] += snap_up(m.heights[r] * static_cast<double>(percent) / 100);
  }
}

// The footer block as rows of the table: a label over the first three
// columns, its value over the last two.
void append_footer_rows(TableModel& m, const Truth& truth, const FontSet& fonts,
                        const Style& style) {
  int row = static_cast<int>(m.kinds.size());
  for (const auto& [label, value] : footer_rows(truth.footer)) {
    m.kinds.push_back(RowKind::Footer);
    m.cells.push_back(
        make_cell(fonts, style, m.col_x, row, 0, 1, 3, label, Weight::Bold, Align::Left));
    m.cells.push_back(
        make_cell(fonts, style, m.col_x, row, 3, 1, 2, value, Weight::Regular, Align::Left));
    ++row;
  }
}

double footer_height(const TableModel& m) {
  double h = 0;
  for (size_t r = 0; r < m.kinds.size(); ++r) {
    if (m.kinds[r] == RowKind::Footer) h += m.heights[r];
  }
  return h;
}

// Greedy cut with fixed row heights. A section row never ends a page; the
// footer rows (if any) move to a new page together.
std::vector<TableSlice> cut_pages(const TableModel& m, const Style& style, double first_top) {
  const double bottom = style.content_bottom();
  const int n = static_cast<int>(m.heights.size());
  const double footer_h = footer_height(m);
  std::vector<TableSlice> slices{{0, 0, first_top, true}};
  double y = first_top + m.header_height;
  for (int i = 0; i < n; ++i) {
    TableSlice& cur = slices.back();
    const bool empty = i == cur.first;
    bool fits = y + m.heights[i] <= bottom + kEps;
    if (fits && !empty && m.kinds[i] == RowKind::Section && i + 1 < n) {
      fits = y + m.heights[i] + m.heights[i + 1] <= bottom + kEps;
    }
    const bool footer_starts =
        m.kinds[i] == RowKind::Footer && (i == 0 || m.kinds[i - 1] != RowKind::Footer);
    if (fits && footer_starts) fits = y + footer_h <= bottom + kEps;
    if (!fits) {
      if (empty) throw std::runtime_error("a table row is taller than the page");
      cur.last = i;
      slices.push_back({i, i, style.margin, style.repeat_header});
      y = style.margin + (style.repeat_header ? m.header_height : 0);
      if (y + (footer_starts ? footer_h : m.heights[i]) > bottom + kEps) {
        throw std::runtime_error("a table row (or the footer block) is taller than the page");
      }
    }
    y += m.heights[i];
  }
  slices.back().last = n;
  return slices;
}

double rows_height(const std::vector<double>& heights, int first, int last) {
  return std::accumulate(heights.begin() + first, heights.begin() + last, 0.0);
}

// The rows of `cell` inside `slice`, as [first, last); empty when none.
std::pair<int, int> overlap(const TableCell& cell, const TableSlice& slice) {
  const int first = std::max(cell.row, slice.first);
  const int last = std::min(cell.row + cell.row_span, slice.last);
  return {first, std::max(first, last)};
}

// Grows the rows of each split cell's holder part until its text fits.
bool grow_holders(TableModel& m, const std::vector<TableSlice>& slices, const Style& style) {
  bool changed = false;
  for (const auto& c : m.cells) {
    if (c.row_span == 1) continue;
    const int s = holder_slice(c, slices, m.heights);
    const auto [first, last] = overlap(c, slices[s]);
    const double have = rows_height(m.heights, first, last);
    const double need = c.needed_height(style);
    if (have + kEps >= need) continue;
    const double extra = snap_up((need - have) / (last - first));
    for (int r = first; r < last; ++r) m.heights[r] += extra;
    changed = true;
  }
  return changed;
}

std::string page_list(int from, int to) {
  return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
}

}  // namespace

std::array<std::pair<std::string, std::string>, 7> footer_rows(const Footer& f) {
  return {{
      {f.link_label, f.link},
      {"FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:", f.fecha_actualizacion},
      {"PERIODICIDAD DE ACTUALIZACIÓN DE LA INFORMACIÓN:", f.periodicidad},
      {"UNIDAD POSEEDORA DE LA INFORMACION - LITERAL a4):", f.unidad_poseedora},
      {"RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN DEL LITERAL a4):", f.responsable},
      {"CORREO ELECTRÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
       f.correo},
      {"NÚMERO TELEFÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
       f.telefono},
  }};
}

TableModel build_table_model(const Truth& truth, const FontSet& fonts, const Style& style) {
  TableModel m;
  m.col_x = column_rulings(style);
  for (int c = 0; c < kCols; ++c) {
    m.header.push_back(make_cell(fonts, style, m.col_x, 0, c, 1, 1, truth.columns[c], Weight::Bold,
                                 Align::Center));
  }
  int row = 0;
  for (const auto& section : truth.sections) {
    m.kinds.push_back(RowKind::Section);
    m.cells.push_back(make_cell(fonts, style, m.col_x, row++, 0, 1, kCols, section.title,
                                Weight::Bold, Align::Center));
    m.cells.back().fill_gray = style.section_gray;
    for (const auto& unit : section.units) {
      const int span = unit.indicator_count();
      m.cells.push_back(make_cell(fonts, style, m.col_x, row, 0, span, 1, unit.no, Weight::Regular,
                                  Align::Center, "No. " + unit.no));
      m.cells.push_back(make_cell(fonts, style, m.col_x, row, 1, span, 1, unit.name,
                                  Weight::Regular, Align::Left, "unit " + unit.no));
      for (size_t k = 0; k < unit.objectives.size(); ++k) {
        const auto& obj = unit.objectives[k];
        m.cells.push_back(make_cell(
            fonts, style, m.col_x, row, 2, static_cast<int>(obj.indicators.size()), 1, obj.text,
            Weight::Regular, style.center_objectives ? Align::Center : Align::Left,
            "objective " + std::to_string(k + 1) + " of unit " + unit.no));
        for (const auto& ind : obj.indicators) {
          m.kinds.push_back(RowKind::Indicator);
          m.cells.push_back(make_cell(fonts, style, m.col_x, row, 3, 1, 1, ind.name,
                                      Weight::Regular, Align::Left));
          m.cells.push_back(make_cell(fonts, style, m.col_x, row, 4, 1, 1, ind.target,
                                      Weight::Regular, Align::Center));
          ++row;
        }
      }
    }
  }
  if (style.footer_in_grid) append_footer_rows(m, truth, fonts, style);
  size_rows(m, style);
  if (style.uneven_rows) pad_rows_unevenly(m, style);
  return m;
}

std::vector<TableSlice> paginate_table(TableModel& model, const Style& style, double first_top) {
  // Heights only grow, so this settles quickly; the cap guards against a
  // holder that keeps moving between pages.
  for (int iter = 0; iter < 100; ++iter) {
    auto slices = cut_pages(model, style, first_top);
    if (!grow_holders(model, slices, style)) return slices;
  }
  throw std::runtime_error("page breaks did not settle: a merged cell cannot fit its text");
}

int holder_slice(const TableCell& cell, const std::vector<TableSlice>& slices,
                 const std::vector<double>& heights) {
  int best = -1;
  double best_h = -1;
  for (size_t s = 0; s < slices.size(); ++s) {
    const auto [first, last] = overlap(cell, slices[s]);
    if (first == last) continue;
    const double h = rows_height(heights, first, last);
    if (h > best_h + kEps) {
      best = static_cast<int>(s);
      best_h = h;
    }
  }
  return best;
}

double slice_bottom(const TableModel& model, const TableSlice& slice) {
  return slice.top + (slice.header ? model.header_height : 0) +
         rows_height(model.heights, slice.first, slice.last);
}

void emit_table_slice(const TableModel& model, const std::vector<TableSlice>& slices, size_t index,
                      const FontSet& fonts, const Style& style, PageLayout& page) {
  const TableSlice& slice = slices[index];
  std::vector<double> row_y{slice.top};
  std::vector<PlacedCell> placed;
  if (slice.header) {
    row_y.push_back(slice.top + model.header_height);
    for (const auto& c : model.header) {
      placed.push_back({0, c.col, 1, 1, &c.text, c.align, style.header_gray});
    }
  }
  const int offset = slice.header ? 1 : 0;
  for (int r = slice.first; r < slice.last; ++r) row_y.push_back(row_y.back() + model.heights[r]);
  for (const auto& c : model.cells) {
    const auto [first, last] = overlap(c, slice);
    if (first == last) continue;
    const bool drawn = holder_slice(c, slices, model.heights) == static_cast<int>(index);
    placed.push_back({first - slice.first + offset, c.col, last - first, c.col_span,
                      drawn ? &c.text : nullptr, c.align, c.fill_gray});
  }
  // Open edges: a page that starts mid-table (no repeated header) has no top
  // ruling, and one that ends mid-table no bottom ruling.
  OuterRules outer;
  outer.top = !(style.open_edges && index > 0 && !slice.header);
  outer.bottom = !(style.open_edges && index + 1 < slices.size());
  emit_grid(model.col_x, row_y, placed, fonts, style, page, outer);
}

std::vector<std::string> describe_splits(const TableModel& model,
                                         const std::vector<TableSlice>& slices) {
  std::vector<std::string> out;
  for (const auto& c : model.cells) {
    if (c.row_span == 1) continue;
    int from = -1, to = -1;
    for (size_t s = 0; s < slices.size(); ++s) {
      const auto [first, last] = overlap(c, slices[s]);
      if (first == last) continue;
      if (from < 0) from = static_cast<int>(s) + 1;
      to = static_cast<int>(s) + 1;
    }
    if (from == to) continue;
    out.push_back(c.label + ": pages " + page_list(from, to) + ", text on page " +
                  std::to_string(holder_slice(c, slices, model.heights) + 1));
  }
  return out;
}

}  // namespace fixturegen
