// What the lotaip-a4 profile asks of text cleaning, kept abstract so the
// profile does not depend on how cleaning is done (dictionary, lexicon, OCR
// alternatives).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"

namespace pdfrecon {

// The role of a cell, which decides what it is compared with.
enum class FieldKind { kSection, kNumber, kUnit, kObjective, kIndicator, kFree };

// A "Meta cuantificable" cell read through the target grammar.
struct TargetReading {
  std::string text;             // canonical: "70,36%", "N/A", "12", free text
  std::string kind;             // "percent" | "na" | "number" | "text"
  std::optional<double> value;  // 70.36 for "70,36%"; 12 for "12"
  double confidence = 1.0;
  bool needs_review = false;
};

// Records below this confidence are flagged needs_review.
inline constexpr double kReviewBelow = 0.8;

// The target grammar without repairs: percent with a decimal comma from
// 0,00% to 100,00%, N/A, plain numbers, anything else as text. Forms that
// cannot be a printed goal ("00,00%", over 100%) are kept as found and
// flagged for review.
TargetReading read_target(const std::string& text);

// read_target, after undoing what OCR does to figures: spaces inside
// ("70, 36 %"), letters for digits ("1OO,OO%"), a decimal point for the
// comma, "N/A" read as "NIA" or "N1A". Each repair is added to
// `corrections`. "00,00%" is never printed (zero is "0,00%"): a leading
// digit was lost, and the only figure it can be that stays within 100% is
// "100,00%"; it is repaired but still flagged, since a misread first digit
// ("80,00%") cannot be ruled out from the text alone.
TargetReading repair_target(const std::string& text, std::vector<TextCorrection>& corrections);

class TextReconciler {
 public:
  virtual ~TextReconciler() = default;
  // Cleans cell.text in place, keeping raw_text and recording corrections.
  virtual void clean_cell(GridCell& cell, FieldKind kind) const = 0;
  // Cells of a table with no known roles (the footer block).
  virtual void clean_free_cells(CellGrid& table) const = 0;
  // Reads (and where the evidence is strong, repairs) a target cell.
  virtual TargetReading clean_target(GridCell& cell) const = 0;
};

}  // namespace pdfrecon
