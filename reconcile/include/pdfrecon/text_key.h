// Comparison keys: text reduced to what OCR and typing do not disturb, so two
// spellings of one label compare equal. ICU does the Unicode work.
#pragma once

#include <string>

namespace pdfrecon {

// Whitespace runs become one space; ends trimmed.
std::string collapse_whitespace(const std::string& s);

// Accents dropped, case folded, whitespace collapsed:
// "DESCRIPCIÓN  de la Unidad" -> "descripcion de la unidad".
std::string comparison_key(const std::string& s);

// comparison_key, and no space next to punctuation, so that OCR's spacing
// does not matter: "Porcentaje del PAC ( E )" -> "porcentaje del pac(e)".
std::string match_key(const std::string& s);

// Case mapping through ICU (Spanish rules), for restoring a word's case.
std::string to_upper(const std::string& s);
std::string to_lower(const std::string& s);
// First letter upper, the rest as given.
std::string capitalize(const std::string& s);

// Code points of UTF-8 text, and back; how many code points it holds.
std::u32string to_utf32(const std::string& s);
std::string to_utf8(const std::u32string& s);
size_t char_count(const std::string& s);

}  // namespace pdfrecon
