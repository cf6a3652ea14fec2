#include "document_layout.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "grid_emit.h"
#include "table_layout.h"
#include "text_wrap.h"

namespace fixturegen {
namespace {

PageLayout& add_page(DocumentLayout& doc, const Style& style) {
  PageLayout page;
  page.number = static_cast<int>(doc.pages.size()) + 1;
  page.width = style.page_width;
  page.height = style.page_height;
  page.rule_width = style.rule_width;
  doc.pages.push_back(std::move(page));
  return doc.pages.back();
}

// Title lines, bold and centred; returns the y below them.
double place_title(const Truth& truth, const FontSet& fonts, const Style& style, PageLayout& page) {
  double y = style.margin;
  for (const auto& line : truth.title) {
    auto text =
        wrap_text(fonts, line, {Weight::Bold, style.title_size}, style.content_width(), style);
    Rect box{style.margin, y, style.margin + style.content_width(), y + text.height()};
    place_text(text, box, Align::Center, fonts, style, page);
    y = box.y1 + style.title_line_gap;
  }
  return truth.title.empty() ? style.margin : snap_up(y - style.title_line_gap + style.title_gap);
}

struct FooterModel {
  std::vector<double> col_x;
  std::vector<std::pair<WrappedText, WrappedText>> rows;  // label, value
  std::vector<double> heights;
  std::vector<WrappedText> notes;

