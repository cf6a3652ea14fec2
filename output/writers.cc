#include "pdfrecon/writers.h"

#include <cmath>
#include <sstream>

namespace pdfrecon {
namespace {

using nlohmann::ordered_json;

// Coordinates to 0.01 pt and confidences to 0.001: more digits are noise.
double round_to(double v, double step) { return std::round(v / step) * step; }

ordered_json box_json(const Box& b) {
  return ordered_json::array(
      {round_to(b.x0, 0.01), round_to(b.y0, 0.01), round_to(b.x1, 0.01), round_to(b.y1, 0.01)});
}

ordered_json cell_json(const GridCell& c) {
  ordered_json j;
  j["row"] = c.row;
  j["col"] = c.col;
  j["row_span"] = c.row_span;
  j["col_span"] = c.col_span;
  j["bbox"] = box_json(c.box);
  j["text"] = c.text;
  j["raw_text"] = c.raw_text;
  j["source"] = c.source;
  j["confidence"] = round_to(c.confidence, 0.001);
  if (!c.corrections.empty()) {
    ordered_json list = ordered_json::array();
    for (const TextCorrection& k : c.corrections) {
      list.push_back({{"rule", k.rule},
                      {"from", k.from},
                      {"to", k.to},
                      {"distance", round_to(k.distance, 0.001)}});
    }
    j["corrections"] = std::move(list);
  }
  if (!c.doubts.empty()) j["doubts"] = c.doubts;
  return j;
}

ordered_json table_json(const CellGrid& t) {
  ordered_json j;
  j["bbox"] = box_json(t.bbox);
  j["n_rows"] = t.n_rows();
  j["n_cols"] = t.n_cols();
  j["ruled"] = t.ruled;
  ordered_json cells = ordered_json::array();
  for (const GridCell& c : t.cells) cells.push_back(cell_json(c));
  j["cells"] = std::move(cells);
  return j;
}

ordered_json record_json(const DocumentResult& doc, const Record& r) {
  ordered_json j;
  for (const std::string& f : doc.record_fields) j[f] = r.field(f);
  if (!doc.value_field.empty()) {
    j[doc.value_field + "_kind"] = r.value_kind;
    j[doc.value_field + "_value"] = r.value ? ordered_json(*r.value) : ordered_json(nullptr);
  }
  j["page"] = r.page;
  j["confidence"] = round_to(r.confidence, 0.001);
  j["flags"] = r.flags;
  j["review_reasons"] = r.review_reasons;
  return j;
}

std::string format_number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// Every grid position's text; a merged cell's text repeated over its span so
// spreadsheet users can filter any column.
std::vector<std::vector<std::string>> grid_rows(const CellGrid& t) {
  std::vector<std::vector<std::string>> rows(t.n_rows(), std::vector<std::string>(t.n_cols()));
  for (const GridCell& c : t.cells) {
    for (int r = c.row; r < c.row + c.row_span && r < t.n_rows(); ++r) {
      for (int k = c.col; k < c.col + c.col_span && k < t.n_cols(); ++k) rows[r][k] = c.text;
    }
  }
  return rows;
}

std::string md_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n' || ch == '\r')
      out += ' ';
    else
      out += ch;
  }
  return out;
}

std::string md_row(const std::vector<std::string>& fields) {
  std::string out = "|";
  for (const std::string& f : fields) {
    out += ' ';
    out += md_escape(f);
    out += " |";
  }
  out += '\n';
  return out;
}

std::string md_table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = md_row(header) + "|";
  for (size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& r : rows) out += md_row(r);
  return out;
}

}  // namespace

std::string spreadsheet_safe(const std::string& s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s.front()) == std::string_view::npos) return s;
  return "'" + s;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::vector<std::string> record_columns(const DocumentResult& doc) {
  std::vector<std::string> out = doc.record_fields;
  if (!doc.value_field.empty()) {
    out.push_back(doc.value_field + "_kind");
    out.push_back(doc.value_field + "_value");
  }
  for (const char* c : {"page", "confidence", "flags", "review_reasons"}) out.push_back(c);
  return out;
}

