#include "pdfrecon/verify.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace pdfrecon {

namespace {

constexpr std::array<const char*, 8> kFields = {
    "section", "no", "unit", "objective", "indicator", "target", "target_kind", "target_value"};

std::optional<double> parse_number(const std::string& s) {
  if (s.empty() || s == "null") return std::nullopt;
  size_t used = 0;
  double v = std::stod(s, &used);
  if (used != s.size()) throw std::invalid_argument(s);
  return v;
}

void set_field(Record& r, const std::string& field, const std::string& value) {
  if (field == "section")
    r.section = value;
  else if (field == "no")
    r.no = value;
  else if (field == "unit")
    r.unit = value;
  else if (field == "objective")
    r.objective = value;
  else if (field == "indicator")
    r.indicator = value;
  else if (field == "target")
    r.target = value;
  else if (field == "target_kind")
    r.target_kind = value;
  else if (field == "target_value")
    r.target_value = parse_number(value);
}

ExpectedRecords from_csv(const std::string& text, const std::string& name) {
  auto rows = parse_csv(text);
  if (rows.empty()) throw std::runtime_error(name + ": empty file");
  ExpectedRecords out;
  std::vector<int> column_of;
  for (const char* f : kFields) {
    auto it = std::find(rows[0].begin(), rows[0].end(), f);
    if (it != rows[0].end()) {
      out.fields.push_back(f);
      column_of.push_back(int(it - rows[0].begin()));
    }
  }
  if (out.fields.empty()) {
    throw std::runtime_error(name +
                             ": not a records CSV (no section, no, unit, objective, "
                             "indicator or target column in the header)");
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() == 1 && rows[i][0].empty()) continue;  // a blank line
    Record r;
    for (size_t f = 0; f < out.fields.size(); ++f) {
      size_t col = size_t(column_of[f]);
      if (col >= rows[i].size()) {
        throw std::runtime_error(name + ": line " + std::to_string(i + 1) + " has " +
                                 std::to_string(rows[i].size()) + " fields, the header " +
                                 std::to_string(rows[0].size()));
      }
      try {
        set_field(r, out.fields[f], rows[i][col]);
      } catch (const std::invalid_argument&) {
        throw std::runtime_error(name + ": line " + std::to_string(i + 1) +
                                 ": target_value is not a number: " + rows[i][col]);
      }
    }
    out.records.push_back(std::move(r));
  }
  return out;
}

ExpectedRecords from_json(const std::string& text, const std::string& name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(name + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("records") || !j["records"].is_array()) {
    throw std::runtime_error(name + ": no \"records\" array (not a pdfrecon lotaip-a4 document)");
  }
  ExpectedRecords out;
  out.fields.assign(kFields.begin(), kFields.end());
  int n = 0;
  for (const auto& rj : j["records"]) {
    ++n;
    if (!rj.is_object())
      throw std::runtime_error(name + ": record " + std::to_string(n) + " is not an object");
    Record r;
    auto str = [&](const char* key) -> std::string {
      if (!rj.contains(key) || rj[key].is_null()) return "";
      if (!rj[key].is_string()) {
        throw std::runtime_error(name + ": record " + std::to_string(n) + ": " + key +
                                 " is not a string");
      }
      return rj[key].get<std::string>();
    };
    r.section = str("section");
    r.no = str("no");
    r.unit = str("unit");
    r.objective = str("objective");
    r.indicator = str("indicator");
    r.target = str("target");
    r.target_kind = str("target_kind");
    if (rj.contains("target_value") && !rj["target_value"].is_null()) {
      if (!rj["target_value"].is_number()) {
        throw std::runtime_error(name + ": record " + std::to_string(n) +
                                 ": target_value is not a number");
      }
      r.target_value = rj["target_value"].get<double>();
    }
    out.records.push_back(std::move(r));
  }
  return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string brief(const Record& r) {
  return "no " + r.no + ", indicator " + quoted(r.indicator) + ", target " + quoted(r.target);
}

}  // namespace

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a BOM
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted field");
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

ExpectedRecords parse_expected(const std::string& text, const std::string& name) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return from_json(text, name);
  try {
    return from_csv(text, name);
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    throw std::runtime_error(name + ": " + what);
  }
}

ExpectedRecords load_expected(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream s;
  s << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path + ": cannot be read");
  return parse_expected(s.str(), path);
}

