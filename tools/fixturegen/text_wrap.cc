#include "text_wrap.h"

#include <algorithm>
#include <cmath>

namespace fixturegen {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Largest size (0.1 pt steps) at which every word fits `max_width`.
double fitting_size(const FontSet& fonts, const std::vector<std::string>& words, FontSpec font,
                    double max_width, double min_size) {
  double widest = 0;
  for (const auto& w : words) widest = std::max(widest, fonts.text_width(w, font));
  if (widest <= max_width) return font.size;
  double size = std::floor(font.size * max_width / widest * 10) / 10;
  for (;; size -= 0.1) {
    if (size <= min_size) return min_size;
    FontSpec trial{font.weight, size};
    bool fits = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return fonts.text_width(w, trial) <= max_width;
    });
    if (fits) return size;
  }
}

}  // namespace

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    if (is_space(c)) {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string normalize_space(const std::string& text) {
  std::string out;
  for (const auto& w : split_words(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

WrappedText wrap_text(const FontSet& fonts, const std::string& text, FontSpec font,
                      double max_width, const Style& style) {
  const auto words = split_words(text);
  WrappedText out;
  out.font = {font.weight, fitting_size(fonts, words, font, max_width, style.min_font_size)};
  out.line_height = out.font.size * style.line_factor;
  std::string line;
  for (const auto& w : words) {
    std::string candidate = line.empty() ? w : line + ' ' + w;
    if (!line.empty() && fonts.text_width(candidate, out.font) > max_width) {
      out.lines.push_back(std::move(line));
      line = w;
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) out.lines.push_back(std::move(line));
  return out;
}

}  // namespace fixturegen
