#include "pdfrecon/text_tables.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "pdfrecon/cell_text.h"

namespace pdfrecon {
namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// A line of running text, as a cell holds it: several words, the first
// in lower case (a sentence's continuation). A table's cells start with a
// capital, a figure or a code, or are a word or two.
bool runs_on(const std::vector<Word>& words) {
  if (words.size() < 3) return false;
  const std::string& t = words.front().text;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), i, int32_t(t.size()), c);
  return c > 0 && u_islower(c);
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

// A line of text: words side by side, by x.
struct Line {
  std::vector<int> words;  // indices into the word list, by x0
  Box box;
  double cy = 0;      // mean vertical centre of its words
  double height = 0;  // median word height
  int zone = 0;       // which side of the page's prose gutters (0: whole width)
  // Pieces: runs of words without a wide gap, [begin, end) into `words`.
  std::vector<std::pair<int, int>> pieces;
};

// What the functions below share: the words and the options.
class Finder {
 public:
  Finder(const std::vector<Word>& words, const std::vector<Ruling>& rules,
         const TextTableOptions& o, Box page = {})
      : w_(words), o_(o), page_(page), used_(words.size(), false) {
    for (const Ruling& r : rules) {
      if (r.horizontal) rules_.push_back(r);
    }
    std::sort(rules_.begin(), rules_.end(),
              [](const Ruling& a, const Ruling& b) { return a.pos < b.pos; });
  }

  std::vector<CellGrid> run();
  // Lines (with their pieces) of the words, all of them.
  std::vector<Line> lines() const { return make_lines(); }
  // Which words went into a table.
  const std::vector<bool>& used() const { return used_; }

 private:
  const Box& box(int i) const { return w_[size_t(i)].box; }
  std::vector<Line> make_lines() const;
  void refresh(Line& l) const;
  void split_pieces(Line& l) const;
  void split_prose_columns(std::vector<Line>& lines) const;
  std::vector<std::vector<Line>> blocks(const std::vector<Line>& zone_lines) const;
  bool build(const std::vector<Line>& lines, CellGrid& out) const;

  const std::vector<Word>& w_;
  const TextTableOptions& o_;
  Box page_;                   // empty: no bounds
  std::vector<Ruling> rules_;  // horizontal, by y
  mutable std::vector<bool> used_;
};

void Finder::refresh(Line& l) const {
  std::sort(l.words.begin(), l.words.end(), [&](int a, int b) { return box(a).x0 < box(b).x0; });
  l.box = {};
  std::vector<double> heights;
  double cy = 0;
  for (int i : l.words) {
    l.box = l.box.unite(box(i));
    heights.push_back(box(i).height());
    cy += box(i).cy();
  }
  l.height = median(heights);
  l.cy = l.words.empty() ? 0 : cy / double(l.words.size());
}

void Finder::split_pieces(Line& l) const {
  l.pieces.clear();
  int begin = 0;
  for (int i = 1; i <= int(l.words.size()); ++i) {
    if (i == int(l.words.size()) ||
        box(l.words[size_t(i)]).x0 - box(l.words[size_t(i - 1)]).x1 > o_.piece_gap * l.height) {
      l.pieces.emplace_back(begin, i);
      begin = i;
    }
  }
}

// Words into lines by their vertical centres; then lines of small words
// (superscripts, footnote marks) into the line they stand on.
std::vector<Line> Finder::make_lines() const {
  std::vector<int> order;
  for (int i = 0; i < int(w_.size()); ++i) {
    const Word& w = w_[size_t(i)];
    bool on_page = page_.empty() || page_.contains(w.box.cx(), w.box.cy());
    if (w.rotation == 0 && !w.box.empty() && !blank(w.text) && on_page) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) { return box(a).cy() < box(b).cy(); });
  std::vector<Line> lines;
  for (int i : order) {
    const Box& b = box(i);
    Line* best = nullptr;
    double best_d = 0;
    // Words come by centre, so only the last few lines can take this one.
    for (size_t k = lines.size(); k-- > 0 && k + 4 > lines.size();) {
      Line& l = lines[k];
      double d = std::abs(b.cy() - l.cy);
      if (d <= o_.same_line * std::max(b.height(), l.height) && (!best || d < best_d)) {
        best = &l, best_d = d;
      }
    }
    if (!best) {
      lines.emplace_back();
      best = &lines.back();
    }
    best->words.push_back(i);
    refresh(*best);
  }
  // A line of small words that overlaps a neighbour's band joins it.
  for (size_t k = 0; k < lines.size(); ++k) {
    Line& l = lines[k];
    double best_overlap = 0;
    Line* into = nullptr;
    for (size_t j : {k - 1, k + 1}) {
      if (j >= lines.size() || lines[j].words.empty()) continue;
      Line& n = lines[j];
      if (l.height >= o_.small_word * n.height) continue;
      double overlap = std::min(l.box.y1, n.box.y1) - std::max(l.box.y0, n.box.y0);
      // (Overlapping by a fifth of its height: a mark riding on the line.)
      if (overlap > 0.2 * l.height && overlap > best_overlap) best_overlap = overlap, into = &n;
    }
    if (into) {
      into->words.insert(into->words.end(), l.words.begin(), l.words.end());
      double keep_cy = into->cy, keep_h = into->height;
      refresh(*into);
      into->cy = keep_cy, into->height = keep_h;  // the line is where its body text is
      l.words.clear();
    }
  }
  std::erase_if(lines, [](const Line& l) { return l.words.empty(); });
  for (Line& l : lines) split_pieces(l);
  return lines;
}

