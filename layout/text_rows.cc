#include "pdfrecon/text_rows.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace pdfrecon {
namespace {

// The median of `heights`, 0 without any.
double median(std::vector<double> heights) {
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + long(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

// The median height of the words whose centre lies in `box` (the table's
// line height, which its tolerances are measured in); none without words.
std::optional<double> median_word_height(const Box& box, const std::vector<Word>& words) {
  std::vector<double> heights;
  for (const Word& w : words) {
    if (box.contains(w.box.cx(), w.box.cy())) heights.push_back(w.box.height());
  }
  if (heights.empty()) return std::nullopt;
  return median(std::move(heights));
}

// Cells back in row-major order (CellGrid::cells) after a split.
void sort_cells(std::vector<GridCell>& cells) {
  std::sort(cells.begin(), cells.end(), [](const GridCell& a, const GridCell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
}

struct TextLine {
  double top = 0, bottom = 0;
  double cy() const { return (top + bottom) / 2; }
};

// The lines of the words whose centre lies in `box`, top to bottom.
std::vector<TextLine> lines_in(const Box& box, const std::vector<Word>& words) {
  std::vector<const Word*> in;
  for (const Word& w : words) {
    if (box.contains(w.box.cx(), w.box.cy())) in.push_back(&w);
  }
  std::sort(in.begin(), in.end(),
            [](const Word* a, const Word* b) { return a->box.cy() < b->box.cy(); });
  std::vector<TextLine> out;
  for (const Word* w : in) {
    if (out.empty() || w->box.cy() > out.back().bottom) {
      out.push_back({w->box.y0, w->box.y1});
    } else {
      out.back().top = std::min(out.back().top, w->box.y0);
      out.back().bottom = std::max(out.back().bottom, w->box.y1);
    }
  }
  return out;
}

// Consecutive lines closer than `gap` are one item (wrapped text).
std::vector<std::vector<TextLine>> items_of(const std::vector<TextLine>& lines, double gap) {
  std::vector<std::vector<TextLine>> out;
  for (const TextLine& l : lines) {
    if (out.empty() || l.top - out.back().back().bottom > gap) out.emplace_back();
    out.back().push_back(l);
  }
  return out;
}

// How row `r` of `t` splits: the new boundaries, and which cells are
// split (the others span the new rows).
struct RowSplit {
  std::vector<double> ys;
  std::vector<const GridCell*> split;
};

RowSplit split_of(const CellGrid& t, int r, const std::vector<Word>& words,
                  const TextRowOptions& o) {
  std::vector<const GridCell*> cells;  // the row's one-row, one-column cells
  std::vector<std::vector<TextLine>> lines;
  std::vector<double> heights;
  for (const GridCell& c : t.cells) {
    if (c.row != r || c.row_span != 1 || c.col_span != 1) continue;
    cells.push_back(&c);
    lines.push_back(lines_in(c.box, words));
    for (const TextLine& l : lines.back()) heights.push_back(l.bottom - l.top);
  }
  if (cells.size() < 2) return {};
  const double h = median(std::move(heights));
  if (!(h > 0)) return {};
  // Specks (":", ". .") are no lines of print.
  for (auto& l : lines) {
    std::erase_if(l, [&](const TextLine& x) { return x.bottom - x.top < o.min_line * h; });
  }
  std::vector<std::vector<std::vector<TextLine>>> items;
  for (const auto& l : lines) items.push_back(items_of(l, o.item_gap * h));

  // The anchor: a cell whose lines are all separate items, the most of them.
  int anchor = -1;
  size_t k = 1;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (items[i].size() == lines[i].size() && items[i].size() > k)
      anchor = int(i), k = items[i].size();
  }
  if (anchor < 0) return {};
  const std::vector<TextLine>& a = lines[size_t(anchor)];
  auto nearest = [&](double y) {
    size_t best = 0;
    for (size_t j = 1; j < k; ++j) {
      if (std::abs(y - a[j].cy()) < std::abs(y - a[best].cy())) best = j;
    }
    return best;
  };

  // Partners: cells with as many items, each beside the anchor's in order
  // (wrapped indicators beside their values). Text of a merged block, one
  // paragraph over the whole row, is no partner: it spans the new rows.
  RowSplit out;
  std::vector<double> lower(k - 1), upper(k - 1);
  for (size_t i = 0; i + 1 < k; ++i) lower[i] = a[i].bottom, upper[i] = a[i + 1].top;
  out.split.push_back(cells[size_t(anchor)]);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (int(i) == anchor || items[i].size() != k) continue;
    bool aligned = true;
    for (size_t j = 0; j < k && aligned; ++j) {
      const auto& it = items[i][j];
      aligned = nearest((it.front().top + it.back().bottom) / 2) == j;
    }
    if (!aligned) continue;
    out.split.push_back(cells[i]);
    for (size_t j = 0; j + 1 < k; ++j) {
      lower[j] = std::max(lower[j], items[i][j].back().bottom);
      upper[j] = std::min(upper[j], items[i][j + 1].front().top);
    }
  }
  if (out.split.size() < 2) return {};
  double prev = t.row_edges[size_t(r)];
  for (size_t i = 0; i + 1 < k; ++i) {
    if (upper[i] <= lower[i]) return {};  // a line of one row reaches into the next
    double y = (lower[i] + upper[i]) / 2;
    if (y - prev < o.min_row * h) return {};
    out.ys.push_back(y);
    prev = y;
  }
  if (t.row_edges[size_t(r) + 1] - prev < o.min_row * h) return {};
  return out;
}

// One pass of split_spans_by_text.
int split_spans_once(CellGrid& t, const std::vector<Word>& words, const TextRowOptions& o) {
  const double h = median_word_height(t.bbox, words).value_or(0);
  if (!(h > 0)) return 0;
  // Columns of one cell a row: the grid rows their one-row cells cover
  // against all they cover (cells across the table left out).
  std::vector<int> single(size_t(t.n_cols())), covered(size_t(t.n_cols()));
  for (const GridCell& c : t.cells) {
    if (c.col_span >= t.n_cols()) continue;
    for (int k = c.col; k < c.col + c.col_span; ++k) {
      covered[size_t(k)] += c.row_span;
      single[size_t(k)] += c.row_span == 1 ? 1 : 0;
    }
  }
  // Judged by the column's other cells, which must cover as many rows as
  // the cell itself: one cell a row elsewhere, one tall cell here.
  auto row_wise = [&](const GridCell& c) {
    for (int k = c.col; k < c.col + c.col_span; ++k) {
      int others = covered[size_t(k)] - c.row_span;
      if (others < c.row_span || single[size_t(k)] < o.min_single_share * others) return false;
    }
    return true;
  };
  // OCR's boxes are loose and specks make lines of their own.
  const double reach = o.span_overlap * h;
  int added = 0;
  std::vector<GridCell> cells;
  for (const GridCell& c : t.cells) {
    auto keep = [&] { cells.push_back(c); };
    if (c.row_span < 2 || c.col_span >= t.n_cols() || !row_wise(c)) {
      keep();
      continue;
    }
    std::vector<TextLine> lines = lines_in(c.box, words);
    std::erase_if(lines, [&](const TextLine& x) { return x.bottom - x.top < o.min_line * h; });
    bool splits = lines.size() >= size_t(c.row_span);
    size_t l = 0;  // the first line of the row at hand
    for (int r = c.row; r < c.row + c.row_span && splits; ++r) {
      const double top = t.row_edges[size_t(r)], bottom = t.row_edges[size_t(r) + 1];
      size_t first = l;
      while (l < lines.size() && lines[l].cy() < bottom) ++l;
      // Print of its own, clear of the boundaries.
      splits = l > first && lines[first].top > top - reach && lines[l - 1].bottom < bottom + reach;
    }
    if (!splits) {
      keep();
      continue;
    }
    for (int r = c.row; r < c.row + c.row_span; ++r) {
      GridCell n = c;
      n.row = r;
      n.row_span = 1;
      n.box.y0 = t.row_edges[size_t(r)];
      n.box.y1 = t.row_edges[size_t(r) + 1];
      n.text.clear();
      n.raw_text.clear();
      cells.push_back(std::move(n));
    }
    added += c.row_span - 1;
  }
  if (added == 0) return 0;
  sort_cells(cells);
  t.cells = std::move(cells);
  return added;
}

}  // namespace

bool is_ruling_glyph(const Word& w, const CellGrid& t, double reach) {
  static const std::string kGlyphs = "|lI[]!";
  if (w.text.empty() || w.text.find_first_not_of(kGlyphs) != std::string::npos) return false;
  if (w.text.size() > 2 || !t.bbox.contains(w.box.cx(), w.box.cy())) return false;
  return std::any_of(t.col_edges.begin(), t.col_edges.end(),
                     [&](double x) { return std::abs(w.box.cx() - x) <= reach; });
}

int drop_ruling_glyphs(std::vector<Word>& words, const std::vector<CellGrid>& tables) {
  if (words.empty()) return 0;
  std::vector<double> heights;
  for (const Word& w : words) heights.push_back(w.box.height());
  const double reach = median(std::move(heights));
  size_t before = words.size();
  std::erase_if(words, [&](const Word& w) {
    return std::any_of(tables.begin(), tables.end(),
                       [&](const CellGrid& t) { return is_ruling_glyph(w, t, reach); });
  });
  return int(before - words.size());
}

int split_columns_by_text(CellGrid& t, const std::vector<Word>& words, const TextRowOptions& o) {
  const std::optional<double> height = median_word_height(t.bbox, words);
  if (!height) return 0;
  const double h = *height;
  const double gap = o.column_gap * h;
  int added = 0;
  std::vector<GridCell> cells;
  for (const GridCell& c : t.cells) {
    // A cell across the whole table is a title or a section: spanning is
    // what it is for.
    if (c.col_span >= t.n_cols()) {
      cells.push_back(c);
      continue;
    }
    std::vector<const Word*> in;
    for (const Word& w : words) {
      if (c.box.contains(w.box.cx(), w.box.cy())) in.push_back(&w);
    }
    // Column boundaries inside the cell that no word crosses, with print
    // on both sides. (Print centred in a narrow column may come within a
    // point of its rulings.)
    // Print counts on a side when a word the reading is sure of stands
    // clear of that side's column edges: a speck or a ruling read as "l"
    // hugs a ruling, a shading read as words is unsure.
    std::vector<int> cuts;
    for (int b = c.col + 1; b < c.col + c.col_span; ++b) {
      double x = t.col_edges[size_t(b)];
      double before = t.col_edges[size_t(b) - 1], after = t.col_edges[size_t(b) + 1];
      bool left = false, right = false, across = false;
      for (const Word* w : in) {
        bool sure = w->confidence >= o.min_word_confidence;
        left |= sure && w->box.x0 > before + gap && w->box.x1 < x - gap;
        right |= sure && w->box.x0 > x + gap && w->box.x1 < after - gap;
        across |= w->box.x1 > x + o.column_overlap * h && w->box.x0 < x - o.column_overlap * h;
      }
      if (left && right && !across) cuts.push_back(b);
    }
    if (cuts.empty()) {
      cells.push_back(c);
      continue;
    }
    cuts.push_back(c.col + c.col_span);
    int from = c.col;
    for (int to : cuts) {
      GridCell n = c;
      n.col = from;
      n.col_span = to - from;
      n.box.x0 = t.col_edges[size_t(from)];
      n.box.x1 = t.col_edges[size_t(to)];
      n.text.clear();
      n.raw_text.clear();
      cells.push_back(std::move(n));
      from = to;
    }
    added += int(cuts.size()) - 1;
  }
  if (added == 0) return 0;
  sort_cells(cells);
  t.cells = std::move(cells);
  return added;
}

int split_spans_by_text(CellGrid& t, const std::vector<Word>& words, const TextRowOptions& o) {
  // A split cell makes its column more one-a-row for the next pass.
  int added = 0;
  for (int pass; (pass = split_spans_once(t, words, o)) > 0;) added += pass;
  return added;
}

int split_rows_by_text(CellGrid& t, const std::vector<Word>& words, const TextRowOptions& o) {
  const int nr = t.n_rows();
  std::vector<RowSplit> splits(size_t(std::max(0, nr)));
  int added = 0;
  for (int r = 0; r < nr; ++r) {
    splits[size_t(r)] = split_of(t, r, words, o);
    added += int(splits[size_t(r)].ys.size());
  }
  if (added == 0) return 0;

  // New row edges, and where each old edge went.
  std::vector<double> edges;
  std::vector<int> moved(size_t(nr) + 1);
  std::vector<int> text_edges;
  for (int r = 0; r <= nr; ++r) {
    moved[size_t(r)] = int(edges.size());
    edges.push_back(t.row_edges[size_t(r)]);
    if (r == nr) break;
    for (double y : splits[size_t(r)].ys) {
      text_edges.push_back(int(edges.size()));
      edges.push_back(y);
    }
  }
  for (int& e : t.text_row_edges) e = moved[size_t(e)];
  t.text_row_edges.insert(t.text_row_edges.end(), text_edges.begin(), text_edges.end());
  std::sort(t.text_row_edges.begin(), t.text_row_edges.end());

  std::vector<GridCell> cells;
  for (const GridCell& c : t.cells) {
    int from = moved[size_t(c.row)], to = moved[size_t(c.row + c.row_span)];
    const std::vector<const GridCell*>& split_cells = splits[size_t(c.row)].split;
    bool split = std::find(split_cells.begin(), split_cells.end(), &c) != split_cells.end();
    for (int r = from; r < to; r += split ? 1 : to - from) {
      GridCell n = c;
      n.row = r;
      n.row_span = split ? 1 : to - from;
      n.box.y0 = edges[size_t(r)];
      n.box.y1 = edges[size_t(r + n.row_span)];
      if (split) n.text.clear(), n.raw_text.clear();
      cells.push_back(std::move(n));
    }
  }
  sort_cells(cells);
  t.row_edges = std::move(edges);
  t.cells = std::move(cells);
  return added;
}

}  // namespace pdfrecon
