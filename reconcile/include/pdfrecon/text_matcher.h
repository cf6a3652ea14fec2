// Undoes OCR damage in a cell's text, and says how sure it is.
//
// First against the dictionary: the text is taken to be a known entry when
// an OCR-weighted distance (ocr_distance.h) puts it near that entry and
// clearly nearer than to any other — the margin rule. Text that is not near
// any entry, or near two, is never forced onto one: a new indicator or
// another institution's unit keeps its own words. Numbers and bracketed
// marks ("2023", "(E)") must agree exactly, since they carry meaning OCR
// rarely destroys and a near entry often lacks.
//
// Otherwise word by word against the lexicon (and the dictionary's words):
// a word is corrected only when it is unknown, looks like a common word
// (not a number, URL, e-mail, acronym or proper name), and exactly one
// known word lies within a few OCR confusions of it. Split words are joined
// when the join is a known word ("MEDIANI E" -> "MEDIANTE").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/lexicon.h"

namespace pdfrecon {

struct CleanText {
  std::string text;                         // the clean text
  std::vector<TextCorrection> corrections;  // each change, for the audit
  double confidence = 1;                    // that `text` is what was printed
  bool known = false;                       // `text` is a dictionary entry
  int hard_edits = 0;  // edits to reach the entry that are not OCR's usual slips
};

class TextMatcher {
 public:
  // `lexicon` may be null: then only the dictionary corrects.
  TextMatcher(const Dictionary& dictionary, const Lexicon* lexicon);

  // Dictionary entry of `kind` if one matches, else word corrections.
  CleanText clean(const std::string& text, EntryKind kind) const;
  // Word corrections only (free text).
  CleanText correct_words(const std::string& text) const;
  // A unit number: OCR letters that stand for digits ("l" -> "1", "O" -> "0").
  CleanText clean_number(const std::string& text) const;

  // True when the lexicon or the dictionary knows `word`.
  bool knows(const std::string& word) const;

 private:
  bool match_entry(const std::string& text, EntryKind kind, CleanText& out) const;
  // A known spelling of `word` within a few OCR confusions, or "".
  std::string fix_word(const std::string& word, double* distance) const;
  // The one common short word ("de", "en", "por") within an OCR confusion
  // of an unknown short `word`, or "".
  std::string fix_function_word(const std::string& word, double* distance) const;

  const Dictionary& dictionary_;
  const Lexicon* lexicon_;
  // Character bigrams of each entry's key, to pick candidates quickly.
  std::array<std::vector<std::vector<uint16_t>>, kEntryKinds> entry_bigrams_;
};

}  // namespace pdfrecon