// Two columns of prose side by side are cut apart: a gap that many lines
// share, with pieces of many words on both sides.
void Finder::split_prose_columns(std::vector<Line>& lines) const {
  struct Gap {
    double x0, x1;
    double y0, y1;
    int left_words, right_words;
  };
  std::vector<Gap> gaps;
  for (const Line& l : lines) {
    for (size_t p = 1; p < l.pieces.size(); ++p) {
      auto [a0, a1] = l.pieces[p - 1];
      auto [b0, b1] = l.pieces[p];
      gaps.push_back({box(l.words[size_t(a1 - 1)]).x1, box(l.words[size_t(b0)]).x0, l.box.y0,
                      l.box.y1, a1 - a0, b1 - b0});
    }
  }
  // Only gaps between long pieces can part prose.
  std::erase_if(gaps, [](const Gap& g) { return g.left_words < 3 || g.right_words < 3; });
  // (zone, cut, side of the cut) -> the zone of the lines cut there.
  std::map<std::tuple<int, int, int>, int> zone_ids;
  int cuts_made = 0;
  // A page has a few prose gutters at most; each round takes the gap the
  // most lines share, whether it turns out to part prose or not.
  constexpr int kMaxRounds = 16;
  for (int round = 0; round < kMaxRounds && !gaps.empty(); ++round) {
    // The x most of them contain (a sweep over their ends).
    std::vector<std::pair<double, int>> ends;
    for (const Gap& g : gaps) ends.emplace_back(g.x0, -1), ends.emplace_back(g.x1, +1);
    std::sort(ends.begin(), ends.end());  // at one x, openings (-1) first
    int depth = 0, most = 0;
    double best_x = 0;
    for (size_t k = 0; k < ends.size(); ++k) {
      depth -= ends[k].second;
      if (depth > most) most = depth, best_x = (ends[k].first + ends[k + 1].first) / 2;
    }
    std::vector<size_t> best;
    for (size_t k = 0; k < gaps.size(); ++k) {
      if (gaps[k].x0 <= best_x && best_x <= gaps[k].x1) best.push_back(k);
    }
    if (int(best.size()) < o_.min_rows) return;
    // Runs of them down the page (a line or two without one, the short
    // last line of a paragraph, does not end a run): each run of prose on
    // both sides is cut at x over its height.
    std::vector<Gap> run_gaps;
    for (size_t k : best) run_gaps.push_back(gaps[k]);
    for (size_t k = best.size(); k-- > 0;) gaps.erase(gaps.begin() + std::ptrdiff_t(best[k]));
    std::sort(run_gaps.begin(), run_gaps.end(),
              [](const Gap& a, const Gap& b) { return a.y0 < b.y0; });
    std::vector<std::pair<double, double>> cut;  // y ranges
    for (size_t a = 0; a < run_gaps.size();) {
      size_t b = a + 1;
      double words_l = run_gaps[a].left_words, words_r = run_gaps[a].right_words;
      while (b < run_gaps.size() &&
             run_gaps[b].y0 - run_gaps[b - 1].y1 <= 3 * (run_gaps[b - 1].y1 - run_gaps[b - 1].y0)) {
        words_l += run_gaps[b].left_words, words_r += run_gaps[b].right_words;
        ++b;
      }
      double n = double(b - a);
      if (int(b - a) >= o_.min_rows && words_l / n >= o_.prose_words &&
          words_r / n >= o_.prose_words) {
        cut.emplace_back(run_gaps[a].y0, run_gaps[b - 1].y1);
      }
      a = b;
    }
    // A run stretches up and down to the lines around it while no word
    // crosses x and one side at least stays prose (a table set in one
    // column, beside the other column's prose); two sides without prose
    // for several lines are a table across both, which stays whole.
    std::vector<const Line*> sorted;
    for (const Line& l : lines) sorted.push_back(&l);
    std::sort(sorted.begin(), sorted.end(),
              [](const Line* a, const Line* b) { return a->cy < b->cy; });
    auto crosses = [&](const Line* l) {
      return std::any_of(l->words.begin(), l->words.end(),
                         [&](int i) { return box(i).x0 < best_x && box(i).x1 > best_x; });
    };
    auto prose_beside = [&](const Line* l) {
      bool left_prose = false, right_prose = false;
      for (auto [p0, p1] : l->pieces) {
        if (p1 - p0 < 3) continue;
        (box(l->words[size_t(p0)]).x0 < best_x ? left_prose : right_prose) = true;
      }
      return left_prose || right_prose;
    };
    for (auto& [y0, y1] : cut) {
      for (int dir : {-1, +1}) {
        auto it = std::find_if(sorted.begin(), sorted.end(), [&, y0 = y0, y1 = y1](const Line* l) {
          return dir < 0 ? l->cy >= y0 : l->cy > y1;
        });
        std::ptrdiff_t k = (it - sorted.begin()) + (dir < 0 ? -1 : 0);
        int bad = 0;
        double reach = dir < 0 ? y0 : y1;
        for (; k >= 0 && k < std::ptrdiff_t(sorted.size()) && !crosses(sorted[size_t(k)]);
             k += dir) {
          const Line* l = sorted[size_t(k)];
          bad = prose_beside(l) ? 0 : bad + 1;
          if (bad >= o_.min_rows) break;
          if (bad == 0) reach = dir < 0 ? l->box.y0 : l->box.y1;
        }
        (dir < 0 ? y0 : y1) = reach;
      }
    }
    for (auto [y0, y1] : cut) {
      int this_cut = cuts_made++;
      auto zone_of = [&](int zone, int side) {
        auto [it, added] = zone_ids.try_emplace({zone, this_cut, side}, int(zone_ids.size()) + 1);
        return it->second;
      };
      std::vector<Line> out;
      for (Line& l : lines) {
        if (l.cy < y0 || l.cy > y1) {
          out.push_back(std::move(l));
          continue;
        }
        Line a, b;
        for (int i : l.words) (box(i).cx() < best_x ? a : b).words.push_back(i);
        for (Line* part : {&a, &b}) {
          if (part->words.empty()) continue;
          part->zone = zone_of(l.zone, part == &a ? 0 : 1);
          refresh(*part);
          split_pieces(*part);
          out.push_back(std::move(*part));
        }
      }
      lines = std::move(out);
    }
  }
}

