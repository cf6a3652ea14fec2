#include "pdfrecon/dictionary_reconciler.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

void apply(GridCell& cell, const CleanText& clean) {
  if (clean.text != cell.text) cell.text = clean.text;
  for (const TextCorrection& c : clean.corrections) cell.corrections.push_back(c);
  // A dictionary entry is evidence of its own: an unsure OCR reading that
  // lands near exactly one known phrase, by OCR's own slips only, is that
  // phrase. An entry reached through other edits could be another name
  // (another institution's unit) and vouches for nothing.
  bool vouches = clean.known && clean.hard_edits == 0;
  cell.confidence = vouches ? std::max(cell.confidence, clean.confidence)
                            : std::min(cell.confidence, clean.confidence);
}

}  // namespace

// The words of `text` without the punctuation around them, figures left out.
static std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    size_t a = 0, b = w.size();
    while (a < b && std::ispunct(static_cast<unsigned char>(w[a]))) ++a;
    while (b > a && std::ispunct(static_cast<unsigned char>(w[b - 1]))) --b;
    std::string core = w.substr(a, b - a);
    if (!core.empty() && core.find_first_of("0123456789") == std::string::npos) {
      out.push_back(std::move(core));
    }
  }
  return out;
}

double DictionaryReconciler::known_word_share(const std::string& text) const {
  std::vector<std::string> words = words_of(text);
  long known = std::count_if(words.begin(), words.end(),
                             [this](const std::string& w) { return matcher_.knows(w); });
  return words.empty() ? 0 : double(known) / double(words.size());
}

bool DictionaryReconciler::has_unknown_word(const std::string& text) const {
  // A lone mark no name is written with ("+", "*", "~"): a speck read as
  // print. (Hyphens, slashes, brackets and stops are a name's own.)
  std::istringstream tokens(text);
  for (std::string t; tokens >> t;) {
    bool speck = std::none_of(t.begin(), t.end(), [](unsigned char c) {
      return std::isalnum(c) || c >= 0x80 || std::strchr("-/()[].,;:&'\"", c);
    });
    if (speck) return true;
  }
  if (!has_lexicon_) return false;  // nothing to tell a word from a misreading
  for (const std::string& w : words_of(text)) {
    // Short words and acronyms ("CNE", "GPR") are not looked up.
    if (char_count(w) < kMinLookedUpLetters) continue;
    if (to_upper(w) == w && char_count(w) <= kMaxAcronymLetters) continue;
    if (!matcher_.knows(w)) return true;
  }
  return false;
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
    case FieldKind::kValue:  // read by clean_value
      return;                // names, e-mails, links, phone numbers: as printed
  }
  // Evidence for the review policy: OCR'd text that kept a word nobody
  // knows. (A born-digital layer's words are as printed, names included.)
  if (cell.source == "ocr" && kind != FieldKind::kNumber && has_unknown_word(cell.text)) {
    cell.add_doubt(kDoubtUnknownWord);
  }
  // A unit's name read with a word that may be another word merged: as
  // unsure as the reading is.
  if (cell.source == "ocr" && kind == FieldKind::kUnit && has_merged_glyph_word(cell.text)) {
    cell.confidence = std::min(cell.confidence, kMergedGlyphConfidence);
  }
}

bool DictionaryReconciler::has_merged_glyph_word(const std::string& text) const {
  if (!has_lexicon_) return false;
  static const std::pair<char, const char*> kMerged[] = {
      {'n', "ri"}, {'m', "rn"}, {'d', "cl"}, {'h', "li"}};
  for (const std::string& w : words_of(text)) {
    if (char_count(w) < 5 || !matcher_.knows(w)) continue;
    for (size_t i = 0; i < w.size(); ++i) {
      for (const auto& [glyph, pair] : kMerged) {
        if (w[i] != glyph) continue;
        std::string split = w.substr(0, i) + pair + w.substr(i + 1);
        if (matcher_.knows(split)) return true;
      }
    }
  }
  return false;
}

CleanValue DictionaryReconciler::clean_value(GridCell& cell) const {
  CleanValue out;
  std::vector<ValueRepair> repairs;
  out.reading = repair_value(cell.text, repairs);
  for (const ValueRepair& r : repairs) {
    cell.corrections.push_back({r.rule, r.from, r.to, 0});
    if (!r.sure) out.repaired_unsure = true;
  }
  if (out.reading.kind == ValueKind::kText && !out.reading.text.empty()) {
    // Free-text goals ("8,33% mensual promedio (...)"): words only; the
    // figures inside are never touched.
    CleanText words = matcher_.correct_words(out.reading.text);
    for (const TextCorrection& c : words.corrections) cell.corrections.push_back(c);
    out.reading.text = words.text;
    cell.confidence = std::min(cell.confidence, words.confidence);
    // A figure amid words nobody knows is more likely a misread cell than
    // a goal in prose.
    double known = known_word_share(out.reading.text);
    out.figure_in_prose =
        out.reading.text.find_first_of("0123456789") != std::string::npos && known < kMinKnownShare;
    out.known_prose = known >= kMinKnownShare && out.reading.text.find(' ') != std::string::npos;
  }
  cell.text = out.reading.text;
  return out;
}

std::vector<std::string> DictionaryReconciler::known_names(FieldKind kind) const {
  if (kind != FieldKind::kUnit && kind != FieldKind::kSection) return {};
  std::vector<std::string> out;
  EntryKind entry = kind == FieldKind::kUnit ? EntryKind::kUnit : EntryKind::kSection;
  for (const Dictionary::Entry& e : dictionary_.entries(entry)) out.push_back(e.text);
  return out;
}

}  // namespace pdfrecon
