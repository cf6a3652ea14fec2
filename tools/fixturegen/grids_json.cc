#include "grids_json.h"

#include <cmath>

namespace fixturegen {
namespace {

using nlohmann::ordered_json;

// Two decimals: enough for points, and stable text in the fixture.
double round2(double v) {
  const double r = std::round(v * 100) / 100;
  return r == 0 ? 0 : r;  // no "-0.0"
}

ordered_json box_json(const Rect& r) {
  return ordered_json::array({round2(r.x0), round2(r.y0), round2(r.x1), round2(r.y1)});
}

ordered_json cell_json(const GridCell& c) {
  ordered_json j;
  j["row"] = c.row;
  j["col"] = c.col;
  j["row_span"] = c.row_span;
  j["col_span"] = c.col_span;
  j["bbox"] = box_json(c.bbox);
  j["text"] = c.text;
  return j;
}

ordered_json table_json(const GridTable& t) {
  ordered_json j;
  j["bbox"] = box_json(t.bbox);
  j["n_rows"] = t.n_rows;
  j["n_cols"] = t.n_cols;
  j["cells"] = ordered_json::array();
  for (const auto& c : t.cells) j["cells"].push_back(cell_json(c));
  return j;
}

bool is_flat(const ordered_json& j) {
  if (!j.is_structured()) return true;
  for (const auto& child : j) {
    if (child.is_object()) return false;
    if (child.is_array() && !is_flat(child)) return false;
  }
  return true;
}

// One line, with a space after each separator.
std::string dump_flat(const ordered_json& j) {
  if (!j.is_structured()) return j.dump();
  std::string out = j.is_object() ? "{" : "[";
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it != j.begin()) out += ", ";
    if (j.is_object()) out += ordered_json(it.key()).dump() + ": ";
    out += dump_flat(it.value());
  }
  return out + (j.is_object() ? "}" : "]");
}

}  // namespace

std::string format_json(const ordered_json& j, int indent) {
  if (is_flat(j)) return dump_flat(j);
  const std::string pad(static_cast<size_t>(indent + 1), ' ');
  std::string out = j.is_object() ? "{\n" : "[\n";
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ",\n";
    first = false;
    out += pad;
    if (j.is_object()) out += ordered_json(it.key()).dump() + ": ";
    out += format_json(it.value(), indent + 1);
  }
  out += '\n';
  out.append(static_cast<size_t>(indent), ' ');
  out += j.is_object() ? '}' : ']';
  return out;
}

ordered_json grids_json(const DocumentLayout& doc, const std::string& source) {
  ordered_json j;
  j["source"] = source;
  j["pages"] = ordered_json::array();
  for (const auto& page : doc.pages) {
    ordered_json p;
    p["number"] = page.number;
    p["tables"] = ordered_json::array();
    for (const auto& t : page.tables) p["tables"].push_back(table_json(t));
    j["pages"].push_back(std::move(p));
  }
  return j;
}

}  // namespace fixturegen