// Runs of lines of several pieces, close together, with at most a few
// lines of one piece between them.
std::vector<std::vector<Line>> Finder::blocks(const std::vector<Line>& lines) const {
  std::vector<std::vector<Line>> out;
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].pieces.size() < 2) {
      ++i;
      continue;
    }
    size_t first = i, last = i;
    int multi = 1;
    for (size_t j = i + 1; j < lines.size(); ++j) {
      double h = std::max(lines[j - 1].height, lines[j].height);
      if (lines[j].box.y0 - lines[j - 1].box.y1 > o_.max_line_gap * h) break;
      if (lines[j].pieces.size() >= 2) {
        if (int(j - last - 1) > o_.max_single_lines) break;
        last = j;
        ++multi;
      } else if (int(j - last) > o_.max_single_lines) {
        break;
      }
    }
    i = last + 1;
    if (multi < o_.min_rows) continue;
    // A line of one piece right above, set like a header over the
    // columns, belongs to the table.
    double x0 = lines[first].box.x0, x1 = lines[first].box.x1;
    for (size_t k = first; k <= last; ++k) {
      x0 = std::min(x0, lines[k].box.x0), x1 = std::max(x1, lines[k].box.x1);
    }
    int above = 0;
    while (first > 0 && above < o_.max_single_lines) {
      const Line& l = lines[first - 1];
      double h = std::max(l.height, lines[first].height);
      // Set as close as a line of the table, mostly within its width and
      // not as wide as it (a title above it is wider).
      bool near = lines[first].box.y0 - l.box.y1 <= o_.header_gap * h;
      double over = std::min(l.box.x1, x1) - std::max(l.box.x0, x0);
      bool inside = over >= 0.5 * l.box.width() && l.box.width() < 0.8 * (x1 - x0);
      if (!near || !inside || l.pieces.size() >= 2) break;
      --first, ++above;
    }
    out.emplace_back(lines.begin() + std::ptrdiff_t(first),
                     lines.begin() + std::ptrdiff_t(last + 1));
  }
  return out;
}