std::vector<std::string> record_row(const DocumentResult& doc, const Record& r) {
  std::vector<std::string> out;
  for (const std::string& f : doc.record_fields) out.push_back(r.field(f));
  if (!doc.value_field.empty()) {
    out.push_back(r.value_kind);
    out.push_back(r.value_digits);  // exactly as the grammar read it: never 1.23457e+06
  }
  out.push_back(std::to_string(r.page));
  out.push_back(format_number(round_to(r.confidence, 0.001)));
  out.push_back(join(r.flags, ";"));
  out.push_back(join(r.review_reasons, ";"));
  return out;
}

ordered_json to_json(const DocumentResult& doc) {
  ordered_json j;
  j["schema"] = kSchema;
  j["file"] = doc.file;
  j["sha256"] = doc.sha256;
  j["page_count"] = doc.page_count;
  j["profile"] = doc.profile;
  j["status"] = doc.status();
  ordered_json pages = ordered_json::array();
  for (const PageResult& p : doc.pages) {
    ordered_json pj;
    pj["number"] = p.number;
    pj["width"] = round_to(p.width, 0.01);
    pj["height"] = round_to(p.height, 0.01);
    pj["text_source"] = p.text_source;
    pj["skew_degrees"] = round_to(p.skew_degrees, 0.01);
    ordered_json tables = ordered_json::array();
    for (const CellGrid& t : p.tables) tables.push_back(table_json(t));
    pj["tables"] = std::move(tables);
    pj["lines"] = p.lines;
    pages.push_back(std::move(pj));
  }
  j["pages"] = std::move(pages);
  if (doc.records) {
    ordered_json recs = ordered_json::array();
    for (const Record& r : *doc.records) recs.push_back(record_json(doc, r));
    j["records"] = std::move(recs);
  }
  ordered_json meta = ordered_json::object();
  for (const auto& [k, v] : doc.metadata.fields) meta[k] = v;
  if (!doc.metadata.notes.empty()) meta["notes"] = doc.metadata.notes;
  j["metadata"] = std::move(meta);
  j["warnings"] = doc.warnings;
  if (!doc.tool_version.empty()) j["tool_version"] = doc.tool_version;
  if (!doc.options_hash.empty()) j["options_hash"] = doc.options_hash;
  return j;
}

std::string write_json(const DocumentResult& doc) { return to_json(doc).dump(2) + "\n"; }

std::string write_csv(const DocumentResult& doc, bool excel) {
  std::string out = excel ? "\xEF\xBB\xBF" : "";
  auto line = [&out, excel](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += csv_field(excel ? spreadsheet_safe(fields[i]) : fields[i]);
    }
    out += "\r\n";
  };
  if (doc.records) {
    line(record_columns(doc));
    for (const Record& r : *doc.records) line(record_row(doc, r));
    return out;
  }
  bool first = true;
  for (const PageResult& p : doc.pages) {
    for (size_t t = 0; t < p.tables.size(); ++t) {
      if (!first) out += "\r\n";
      first = false;
      line({"# page " + std::to_string(p.number) + " table " + std::to_string(t + 1)});
      for (const auto& row : grid_rows(p.tables[t])) line(row);
    }
  }
  return out;
}

std::string write_markdown(const DocumentResult& doc) {
  std::string out = "# " + md_escape(doc.file) + "\n\n";
  if (doc.records) {
    std::vector<std::vector<std::string>> rows;
    for (const Record& r : *doc.records) rows.push_back(record_row(doc, r));
    out += md_table(record_columns(doc), rows);
    if (!doc.metadata.fields.empty()) {
      out += "\n";
      for (const auto& [k, v] : doc.metadata.fields)
        out += "- **" + k + "**: " + md_escape(v) + "\n";
    }
    return out;
  }
  for (const PageResult& p : doc.pages) {
    for (size_t t = 0; t < p.tables.size(); ++t) {
      out += "## Page " + std::to_string(p.number) + ", table " + std::to_string(t + 1) + "\n\n";
      auto rows = grid_rows(p.tables[t]);
      if (rows.empty()) continue;
      std::vector<std::string> header = rows.front();
      rows.erase(rows.begin());
      out += md_table(header, rows) + "\n";
    }
  }
  return out;
}

}  // namespace pdfrecon
