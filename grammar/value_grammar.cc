#include "pdfrecon/value_grammar.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>

namespace pdfrecon {
namespace {

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

size_t code_points(const std::string& s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool has_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit((unsigned char)c); });
}

// Letters OCR reads for digits inside a figure.
char as_digit(char c) {
  switch (c) {
    case 'O':
    case 'o':
    case 'Q':
    case 'D':
      return '0';
    case 'l':
    case 'I':
    case '|':
    case 'i':
      return '1';
    case 'S':
    case 's':
      return '5';
    case 'B':
      return '8';
    case 'Z':
      return '2';
    default:
      return c;
  }
}

// Letters that are near-certain digits beside other digits; the others
// (S for 5 or 8, B for 8 or 3...) are repaired but unsure.
bool sure_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) || std::strchr("OolI|", c) != nullptr;
}

ValueReading percent(const std::string& whole, const std::string& frac) {
  ValueReading r;
  r.kind = ValueKind::kPercent;
  r.text = whole + (frac.empty() ? "" : "," + frac) + "%";
  r.digits = whole + (frac.empty() ? "" : "." + frac);
  r.value = std::strtod(r.digits.c_str(), nullptr);
  // A printed percentage never has a leading zero before other digits
  // ("00,00%", "05,00%"): a digit was lost. Nor does a goal exceed 100%.
  r.impossible = (whole.size() > 1 && whole[0] == '0') || *r.value > 100;
  return r;
}

}  // namespace

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kPercent:
      return "percent";
    case ValueKind::kNa:
      return "na";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kText:
      break;
  }
  return "text";
}

ValueReading read_value(std::string_view raw) {
  static const std::regex percent_re(R"((\d{1,3})(?:[,.](\d{1,2}))?\s*%)");
  static const std::regex na_re(R"([Nn]\s*/\s*[Aa]|NA)");
  // Thousands grouped by dots, or none; decimals after a comma (or a point
  // with one or two digits: never a thousands group).
  static const std::regex number_re(R"((\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?|(\d+)\.(\d{1,2}))");
  ValueReading r;
  r.text = trim(raw);
  std::smatch m;
  if (std::regex_match(r.text, m, percent_re)) return percent(m[1].str(), m[2].str());
  if (std::regex_match(r.text, na_re)) {
    r.kind = ValueKind::kNa;
    r.text = "N/A";
    return r;
  }
  if (std::regex_match(r.text, m, number_re)) {
    r.kind = ValueKind::kNumber;
    std::string whole = m[1].matched ? m[1].str() : m[3].str();
    std::string frac = m[1].matched ? m[2].str() : m[4].str();
    std::string grouped = whole;
    whole.erase(std::remove(whole.begin(), whole.end(), '.'), whole.end());
    r.text = grouped + (frac.empty() ? "" : "," + frac);
    r.digits = whole + (frac.empty() ? "" : "." + frac);
    r.value = std::strtod(r.digits.c_str(), nullptr);
    return r;
  }
  return r;
}

bool is_value(std::string_view text) { return read_value(text).kind != ValueKind::kText; }

ValueReading repair_value(std::string_view raw, std::vector<ValueRepair>& repairs) {
  const std::string t = trim(raw);
  ValueReading r = read_value(t);
  if (r.kind != ValueKind::kText && !r.impossible) {
    // Canonical spelling ("70.36%" -> "70,36%"): the same value.
    if (r.text != t) repairs.push_back({"value-comma", t, r.text, true});
    return r;
  }

  // A clean figure with specks beside it: "91,00% É", ". N/A".
  {
    std::vector<std::string> tokens;
    std::istringstream in(t);
    for (std::string w; in >> w;) tokens.push_back(w);
    auto speck = [](const std::string& w) { return code_points(w) <= 2 && !has_digit(w); };
    size_t a = 0, b = tokens.size();
    while (a < b && speck(tokens[a])) ++a;
    while (b > a && speck(tokens[b - 1])) --b;
    if (b == a + 1 && tokens.size() > 1) {
      std::vector<ValueRepair> inner;
      ValueReading core = repair_value(tokens[a], inner);
      bool sure =
          std::all_of(inner.begin(), inner.end(), [](const ValueRepair& x) { return x.sure; });
      if (core.kind != ValueKind::kText && !core.impossible && sure) {
        repairs.push_back({"value-specks", t, tokens[a], true});
        for (ValueRepair& x : inner) repairs.push_back(std::move(x));
        return core;
      }
    }
  }

  static const std::regex na_like(R"([Nn]\s*[/|Il1\\]?\s*[Aa]\.?)");
  if (std::regex_match(t, na_like)) {
    repairs.push_back({"value-na", t, "N/A", true});
    return read_value("N/A");
  }

  // A figure with a percent sign, perhaps damaged: digits (or letters read
  // for them), one separator, up to two decimals.
  static const std::regex percent_like(
      R"(([0-9OoQDlI|iSsBZ]{1,3})\s*(?:[,.]\s*([0-9OoQDlI|iSsBZ]{1,2}))?\s*%)");
  std::smatch m;
  if (std::regex_match(t, m, percent_like) && has_digit(m[0].str())) {
    std::string whole, frac;
    for (char c : m[1].str()) whole += as_digit(c);
    for (char c : m[2].str()) frac += as_digit(c);
    bool sure = std::all_of(m[1].first, m[1].second, sure_digit) &&
                std::all_of(m[2].first, m[2].second, sure_digit);
    ValueReading fixed = percent(whole, m[2].matched ? frac : "");
    if (fixed.text != t) repairs.push_back({"value-digits", t, fixed.text, sure});
    if (whole == "00") {
      // Zero is printed "0,00%": "00,00%" lost its first digit, and the
      // only figure that stays within 100% is 100.
      ValueReading lost = percent("100", m[2].matched ? frac : "");
      if (!lost.impossible) {
        repairs.push_back({"value-lost-digit", fixed.text, lost.text, false});
        return lost;
      }
    }
    return fixed;
  }
  return r;
}

}  // namespace pdfrecon
