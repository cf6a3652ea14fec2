// What the record reader (report_records.h) asks of text cleaning, kept
// abstract so that it does not depend on how cleaning is done (dictionary,
// lexicon, OCR alternatives).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/value_grammar.h"

namespace pdfrecon {

// The role of a cell, which decides what it is compared with. kValue cells
// are read through the value grammar (clean_value).
enum class FieldKind { kSection, kNumber, kUnit, kObjective, kIndicator, kFree, kValue };

// A value cell read through the value grammar, with what the review
// policy needs to know about how it was read.
struct CleanValue {
  ValueReading reading;
  bool repaired_unsure = false;  // a repair a person could doubt ("S0%": 50 or 80?)
  bool figure_in_prose = false;  // free text with a figure, its words mostly unknown
  bool known_prose = false;      // free text of two or more words, mostly known ones
};

class TextReconciler {
 public:
  virtual ~TextReconciler() = default;
  // Cleans cell.text in place, keeping raw_text and recording corrections.
  virtual void clean_cell(GridCell& cell, FieldKind kind) const = 0;
  // Reads (and where the evidence is strong, repairs) a value cell; the
  // repairs go to the cell's corrections, its text becomes the reading's.
  virtual CleanValue clean_value(GridCell& cell) const = 0;
  // The names of `kind` it knows beyond the document's own (a
  // dictionary's units), as they must be printed; none by default.
  virtual std::vector<std::string> known_names(FieldKind /*kind*/) const { return {}; }
};

}  // namespace pdfrecon
