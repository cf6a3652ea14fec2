// What a printed date looks like: day, month and year, separated by "/",
// "-" or "." ("30/04/2023", "3-4-2023"), as reports print their update
// date. Shared by OCR (which reads a damaged date again with the date's
// characters only) and the record reader (the footer's date fields).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pdfrecon {

// The characters a date is printed with: Tesseract's whitelist for a date.
inline constexpr const char* kDateCharacters = "0123456789/-.";

// The first date in `text`, as "dd/mm/yyyy", after undoing the letters OCR
// reads for digits ("3O/04/2O23"); none when there is none, or the day or
// month is impossible.
std::optional<std::string> find_date(std::string_view text);

// Whether `text` holds a date OCR damaged: no date is found, but a word
// of a date's length (6 to 12 characters) has a date's separator inside
// and three digits at least ("30ma/z023", "31/O7/2O2").
bool looks_like_damaged_date(std::string_view text);

// The date another reading of the same print found ("30/04/2023" in "ua
// 30/04/2023 PA"), when `damaged` holds a damaged date that shares at
// least half of that date's characters, in order ("30ma/z023": "30", "/",
// "023"): a second reading that finds some other date in a stamp's text
// mends nothing.
std::optional<std::string> mend_date(std::string_view damaged, std::string_view reading);

}  // namespace pdfrecon
