// Serialisations of a DocumentResult. Each returns the whole text, so a
// caller can write it atomically (see atomic_file.h) or print it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pdfrecon/document_result.h"

namespace pdfrecon {

// The contract's JSON document (schema "pdfrecon/1"), fields in contract order.
nlohmann::ordered_json to_json(const DocumentResult& doc);
std::string write_json(const DocumentResult& doc);

// RFC 4180 CSV, UTF-8 without BOM, CRLF line ends. With records: one row per
// record (section,no,unit,objective,indicator,target,target_kind,
// target_value,page,confidence,flags). Without (generic profile): each
// table's grid, merged cells repeated over their span, tables separated by an
// empty line and introduced by a "# page P table T" row.
// `bom` prepends U+FEFF, which older Excel needs to read UTF-8.
std::string write_csv(const DocumentResult& doc, bool bom = false);

// GitHub-flavoured Markdown: records as one table, or each grid.
std::string write_markdown(const DocumentResult& doc);

// One CSV field quoted per RFC 4180 when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& s);

}  // namespace pdfrecon
