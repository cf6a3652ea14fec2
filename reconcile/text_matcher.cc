#include "pdfrecon/text_matcher.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "pdfrecon/ocr_distance.h"
#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

// Dictionary matching: the distance allowed grows with the text, a little.
constexpr double kEntryBaseCost = 0.6;
constexpr double kEntryCostPerChar = 0.05;
constexpr int kEntryCharsPerHardEdit = 60;
constexpr int kNameCharsPerHardEdit = 30;
// The best entry must beat the next by this much (or half its own cost).
constexpr double kEntryMargin = 0.6;
// Candidates worth a full distance: bigram similarity at least this.
constexpr double kMinDice = 0.4;
constexpr size_t kMaxCandidates = 8;
// Bracketed marks up to this many letters must agree exactly.
constexpr size_t kMaxMarkChars = 6;

// Word correction: at most about two confusions, none of them unrelated,
// and clearly nearer than the next candidate.
constexpr double kWordMaxCost = 0.65;
constexpr double kWordMargin = 0.3;
constexpr size_t kMinWordChars = 4;
constexpr size_t kMinSwapChars = 7;
// Each word changed makes the text a little less certain.
constexpr double kConfidencePerWordFix = 0.96;

std::vector<uint16_t> bigrams(const std::string& s) {
  std::vector<uint16_t> out;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == ' ' || s[i + 1] == ' ') continue;
    out.push_back(uint16_t(uint8_t(s[i]) << 8 | uint8_t(s[i + 1])));
  }
  std::sort(out.begin(), out.end());
  return out;
}

double dice(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * double(common) / double(a.size() + b.size());
}

// OCR's digit/letter confusions, resolved one way so that "(0.0)" and
// "(O.O)", "2O23" and "2023" give the same signature.
char unconfuse(char c, bool numeric) {
  if (numeric) {
    if (c == 'o') return '0';
    if (c == 'l' || c == 'i' || c == '|') return '1';
    return c;
  }
  if (c == '0') return 'o';
  if (c == '1' || c == '|' || c == 'i') return 'l';
  return c;
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

// What a match may not change: bracketed marks ("(E)", "(O.O)") and
// numbers ("2023", "65"), in order.
// With `lone_digits_are_specks`, single-digit tokens and digits inside words
// are left out: in read text they are often specks, stamp edges or a
// neighbour's figure.
std::vector<std::string> signature(const std::string& key, bool lone_digits_are_specks = false) {
  std::vector<std::string> sig;
  // Short bracketed marks ("(E)", "(O.O)", "(GPR)") are compared whole;
  // longer asides are text like the rest.
  std::vector<bool> in_mark(key.size(), false);
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] != '(') continue;
    size_t j = key.find(')', i);
    if (j == std::string::npos) break;
    std::string g;
    for (size_t k = i + 1; k < j; ++k) {
      if (is_ascii_alnum(key[k]) || key[k] == '|') g += unconfuse(key[k], false);
    }
    if (g.size() <= kMaxMarkChars) {
      sig.push_back("(" + g + ")");
      std::fill(in_mark.begin() + long(i), in_mark.begin() + long(j) + 1, true);
    }
    i = j;
  }
  // Numbers, also run into a word ("capacitación2023", "de18"). A letter
  // between two digits is a misread digit ("2O23"); a run of only 0s and 1s
  // inside a word is a misread word ("1a" for "la", "10s" for "los").
  std::string tok;
  auto flush = [&] {
    std::string t = tok;
    for (size_t i = 1; i + 1 < t.size(); ++i) {
      bool digit_before = t[i - 1] >= '0' && t[i - 1] <= '9';
      bool digit_after = t[i + 1] >= '0' && t[i + 1] <= '9';
      if (digit_before && digit_after) t[i] = unconfuse(t[i], true);
    }
    bool has_letters = std::any_of(t.begin(), t.end(), [](char c) { return c < '0' || c > '9'; });
    for (size_t i = 0; i < t.size();) {
      if (t[i] < '0' || t[i] > '9') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      std::string run = t.substr(i, j - i);
      bool binary = run.find_first_not_of("01") == std::string::npos;
      // Read text may also owe a figure to a speck: a lone digit, or digits
      // inside a word ("920rreferenciada").
      bool speck = lone_digits_are_specks && (has_letters || run.size() == 1);
      if (!(has_letters && binary) && !speck) sig.push_back("#" + run);
      i = j;
    }
    tok.clear();
  };
  for (size_t i = 0; i < key.size(); ++i) {
    if (!in_mark[i] && (is_ascii_alnum(key[i]) || key[i] == '|')) {
      tok += key[i];
    } else {
      flush();
    }
  }
  flush();
  return sig;
}