  double table_height() const {
    double h = 0;
    for (double r : heights) h += r;
    return h;
  }
  double notes_height(const Style& style) const {
    double h = 0;
    for (const auto& n : notes) h += n.height() + style.note_gap;
    return notes.empty() ? 0 : h - style.note_gap;
  }
  double block_height(const Style& style) const {
    return table_height() + (notes.empty() ? 0 : style.notes_gap + notes_height(style));
  }
};

// The value column is as wide as the link (never wrapped), at least
// footer_min_value_width; the label column takes the rest.
FooterModel build_footer(const Truth& truth, const FontSet& fonts, const Style& style) {
  FooterModel m;
  const FontSpec regular{Weight::Regular, style.body_size};
  const double link_w = fonts.text_width(truth.footer.link, regular) + 2 * style.pad_x + 1;
  const double value_w = std::min(std::max(style.footer_min_value_width, std::ceil(link_w)),
                                  style.content_width() * 0.75);
  const double x0 = style.margin, x2 = style.margin + style.content_width();
  m.col_x = {x0, x2 - value_w, x2};
  for (const auto& [label, value] : footer_rows(truth.footer)) {
    auto l = wrap_text(fonts, label, {Weight::Bold, style.body_size},
                       m.col_x[1] - m.col_x[0] - 2 * style.pad_x, style);
    auto v = wrap_text(fonts, value, regular, value_w - 2 * style.pad_x, style);
    const double min_h = style.body_size * style.line_factor;
    const double h = std::max({l.height(), v.height(), min_h}) + 2 * style.pad_y;
    m.heights.push_back(snap_up(h));
    m.rows.emplace_back(std::move(l), std::move(v));
  }
  for (const auto& note : truth.notes) {
    m.notes.push_back(wrap_text(fonts, note, regular, style.content_width(), style));
  }
  return m;
}

// Notes: plain unruled lines from `top` down.
void place_notes(const std::vector<WrappedText>& notes, double top, const FontSet& fonts,
                 const Style& style, PageLayout& page) {
  double y = top;
  for (const auto& note : notes) {
    // place_text indents left-aligned text by pad_x; notes start at the margin.
    Rect box{style.margin - style.pad_x, y, style.margin + style.content_width(),
             y + note.height()};
    place_text(note, box, Align::Left, fonts, style, page);
    y = box.y1 + style.note_gap;
  }
}

void place_footer(const FooterModel& m, double top, const FontSet& fonts, const Style& style,
                  PageLayout& page) {
  std::vector<double> row_y{top};
  for (double h : m.heights) row_y.push_back(row_y.back() + h);
  std::vector<PlacedCell> cells;
  for (size_t r = 0; r < m.rows.size(); ++r) {
    const int row = static_cast<int>(r);
    cells.push_back({row, 0, 1, 1, &m.rows[r].first, Align::Left});
    cells.push_back(
        {row, 1, 1, 1, m.rows[r].second.lines.empty() ? nullptr : &m.rows[r].second, Align::Left});
  }
  emit_grid(m.col_x, row_y, cells, fonts, style, page);
  place_notes(m.notes, row_y.back() + style.notes_gap, fonts, style, page);
}

// Centred in the bottom margin, after layout, when the page count is known.
void place_page_numbers(DocumentLayout& doc, const FontSet& fonts, const Style& style) {
  if (style.page_numbers == PageNumbers::None) return;
  const std::string total = std::to_string(doc.pages.size());
  for (auto& page : doc.pages) {
    const std::string n = std::to_string(page.number);
    const std::string label =
        style.page_numbers == PageNumbers::Pagina ? "Página " + n : n + "/" + total;
    const auto text =
        wrap_text(fonts, label, {Weight::Regular, style.body_size}, style.content_width(), style);
    const Rect box{style.margin, style.content_bottom(), style.margin + style.content_width(),
                   style.page_height};
    place_text(text, box, Align::Center, fonts, style, page);
  }
}

// "30/11/2023" -> "2023-11-30T00:00:00Z"; else the first day of the period.
std::string fixed_date(const Truth& truth) {
  const std::string& f = truth.footer.fecha_actualizacion;
  if (f.size() == 10 && f[2] == '/' && f[5] == '/') {
    return f.substr(6, 4) + "-" + f.substr(3, 2) + "-" + f.substr(0, 2) + "T00:00:00Z";
  }
  if (truth.period.size() == 7) return truth.period + "-01T00:00:00Z";
  return "2000-01-01T00:00:00Z";
}

PdfMetadata metadata_for(const Truth& truth) {
  return {"LOTAIP literal a4) - " + truth.institution + " - " + truth.period, truth.institution,
          "Metas y objetivos de las unidades administrativas", "pdfrecon fixturegen",
          fixed_date(truth)};
}

}  // namespace

LayoutResult layout_document(const Truth& truth, const FontSet& fonts, const Style& style) {
  LayoutResult result;
  DocumentLayout& doc = result.document;
  doc.metadata = metadata_for(truth);

  const double table_top = place_title(truth, fonts, style, add_page(doc, style));

  TableModel table = build_table_model(truth, fonts, style);
  const auto slices = paginate_table(table, style, table_top);
  for (size_t s = 0; s < slices.size(); ++s) {
    PageLayout& page = s == 0 ? doc.pages.front() : add_page(doc, style);
    emit_table_slice(table, slices, s, fonts, style, page);
  }
  result.splits = describe_splits(table, slices);

  const FooterModel footer = build_footer(truth, fonts, style);
  if (style.footer_in_grid) {
    // The footer rows closed the table; only the notes remain.
    const double block = footer.notes.empty() ? 0 : footer.notes_height(style);
    double top = slice_bottom(table, slices.back()) + style.notes_gap;
    if (top + block > style.content_bottom()) {
      add_page(doc, style);
      top = style.margin;
      if (top + block > style.content_bottom()) {
        throw std::runtime_error("the notes are taller than a page");
      }
    }
    place_notes(footer.notes, top, fonts, style, doc.pages.back());
    place_page_numbers(doc, fonts, style);
    return result;
  }

  // The footer block stays whole: on the last page, or alone on a new one.
  const double block = footer.block_height(style);
  double top = slice_bottom(table, slices.back()) + style.footer_gap;
  if (top + block > style.content_bottom()) {
    add_page(doc, style);
    top = style.margin;
    if (top + block > style.content_bottom()) {
      throw std::runtime_error("the footer block is taller than a page");
    }
  }
  place_footer(footer, top, fonts, style, doc.pages.back());
  place_page_numbers(doc, fonts, style);
  return result;
}

}  // namespace fixturegen
