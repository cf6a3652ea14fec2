#include "pdfrecon/review_policy.h"

#include <algorithm>
#include <array>

namespace pdfrecon {
namespace {

bool has(const std::vector<std::string>& doubts, const char* d) {
  return std::find(doubts.begin(), doubts.end(), d) != doubts.end();
}

}  // namespace

const char* review_reason_name(ReviewReason reason) {
  static constexpr const char* kNames[] = {
      "missing_field",  "unsure_reading",  "readings_disagree", "unread_ink",
      "unknown_word",   "not_a_value",     "value_kind",        "impossible_value",
      "repaired_value", "figure_in_prose", "no_sequence",       "unsure_grid"};
  static_assert(std::size(kNames) == size_t(ReviewReason::kCount), "a name for every reason");
  return kNames[size_t(reason)];
}

std::vector<ReviewReason> ReviewPolicy::reasons(const RecordEvidence& e) const {
  std::array<bool, size_t(ReviewReason::kCount)> on{};
  auto add = [&on](ReviewReason r) { on[size_t(r)] = true; };
  for (const FieldEvidence& f : e.fields) {
    if (f.empty) {
      if (f.required) add(ReviewReason::kMissingField);
      continue;
    }
    if (f.confidence < options_.review_below) add(ReviewReason::kUnsureReading);
    if (has(f.doubts, kDoubtReadingsDisagree)) add(ReviewReason::kReadingsDisagree);
    if (has(f.doubts, kDoubtNotAValue)) add(ReviewReason::kNotAValue);
    if (has(f.doubts, kDoubtInkUnread)) add(ReviewReason::kUnreadInk);
    if (f.name && has(f.doubts, kDoubtUnknownWord)) add(ReviewReason::kUnknownWord);
  }
  const ValueEvidence& v = e.value;
  if (v.present && !v.reading.text.empty()) {
    if (v.reading.impossible) add(ReviewReason::kImpossibleValue);
    if (v.repaired_unsure) add(ReviewReason::kRepairedValue);
    if (v.figure_in_prose) add(ReviewReason::kFigureInProse);
    // A value of another kind than its column's: a percentage that lost
    // its sign reads as a number, a lost figure as a stray word ("s",
    // "pen"). Free text is a goal in prose when it holds a figure ("8,33%
    // mensual promedio") or is several known words ("No aplica en el
    // periodo").
    if (v.column_kind != ValueKind::kText && v.reading.kind != v.column_kind &&
        v.reading.kind != ValueKind::kNa) {
      bool figure = std::any_of(v.reading.text.begin(), v.reading.text.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
      bool prose = v.reading.kind == ValueKind::kText && (figure || v.known_prose);
      // A whole number among percentages is a count ("12" conventions
      // signed); one with decimals has the form of a percentage.
      bool count =
          v.reading.kind == ValueKind::kNumber && v.reading.digits.find('.') == std::string::npos;
      if (!prose && !count) add(ReviewReason::kValueKind);
    }
  }
  if (e.sequence_broken) add(ReviewReason::kNoSequence);
  if (e.unsure_grid) add(ReviewReason::kUnsureGrid);
  std::vector<ReviewReason> out;
  for (size_t i = 0; i < on.size(); ++i) {
    if (on[i]) out.push_back(ReviewReason(i));
  }
  return out;
}

void ReviewPolicy::review(Record& record, const RecordEvidence& evidence) const {
  record.confidence = 1.0;
  for (const FieldEvidence& f : evidence.fields) {
    if (!f.empty) record.confidence = std::min(record.confidence, f.confidence);
  }
  record.review_reasons.clear();
  for (ReviewReason r : reasons(evidence)) record.review_reasons.push_back(review_reason_name(r));
  if (!record.review_reasons.empty()) {
    record.add_flag("needs_review");
  } else {
    std::erase(record.flags, std::string("needs_review"));
  }
}

}  // namespace pdfrecon
