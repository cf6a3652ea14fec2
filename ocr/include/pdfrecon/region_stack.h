// Regions of a page image cut out and stacked in one column, so that one
// Tesseract call reads them all.
//
// Why: on a ruled table, Tesseract's page layout analysis costs about a
// fifth of a page pass, and it reads empty cells, stamps and margins too.
// The grid already says where the text is. Each cell's lines, stacked with
// blank gaps between them, form one block that Tesseract reads line by line
// (PSM 6) without layout analysis; no two cells share a line, so their words
// are never run together. Words read on the stack go back to the page.
#pragma once

#include <opencv2/core.hpp>
#include <utility>
#include <vector>

#include "pdfrecon/text_layer.h"

namespace pdfrecon {

class RegionStack {
 public:
  // Copies `regions` (pixels of `page`, 8-bit grey) one below the other,
  // left-aligned, with `gap` white pixels around each. Regions outside the
  // page are clipped; empty ones are skipped.
  RegionStack(const cv::Mat& page, const std::vector<cv::Rect>& regions, int gap);

  bool empty() const { return pieces_.empty(); }
  const cv::Mat& image() const { return image_; }

  // Words read on image() (boxes in points at `px_per_pt`) moved to where
  // they are on the page. A word belongs to the region whose band (the
  // region and half the gaps around it) holds its centre.
  TextLayer to_page(TextLayer words, double px_per_pt) const;

 private:
  struct Piece {
    cv::Rect from;  // in the page
    cv::Point to;   // top-left in the stack
  };
  std::vector<Piece> pieces_;
  cv::Mat image_;
  int gap_ = 0;
};

// The rows of `ink` (255 = ink) that hold one line of text each, as
// [top, bottom) ranges covering all rows: runs of inked rows split at blank
// rows, each grown into half the blank rows around it. A run much lower than
// the tallest (an accent over capitals, a speck, a comma's tail) joins its
// nearer neighbour.
std::vector<std::pair<int, int>> text_line_bands(const cv::Mat& ink);

}  // namespace pdfrecon
