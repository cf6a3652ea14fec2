#include "pdfrecon/dictionary_reconciler.h"

#include <algorithm>

#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

void apply(GridCell& cell, const CleanText& clean) {
  if (clean.text != cell.text) cell.text = clean.text;
  for (const TextCorrection& c : clean.corrections) cell.corrections.push_back(c);
  // A dictionary entry is evidence of its own: an unsure OCR reading that
  // lands near exactly one known phrase is that phrase.
  cell.confidence = clean.known ? std::max(cell.confidence, clean.confidence)
                                : std::min(cell.confidence, clean.confidence);
}

}  // namespace

void DictionaryReconciler::clean_cell(GridCell& cell, FieldKind kind) const {
  if (cell.text.empty()) return;
  switch (kind) {
    case FieldKind::kSection:
      apply(cell, matcher_.clean(cell.text, EntryKind::kSection));
      break;
    case FieldKind::kUnit:
      apply(cell, matcher_.clean(cell.text, EntryKind::kUnit));
      break;
    case FieldKind::kObjective:
      apply(cell, matcher_.clean(cell.text, EntryKind::kObjective));
      break;
    case FieldKind::kIndicator:
      apply(cell, matcher_.clean(cell.text, EntryKind::kIndicator));
      break;
    case FieldKind::kNumber:
      apply(cell, matcher_.clean_number(cell.text));
      break;
    case FieldKind::kFree:
      break;  // names, e-mails, links, phone numbers: as printed
  }
}

void DictionaryReconciler::clean_free_cells(CellGrid& table) const {
  for (GridCell& c : table.cells) clean_cell(c, FieldKind::kFree);
}

TargetReading DictionaryReconciler::clean_target(GridCell& cell) const {
  TargetReading r = repair_target(cell.text, cell.corrections);
  if (r.kind == "text" && !r.text.empty()) {
    // Free-text goals ("8,33% mensual promedio (...)"): words only; the
    // figures inside are never touched.
    CleanText words = matcher_.correct_words(r.text);
    for (const TextCorrection& c : words.corrections) cell.corrections.push_back(c);
    r.text = words.text;
    r.confidence = std::min(r.confidence, words.confidence);
  }
  cell.text = r.text;
  cell.confidence = std::min(cell.confidence, r.confidence);
  r.confidence = cell.confidence;
  if (r.confidence < kReviewBelow) r.needs_review = true;
  return r;
}

}  // namespace pdfrecon
