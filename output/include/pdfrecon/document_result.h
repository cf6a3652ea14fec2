// What pdfrecon returns for one PDF: the output contract's document
// (shared/spec/output.md), before it is written as JSON, CSV or Markdown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/records.h"

namespace pdfrecon {

inline constexpr const char* kSchema = "pdfrecon/1";

struct PageResult {
  int number = 0;  // one-based
  double width = 0, height = 0;
  // "native" | "ocr" | "mixed"; "unread" for a page that could not be
  // read (the reason is in the document's warnings).
  std::string text_source = "native";
  double skew_degrees = 0;
  std::vector<CellGrid> tables;
  // Text outside every table, one line each, top to bottom: titles, footers
  // printed without rulings, notes. (An addition to the contract.)
  std::vector<std::string> lines;
  // When unruled tables (CellGrid::ruled false) took some of the page's
  // text: the lines outside the ruled tables only, which a report profile
  // reads (its records come from ruled tables). Not written.
  std::vector<std::string> lines_outside_ruled;
};

struct DocumentResult {
  std::string file;  // as the user named it
  std::string sha256;
  int page_count = 0;
  std::string profile = "generic";
  std::vector<PageResult> pages;
  // Present when a profile such as lotaip-a4 applied (possibly empty).
  std::optional<std::vector<Record>> records;
  // The records' fields in order (the profile's), and the field whose value
  // the grammar read ("target": written with target_kind, target_value).
  std::vector<std::string> record_fields;
  std::string value_field;
  ReportMetadata metadata;
  std::vector<std::string> warnings;
  // Pages requested that could not be read (text_source "unread"): the
  // document is then "partial" (an addition to the contract).
  int unread_pages = 0;
  // What made this output (an addition to the contract): the tool's version
  // (the build's, with its commit) and a hash of the options that change
  // outputs. Written when set; `batch --resume` compares them.
  std::string tool_version;
  std::string options_hash;
  const char* status() const { return unread_pages ? "partial" : "complete"; }
};

}  // namespace pdfrecon