std::vector<CellGrid> Finder::run() {
  std::vector<Line> lines = make_lines();
  if (lines.size() < size_t(o_.min_rows)) return {};
  split_prose_columns(lines);
  std::map<int, std::vector<Line>> zones;
  for (Line& l : lines) zones[l.zone].push_back(std::move(l));
  std::vector<CellGrid> out;
  for (auto& [zone, zl] : zones) {
    std::sort(zl.begin(), zl.end(), [](const Line& a, const Line& b) { return a.cy < b.cy; });
    // Blocks one right above the other, nothing but white between them,
    // whose columns agree are one table (groups of rows set apart).
    std::vector<Line> current;
    CellGrid grid;
    bool built = false;
    auto flush = [&] {
      if (built) out.push_back(std::move(grid));
      current.clear();
      built = false;
    };
    for (std::vector<Line>& b : blocks(zl)) {
      CellGrid g;
      bool ok = build(b, g);
      if (built && ok) {
        double h = std::max(current.back().height, b.front().height);
        double gap = b.front().box.y0 - current.back().box.y1;
        bool between = std::any_of(zl.begin(), zl.end(), [&](const Line& l) {
          return l.cy > current.back().cy && l.cy < b.front().cy;
        });
        std::vector<Line> both = current;
        both.insert(both.end(), b.begin(), b.end());
        CellGrid merged;
        if (!between && gap <= o_.merge_gap * h && build(both, merged) &&
            merged.n_cols() == grid.n_cols() && merged.n_cols() == g.n_cols()) {
          current = std::move(both);
          grid = std::move(merged);
          continue;
        }
      }
      flush();
      current = std::move(b);
      grid = std::move(g);
      built = ok;
    }
    flush();
  }
  std::sort(out.begin(), out.end(), reading_order);
  return out;
}

// Column boundaries (x, ascending, the outer two included) from the white
// strips the rows share: where at most `tolerated` rows cover x (a label
// running into the next column in a row or two), over at least
// `min_width`. Inside such a strip, each stretch no row covers is a
// boundary of its own: the few rows that do cover the strip there are a
// column of their own (a header over columns the body leaves empty).
std::vector<double> column_edges(const std::vector<std::vector<std::pair<double, double>>>& rows,
                                 double x0, double x1, double min_width, int tolerated) {
  std::vector<std::pair<double, int>> events;
  for (const auto& spans : rows) {
    for (auto [a, b] : spans) events.emplace_back(a, +1), events.emplace_back(b, -1);
  }
  std::sort(events.begin(), events.end());
  std::vector<double> edges{x0};
  int cover = 0;
  double open = x0, clear = x0;
  bool in_gap = false, in_clear = false;
  std::vector<double> clear_mids;  // stretches no row covers, in this strip
  for (auto [x, d] : events) {
    int before = cover;
    cover += d;
    if (before > tolerated && cover <= tolerated) open = x, in_gap = true, clear_mids.clear();
    if (before > 0 && cover == 0) clear = x, in_clear = true;
    if (before == 0 && cover > 0 && in_clear) {
      if (x - clear >= min_width && clear > x0) clear_mids.push_back((clear + x) / 2);
      in_clear = false;
    }
    if (before <= tolerated && cover > tolerated && in_gap) {
      if (x - open >= min_width && open > x0 && x < x1) {
        if (clear_mids.empty()) clear_mids.push_back((open + x) / 2);
        edges.insert(edges.end(), clear_mids.begin(), clear_mids.end());
      }
      in_gap = false;
    }
  }
  // A strip running to the table's right edge: the stretches no row
  // covers in it still part columns only a few rows fill (headers of
  // columns the body leaves empty).
  if (in_gap) edges.insert(edges.end(), clear_mids.begin(), clear_mids.end());
  edges.push_back(x1);
  return edges;
}

