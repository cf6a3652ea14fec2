// The review policy: the one place that decides whether a record needs a
// person's eyes (`needs_review`) and says why.
//
// The stages before it never flag records: they report evidence. OCR says
// how sure it was of each reading and which doubts it has (two readings
// that disagree, a figure that is no value, ink nothing was read from:
// GridCell::doubts); the value grammar says what a value is and whether it
// was repaired; the record reader says which fields are empty, whether the
// No. continues the numbering and whether the value's kind is its column's.
// This module weighs that evidence, field by field, and writes `flags` and
// `review_reasons`.
//
// Confidence means one thing everywhere: how sure pdfrecon is that a text is
// exactly what was printed, in [0, 1]. Text from a born-digital layer is 1;
// an OCR reading is the recogniser's mean word confidence, lowered by any
// repair a person could doubt. A record's confidence is its lowest field's.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/records.h"
#include "pdfrecon/value_grammar.h"

namespace pdfrecon {

// Why a record needs review; review_reasons lists them in this order.
enum class ReviewReason {
  kMissingField,      // a field that must be there is empty (No., unit, key, value...)
  kUnsureReading,     // a field's reading is below the confidence line
  kReadingsDisagree,  // two readings of a figure differ
  kUnreadInk,         // print in a field's cell that no reading covers (a lost line or word)
  kUnknownWord,       // OCR'd text with a word no lexicon knows ("Extenor")
  kNotAValue,         // a value cell that reads as no value ("100,00% -", "s")
  kValueKind,         // the value is not of its column's kind ("15,00" among percentages)
  kImpossibleValue,   // a form never printed: "00,00%", over 100%
  kRepairedValue,     // digits repaired from letters that stand for more than one digit
  kFigureInProse,     // a figure amid words nobody knows: more likely a misread cell
  kNoSequence,        // the No. does not continue the numbering (1, 2, 8, 4)
  kUnsureGrid,        // the row sits on a grid boundary the detector was unsure of
  kCount
};

// "missing_field", "unsure_reading", ...: the names in the output.
const char* review_reason_name(ReviewReason reason);

// What is known about one field of a record.
struct FieldEvidence {
  std::string field;
  bool required = true;  // empty is a reason to review
  // A name a record is filed under (a unit): a word nobody knows there may
  // be a misread name. In descriptive text (an objective, an indicator) a
  // surely read word the lexicon lacks is the institution's vocabulary
  // ("microcuencas"), and a misread one has its low confidence to show.
  bool name = false;
  bool empty = false;
  double confidence = 1.0;          // of the text as it now stands
  std::vector<std::string> doubts;  // the cell's (GridCell::doubts)
};

// What is known about the value field beyond its text.
struct ValueEvidence {
  bool present = false;          // the profile has a value column
  ValueReading reading;          // after repairs
  bool repaired_unsure = false;  // a repair a person could doubt
  bool figure_in_prose = false;  // free text with a figure, words mostly unknown
  bool known_prose = false;      // free text of several words, mostly known ones
  // The kind most of the column's values have (percent in a goals column);
  // kText when the column has no clear kind.
  ValueKind column_kind = ValueKind::kText;
};

struct RecordEvidence {
  std::vector<FieldEvidence> fields;
  ValueEvidence value;
  bool sequence_broken = false;  // the numbered field breaks 1, 2, 3...
  bool unsure_grid = false;
};

struct ReviewPolicyOptions {
  // Fields read with less confidence than this send the record to review.
  double review_below = 0.8;
};

class ReviewPolicy {
 public:
  ReviewPolicy() = default;
  explicit ReviewPolicy(ReviewPolicyOptions options) : options_(options) {}

  // The reasons, in ReviewReason order, each once.
  std::vector<ReviewReason> reasons(const RecordEvidence& evidence) const;

  // Sets the record's confidence (its lowest field's), its "needs_review"
  // flag and review_reasons from the evidence.
  void review(Record& record, const RecordEvidence& evidence) const;

  double review_below() const { return options_.review_below; }

 private:
  ReviewPolicyOptions options_;
};

}  // namespace pdfrecon
