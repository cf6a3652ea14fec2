// The table model: a ruled grid of rows and columns whose cells may span
// several of each. Every later stage reads and annotates this one structure.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/geometry.h"

namespace pdfrecon {

// One change a later stage made to a cell's text, kept for the audit trail.
struct TextCorrection {
  std::string rule;  // e.g. "dictionary", "lexicon", "target-grammar"
  std::string from;
  std::string to;
  double distance = 0;  // weighted edit distance, 0 for rule-based repairs
};

// Doubts a reading stage has about a cell's text, for the review policy
// (review_policy.h) to weigh: evidence, not verdicts.
// Two OCR readings of a figure differ.
inline constexpr const char* kDoubtReadingsDisagree = "readings-disagree";
// Figures and noise, no value ("100,00% -").
inline constexpr const char* kDoubtNotAValue = "not-a-value";
// Print in the cell that no word read covers (a lost line or word).
inline constexpr const char* kDoubtInkUnread = "ink-unread";
// OCR'd text with a word neither the lexicon nor the dictionary knows.
inline constexpr const char* kDoubtUnknownWord = "unknown-word";

// A cell as the user sees it: a merged region appears once, at its top-left
// grid position, with its spans.
struct GridCell {
  int row = 0, col = 0;
  int row_span = 1, col_span = 1;
  Box box;                        // PDF points
  std::string text;               // clean text
  std::string raw_text;           // text as found (text layer or OCR)
  std::string source = "native";  // "native" or "ocr"
  double confidence = 1.0;        // in [0, 1]
  std::vector<TextCorrection> corrections;
  std::vector<std::string> doubts;  // kDoubt*, each once

  void add_doubt(const char* d) {
    for (const std::string& x : doubts) {
      if (x == d) return;
    }
    doubts.emplace_back(d);
  }
};

struct CellGrid {
  Box bbox;                       // PDF points
  std::vector<double> row_edges;  // n_rows + 1 ascending y positions (points)
  std::vector<double> col_edges;  // n_cols + 1 ascending x positions (points)
  std::vector<GridCell> cells;    // row-major by top-left position
  // Outer boundaries that no ruling draws (a page break left the table
  // open): the detector placed them where the crossing rulings end.
  bool open_top = false, open_bottom = false, open_left = false, open_right = false;
  // Row boundaries (indices into row_edges) that no ruling draws, placed
  // between rows of text (text_rows.h).
  std::vector<int> text_row_edges;
  // False for a table found from the alignment of its words, without
  // rulings (text_tables.h): its edges are between words, not drawn.
  bool ruled = true;

  int n_rows() const { return row_edges.empty() ? 0 : int(row_edges.size()) - 1; }
  int n_cols() const { return col_edges.empty() ? 0 : int(col_edges.size()) - 1; }
  // The cell covering grid position (row, col), or nullptr outside the grid.
  const GridCell* cell_at(int row, int col) const;
  GridCell* cell_at(int row, int col);
};

// Tables in reading order: top to bottom, then left to right.
inline bool reading_order(const CellGrid& a, const CellGrid& b) {
  return a.bbox.y0 != b.bbox.y0 ? a.bbox.y0 < b.bbox.y0 : a.bbox.x0 < b.bbox.x0;
}

}  // namespace pdfrecon
