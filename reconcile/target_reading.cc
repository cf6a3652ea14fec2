#include <cctype>
#include <cmath>
#include <regex>

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
