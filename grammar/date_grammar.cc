#include "pdfrecon/date_grammar.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace pdfrecon {

std::optional<std::string> find_date(std::string_view text) {
  std::string t(text);
  for (char& c : t) {
    if (c == 'O' || c == 'o') c = '0';
    if (c == 'l' || c == 'I') c = '1';
  }
  static const std::regex date(R"((\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))");
  for (std::sregex_iterator it(t.begin(), t.end(), date), end; it != end; ++it) {
    const std::smatch& m = *it;
    int day = std::stoi(m[1]), month = std::stoi(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
    return two(m[1]) + "/" + two(m[2]) + "/" + m[3].str();
  }
  return std::nullopt;
}

namespace {

// The words of `text` shaped like a damaged date.
std::vector<std::string_view> damaged_dates(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.size() < 6 || word.size() > 12) continue;
    size_t sep = word.find_first_of("/-");
    if (sep == std::string_view::npos || sep == 0 || sep + 1 == word.size()) continue;
    int digits = int(std::count_if(word.begin(), word.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    }));
    if (digits >= 3) out.push_back(word);
  }
  return out;
}

// Length of the longest common subsequence of `a` and `b`.
size_t common_subsequence(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1, 0);
  for (char x : a) {
    size_t diagonal = 0;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = x == b[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

bool looks_like_damaged_date(std::string_view text) {
  return !find_date(text) && !damaged_dates(text).empty();
}

std::optional<std::string> mend_date(std::string_view damaged, std::string_view reading) {
  if (find_date(damaged)) return std::nullopt;
  std::optional<std::string> date = find_date(reading);
  if (!date) return std::nullopt;
  for (std::string_view word : damaged_dates(damaged)) {
    if (2 * common_subsequence(word, *date) >= date->size()) return date;
  }
  return std::nullopt;
}

}  // namespace pdfrecon
