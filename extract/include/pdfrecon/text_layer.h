// The words a PDF's text layer holds for one page, with their boxes.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/geometry.h"

namespace pdfrecon {

struct Word {
  std::string text;       // UTF-8, as the text layer gives it
  Box box;                // PDF points, top-left origin, upright page
  double font_size = 0;   // points; 0 when unknown
  std::string font_name;  // subset prefix kept ("ABCDEF+DejaVuSans")
  bool space_after = true;
  // Direction the text runs, clockwise from left-to-right: 0, 90 (top to
  // bottom), 180 (upside down) or 270 (bottom to top).
  int rotation = 0;
  // How sure the source is of the text, in [0, 1]: 1 for a native text
  // layer, the recogniser's word confidence for OCR.
  double confidence = 1.0;
};

struct TextLayer {
  std::vector<Word> words;

  bool empty() const { return words.empty(); }
  // Median word height in points (0 when empty): the page's text scale.
  double median_height() const;
  // The rotation most of the text runs at (weighted by length): what it
  // takes to turn the page upright. 0 when there is no text.
  int dominant_rotation() const;
};

}  // namespace pdfrecon
