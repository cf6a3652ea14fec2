// Serialisations of a DocumentResult. Each returns the whole text, so a
// caller can write it atomically (see atomic_file.h) or print it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pdfrecon/document_result.h"

namespace pdfrecon {

// The contract's JSON document (schema "pdfrecon/1"), fields in contract order.
nlohmann::ordered_json to_json(const DocumentResult& doc);
std::string write_json(const DocumentResult& doc);

// The columns of a records CSV: the profile's record fields, then the value
// field's kind and value (target_kind, target_value for lotaip-a4), page,
// confidence, flags and review_reasons (';'-separated).
std::vector<std::string> record_columns(const DocumentResult& doc);
// One record as the CSV writes it, column by column.
std::vector<std::string> record_row(const DocumentResult& doc, const Record& r);

// RFC 4180 CSV, UTF-8 without BOM, CRLF line ends. With records: one row per
// record (record_columns). Without (generic profile): each
// table's grid, merged cells repeated over their span, tables separated by an
// empty line and introduced by a "# page P table T" row.
// `excel` makes the CSV for a spreadsheet: it starts with U+FEFF (older
// Excel needs it to read UTF-8), and every field spreadsheet_safe.
std::string write_csv(const DocumentResult& doc, bool excel = false);

// GitHub-flavoured Markdown: records as one table, or each grid.
std::string write_markdown(const DocumentResult& doc);

// One CSV field quoted per RFC 4180 when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& s);

// A field a spreadsheet would run as a formula (it starts with "=", "+",
// "-", "@", a tab or a carriage return: a hostile PDF's cell
// "=HYPERLINK(...)") with an apostrophe put before it, so that the
// spreadsheet shows it as text; any other field as it is.
std::string spreadsheet_safe(const std::string& s);

}  // namespace pdfrecon
