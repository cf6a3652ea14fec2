#include "pdfrecon/text_key.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace pdfrecon {
namespace {

const icu::Locale& spanish() {
  static const icu::Locale es("es");
  return es;
}

bool is_punct(char c) {
  return c == '(' || c == ')' || c == '.' || c == ',' || c == ';' || c == ':' || c == '/' ||
         c == '-' || c == '[' || c == ']';
}

}  // namespace

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string comparison_key(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(u, status) : u;
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  bare.foldCase();
  std::string out;
  bare.toUTF8String(out);
  return collapse_whitespace(out);
}

std::string match_key(const std::string& s) {
  std::string k = comparison_key(s);
  std::string out;
  for (size_t i = 0; i < k.size(); ++i) {
    if (k[i] == ' ') {
      bool before = !out.empty() && is_punct(out.back());
      bool after = i + 1 < k.size() && is_punct(k[i + 1]) && k[i + 1] != '(';
      // "( E )" -> "(e)", "a , b" -> "a, b"; a space before "(" stays.
      if (before && out.back() == '(') continue;
      if (after) continue;
      if (before && out.back() == '/') continue;
      if (i + 1 < k.size() && k[i + 1] == '/') continue;
    }
    out += k[i];
  }
  return out;
}

std::string to_upper(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toUpper(spanish());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string to_lower(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toLower(spanish());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string capitalize(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.isEmpty()) return s;
  UChar32 first = u.char32At(0);
  icu::UnicodeString head(first);
  head.toUpper(spanish());
  icu::UnicodeString rest = u.tempSubString(U16_LENGTH(first));
  std::string out;
  (head + rest).toUTF8String(out);
  return out;
}

std::u32string to_utf32(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(char32_t(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string to_utf8(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(UChar32(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

size_t char_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace pdfrecon
