#include "pdfrecon/dictionary_reconciler.h"

#include <algorithm>
#include <cctype>
#include <sstream>

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

double DictionaryReconciler::known_word_share(const std::string& text) const {
  int words = 0, known = 0;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    size_t a = 0, b = w.size();
    while (a < b && std::ispunct(static_cast<unsigned char>(w[a]))) ++a;
    while (b > a && std::ispunct(static_cast<unsigned char>(w[b - 1]))) --b;
    std::string core = w.substr(a, b - a);
    if (core.empty() || core.find_first_of("0123456789") != std::string::npos) continue;
    ++words;
    known += matcher_.knows(core);
  }
  return words ? double(known) / words : 0;
}

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
    // A figure amid words nobody knows is more likely a misread cell than
    // a goal in prose: a person should look.
    if (r.text.find_first_of("0123456789") != std::string::npos &&
        known_word_share(r.text) < kMinKnownShare) {
      r.needs_review = true;
      r.confidence = std::min(r.confidence, 0.5);
    }
  }
  cell.text = r.text;
  cell.confidence = std::min(cell.confidence, r.confidence);
  r.confidence = cell.confidence;
  if (r.confidence < kReviewBelow) r.needs_review = true;
  return r;
}

}  // namespace pdfrecon
