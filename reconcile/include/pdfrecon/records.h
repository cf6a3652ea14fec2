// Records: one clean row per key cell of a report (for LOTAIP literal a4,
// one per indicator), in reading order, with merged cells filled down (see
// shared/spec/ground-truth.md). Which fields a record has is the report
// profile's to say (report_profile.h); a record carries their names.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pdfrecon/geometry.h"

namespace pdfrecon {

struct Record {
  // The profile's record fields in order, each with its text: section, no,
  // unit, objective, indicator, target for lotaip-a4.
  std::vector<std::pair<std::string, std::string>> fields;
  // The value column read through the value grammar (value_grammar.h):
  // written as FIELD_kind and FIELD_value, FIELD being the value column's.
  std::string value_kind;  // "percent" | "na" | "number" | "text"; "" without a value column
  std::optional<double> value;
  std::string value_digits;  // the value as the grammar read it, exactly: "1234567", "70.36"
  int page = 0;              // one-based page holding the key cell
  Box box;                   // the key cell's box on that page (PDF points)
  double confidence = 1.0;
  std::vector<std::string> flags;  // "corrected", "needs_review"
  // Why a person should check the record (review_policy.h), in a fixed
  // order; empty unless flags holds "needs_review".
  std::vector<std::string> review_reasons;

  // The text of `name`, or "" when the record has no such field.
  const std::string& field(const std::string& name) const {
    static const std::string none;
    for (const auto& [k, v] : fields) {
      if (k == name) return v;
    }
    return none;
  }
  void set(const std::string& name, std::string text) {
    for (auto& [k, v] : fields) {
      if (k == name) {
        v = std::move(text);
        return;
      }
    }
    fields.emplace_back(name, std::move(text));
  }

  bool has_flag(const std::string& f) const {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  }
  void add_flag(const std::string& f) {
    if (!has_flag(f)) flags.push_back(f);
  }
};

// The report's footer block and notes, keys as the profile names them
// (lotaip-a4: link, fecha_actualizacion, periodicidad, unidad_poseedora,
// responsable, correo, telefono); then notes.
struct ReportMetadata {
  std::vector<std::pair<std::string, std::string>> fields;  // in printed order
  std::vector<std::string> notes;

  void set(const std::string& key, const std::string& value) {
    for (auto& [k, v] : fields) {
      if (k == key) {
        v = value;
        return;
      }
    }
    fields.emplace_back(key, value);
  }
  const std::string* get(const std::string& key) const {
    for (const auto& [k, v] : fields) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

}  // namespace pdfrecon