int column_of(const std::vector<double>& edges, double x) {
  auto it = std::upper_bound(edges.begin() + 1, edges.end() - 1, x);
  return int(it - edges.begin()) - 1;
}

bool Finder::build(const std::vector<Line>& lines, CellGrid& out) const {
  std::vector<double> heights;
  Box area;
  for (const Line& l : lines) heights.push_back(l.height), area = area.unite(l.box);
  const double h = median(heights);

  // 1. Columns, from the lines of several pieces: each line's words as
  //    spans (one line counts once however many words cover an x).
  //    Lines of fewer pieces than most (a header over several columns,
  //    a row with cells left empty) do not count, when enough others do.
  std::map<size_t, int> piece_counts;
  for (const Line& l : lines) {
    if (l.pieces.size() >= 2) ++piece_counts[l.pieces.size()];
  }
  size_t modal = 2;
  int modal_n = 0, at_least_modal = 0;
  for (auto [n, k] : piece_counts) {
    if (k > modal_n) modal = n, modal_n = k;
  }
  for (auto [n, k] : piece_counts) at_least_modal += n >= modal ? k : 0;
  if (at_least_modal < o_.min_rows) modal = 2;
  std::vector<std::vector<std::pair<double, double>>> spans;
  for (const Line& l : lines) {
    if (l.pieces.size() < modal) continue;
    std::vector<std::pair<double, double>> s;
    for (int i : l.words) {
      if (!s.empty() && box(i).x0 <= s.back().second) {
        s.back().second = std::max(s.back().second, box(i).x1);
      } else {
        s.emplace_back(box(i).x0, box(i).x1);
      }
    }
    spans.push_back(std::move(s));
  }
  int tolerated = int(o_.gutter_noise * double(spans.size()));
  std::vector<double> edges = column_edges(spans, area.x0, area.x1, o_.min_gutter * h, tolerated);
  // A column only one line uses ("$" before one figure) joins the
  // neighbour its words stand nearest to.
  for (bool changed = true; changed && edges.size() > 3;) {
    changed = false;
    int n = int(edges.size()) - 1;
    std::vector<int> used(size_t(n), 0);
    std::vector<double> lo(size_t(n), 1e300), hi(size_t(n), -1e300);
    for (const Line& l : lines) {
      std::vector<bool> here(size_t(n), false);
      for (int i : l.words) {
        int c = column_of(edges, box(i).cx());
        here[size_t(c)] = true;
        lo[size_t(c)] = std::min(lo[size_t(c)], box(i).x0);
        hi[size_t(c)] = std::max(hi[size_t(c)], box(i).x1);
      }
      for (int c = 0; c < n; ++c) used[size_t(c)] += here[size_t(c)];
    }
    for (int c = 0; c < n && !changed; ++c) {
      if (used[size_t(c)] > 1) continue;
      double gap_left = c > 0 ? lo[size_t(c)] - hi[size_t(c - 1)] : 1e300;
      double gap_right = c + 1 < n ? lo[size_t(c + 1)] - hi[size_t(c)] : 1e300;
      // Remove the edge on the nearer side (edge c is the left one).
      edges.erase(edges.begin() + (gap_left <= gap_right ? c : c + 1));
      changed = true;
    }
  }
  const int ncols = int(edges.size()) - 1;
  if (ncols < 2) return false;

  // 2. Rows: bands of lines. Horizontal rules across most of the table
  //    bound rows; a rule under the first few lines is a header rule.
  std::vector<double> cuts;  // y of rules inside the table
  for (const Ruling& r : rules_) {
    double overlap = std::min(r.to, area.x1) - std::max(r.from, area.x0);
    // Across half the table at least: an underline is no row boundary.
    if (overlap >= 0.5 * area.width() && r.pos > area.y0 && r.pos < area.y1) cuts.push_back(r.pos);
  }
  std::vector<std::vector<const Line*>> bands;
  auto lines_above = [&](double y) {
    return int(std::count_if(lines.begin(), lines.end(), [&](const Line& l) { return l.cy < y; }));
  };
  size_t next_line = 0;
  std::vector<double> band_cut;  // the rule below each band, or NaN
  // Figures do not wrap: two lines with a figure in one column are two
  // rows, even between two rules.
  auto figure_columns = [&](const Line* l) {
    std::vector<bool> has(size_t(ncols), false);
    for (int i : l->words) {
      const std::string& t = w_[size_t(i)].text;
      if (std::any_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); })) {
        has[size_t(column_of(edges, box(i).cx()))] = true;
      }
    }
    return has;
  };
  bool group_rules = false;
  auto starts_row = [&](const Line* l) {
    return std::any_of(l->words.begin(), l->words.end(),
                       [&](int i) { return column_of(edges, box(i).cx()) == 0; });
  };
  auto take_until = [&](double y, double cut) {
    // A band holding more lines than a ruled row does is a group of rows,
    // whatever the other bands hold (a body between its header's rule and
    // the total's).
    size_t held = next_line;
    while (held < lines.size() && lines[held].cy < y) ++held;
    const bool group = group_rules || int(held - next_line) > o_.max_ruled_row_lines;
    std::vector<const Line*> band;
    std::vector<bool> figures(size_t(ncols), false);
    auto flush = [&](double below) {
      if (!band.empty()) bands.push_back(std::move(band)), band_cut.push_back(below);
      band.clear();
      figures.assign(size_t(ncols), false);
    };
    while (next_line < lines.size() && lines[next_line].cy < y) {
      const Line* l = &lines[next_line++];
      std::vector<bool> f = figure_columns(l);
      bool clash = group && !band.empty() && starts_row(l) &&
                   std::any_of(band.begin(), band.end(), starts_row);
      for (int c = 0; c < ncols; ++c) clash = clash || (f[size_t(c)] && figures[size_t(c)]);
      if (clash) flush(std::nan(""));
      band.push_back(l);
      for (int c = 0; c < ncols; ++c) figures[size_t(c)] = figures[size_t(c)] || f[size_t(c)];
    }
    flush(cut);
  };
  size_t first_cut = 0;
  if (!cuts.empty()) {
    int above = lines_above(cuts[0]);
    if (above >= 1 && above <= 4 && int(lines.size()) - above >= o_.min_rows - 1) {
      take_until(cuts[0], cuts[0]);  // the header
      first_cut = 1;
    }
  }
  // Rules between rows hold a row each (a line or a cell's few lines);
  // rules around groups of rows (a section, the body under its header)
  // hold many lines, where a line with a first column of its own is a row
  // of its own too (a section title, the next row).
  std::vector<double> per_band;
  for (size_t k = first_cut; k + 1 < cuts.size(); ++k) {
    per_band.push_back(double(lines_above(cuts[k + 1]) - lines_above(cuts[k])));
  }
  if (!per_band.empty()) {
    group_rules = median(per_band) > o_.max_ruled_row_lines;
    for (size_t k = first_cut; k < cuts.size(); ++k) take_until(cuts[k], cuts[k]);
  }
  // The rest, a line a row; lines set much closer than the rows (a cell
  // wrapped) below join the row above, when the row above has its first
  // column and the line has not.
  std::vector<const Line*> rest;
  for (; next_line < lines.size(); ++next_line) rest.push_back(&lines[next_line]);
  std::vector<double> pitch;
  for (size_t k = 1; k < rest.size(); ++k) pitch.push_back(rest[k]->cy - rest[k - 1]->cy);
  double row_pitch = median(pitch);
  auto has_col0 = [&](const Line* l) {
    return std::any_of(l->words.begin(), l->words.end(),
                       [&](int i) { return column_of(edges, box(i).cx()) == 0; });
  };
  for (size_t k = 0; k < rest.size(); ++k) {
    bool wrapped = k > 0 && pitch[k - 1] < o_.wrapped_pitch * row_pitch && !has_col0(rest[k]) &&
                   has_col0(rest[k - 1]) && !bands.empty() && std::isnan(band_cut.back());
    if (wrapped) {
      bands.back().push_back(rest[k]);
    } else {
      bands.push_back({rest[k]});
      band_cut.push_back(std::nan(""));
    }
  }

  // 3. Cells: words by column; a phrase over several columns a row
  //    otherwise leaves empty spans them. A phrase's columns are those its
  //    extent reaches well into.
  struct Phrase {
    std::vector<int> words;
    int c0, c1;
  };
  auto phrases_of = [&](const Line* l, std::vector<Phrase>& out_phrases) {
    size_t first = out_phrases.size();
    for (size_t k = 0; k < l->words.size(); ++k) {
      int i = l->words[k];
      int c0 = column_of(edges, std::min(box(i).cx(), box(i).x0 + o_.span_reach * h));
      int c1 = column_of(edges, std::max(box(i).cx(), box(i).x1 - o_.span_reach * h));
      bool joins = k > 0 && box(i).x0 - box(l->words[k - 1]).x1 <= o_.min_gutter * h;
      if (joins) {
        out_phrases.back().words.push_back(i);
        out_phrases.back().c1 = std::max(out_phrases.back().c1, c1);
      } else {
        out_phrases.push_back({{i}, c0, c1});
      }
    }
    // Side by side on a line, a phrase reaching into the next one's first
    // column gives it up.
    for (size_t k = first + 1; k < out_phrases.size(); ++k) {
      Phrase& a = out_phrases[k - 1];
      a.c1 = std::max(a.c0, std::min(a.c1, out_phrases[k].c0 - 1));
    }
  };
  // A band whose line holds a phrase over several columns that a later
  // line of the band fills two or more of (a group header over its
  // columns' headers) splits below that line.
  for (size_t r = 0; r < bands.size(); ++r) {
    const auto& band = bands[r];
    for (size_t k = 0; k + 1 < band.size(); ++k) {
      std::vector<Phrase> ph;
      phrases_of(band[k], ph);
      bool group = false;
      for (const Phrase& p : ph) {
        if (p.c1 == p.c0) continue;
        for (size_t j = k + 1; j < band.size() && !group; ++j) {
          std::vector<bool> filled(size_t(ncols), false);
          for (int i : band[j]->words) filled[size_t(column_of(edges, box(i).cx()))] = true;
          group = std::count(filled.begin() + p.c0, filled.begin() + p.c1 + 1, true) >= 2;
        }
      }
      if (group) {
        std::vector<const Line*> lower(band.begin() + std::ptrdiff_t(k + 1), band.end());
        bands[r].resize(k + 1);
        bands.insert(bands.begin() + std::ptrdiff_t(r + 1), std::move(lower));
        band_cut.insert(band_cut.begin() + std::ptrdiff_t(r), std::nan(""));
        break;
      }
    }
  }
  const int nrows = int(bands.size());
  struct Slot {
    std::vector<Word> words;
    int span = 1;  // columns, at the slot of its first column
    bool covered = false;
  };
  std::vector<std::vector<Slot>> slots(size_t(nrows), std::vector<Slot>(size_t(ncols), Slot{}));
  for (int r = 0; r < nrows; ++r) {
    std::vector<Phrase> phrases;
    for (const Line* l : bands[size_t(r)]) phrases_of(l, phrases);
    std::vector<int> owners(size_t(ncols), 0);
    for (const Phrase& p : phrases) {
      for (int c = p.c0; c <= p.c1; ++c) ++owners[size_t(c)];
    }
    auto& row = slots[size_t(r)];
    for (const Phrase& p : phrases) {
      bool alone = true;
      for (int c = p.c0; c <= p.c1; ++c) alone = alone && owners[size_t(c)] == 1;
      if (p.c1 > p.c0 && alone) {
        for (int i : p.words) row[size_t(p.c0)].words.push_back(w_[size_t(i)]);
        row[size_t(p.c0)].span = p.c1 - p.c0 + 1;
        for (int c = p.c0 + 1; c <= p.c1; ++c) row[size_t(c)].covered = true;
      } else {
        for (int i : p.words) {
          row[size_t(column_of(edges, box(i).cx()))].words.push_back(w_[size_t(i)]);
        }
      }
    }
  }

  // 4. Still a table? Rows with text in two columns or more, and columns
  //    with text in several rows.
  int full_rows = 0;
  std::vector<int> col_rows(size_t(ncols), 0);
  for (const auto& row : slots) {
    int filled = 0;
    for (int c = 0; c < ncols; ++c) {
      if (!row[size_t(c)].words.empty()) ++filled, ++col_rows[size_t(c)];
    }
    full_rows += filled >= 2;
  }
  int cols_used =
      int(std::count_if(col_rows.begin(), col_rows.end(), [](int n) { return n >= 2; }));
  if (full_rows < o_.min_rows || cols_used < 2) return false;
  // Columns of prose side by side (narrow ones, of a few words a line, are
  // not cut apart above): every column with text is mostly running text.
  int prose_cols = 0, text_cols = 0;
  for (int c = 0; c < ncols; ++c) {
    int cells = 0, running = 0;
    for (const auto& row : slots) {
      const std::vector<Word>& words = row[size_t(c)].words;
      if (words.empty()) continue;
      ++cells;
      running += runs_on(words);
    }
    if (cells == 0) continue;
    ++text_cols;
    prose_cols += 2 * running >= cells;
  }
  if (prose_cols == text_cols) return false;

  // 5. The grid.
  out = CellGrid();
  out.ruled = false;
  out.col_edges = edges;
  out.row_edges.push_back(area.y0);
  for (int r = 1; r < nrows; ++r) {
    double cut = band_cut[size_t(r - 1)];
    if (!std::isnan(cut)) {
      out.row_edges.push_back(cut);
      continue;
    }
    double bottom = -1e300, top = 1e300;
    for (const Line* l : bands[size_t(r - 1)]) bottom = std::max(bottom, l->box.y1);
    for (const Line* l : bands[size_t(r)]) top = std::min(top, l->box.y0);
    out.row_edges.push_back(std::clamp((bottom + top) / 2, out.row_edges.back(), area.y1));
  }
  out.row_edges.push_back(area.y1);
  out.bbox = area;
  for (const Line& l : lines) {
    for (int i : l.words) used_[size_t(i)] = true;
  }
  for (int r = 0; r < nrows; ++r) {
    for (int c = 0; c < ncols; ++c) {
      Slot& s = slots[size_t(r)][size_t(c)];
      if (s.covered) continue;
      GridCell cell;
      cell.row = r, cell.col = c, cell.col_span = s.span;
      cell.box = {edges[size_t(c)], out.row_edges[size_t(r)], edges[size_t(c + s.span)],
                  out.row_edges[size_t(r + 1)]};
      for (const Word& w : s.words) cell.confidence = std::min(cell.confidence, w.confidence);
      cell.text = join_cell_words(std::move(s.words));
      cell.raw_text = cell.text;
      out.cells.push_back(std::move(cell));
    }
  }
  return true;
}

}  // namespace