std::string record_field(const Record& r, const std::string& field) {
  if (field == "section") return r.section;
  if (field == "no") return r.no;
  if (field == "unit") return r.unit;
  if (field == "objective") return r.objective;
  if (field == "indicator") return r.indicator;
  if (field == "target") return r.target;
  if (field == "target_kind") return r.target_kind;
  if (field == "target_value") {
    if (!r.target_value) return "null";
    // Enough digits that different values print differently, few enough
    // that 70.36 parsed from text and computed by the pipeline agree.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", *r.target_value);
    return buf;
  }
  return "";
}

VerifyResult compare_records(const ExpectedRecords& expected, const std::vector<Record>& got) {
  VerifyResult res;
  res.fields = expected.fields;
  res.expected_count = int(expected.records.size());
  res.got_count = int(got.size());
  const size_t n = expected.records.size(), m = got.size();
  const size_t nf = std::max<size_t>(1, expected.fields.size());
  auto differing = [&](size_t i, size_t j) {
    size_t d = 0;
    for (const std::string& f : expected.fields) {
      d += record_field(expected.records[i], f) != record_field(got[j], f);
    }
    return d;
  };
  auto pair_diffs = [&](size_t i, size_t j) {
    for (const std::string& f : expected.fields) {
      std::string e = record_field(expected.records[i], f);
      std::string g = record_field(got[j], f);
      if (e != g) res.diffs.push_back({int(i) + 1, f, e, g});
    }
  };

  // Records are aligned, not compared by position, so that one record lost
  // or added shows as that record alone. A pair costs twice its share of
  // differing fields (a record that differs in most fields is no longer
  // "the same record"), a record missing or extra costs 1. Very long files
  // fall back to positions, to bound the work.
  constexpr size_t kMaxCells = 20'000'000;
  if ((n + 1) * (m + 1) > kMaxCells) {
    size_t common = std::min(n, m);
    for (size_t i = 0; i < common; ++i) pair_diffs(i, i);
    for (size_t i = common; i < n; ++i) res.missing.push_back(int(i) + 1);
    for (size_t j = common; j < m; ++j) res.extra.push_back(int(j) + 1);
    return res;
  }
  std::vector<std::vector<double>> cost(n + 1, std::vector<double>(m + 1, 0));
  for (size_t i = 1; i <= n; ++i) cost[i][0] = double(i);
  for (size_t j = 1; j <= m; ++j) cost[0][j] = double(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      double pair = cost[i - 1][j - 1] + 2.0 * double(differing(i - 1, j - 1)) / double(nf);
      cost[i][j] = std::min({pair, cost[i - 1][j] + 1, cost[i][j - 1] + 1});
    }
  }
  // Walk back from the end; ties prefer pairing, so equal-length files
  // with changed fields read as field differences.
  std::vector<std::pair<size_t, size_t>> pairs;
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 &&
        cost[i][j] == cost[i - 1][j - 1] + 2.0 * double(differing(i - 1, j - 1)) / double(nf)) {
      pairs.emplace_back(i - 1, j - 1);
      --i, --j;
    } else if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
      res.missing.push_back(int(i));
      --i;
    } else {
      res.extra.push_back(int(j));
      --j;
    }
  }
  std::reverse(pairs.begin(), pairs.end());
  std::reverse(res.missing.begin(), res.missing.end());
  std::reverse(res.extra.begin(), res.extra.end());
  for (auto [pi, pj] : pairs) pair_diffs(pi, pj);
  return res;
}

std::string format_verify(const VerifyResult& result, const ExpectedRecords& expected,
                          const std::vector<Record>& got, const std::string& name) {
  std::ostringstream out;
  for (const FieldDiff& d : result.diffs) {
    out << "record " << d.record << ": " << d.field << ": expected " << quoted(d.expected)
        << ", got " << quoted(d.got) << "\n";
  }
  for (int i : result.missing) {
    out << "record " << i << ": missing (expected " << brief(expected.records[size_t(i - 1)])
        << ")\n";
  }
  for (int i : result.extra) {
    out << "record " << i << ": extra (got " << brief(got[size_t(i - 1)]) << ")\n";
  }
  if (result.ok()) {
    out << name << ": OK, " << result.expected_count << " records match on " << result.fields.size()
        << " fields\n";
  } else {
    size_t n = result.diffs.size() + result.missing.size() + result.extra.size();
    out << name << ": " << n << (n == 1 ? " difference" : " differences") << " ("
        << result.diffs.size() << " field, " << result.missing.size() << " missing, "
        << result.extra.size() << " extra) in " << result.expected_count << " expected records, "
        << result.got_count << " extracted\n";
  }
  return out.str();
}

}  // namespace pdfrecon