// Letters and digits only: two keys that differ in punctuation and
// spacing alone give the same string.
std::string letters_only(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)))
      out += c;
  }
  return out;
}

// The word split from the punctuation around it: "(Policías," -> "(",
// "Policías", ",".
struct Token {
  std::string lead, core, trail;
};

bool is_letter_run(const std::string& s) {
  if (s.empty()) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (!u_isalpha(c)) return false;
    i += U16_LENGTH(c);
  }
  return true;
}

Token split_token(const std::string& t) {
  auto punct = [](unsigned char c) {
    return c < 0x80 && !std::isalnum(c) && c != '@' && c != '/' && c != '_';
  };
  size_t a = 0, b = t.size();
  while (a < b && punct(static_cast<unsigned char>(t[a]))) ++a;
  while (b > a && punct(static_cast<unsigned char>(t[b - 1]))) --b;
  return {t.substr(0, a), t.substr(a, b - a), t.substr(b)};
}

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : collapse_whitespace(s)) {
    if (c == ' ') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool is_upper_word(const std::string& w) { return to_upper(w) == w && to_lower(w) != w; }
bool is_capitalized(const std::string& w) {
  return !is_upper_word(w) && capitalize(to_lower(w)) == w && to_lower(w) != w;
}

// `word` spelled as `like` is cased: "PORCENTAJE", "Porcentaje", "porcentaje".
std::string with_case_of(const std::string& word, const std::string& like) {
  // A candidate with capitals inside ("QUIPUX", "McDonald") keeps them.
  std::string base =
      capitalize(to_lower(word)) == word || to_lower(word) == word ? to_lower(word) : word;
  if (is_upper_word(like)) return to_upper(base);
  if (is_capitalized(like)) return capitalize(base);
  return base;
}

}  // namespace

TextMatcher::TextMatcher(const Dictionary& dictionary, const Lexicon* lexicon)
    : dictionary_(dictionary), lexicon_(lexicon) {
  for (int k = 0; k < kEntryKinds; ++k) {
    for (const Dictionary::Entry& e : dictionary.entries(EntryKind(k))) {
      entry_bigrams_[k].push_back(bigrams(e.key));
    }
  }
}

bool TextMatcher::knows(const std::string& word) const {
  if (dictionary_.knows_word(to_lower(word))) return true;
  return lexicon_ && lexicon_->knows(word);
}

