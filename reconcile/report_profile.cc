#include "pdfrecon/report_profile.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bundled_profiles.h"
#include "pdfrecon/date_grammar.h"
#include "pdfrecon/ocr_distance.h"
#include "pdfrecon/text_key.h"

namespace pdfrecon {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "pdfrecon-profile/1";
// Header cells are labels: more words than this is a data cell that
// happens to use a header word.
constexpr int kMaxHeaderWords = 6;

FieldKind clean_kind(const std::string& name, const std::string& origin) {
  static const std::map<std::string, FieldKind> kinds = {
      {"section", FieldKind::kSection},     {"number", FieldKind::kNumber},
      {"unit", FieldKind::kUnit},           {"objective", FieldKind::kObjective},
      {"indicator", FieldKind::kIndicator}, {"free", FieldKind::kFree},
      {"value", FieldKind::kValue}};
  auto it = kinds.find(name);
  if (it == kinds.end()) {
    throw ProfileError(origin + ": unknown \"clean\" kind '" + name +
                       "' (section, number, unit, objective, indicator, free or value)");
  }
  return it->second;
}

std::vector<std::string> phrases(const json& j, const char* what, const std::string& origin) {
  std::vector<std::string> out;
  if (!j.is_array()) throw ProfileError(origin + ": \"" + what + "\" must be a list of strings");
  for (const json& p : j) {
    if (!p.is_string()) throw ProfileError(origin + ": \"" + what + "\" must hold strings only");
    std::string k = comparison_key(p.get<std::string>());
    if (!k.empty()) out.push_back(k);
  }
  return out;
}

std::string text_of(const json& j, const char* key, const std::string& origin,
                    bool required = true) {
  if (!j.contains(key)) {
    if (required) throw ProfileError(origin + ": \"" + key + "\" is missing");
    return "";
  }
  if (!j[key].is_string()) throw ProfileError(origin + ": \"" + key + "\" must be a string");
  return j[key].get<std::string>();
}

bool flag_of(const json& j, const char* key, const std::string& origin) {
  if (!j.contains(key)) return false;
  if (!j[key].is_boolean()) throw ProfileError(origin + ": \"" + key + "\" must be true or false");
  return j[key].get<bool>();
}

bool word_matches(const std::string& word, const std::string& want) {
  if (word == want) return true;
  // Short words ("no", "de") must be exact: one slip would make them other
  // words.
  if (char_count(want) <= 3) return false;
  return ocr_distance(word, want, 1.0).cost <= 1.0;
}

// The phrase that starts earliest in `text` among each candidate's phrases;
// returns the candidate's index, or -1.
template <typename Candidates, typename PhrasesOf>
int earliest(const Candidates& candidates, PhrasesOf phrases_of, const std::string& text) {
  std::vector<std::string> words = key_words(comparison_key(text));
  int best = -1, best_at = 0;
  size_t best_len = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    for (const std::string& p : phrases_of(candidates[i])) {
      int at = phrase_position(words, p);
      if (at < 0) continue;
      // Earlier wins; at the same place, the longer phrase says more.
      if (best < 0 || at < best_at || (at == best_at && p.size() > best_len)) {
        best = int(i), best_at = at, best_len = p.size();
      }
    }
  }
  return best;
}

}  // namespace

std::vector<std::string> key_words(const std::string& key) {
  std::vector<std::string> out;
  std::istringstream in(key);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

int phrase_position(const std::vector<std::string>& words, const std::string& phrase) {
  std::vector<std::string> want = key_words(phrase);
  if (want.empty() || want.size() > words.size()) return -1;
  for (size_t i = 0; i + want.size() <= words.size(); ++i) {
    bool all = true;
    for (size_t k = 0; k < want.size() && all; ++k) all = word_matches(words[i + k], want[k]);
    if (all) return int(i);
  }
  return -1;
}

std::optional<int> header_column(const ReportProfile& profile, const std::string& text) {
  std::string key = comparison_key(text);
  if (key.empty() || int(key_words(key).size()) > kMaxHeaderWords) return std::nullopt;
  int c = earliest(
      profile.columns, [](const ProfileColumn& col) -> const auto& { return col.header; }, key);
  if (c < 0) return std::nullopt;
  return c;
}

std::string footer_key(const ReportProfile& profile, const std::string& label) {
  int k = earliest(
      profile.footer, [](const FooterKey& f) -> const auto& { return f.labels; }, label);
  return k < 0 ? "" : profile.footer[size_t(k)].key;
}

namespace {

// Whether two comparison-key words are one word through an OCR slip: equal,
// or at most one edit in five letters (a lost first letter, "irecion").
bool same_word(const std::string& a, const std::string& b) {
  if (a == b) return true;
  size_t n = std::max(a.size(), b.size());
  if (n < 5 || std::min(a.size(), b.size()) + n / 5 < n) return false;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()] <= n / 5;
}

// The letters of `unit`'s words that `text`'s words hold in order (a
// longest common subsequence of words, weighted by length).
size_t held_letters(const std::vector<std::string>& text, const std::vector<std::string>& unit) {
  std::vector<std::vector<size_t>> best(text.size() + 1, std::vector<size_t>(unit.size() + 1));
  for (size_t i = 1; i <= text.size(); ++i) {
    for (size_t j = 1; j <= unit.size(); ++j) {
      best[i][j] = std::max(best[i - 1][j], best[i][j - 1]);
      if (same_word(text[i - 1], unit[j - 1])) {
        best[i][j] = std::max(best[i][j], best[i - 1][j - 1] + unit[j - 1].size());
      }
    }
  }
  return best[text.size()][unit.size()];
}

}  // namespace

