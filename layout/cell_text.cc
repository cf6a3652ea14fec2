#include "pdfrecon/cell_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace pdfrecon {
namespace {

// Code points of a UTF-8 string; an invalid byte decodes to -1 and is kept
// as it was by the functions below.
struct CodePoint {
  UChar32 c;
  int32_t begin, end;  // byte range
};

std::vector<CodePoint> decode(const std::string& s) {
  std::vector<CodePoint> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = int32_t(s.size());
  for (int32_t i = 0; i < n;) {
    int32_t begin = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back({c, begin, i});
  }
  return out;
}

bool is_space(UChar32 c) { return c >= 0 && (u_isUWhiteSpace(c) || c == 0xFEFF); }

// Every run of white space becomes one space; the ends are trimmed.
std::string normalise_space(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (const CodePoint& cp : decode(s)) {
    if (is_space(cp.c)) {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out.append(s, size_t(cp.begin), size_t(cp.end - cp.begin));
  }
  return out;
}

// A hyphen that a line break may have introduced: ASCII, Unicode hyphen
// and soft hyphen (a non-breaking hyphen is meant to stay).
bool is_wrap_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x00AD; }

// If `word` is a word split at its end ("presupues-"), its length without
// the hyphen; otherwise npos.
size_t wrap_hyphen_cut(const std::string& word) {
  std::vector<CodePoint> cps = decode(word);
  if (cps.size() < 2) return std::string::npos;
  const CodePoint& last = cps.back();
  const CodePoint& before = cps[cps.size() - 2];
  if (!is_wrap_hyphen(last.c) || before.c < 0 || !u_isalpha(before.c)) return std::string::npos;
  return size_t(last.begin);
}

bool starts_lowercase(const std::string& s) {
  if (s.empty()) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, int32_t(s.size()), c);
  return c >= 0 && u_islower(c);
}

struct TextLine {
  double y0 = 0, y1 = 0;  // mean extent of its words
  std::vector<Word> words;
};

double vertical_overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

// Distance from (x, y) to a box, 0 inside.
double distance_to(const Box& b, double x, double y) {
  double dx = std::max({b.x0 - x, 0.0, x - b.x1});
  double dy = std::max({b.y0 - y, 0.0, y - b.y1});
  return std::hypot(dx, dy);
}

}  // namespace

std::string join_cell_words(std::vector<Word> words) {
  for (Word& w : words) w.text = normalise_space(w.text);
  std::erase_if(words, [](const Word& w) { return w.text.empty(); });
  if (words.empty()) return {};

  // Lines: a word joins the line it overlaps most vertically, provided the
  // overlap is at least half the smaller height.
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.cy() < b.box.cy(); });
  std::vector<TextLine> lines;
  for (Word& w : words) {
    TextLine* best = nullptr;
    double best_ratio = 0.5;
    for (TextLine& l : lines) {
      double h = std::max(1e-3, std::min(l.y1 - l.y0, w.box.height()));
      double ratio = vertical_overlap(l.y0, l.y1, w.box.y0, w.box.y1) / h;
      if (ratio >= best_ratio) best_ratio = ratio, best = &l;
    }
    if (!best) {
      lines.push_back({w.box.y0, w.box.y1, {}});
      best = &lines.back();
    }
    double n = double(best->words.size());
    best->y0 = (best->y0 * n + w.box.y0) / (n + 1);
    best->y1 = (best->y1 * n + w.box.y1) / (n + 1);
    best->words.push_back(std::move(w));
  }
  std::sort(lines.begin(), lines.end(),
            [](const TextLine& a, const TextLine& b) { return a.y0 + a.y1 < b.y0 + b.y1; });

  std::string out;
  for (size_t li = 0; li < lines.size(); ++li) {
    std::vector<Word>& lw = lines[li].words;
    std::stable_sort(lw.begin(), lw.end(),
                     [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    std::string text;
    for (size_t i = 0; i < lw.size(); ++i) {
      if (i > 0) {
        const Word& prev = lw[i - 1];
        double gap = lw[i].box.x0 - prev.box.x1;
        double tiny = 0.2 * std::min(prev.box.height(), lw[i].box.height());
        if (prev.space_after || gap > tiny) text += ' ';
      }
      text += lw[i].text;
    }
    if (li == 0) {
      out = std::move(text);
      continue;
    }
    size_t cut = wrap_hyphen_cut(lines[li - 1].words.back().text);
    if (cut != std::string::npos && starts_lowercase(text)) {
      // The previous line ends with the split word; drop its hyphen.
      out.resize(out.size() - (lines[li - 1].words.back().text.size() - cut));
    } else {
      out += ' ';
    }
    out += text;
  }
  return out;
}

std::vector<Word> place_words(const TextLayer& layer, std::vector<CellGrid>& tables) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // Words per cell, indexed [table][cell].
  std::vector<std::vector<std::vector<Word>>> bins(tables.size());
  for (size_t t = 0; t < tables.size(); ++t) bins[t].resize(tables[t].cells.size());
  std::vector<Word> unplaced;

  for (const Word& w : layer.words) {
    double x = w.box.cx(), y = w.box.cy();
    // A containing cell; among overlapping boxes (skewed tables) the one
    // whose centre is nearest.
    int bt = -1, bc = -1;
    double best = kInf;
    for (size_t t = 0; t < tables.size(); ++t) {
      const std::vector<GridCell>& cells = tables[t].cells;
      for (size_t c = 0; c < cells.size(); ++c) {
        if (!cells[c].box.contains(x, y)) continue;
        double d = std::hypot(cells[c].box.cx() - x, cells[c].box.cy() - y);
        if (d < best) best = d, bt = int(t), bc = int(c);
      }
    }
    if (bt < 0) {
      for (size_t t = 0; t < tables.size() && bt < 0; ++t) {
        if (!tables[t].bbox.contains(x, y)) continue;
        const std::vector<GridCell>& cells = tables[t].cells;
        for (size_t c = 0; c < cells.size(); ++c) {
          double d = distance_to(cells[c].box, x, y);
          if (d < best) best = d, bt = int(t), bc = int(c);
        }
      }
    }
    if (bt < 0) {
      unplaced.push_back(w);
    } else {
      bins[bt][bc].push_back(w);
    }
  }

  for (size_t t = 0; t < tables.size(); ++t) {
    for (size_t c = 0; c < tables[t].cells.size(); ++c) {
      GridCell& cell = tables[t].cells[c];
      cell.raw_text = join_cell_words(std::move(bins[t][c]));
      cell.text = cell.raw_text;
    }
  }
  return unplaced;
}

}  // namespace pdfrecon
