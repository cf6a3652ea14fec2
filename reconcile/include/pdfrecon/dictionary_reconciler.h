// The TextReconciler the pipeline uses: cells cleaned by a TextMatcher
// (dictionary, then lexicon), values read by the repairing value grammar.
#pragma once

#include "pdfrecon/dictionary.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/text_matcher.h"
#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {

class DictionaryReconciler : public TextReconciler {
 public:
  // Both must outlive the reconciler; `lexicon` may be null.
  DictionaryReconciler(const Dictionary& dictionary, const Lexicon* lexicon)
      : dictionary_(dictionary), matcher_(dictionary, lexicon), has_lexicon_(lexicon != nullptr) {}

  void clean_cell(GridCell& cell, FieldKind kind) const override;
  CleanValue clean_value(GridCell& cell) const override;
  // The dictionary's units (kUnit) or sections (kSection).
  std::vector<std::string> known_names(FieldKind kind) const override;

 private:
  // Free-text goals with figures need most of their words known.
  static constexpr double kMinKnownShare = 0.7;
  // Words shorter than this, or all capitals up to kMaxAcronymLetters, are
  // not looked up (articles, acronyms).
  static constexpr size_t kMinLookedUpLetters = 3;
  static constexpr size_t kMaxAcronymLetters = 5;
  double known_word_share(const std::string& text) const;
  // Whether OCR'd text holds a word neither the lexicon nor the dictionary
  // knows (proper names and acronyms aside): a word misread ("Extenor",
  // "Capactación") that no correction could place.
  bool has_unknown_word(const std::string& text) const;
  // Whether OCR'd text holds a known word that one merged pair of narrow
  // glyphs away is another known word: "Segundad" for "Seguridad" (ri read
  // as n), as rn is read as m, cl as d, li as h. Recognisers merge such
  // pairs far more often than they split a glyph, so only that way counts.
  bool has_merged_glyph_word(const std::string& text) const;
  // The confidence a name with such a word is read with at most: below the
  // review line (ReviewPolicyOptions::review_below).
  static constexpr double kMergedGlyphConfidence = 0.75;

  const Dictionary& dictionary_;
  TextMatcher matcher_;
  bool has_lexicon_;
};

}  // namespace pdfrecon