bool TextMatcher::match_entry(const std::string& text, EntryKind kind, CleanText& out) const {
  const std::string key = match_key(text);
  const std::string printed = collapse_whitespace(text);
  if (key.empty()) return false;
  using Entry = Dictionary::Entry;

  // Of entries with one key ("institucional" and "Institucional" both
  // occur), the one printed most like the text.
  auto closest_printed = [&](std::vector<const Entry*> same) {
    const Entry* pick = same.front();
    double best = std::numeric_limits<double>::infinity();
    for (const Entry* e : same) {
      double d = e->text == printed ? -1 : ocr_distance(printed, e->text, best).cost;
      if (d < best) best = d, pick = e;
    }
    return pick;
  };

  if (auto same = dictionary_.exact(kind, key); !same.empty()) {
    const Entry* e = closest_printed(same);
    out.text = e->text;
    out.known = true;
    out.confidence = 1;
    if (e->text != printed) out.corrections.push_back({"dictionary", printed, e->text, 0});
    return true;
  }

  struct Candidate {
    const Entry* entry;
    double dice;
    OcrDistance d;
  };
  const auto grams = bigrams(key);
  std::vector<Candidate> cands;
  const auto& entries = dictionary_.entries(kind);
  for (size_t i = 0; i < entries.size(); ++i) {
    double s = dice(grams, entry_bigrams_[int(kind)][i]);
    if (s >= kMinDice) cands.push_back({&entries[i], s, {}});
  }
  if (cands.empty()) return false;
  std::sort(cands.begin(), cands.end(),
            [](const Candidate& a, const Candidate& b) { return a.dice > b.dice; });
  if (cands.size() > kMaxCandidates) cands.resize(kMaxCandidates);

  const size_t len = char_count(key);
  const double max_cost = kEntryBaseCost + kEntryCostPerChar * double(len);
  // Names are fixed phrases: a near one is more likely the same name.
  const int chars_per_hard =
      kind == EntryKind::kUnit ? kNameCharsPerHardEdit : kEntryCharsPerHardEdit;
  const int max_hard = 1 + int(len) / chars_per_hard;
  const auto sig = signature(key);
  const auto sig_without_specks = signature(key, /*lone_digits_are_specks=*/true);
  std::vector<Candidate> fit;
  for (Candidate& c : cands) {
    const auto entry_sig = signature(c.entry->key);
    if (entry_sig != sig && entry_sig != sig_without_specks) continue;
    c.d = ocr_distance(key, c.entry->key, 2 * max_cost + kEntryMargin);
    fit.push_back(c);
  }
  if (fit.empty()) return false;
  std::sort(fit.begin(), fit.end(),
            [](const Candidate& a, const Candidate& b) { return a.d.cost < b.d.cost; });
  const Candidate& best = fit.front();
  if (best.d.cost > max_cost || best.d.hard > max_hard) return false;
  for (const Candidate& c : fit) {
    if (c.entry->key == best.entry->key) continue;
    // Entries that differ only in punctuation ("exterior (E)", "exterior.
    // (E)") are told apart by it; any others need the margin.
    double margin = letters_only(c.entry->key) == letters_only(best.entry->key)
                        ? 1e-9
                        : std::max(kEntryMargin, 0.5 * best.d.cost);
    if (c.d.cost - best.d.cost < margin) return false;
    break;
  }
  const Entry* e = closest_printed(dictionary_.exact(kind, best.entry->key));
  out.text = e->text;
  out.known = true;
  out.confidence = 1 - 0.25 * best.d.cost / max_cost;
  out.hard_edits = best.d.hard;
  out.corrections.push_back({"dictionary", printed, e->text, best.d.cost});
  return true;
}