bool rulings_miss_columns(const CellGrid& table, const std::vector<Word>& words,
                          const TextTableOptions& options) {
  // The words of each cell, and the cell's lines.
  // (By the grid's edges: a dense grid has tens of thousands of cells.)
  std::vector<std::vector<Word>> in_cell(table.cells.size());
  const int nr = table.n_rows(), nc = table.n_cols();
  if (nr < 1 || nc < 1) return false;
  std::vector<int> at(size_t(nr) * size_t(nc), -1);  // grid position -> cell
  for (size_t k = 0; k < table.cells.size(); ++k) {
    const GridCell& g = table.cells[k];
    for (int r = std::max(0, g.row); r < std::min(nr, g.row + g.row_span); ++r) {
      for (int c = std::max(0, g.col); c < std::min(nc, g.col + g.col_span); ++c) {
        at[size_t(r) * size_t(nc) + size_t(c)] = int(k);
      }
    }
  }
  for (const Word& w : words) {
    if (!table.bbox.contains(w.box.cx(), w.box.cy())) continue;
    int r = int(std::upper_bound(table.row_edges.begin(), table.row_edges.end(), w.box.cy()) -
                table.row_edges.begin()) -
            1;
    int c = int(std::upper_bound(table.col_edges.begin(), table.col_edges.end(), w.box.cx()) -
                table.col_edges.begin()) -
            1;
    int k = at[size_t(std::clamp(r, 0, nr - 1)) * size_t(nc) + size_t(std::clamp(c, 0, nc - 1))];
    if (k >= 0) in_cell[size_t(k)].push_back(w);
  }
  int lines = 0, split = 0;
  for (const std::vector<Word>& cell : in_cell) {
    if (cell.empty()) continue;
    for (const Line& l : Finder(cell, {}, options).lines()) {
      ++lines;
      split += l.pieces.size() >= 2;
    }
  }
  return split >= options.min_rows && double(split) >= options.split_cell_lines * double(lines);
}

std::vector<CellGrid> find_text_tables(const std::vector<Word>& words, double page_width,
                                       double page_height, const std::vector<Ruling>& rules,
                                       const TextTableOptions& options, std::vector<Word>* rest) {
  Finder finder(words, rules, options, Box{0, 0, page_width, page_height});
  std::vector<CellGrid> tables = finder.run();
  if (rest) {
    rest->clear();
    for (size_t i = 0; i < words.size(); ++i) {
      if (!finder.used()[i]) rest->push_back(words[i]);
    }
  }
  return tables;
}

}  // namespace pdfrecon