std::string unit_named(const std::string& text, const std::vector<std::string>& units,
                       double min_share) {
  const std::vector<std::string> words = key_words(comparison_key(text));
  double best = 0, second = 0;
  const std::string* named = nullptr;
  std::vector<std::string> seen;
  for (const std::string& u : units) {
    std::string key = comparison_key(u);
    if (key.empty() || std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    std::vector<std::string> unit_words = key_words(key);
    size_t letters = 0;
    for (const std::string& w : unit_words) letters += w.size();
    double share = letters ? double(held_letters(words, unit_words)) / double(letters) : 0;
    if (share > best) {
      second = best, best = share, named = &u;
    } else if (share > second) {
      second = share;
    }
  }
  if (!named || best < min_share || best - second < 0.15) return "";
  // Capitals as the footer prints them.
  int upper = 0, words_seen = 0;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    if (w.size() < 3) continue;
    ++words_seen;
    upper += to_upper(w) == w;
  }
  bool capitals = 2 * upper > words_seen;
  return capitals ? to_upper(*named) : *named;
}

std::string clean_footer_value(const FooterKey& key, const std::string& text) {
  switch (key.value) {
    case FooterValue::kDate:
      return find_date(text).value_or("");
    case FooterValue::kChoice: {
      std::vector<std::string> words = key_words(comparison_key(text));
      for (const std::string& c : key.choices) {
        if (phrase_position(words, comparison_key(c)) >= 0) return c;
      }
      // A word a stroke cut short ("MENS"): the start of one choice only,
      // four letters at least.
      const std::string* only = nullptr;
      int starts = 0;
      for (const std::string& w : words) {
        if (w.size() < 4) continue;
        for (const std::string& c : key.choices) {
          std::string k = comparison_key(c);
          if (k.size() > w.size() && k.compare(0, w.size(), w) == 0) only = &c, ++starts;
        }
      }
      return starts == 1 ? *only : "";
    }
    case FooterValue::kText:
    case FooterValue::kUnit:
      break;
  }
  // Specks and ruling glyphs at the ends ("| ", " y)", "¡A ", "/l|,"):
  // tokens of at most two letters and no digit ("(02)" stays).
  std::vector<std::string> tokens;
  std::istringstream in(text);
  for (std::string w; in >> w;) tokens.push_back(w);
  auto speck = [](const std::string& w) {
    int alnum = 0;
    bool digit = false;
    for (unsigned char c : w) {
      alnum += std::isalnum(c) || (c >= 0x80 && (c & 0xC0) != 0x80);
      digit |= std::isdigit(c) != 0;
    }
    return alnum == 0 || (alnum <= 2 && !digit);
  };
  size_t a = 0, b = tokens.size();
  while (a < b && speck(tokens[a])) ++a;
  while (b > a && speck(tokens[b - 1])) --b;
  std::string out;
  for (size_t i = a; i < b; ++i) out += (out.empty() ? "" : " ") + tokens[i];
  return out;
}