namespace {

// Spellings one OCR slip away from `word` (lower case, code points):
// confusable letters swapped, "rn" for "m" and back, an accent added,
// dropped or moved, two neighbours transposed.
std::vector<std::u32string> one_slip_away(const std::u32string& w, bool with_swaps) {
  static const std::vector<std::pair<std::u32string, std::u32string>> kSlips = {
      {U"l", U"j"},  {U"l", U"i"},  {U"l", U"t"},  {U"i", U"t"},  {U"i", U"j"},  {U"e", U"c"},
      {U"h", U"n"},  {U"h", U"b"},  {U"p", U"n"},  {U"f", U"t"},  {U"u", U"v"},  {U"rn", U"m"},
      {U"in", U"m"}, {U"ni", U"m"}, {U"cl", U"d"}, {U"vv", U"w"}, {U"li", U"h"}, {U"a", U"á"},
      {U"e", U"é"},  {U"i", U"í"},  {U"o", U"ó"},  {U"u", U"ú"},  {U"u", U"ü"},  {U"n", U"ñ"}};
  std::vector<std::u32string> out;
  for (size_t i = 0; i < w.size(); ++i) {
    for (const auto& [x, y] : kSlips) {
      for (int dir = 0; dir < 2; ++dir) {
        const std::u32string& from = dir ? y : x;
        const std::u32string& to = dir ? x : y;
        if (w.compare(i, from.size(), from) == 0) {
          out.push_back(w.substr(0, i) + to + w.substr(i + from.size()));
        }
      }
    }
    // Transposed letters only in long words: in short ones a swap too
    // often makes another word ("achuar", "achura").
    if (with_swaps && i + 1 < w.size() && w[i] != w[i + 1]) {
      std::u32string t = w;
      std::swap(t[i], t[i + 1]);
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace

std::string TextMatcher::fix_word(const std::string& word, double* distance) const {
  // Known words within two slips, found by generating the slips (cheaper
  // and more to the point than a spell checker's general suggestions).
  const std::string lower = to_lower(word);
  const std::string folded = comparison_key(word);
  std::set<std::u32string> seen;
  std::vector<std::string> known;
  std::vector<std::u32string> frontier = {to_utf32(lower)};
  // Two slips only in long words, where a second real word is unlikely.
  const int max_depth = char_count(word) >= 7 ? 2 : 1;
  for (int depth = 0; depth < max_depth && !frontier.empty(); ++depth) {
    std::vector<std::u32string> next;
    for (const std::u32string& w : frontier) {
      for (std::u32string& v : one_slip_away(w, char_count(word) >= kMinSwapChars)) {
        if (!seen.insert(v).second) continue;
        std::string s = to_utf8(v);
        if (knows(s)) known.push_back(s);
        if (depth + 1 < max_depth) next.push_back(std::move(v));
      }
    }
    if (!known.empty()) break;  // the nearest slips win
    frontier = std::move(next);
  }
  struct Scored {
    std::string word, key;
    double cost;
  };
  std::vector<Scored> scored;
  for (const std::string& c : known) {
    std::string k = comparison_key(c);
    OcrDistance d = ocr_distance(folded, k, kWordMaxCost + kWordMargin);
    if (d.hard > 0) continue;
    // Accents break ties: "áctualización" -> "actualización".
    double cost = d.cost + 0.01 * ocr_distance(lower, c, 5).cost;
    scored.push_back({c, k, cost});
  }
  if (scored.empty()) return "";
  std::sort(scored.begin(), scored.end(),
            [](const Scored& a, const Scored& b) { return a.cost < b.cost; });
  const Scored& best = scored.front();
  if (best.cost > kWordMaxCost) return "";
  for (const Scored& s : scored) {
    if (s.key == best.key) continue;
    if (s.cost - best.cost < kWordMargin) return "";
    break;
  }
  if (distance) *distance = best.cost;
  return best.word;
}

std::string TextMatcher::fix_function_word(const std::string& word, double* distance) const {
  static const char* kFunctionWords[] = {"de", "del", "el",  "en", "la", "las", "los", "por", "con",
                                         "al", "un",  "una", "y",  "o",  "a",   "que", "se"};
  const std::string lower = to_lower(word);
  std::string found;
  for (const char* f : kFunctionWords) {
    OcrDistance d = ocr_distance(lower, f, kConfusionCost);
    if (d.cost > kConfusionCost || d.hard > 0) continue;
    if (!found.empty()) return "";  // two candidates: not sure
    found = f;
    if (distance) *distance = d.cost;
  }
  return found;
}

CleanText TextMatcher::correct_words(const std::string& text) const {
  CleanText out;
  out.text = collapse_whitespace(text);
  const std::vector<std::string> tokens = split_spaces(text);
  const bool all_upper = is_upper_word(out.text);
  std::vector<std::string> result;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token t = split_token(tokens[i]);
    // A Roman numeral read with l, 1 or ! for I ("fase ll", "fase 1!",
    // "etapa lll"): no Spanish word is made of l's alone, and a figure has
    // no "!" in it.
    const std::string& raw = tokens[i];
    bool roman_raw = raw.size() >= 2 && raw.size() <= 4 &&
                     raw.find_first_not_of("lI1!") == std::string::npos &&
                     raw.find_first_of("l!") != std::string::npos;
    if (roman_raw) {
      std::string to(raw.size(), 'I');
      out.corrections.push_back({"roman-numeral", raw, to, kConfusionCost});
      result.push_back(to);
      continue;
    }
    if (t.core.size() >= 2 && t.core.size() <= 4 &&
        t.core.find_first_not_of("lI") == std::string::npos &&
        t.core.find('l') != std::string::npos) {
      std::string to = t.lead + std::string(t.core.size(), 'I') + t.trail;
      out.corrections.push_back({"roman-numeral", tokens[i], to, kConfusionCost});
      result.push_back(to);
      continue;
    }
    // An I read as l in a word of capitals ("lANC", "DlRECCIÓN"): Spanish
    // capitals have no small l among them.
    if (char_count(t.core) >= 3 && t.core.find('l') != std::string::npos) {
      std::string capitals = t.core;
      for (char& ch : capitals) {
        if (ch == 'l') ch = 'I';
      }
      bool others = std::count(t.core.begin(), t.core.end(), 'l') + 2 <= long(char_count(t.core));
      if (others && is_letter_run(t.core) && to_upper(capitals) == capitals) {
        std::string to = t.lead + capitals + t.trail;
        out.corrections.push_back({"capital-i", tokens[i], to, kConfusionCost});
        result.push_back(to);
        continue;
      }
    }
    // An l read as "!" at a word's end ("contro!"): the word with its l is
    // known and the word without it is not.
    if (!t.trail.empty() && t.trail[0] == '!' && is_letter_run(t.core) && !knows(t.core) &&
        knows(t.core + "l")) {
      std::string to = t.lead + t.core + "l" + t.trail.substr(1);
      out.corrections.push_back({"lexicon", tokens[i], to, kConfusionCost});
      result.push_back(to);
      continue;
    }
    if (!is_letter_run(t.core) || knows(t.core)) {
      result.push_back(tokens[i]);
      continue;
    }
    // A word split in two: "MEDIANI E", "DES CONCENTRADOS".
    if (i + 1 < tokens.size() && t.trail.empty()) {
      const Token next = split_token(tokens[i + 1]);
      if (next.lead.empty() && is_letter_run(next.core) &&
          (char_count(next.core) == 1 || !knows(next.core))) {
        std::string joined = t.core + next.core;
        double d = 0;
        std::string fixed = knows(joined) ? joined : fix_word(joined, &d);
        if (!fixed.empty()) {
          std::string from = tokens[i] + " " + tokens[i + 1];
          std::string to = t.lead + with_case_of(fixed, t.core) + next.trail;
          out.corrections.push_back({"lexicon-join", from, to, d + kSpaceCost});
          result.push_back(to);
          ++i;
          continue;
        }
      }
    }
    // Not guessed at: short words, acronyms, proper names (a capital
    // inside a sentence).
    bool acronym = !all_upper && is_upper_word(t.core);
    bool proper_name = !all_upper && i > 0 && is_capitalized(t.core);
    if (acronym || proper_name) {
      result.push_back(tokens[i]);
      continue;
    }
    double d = 0;
    // Short words are only the commonest ones misread ("dc", "cn", "nor").
    std::string fixed =
        char_count(t.core) < kMinWordChars ? fix_function_word(t.core, &d) : fix_word(t.core, &d);
    if (fixed.empty()) {
      result.push_back(tokens[i]);
      continue;
    }
    std::string to = t.lead + with_case_of(fixed, t.core) + t.trail;
    out.corrections.push_back({"lexicon", tokens[i], to, d});
    result.push_back(to);
  }
  if (!out.corrections.empty()) {
    std::string joined;
    for (const std::string& r : result) joined += (joined.empty() ? "" : " ") + r;
    out.text = joined;
    out.confidence = std::pow(kConfidencePerWordFix, double(out.corrections.size()));
  }
  return out;
}

CleanText TextMatcher::clean(const std::string& text, EntryKind kind) const {
  CleanText out;
  if (match_entry(text, kind, out)) return out;
  return correct_words(text);
}

CleanText TextMatcher::clean_number(const std::string& text) const {
  CleanText out;
  out.text = collapse_whitespace(text);
  if (out.text.empty() || out.text.size() > 4 ||
      out.text.find_first_not_of("0123456789") == std::string::npos) {
    return out;
  }
  std::string digits;
  for (char c : out.text) {
    switch (c) {
      case 'l':
      case 'I':
      case '|':
      case 'i':
      case '!':
        digits += '1';
        break;
      case 'O':
      case 'o':
      case 'D':
      case 'Q':
        digits += '0';
        break;
      case 'S':
      case 's':
        digits += '5';
        break;
      case 'B':
        digits += '8';
        break;
      case 'Z':
      case 'z':
        digits += '2';
        break;
      case 'g':
        digits += '9';
        break;
      case '.':
      case ',':
        break;  // a speck beside the figure
      default:
        if (c < '0' || c > '9') return out;  // not a figure: left for review
        digits += c;
    }
  }
  if (digits.empty()) return out;
  out.corrections.push_back({"digit-confusion", out.text, digits, kConfusionCost});
  out.text = digits;
  out.confidence = 0.85;
  return out;
}

}  // namespace pdfrecon
