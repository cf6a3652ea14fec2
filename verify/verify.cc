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

bool is_value_column(const std::string& c) {
  return c.size() > 6 && c.compare(c.size() - 6, 6, "_value") == 0;
}

// A value as compared and shown: enough digits that different values print
// differently, few enough that 70.36 parsed from text and computed by the
// pipeline agree; "" for none.
std::string normal_value(const std::string& s) {
  if (s.empty() || s == "null") return "";
  size_t used = 0;
  double v = std::stod(s, &used);
  if (used != s.size()) throw std::invalid_argument(s);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

bool known(const std::vector<std::string>& columns, const std::string& c) {
  return std::find(columns.begin(), columns.end(), c) != columns.end();
}

std::string listed(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

ExpectedRecords from_csv(const std::string& text, const std::string& name,
                         const std::vector<std::string>& columns) {
  auto rows = parse_csv(text);
  if (rows.empty()) throw std::runtime_error(name + ": empty file");
  ExpectedRecords out;
  std::vector<size_t> column_of;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    if (!known(columns, rows[0][c])) continue;
    out.fields.push_back(rows[0][c]);
    column_of.push_back(c);
  }
  if (out.fields.empty()) {
    throw std::runtime_error(name + ": not a records CSV (the header row names none of " +
                             listed(columns) + ")");
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() == 1 && rows[i][0].empty()) continue;  // a blank line
    Record r;
    for (size_t f = 0; f < out.fields.size(); ++f) {
      size_t col = column_of[f];
      if (col >= rows[i].size()) {
        throw std::runtime_error(name + ": line " + std::to_string(i + 1) + " has " +
                                 std::to_string(rows[i].size()) + " fields, the header " +
                                 std::to_string(rows[0].size()));
      }
      std::string v = rows[i][col];
      if (is_value_column(out.fields[f])) {
        try {
          v = normal_value(v);
        } catch (const std::invalid_argument&) {
          throw std::runtime_error(name + ": line " + std::to_string(i + 1) + ": " + out.fields[f] +
                                   " is not a number: " + rows[i][col]);
        }
      }
      r.set(out.fields[f], v);
    }
    out.records.push_back(std::move(r));
  }
  return out;
}

ExpectedRecords from_json(const std::string& text, const std::string& name,
                          const std::vector<std::string>& columns) {
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(name + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("records") || !j["records"].is_array()) {
    throw std::runtime_error(name + ": no \"records\" array (not a pdfrecon report document)");
  }
  ExpectedRecords out;
  int n = 0;
  for (const auto& rj : j["records"]) {
    ++n;
    if (!rj.is_object())
      throw std::runtime_error(name + ": record " + std::to_string(n) + " is not an object");
    Record r;
    for (const auto& [key, v] : rj.items()) {
      if (!known(columns, key)) continue;
      if (n == 1) out.fields.push_back(key);
      if (v.is_null()) {
        r.set(key, "");
      } else if (v.is_string()) {
        r.set(key, v.get<std::string>());
      } else if (v.is_number() && is_value_column(key)) {
        r.set(key, normal_value(v.dump()));
      } else {
        throw std::runtime_error(name + ": record " + std::to_string(n) + ": " + key +
                                 (is_value_column(key) ? " is not a number" : " is not a string"));
      }
    }
    out.records.push_back(std::move(r));
  }
  if (out.fields.empty() && !out.records.empty()) {
    throw std::runtime_error(name + ": its records have none of the fields " + listed(columns));
  }
  return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// A record in a few words: its first fields that are filled.
std::string brief(const Record& r) {
  std::string out;
  int shown = 0;
  for (const auto& [k, v] : r.fields) {
    if (v.empty() || shown == 3) continue;
    out += (shown++ ? ", " : "") + k + " " + quoted(v);
  }
  return out;
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

ExpectedRecords parse_expected(const std::string& text, const std::string& name,
                               const std::vector<std::string>& columns) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return from_json(text, name, columns);
  try {
    return from_csv(text, name, columns);
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    throw std::runtime_error(name + ": " + what);
  }
}

ExpectedRecords load_expected(const std::string& path, const std::vector<std::string>& columns) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream s;
  s << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path + ": cannot be read");
  return parse_expected(s.str(), path, columns);
}

std::string record_field(const Record& r, const std::string& field) { return r.field(field); }

std::vector<std::string> compared_columns(const ReportProfile& profile) {
  std::vector<std::string> out = profile.record_fields();
  if (int v = profile.value_column(); v >= 0) {
    out.push_back(profile.columns[size_t(v)].field + "_kind");
    out.push_back(profile.columns[size_t(v)].field + "_value");
  }
  return out;
}

std::vector<Record> flat_records(const DocumentResult& doc) {
  std::vector<Record> out;
  if (!doc.records) return out;
  for (const Record& r : *doc.records) {
    Record flat;
    for (const std::string& f : doc.record_fields) flat.set(f, r.field(f));
    if (!doc.value_field.empty()) {
      flat.set(doc.value_field + "_kind", r.value_kind);
      flat.set(doc.value_field + "_value", r.value ? normal_value(r.value_digits) : "");
    }
    out.push_back(std::move(flat));
  }
  return out;
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
