// Records: one clean row per indicator of a LOTAIP literal a4 report, in
// reading order, with merged cells filled down (see shared/spec/ground-truth.md).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pdfrecon {

struct Record {
  std::string section;
  std::string no;
  std::string unit;
  std::string objective;
  std::string indicator;
  std::string target;
  std::string target_kind;  // "percent" | "na" | "number" | "text"
  std::optional<double> target_value;
  int page = 0;  // one-based page holding the indicator row
  double confidence = 1.0;
  std::vector<std::string> flags;  // "corrected", "needs_review"

  bool has_flag(const std::string& f) const {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  }
  void add_flag(const std::string& f) {
    if (!has_flag(f)) flags.push_back(f);
  }
};

// The report's footer block and notes, keys as in the output contract:
// link, fecha_actualizacion, periodicidad, unidad_poseedora, responsable,
// correo, telefono; then notes.
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
