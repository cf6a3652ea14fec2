// Regression checks: compare the records pdfrecon extracts with the records
// a person (or an earlier, trusted run) expects. Used by `pdfrecon verify`
// and by the project's own regression tests.
//
// Expected records come from either
// - a pdfrecon JSON document (its "records" array): every record field is
//   compared, including the value's kind and value (target_kind,
//   target_value for lotaip-a4); or
// - a records CSV with a header row, such as fixtures/*/records.csv: the
//   columns it has are compared.
// Either way the columns that say how a record was read (page, confidence,
// flags, review_reasons) are not compared. Records are flat: every field,
// the value's kind and value included, as text (values as "%.10g").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/document_result.h"
#include "pdfrecon/records.h"
#include "pdfrecon/report_profile.h"

namespace pdfrecon {

struct ExpectedRecords {
  std::vector<Record> records;
  std::vector<std::string> fields;  // the fields to compare, in record order
};

// RFC 4180 text (as write_csv makes it) as rows of fields; a leading UTF-8
// BOM is skipped. Quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// The columns a profile's records are compared on: its record fields, then
// its value field's kind and value (target_kind, target_value).
std::vector<std::string> compared_columns(const ReportProfile& profile);

// Reads a JSON document or a records CSV (told apart by content: JSON starts
// with '{'), keeping the `columns` it has (compared_columns). Throws
// std::runtime_error with a one-line reason (naming the file) when it
// cannot be read or has none of them.
ExpectedRecords load_expected(const std::string& path, const std::vector<std::string>& columns);
// The same from text already in memory; `name` is used in messages.
ExpectedRecords parse_expected(const std::string& text, const std::string& name,
                               const std::vector<std::string>& columns);

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

// A document's records as verify compares them: the profile's fields, then
// the value field's kind and value as text.
std::vector<Record> flat_records(const DocumentResult& doc);

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
