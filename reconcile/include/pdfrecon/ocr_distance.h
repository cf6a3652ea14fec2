// An edit distance that knows how OCR fails. Scanned text is damaged in
// typical ways — "rn" read as "m", "l" as "1", "O" as "0", "j" as "l"
// ("Porcentale"), "h" as "n" ("nerramientas"), a word split or two merged
// ("MEDIANI E") — and such edits cost a fraction of an unrelated one, so
// "Porcentale" is much nearer to "Porcentaje" than to "Porcentual".
//
// Both strings are compared as given; callers pass match keys (text_key.h),
// so accents and case never count.
#pragma once

#include <string>

namespace pdfrecon {

struct OcrDistance {
  double cost = 0;  // weighted: confusions 0.2-0.6, other edits 1
  int hard = 0;     // edits that are not typical OCR confusions
  bool within(double max_cost) const { return cost <= max_cost; }
};

// Cost of an edit OCR commonly makes.
inline constexpr double kConfusionCost = 0.3;  // l/1, O/0, rn/m, e/c, j/l, h/n, p/n...
inline constexpr double kSpaceCost = 0.2;      // a word split in two, or two run together
inline constexpr double kPunctCost = 0.3;      // a stray or lost dot, comma, bar
inline constexpr double kSwapCost = 0.6;       // two letters transposed ("Cooridnación")

// Weighted distance between two UTF-8 strings. Gives up (returns cost >
// max_cost) as soon as the distance must exceed max_cost: keeps long
// comparisons cheap when most candidates are far.
OcrDistance ocr_distance(const std::string& a, const std::string& b, double max_cost = 1e9);

}  // namespace pdfrecon
