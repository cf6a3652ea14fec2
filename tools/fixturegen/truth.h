// The ground-truth model of a LOTAIP literal a4 report (format
// "lotaip-a4-truth/1", see shared/spec/ground-truth.md).
#pragma once

#include <string>
#include <vector>

namespace fixturegen {

struct Indicator {
  std::string name;
  std::string target;
};

struct Objective {
  std::string text;
  std::vector<Indicator> indicators;
};

struct Unit {
  std::string no;
  std::string name;
  std::vector<Objective> objectives;

  int indicator_count() const;
};

struct Section {
  std::string title;
  std::vector<Unit> units;
};

struct Footer {
  std::string link_label;
  std::string link;
  std::string fecha_actualizacion;
  std::string periodicidad;
  std::string unidad_poseedora;
  std::string responsable;
  std::string correo;
  std::string telefono;
};

struct Truth {
  std::string format;
  std::string institution;
  std::string period;
  std::vector<std::string> title;
  std::vector<std::string> columns;
  std::vector<Section> sections;
  Footer footer;
  std::vector<std::string> notes;
};

// Reads and validates a truth file; throws std::runtime_error naming the
// file and the problem.
Truth load_truth(const std::string& path);

}  // namespace fixturegen
