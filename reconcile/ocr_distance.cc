#include "pdfrecon/ocr_distance.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

// One-for-one confusions of print OCR, on folded (lower-case) text.
constexpr std::array<std::pair<char, char>, 24> kPairs = {{
    {'o', '0'}, {'l', '1'}, {'i', '1'}, {'i', 'l'}, {'l', '|'}, {'i', '|'}, {'1', '|'}, {'e', 'c'},
    {'c', 'o'}, {'e', 'o'}, {'a', 'o'}, {'j', 'l'}, {'j', 'i'}, {'h', 'n'}, {'h', 'b'}, {'p', 'n'},
    {'t', 'i'}, {'t', 'l'}, {'f', 't'}, {'s', '5'}, {'b', '8'}, {'g', '9'}, {'z', '2'}, {'u', 'v'},
}};

// The pairs as a 128 x 128 table: the distance asks for every cell pair.
struct ConfusionTable {
  std::array<std::array<bool, 128>, 128> is{};
  ConfusionTable() {
    for (auto [x, y] : kPairs) is[size_t(x)][size_t(y)] = is[size_t(y)][size_t(x)] = true;
  }
};

bool confusable(char32_t a, char32_t b) {
  static const ConfusionTable table;
  return a < 128 && b < 128 && table.is[a][b];
}

// Two characters read as one, or one as two: "rn"/"m", "cl"/"d", "vv"/"w".
bool confusable_pair(char32_t a0, char32_t a1, char32_t b) {
  return (a0 == U'r' && a1 == U'n' && b == U'm') || (a0 == U'i' && a1 == U'n' && b == U'm') ||
         (a0 == U'n' && a1 == U'i' && b == U'm') || (a0 == U'c' && a1 == U'l' && b == U'd') ||
         (a0 == U'v' && a1 == U'v' && b == U'w') || (a0 == U'l' && a1 == U'i' && b == U'h');
}

bool is_punct(char32_t c) {
  return c == U'.' || c == U',' || c == U';' || c == U':' || c == U'-' || c == U'\'' || c == U'"' ||
         c == U'|' || c == U'_' || c == U'`' || c == U'~';
}

double indel_cost(char32_t c) {
  if (c == U' ') return kSpaceCost;
  if (is_punct(c)) return kPunctCost;
  return 1;
}

struct Cell {
  double cost = 0;
  int hard = 0;
};

}  // namespace

OcrDistance ocr_distance(const std::string& sa, const std::string& sb, double max_cost) {
  const std::u32string a = to_utf32(sa), b = to_utf32(sb);
  const size_t n = a.size(), m = b.size();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // Rows i-2, i-1 and i of the dynamic programme (two-character edits look
  // two rows back).
  std::vector<Cell> r2(m + 1, {kInf, 0}), r1(m + 1), r0(m + 1);
  r1[0] = {0, 0};
  for (size_t j = 1; j <= m; ++j) {
    double c = indel_cost(b[j - 1]);
    r1[j] = {r1[j - 1].cost + c, r1[j - 1].hard + (c >= 1)};
  }
  auto relax = [](Cell& best, const Cell& from, double c) {
    if (from.cost + c < best.cost) best = {from.cost + c, from.hard + (c >= 1)};
  };
  double prev_row_min = 0;
  for (size_t i = 1; i <= n; ++i) {
    double del = indel_cost(a[i - 1]);
    r0[0] = {r1[0].cost + del, r1[0].hard + (del >= 1)};
    double row_min = r0[0].cost;
    for (size_t j = 1; j <= m; ++j) {
      Cell best{kInf, 0};
      char32_t x = a[i - 1], y = b[j - 1];
      double sub = x == y ? 0 : confusable(x, y) ? kConfusionCost : 1;
      relax(best, r1[j - 1], sub);
      relax(best, r1[j], del);
      relax(best, r0[j - 1], indel_cost(y));
      if (i >= 2 && j >= 2 && a[i - 2] == b[j - 1] && a[i - 1] == b[j - 2] && x != y) {
        relax(best, r2[j - 2], kSwapCost);
      }
      if (i >= 2 && confusable_pair(a[i - 2], a[i - 1], y)) relax(best, r2[j - 1], kConfusionCost);
      if (j >= 2 && confusable_pair(b[j - 2], b[j - 1], x)) relax(best, r1[j - 2], kConfusionCost);
      r0[j] = best;
      row_min = std::min(row_min, best.cost);
    }
    // Every path crosses row i or jumps over it from row i-1.
    if (std::min(row_min, prev_row_min) > max_cost) return {std::min(row_min, prev_row_min), 0};
    prev_row_min = row_min;
    std::swap(r2, r1);
    std::swap(r1, r0);
  }
  return {r1[m].cost, r1[m].hard};
}

}  // namespace pdfrecon
