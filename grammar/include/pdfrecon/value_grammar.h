// What a printed value (a report's "Meta cuantificable") looks like: the one
// definition the OCR whitelist, the text-layer judge and the record reader
// share, so that a figure is a figure to all three.
//
// The grammar, as Ecuadorian reports print it:
//   percent  "70,36%", "100%", "0,5 %"      0 to 100, decimal comma
//   na       "N/A"                          no goal this period
//   number   "12", "1.234.567", "2,5"        dots group thousands, comma decimals
//   text     anything else ("8,33% mensual promedio (...)")
// A decimal point where the comma belongs ("70.36%", OCR's favourite
// slip, or another institution's style) reads as the comma: the value is
// the same, and the canonical text uses the comma.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pdfrecon {

// The characters a value is printed with: Tesseract's whitelist for value
// cells.
inline constexpr const char* kValueCharacters = "0123456789,.%NA/";

enum class ValueKind { kPercent, kNa, kNumber, kText };

// "percent" | "na" | "number" | "text", as the output contract names them.
const char* value_kind_name(ValueKind kind);

struct ValueReading {
  ValueKind kind = ValueKind::kText;
  std::string text;             // canonical: "70,36%", "N/A", "1.234.567", free text as given
  std::optional<double> value;  // 70.36, 1234567; none for N/A and text
  std::string digits;           // the value exactly, '.' for decimals: "70.36", "1234567"
  // A form no report prints: a percentage with a leading zero before other
  // digits ("00,00%": a digit was lost) or over 100%.
  bool impossible = false;
};

// Reads `text` (trimmed) by the grammar, without repairs.
ValueReading read_value(std::string_view text);

// True when `text` is a percent, N/A or a number by the grammar.
bool is_value(std::string_view text);

// One change a repair made, for the audit trail.
struct ValueRepair {
  std::string
      rule;  // "value-specks", "value-na", "value-digits", "value-lost-digit", "value-comma"
  std::string from, to;
  bool sure = true;  // false: letters that stand for more than one digit ("S": 5 or 8)
};

// read_value after undoing what OCR does to figures: spaces inside
// ("70, 36 %"), letters for digits ("1OO,OO%"), "N/A" read as "NIA", specks
// beside a clean figure ("91,00% É"). "00,00%" (never printed: zero is
// "0,00%") lost its leading digit, and within 100% it can only be "100,00%":
// repaired, but unsure. Every repair is appended to `repairs`.
ValueReading repair_value(std::string_view text, std::vector<ValueRepair>& repairs);

}  // namespace pdfrecon