ReportProfile ReportProfile::parse(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw ProfileError(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object()) throw ProfileError(origin + ": a profile is a JSON object");
  if (text_of(j, "format", origin) != kFormat) {
    throw ProfileError(origin + ": \"format\" must be \"" + kFormat + "\"");
  }
  ReportProfile p;
  p.name = text_of(j, "name", origin);
  if (p.name.empty() || p.name == "auto" || p.name == "generic") {
    throw ProfileError(origin + ": \"name\" must be a name of its own, not '" + p.name + "'");
  }
  p.description = text_of(j, "description", origin, false);
  if (j.contains("detect")) p.detect = phrases(j["detect"], "detect", origin);
  if (j.contains("section")) {
    if (!j["section"].is_object()) throw ProfileError(origin + ": \"section\" must be an object");
    p.section_field = text_of(j["section"], "field", origin);
  }
  if (!j.contains("columns") || !j["columns"].is_array() || j["columns"].size() < 2) {
    throw ProfileError(origin + ": \"columns\" must list at least two columns");
  }
  for (const json& c : j["columns"]) {
    if (!c.is_object()) throw ProfileError(origin + ": each column is an object");
    ProfileColumn col;
    col.field = text_of(c, "field", origin);
    col.clean = clean_kind(c.contains("clean") ? text_of(c, "clean", origin) : "free", origin);
    if (!c.contains("header"))
      throw ProfileError(origin + ": column '" + col.field + "' has no \"header\"");
    col.header = phrases(c["header"], "header", origin);
    if (col.header.empty())
      throw ProfileError(origin + ": column '" + col.field + "' has no header words");
    col.merged = flag_of(c, "merged", origin);
    col.numbered = flag_of(c, "numbered", origin);
    col.key = flag_of(c, "key", origin);
    p.columns.push_back(std::move(col));
  }
  std::vector<std::string> fields = p.record_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].empty()) throw ProfileError(origin + ": a field name is empty");
    if (std::find(fields.begin() + long(i) + 1, fields.end(), fields[i]) != fields.end()) {
      throw ProfileError(origin + ": field '" + fields[i] + "' is named twice");
    }
  }
  auto count = [&p](auto pred) { return std::count_if(p.columns.begin(), p.columns.end(), pred); };
  if (count([](const ProfileColumn& c) { return c.key; }) != 1) {
    throw ProfileError(origin + ": exactly one column must be the \"key\" (one record per cell)");
  }
  if (count([](const ProfileColumn& c) { return c.clean == FieldKind::kValue; }) > 1) {
    throw ProfileError(origin + ": at most one column may be \"clean\": \"value\"");
  }
  if (j.contains("footer")) {
    if (!j["footer"].is_array()) throw ProfileError(origin + ": \"footer\" must be a list");
    for (const json& f : j["footer"]) {
      if (!f.is_object()) throw ProfileError(origin + ": each footer entry is an object");
      FooterKey k;
      k.key = text_of(f, "key", origin);
      if (!f.contains("labels"))
        throw ProfileError(origin + ": footer '" + k.key + "' has no \"labels\"");
      k.labels = phrases(f["labels"], "labels", origin);
      std::string value = f.contains("value") ? text_of(f, "value", origin) : "text";
      if (value == "date") {
        k.value = FooterValue::kDate;
      } else if (value == "choice") {
        k.value = FooterValue::kChoice;
        if (!f.contains("choices") || !f["choices"].is_array() || f["choices"].empty()) {
          throw ProfileError(origin + ": footer '" + k.key + "' is a choice without \"choices\"");
        }
        for (const json& c : f["choices"]) {
          if (!c.is_string()) throw ProfileError(origin + ": \"choices\" must hold strings");
          k.choices.push_back(c.get<std::string>());
        }
      } else if (value == "unit") {
        k.value = FooterValue::kUnit;
      } else if (value != "text") {
        throw ProfileError(origin + ": footer '" + k.key + "' has \"value\" '" + value +
                           "' (text, date, choice or unit)");
      }
      p.footer.push_back(std::move(k));
    }
  }
  if (j.contains("notes")) p.note_prefixes = phrases(j["notes"], "notes", origin);
  return p;
}

ReportProfile ReportProfile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProfileError(path + ": cannot read the profile file");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

const ReportProfile& ReportProfile::bundled(const std::string& name) {
  static const std::vector<ReportProfile> all = [] {
    std::vector<ReportProfile> out;
    for (const auto& [file, text] : bundled_data::kProfiles) {
      out.push_back(parse(text, std::string("bundled profile ") + file));
    }
    return out;
  }();
  for (const ReportProfile& p : all) {
    if (p.name == name) return p;
  }
  throw ProfileError("no bundled profile named '" + name + "'");
}

std::vector<std::string> ReportProfile::bundled_names() {
  std::vector<std::string> out;
  for (const auto& [file, text] : bundled_data::kProfiles) {
    out.push_back(parse(text, file).name);
  }
  return out;
}

std::vector<std::string> ReportProfile::record_fields() const {
  std::vector<std::string> out;
  if (!section_field.empty()) out.push_back(section_field);
  for (const ProfileColumn& c : columns) out.push_back(c.field);
  return out;
}

int ReportProfile::column_of(const std::string& field) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].field == field) return int(i);
  }
  return -1;
}

int ReportProfile::value_column() const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].clean == FieldKind::kValue) return int(i);
  }
  return -1;
}

int ReportProfile::key_column() const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key) return int(i);
  }
  return -1;
}

}  // namespace pdfrecon
