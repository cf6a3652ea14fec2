#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <regex>
#include <sstream>

#include "pdfrecon/text_key.h"
#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {
namespace {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

TargetReading read_target(const std::string& raw) {
  static const std::regex percent(R"((\d{1,3})(?:,(\d{1,2}))?\s*%)");
  static const std::regex na(R"(N\s*/\s*A|n\s*/\s*a|NA)");
  static const std::regex number(R"(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)");
  TargetReading r;
  r.text = trim(raw);
  std::smatch m;
  if (r.text.empty()) {
    r.kind = "text";
    r.needs_review = true;
    r.confidence = 0;
  } else if (std::regex_match(r.text, m, percent)) {
    r.kind = "percent";
    std::string whole = m[1].str(), frac = m[2].str();
    r.value = std::stod(whole) + (frac.empty() ? 0 : std::stod(frac) / std::pow(10, frac.size()));
    // A printed percentage never has a leading zero before other digits
    // ("00,00%", "05,00%"): a digit was lost. Nor does a goal exceed 100%.
    bool lost_digit = whole.size() > 1 && whole[0] == '0';
    if (lost_digit || *r.value > 100) {
      r.needs_review = true;
      r.confidence = 0.3;
    }
  } else if (std::regex_match(r.text, na)) {
    r.kind = "na";
    r.text = "N/A";
  } else if (std::regex_match(r.text, number)) {
    r.kind = "number";
    std::string digits;
    for (char c : r.text) {
      if (c == ',')
        digits += '.';
      else if (c != '.')
        digits += c;
    }
    r.value = std::stod(digits);
  } else {
    r.kind = "text";
  }
  return r;
}

}  // namespace pdfrecon

namespace pdfrecon {
namespace {

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
// (S for 5 or 8, B for 8 or 3...) are repaired but left for review.
bool sure_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) || std::strchr("OolI|", c) != nullptr;
}

}  // namespace

TargetReading repair_target(const std::string& raw, std::vector<TextCorrection>& corrections) {
  TargetReading r = read_target(raw);
  if (!r.needs_review && r.kind != "text") return r;
  const std::string t = trim(raw);

  // A clean figure with specks beside it: "91,00% É", ". N/A".
  {
    std::vector<std::string> tokens;
    std::istringstream in(t);
    for (std::string w; in >> w;) tokens.push_back(w);
    auto speck = [](const std::string& w) {
      return char_count(w) <= 2 && std::none_of(w.begin(), w.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c));
             });
    };
    size_t a = 0, b = tokens.size();
    while (a < b && speck(tokens[a])) ++a;
    while (b > a && speck(tokens[b - 1])) --b;
    if (b == a + 1 && tokens.size() > 1) {
      std::vector<TextCorrection> inner;
      TargetReading core = repair_target(tokens[a], inner);
      if (core.kind != "text" && !core.needs_review) {
        corrections.push_back({"target-specks", t, tokens[a], 0.3});
        for (TextCorrection& c : inner) corrections.push_back(std::move(c));
        core.confidence = std::min(core.confidence, 0.9);
        return core;
      }
    }
  }

  static const std::regex na_like(R"([Nn]\s*[/|Il1\\]?\s*[Aa]\.?)");
  if (std::regex_match(t, na_like)) {
    corrections.push_back({"target-na", t, "N/A", 0.3});
    return read_target("N/A");
  }

  // A figure with a percent sign, perhaps damaged: digits (or letters read
  // for them), one separator, up to two decimals.
  static const std::regex percent_like(
      R"(([0-9OoQDlI|iSsBZ]{1,3})\s*(?:[,.]\s*([0-9OoQDlI|iSsBZ]{1,2}))?\s*%)");
  std::smatch m;
  if (std::regex_match(t, m, percent_like)) {
    std::string whole, frac;
    for (char c : m[1].str()) whole += as_digit(c);
    for (char c : m[2].str()) frac += as_digit(c);
    // At least one real digit: "OO%" alone is not a figure.
    if (std::any_of(m[0].first, m[0].second,
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      std::string fixed = whole + (m[2].matched ? "," + frac : "") + "%";
      if (fixed != t) corrections.push_back({"target-percent", t, fixed, 0.3});
      if (whole == "00") {
        std::string lost = "100" + std::string(m[2].matched ? "," + frac : "") + "%";
        corrections.push_back({"target-lost-digit", fixed, lost, 1});
        TargetReading lr = read_target(lost);
        if (lr.kind == "percent" && !lr.needs_review) {
          lr.needs_review = true;  // repaired, but a person should look
          lr.confidence = 0.6;
          return lr;
        }
      }
      TargetReading fr = read_target(fixed);
      if (fixed != t && !fr.needs_review) {
        bool sure = std::all_of(m[1].first, m[1].second, sure_digit) &&
                    std::all_of(m[2].first, m[2].second, sure_digit);
        fr.confidence = sure ? 0.9 : 0.6;
        fr.needs_review = !sure;
      }
      return fr;
    }
  }
  return r;
}

}  // namespace pdfrecon
