// What a laid-out page holds: drawing primitives (fills, rulings, text lines)
// and the ruled tables an extraction must find. Layout fills these; renderers
// (PDF now, rasterised scans later) only draw them.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "fonts.h"

namespace fixturegen {

// Geometry snaps up to quarter points: exact in Cairo's 24.8 fixed point and
// in two-decimal JSON, so the PDF's rulings equal the expected bboxes.
inline double snap_up(double v) { return std::ceil(v * 4 - 1e-6) / 4; }

// PDF points, origin at the page's top-left corner.
struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

struct Segment {
  double x0, y0, x1, y1;
};

struct TextLine {
  double x;         // left end of the line
  double baseline;  // y of the baseline
  FontSpec font;
  std::string text;
};

struct FillRect {
  Rect rect;
  double gray;  // 0 black .. 1 white
};

struct GridCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  Rect bbox;
  std::string text;  // words drawn in the cell, single spaces; "" when blank
};

struct GridTable {
  Rect bbox;
  int n_rows = 0, n_cols = 0;
  std::vector<GridCell> cells;  // row-major by top-left position
};

struct PageLayout {
  int number = 1;
  double width = 0, height = 0;
  double rule_width = 0.6;
  std::vector<FillRect> fills;  // drawn first
  std::vector<Segment> rules;
  std::vector<TextLine> lines;
  std::vector<GridTable> tables;  // top to bottom
};

struct PdfMetadata {
  std::string title, author, subject, creator;
  std::string date;  // ISO 8601, fixed so the bytes never change
};

struct DocumentLayout {
  std::vector<PageLayout> pages;
  PdfMetadata metadata;
};

}  // namespace fixturegen
