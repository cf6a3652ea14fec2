#include "records.h"

#include <fstream>
#include <stdexcept>

namespace fixturegen {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void append_row(std::string& out, const Record& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::vector<Record> flatten_records(const Truth& truth) {
  std::vector<Record> out;
  for (const auto& section : truth.sections) {
    for (const auto& unit : section.units) {
      for (const auto& objective : unit.objectives) {
        for (const auto& ind : objective.indicators) {
          out.push_back({section.title, unit.no, unit.name, objective.text, ind.name, ind.target});
        }
      }
    }
  }
  return out;
}

std::string records_csv(const std::vector<Record>& records, const Record& fields) {
  std::string out;
  append_row(out, fields);
  for (const auto& r : records) append_row(out, r);
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error(path + ": cannot write");
}

}  // namespace fixturegen
