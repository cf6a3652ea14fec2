#include "truth.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace fixturegen {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "lotaip-a4-truth/1";

std::string required_string(const json& j, const char* key) {
  if (!j.contains(key) || !j.at(key).is_string()) {
    throw std::runtime_error(std::string("missing string field \"") + key + "\"");
  }
  return j.at(key).get<std::string>();
}

std::string optional_string(const json& j, const char* key, const std::string& fallback = "") {
  return j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : fallback;
}

std::vector<std::string> string_list(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key)) {
    for (const auto& item : j.at(key)) out.push_back(item.get<std::string>());
  }
  return out;
}

Objective parse_objective(const json& j) {
  Objective o{required_string(j, "text"), {}};
  for (const auto& ind : j.at("indicators")) {
    o.indicators.push_back({required_string(ind, "name"), required_string(ind, "target")});
  }
  if (o.indicators.empty()) throw std::runtime_error("objective without indicators: " + o.text);
  return o;
}

Unit parse_unit(const json& j) {
  Unit u{required_string(j, "no"), required_string(j, "name"), {}};
  for (const auto& obj : j.at("objectives")) u.objectives.push_back(parse_objective(obj));
  if (u.objectives.empty()) throw std::runtime_error("unit without objectives: " + u.name);
  return u;
}

Footer parse_footer(const json& j) {
  Footer f;
  f.link_label = optional_string(j, "link_label",
                                 "LINK PARA DESCARGAR EL REPORTE DE GOBIERNO POR RESULTADOS (GPR)");
  f.link = optional_string(j, "link");
  f.fecha_actualizacion = optional_string(j, "fecha_actualizacion");
  f.periodicidad = optional_string(j, "periodicidad");
  f.unidad_poseedora = optional_string(j, "unidad_poseedora");
  f.responsable = optional_string(j, "responsable");
  f.correo = optional_string(j, "correo");
  f.telefono = optional_string(j, "telefono");
  return f;
}

Truth parse_truth(const json& j) {
  Truth t;
  t.format = required_string(j, "format");
  if (t.format != kFormat) throw std::runtime_error("unsupported format \"" + t.format + "\"");
  t.institution = required_string(j, "institution");
  t.period = required_string(j, "period");
  t.title = string_list(j, "title");
  t.columns = string_list(j, "columns");
  if (t.columns.size() != 5) throw std::runtime_error("\"columns\" must list 5 headings");
  for (const auto& s : j.at("sections")) {
    Section sec{required_string(s, "title"), {}};
    for (const auto& u : s.at("units")) sec.units.push_back(parse_unit(u));
    t.sections.push_back(std::move(sec));
  }
  if (j.contains("footer")) t.footer = parse_footer(j.at("footer"));
  t.notes = string_list(j, "notes");
  return t;
}

}  // namespace

int Unit::indicator_count() const {
  int n = 0;
  for (const auto& o : objectives) n += static_cast<int>(o.indicators.size());
  return n;
}

Truth load_truth(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  try {
    return parse_truth(json::parse(in));
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace fixturegen
