// Word wrapping at spaces, never inside a word: a word wider than the box
// shrinks the font of the whole box instead.
#pragma once

#include <string>
#include <vector>

#include "fonts.h"
#include "style.h"

namespace fixturegen {

struct WrappedText {
  std::vector<std::string> lines;
  FontSpec font;
  double line_height = 0;

  double height() const { return line_height * static_cast<double>(lines.size()); }
};

std::vector<std::string> split_words(const std::string& text);

// The words of `text` joined by single spaces: what an extraction reads.
std::string normalize_space(const std::string& text);

WrappedText wrap_text(const FontSet& fonts, const std::string& text, FontSpec font,
                      double max_width, const Style& style);

}  // namespace fixturegen
