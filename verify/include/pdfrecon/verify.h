// Regression checks: compare the records pdfrecon extracts with the records
// a person (or an earlier, trusted run) expects. Used by `pdfrecon verify`
// and by the project's own regression tests.
//
// Expected records come from either
// - a pdfrecon JSON document (its "records" array): every record field is
//   compared, including target_kind and target_value; or
// - a records CSV with a header row, such as fixtures/*/records.csv: the
//   columns it has among section, no, unit, objective, indicator, target,
//   target_kind and target_value are compared.
//
// Records are compared in order, position by position: record N of the
// expected file against record N extracted. Extra or missing records at the
// end are reported as such.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/records.h"

namespace pdfrecon {

struct ExpectedRecords {
  std::vector<Record> records;
  std::vector<std::string> fields;  // the fields to compare, in record order
};

// RFC 4180 text (as write_csv makes it) as rows of fields; a leading UTF-8
// BOM is skipped. Quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// Reads a JSON document or a records CSV (told apart by content: JSON starts
// with '{'). Throws std::runtime_error with a one-line reason (naming the
// file) when it cannot be read or holds no records.
ExpectedRecords load_expected(const std::string& path);
// The same from text already in memory; `name` is used in messages.
ExpectedRecords parse_expected(const std::string& text, const std::string& name);

struct FieldDiff {
  int record = 0;  // one-based position in the expected file
  std::string field;
  std::string expected;
  std::string got;
};

struct VerifyResult {
  int expected_count = 0;
  int got_count = 0;
  std::vector<FieldDiff> diffs;  // field by field, in record order
  std::vector<int> missing;      // one-based expected positions not extracted
  std::vector<int> extra;        // one-based extracted positions not expected
  std::vector<std::string> fields;

  bool ok() const { return diffs.empty() && missing.empty() && extra.empty(); }
};

// The value of `field` ("section", ..., "target_value") as compared and shown.
std::string record_field(const Record& r, const std::string& field);

// Aligns the two lists (an edit distance over records) and compares the
// aligned pairs field by field: a lost or added record is reported alone,
// not as a difference in every record after it.
VerifyResult compare_records(const ExpectedRecords& expected, const std::vector<Record>& got);

// A readable diff, one line per difference:
//   record 3: target: expected "70,36%", got "70,35%"
//   record 31: missing (expected no 5, indicator "...")
//   record 32: extra (got no 6, indicator "...")
// then a summary line, e.g.
//   report.pdf: 2 differences (1 field, 0 missing, 1 extra) in 30 expected records
//   report.pdf: OK, 30 records match on 6 fields
std::string format_verify(const VerifyResult& result, const ExpectedRecords& expected,
                          const std::vector<Record>& got, const std::string& name);

}  // namespace pdfrecon
