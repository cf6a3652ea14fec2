#include "pdfrecon/lotaip_profile.h"

#include <algorithm>
#include <array>
#include <optional>

#include "pdfrecon/ocr_distance.h"
#include "pdfrecon/text_key.h"
#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {
namespace {

enum Column { kNo, kUnit, kObjective, kIndicator, kTarget, kColumns };

// Grid column of each role in one table.
using ColumnMap = std::array<int, kColumns>;

bool contains(const std::string& hay, const char* needle) {
  return hay.find(needle) != std::string::npos;
}

// True when a word of `key` is `word`, allowing an OCR slip or two
// ("lndicador", "0bjetivo").
bool has_word(const std::string& key, const char* word) {
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (ocr_distance(key.substr(start, end - start), word, 1).cost <= 0.9) return true;
    start = end + 1;
  }
  return false;
}

// Which role a header cell announces, from its folded text. Header cells
// are short labels; longer text is a data cell that happens to use the word.
std::optional<Column> header_role(const std::string& text) {
  std::string k = comparison_key(text);
  if (std::count(k.begin(), k.end(), ' ') > 4) return std::nullopt;
  if (k == "no" || k == "no." || k == "nro." || k == "n°" || k == "nº") return kNo;
  if (has_word(k, "descripcion") || (has_word(k, "unidad") && !has_word(k, "objetivo"))) {
    return kUnit;
  }
  if (has_word(k, "objetivo")) return kObjective;
  if (has_word(k, "indicador")) return kIndicator;
  if (has_word(k, "meta")) return kTarget;
  return std::nullopt;
}

// The header row of a table: the first row where cells name at least four
// roles, each once — or three in a five-column table, where OCR garbled
// the other labels. Returns the row and the columns.
std::optional<std::pair<int, ColumnMap>> find_header(const CellGrid& t) {
  for (int r = 0; r < std::min(t.n_rows(), 4); ++r) {
    ColumnMap map;
    map.fill(-1);
    int found = 0;
    for (const GridCell& c : t.cells) {
      if (c.row != r) continue;
      if (auto role = header_role(c.text); role && map[*role] < 0) {
        map[*role] = c.col;
        ++found;
      }
    }
    if (found >= 4 || (found == 3 && t.n_cols() == kColumns)) {
      // Missing roles sit in the unclaimed columns, in order.
      for (int role = 0; role < kColumns; ++role) {
        if (map[role] >= 0) continue;
        for (int col = 0; col < t.n_cols(); ++col) {
          if (std::find(map.begin(), map.end(), col) == map.end()) {
            map[role] = col;
            break;
          }
        }
      }
      return std::make_pair(r, map);
    }
  }
  return std::nullopt;
}

ColumnMap default_columns() { return {0, 1, 2, 3, 4}; }

// A row that is one cell across the whole table: a section title.
const GridCell* section_cell(const CellGrid& t, int row) {
  const GridCell* c = t.cell_at(row, 0);
  if (c && c->col_span >= t.n_cols() && !c->text.empty()) return c;
  return nullptr;
}

// A merged block cell seen from one indicator row.
struct BlockRef {
  GridCell* cell = nullptr;
  int segment = -1;  // index into the column's segment list
};

struct Row {
  std::string section;
  std::array<BlockRef, 3> blocks;  // kNo, kUnit, kObjective
  GridCell* indicator = nullptr;
  GridCell* target = nullptr;
  int page = 0;
  int page_slot = 0;  // which main table of the document this row came from
};

// Consecutive rows sharing one merged cell of a column.
struct Segment {
  const GridCell* cell = nullptr;
  std::string text;
  int first_row = 0, last_row = 0;  // indices into rows
  bool opens_table = false;         // first block of its table, no section before it
  bool closes_table = false;        // last block of its table
  int table_slot = 0;
};

const char* kFieldKinds[] = {"no", "unit", "objective"};

std::string metadata_key(const std::string& label) {
  std::string k = comparison_key(label);
  if (contains(k, "link") || contains(k, "enlace")) return "link";
  if (contains(k, "fecha")) return "fecha_actualizacion";
  if (contains(k, "periodicidad")) return "periodicidad";
  if (contains(k, "correo")) return "correo";
  if (contains(k, "telefon")) return "telefono";
  if (contains(k, "responsable")) return "responsable";
  if (contains(k, "unidad poseedora")) return "unidad_poseedora";
  return "";
}

void read_footer_table(const CellGrid& t, ReportMetadata& meta) {
  for (int r = 0; r < t.n_rows(); ++r) {
    const GridCell* label = t.cell_at(r, 0);
    const GridCell* value = t.cell_at(r, t.n_cols() - 1);
    if (!label || !value || label == value) continue;
    std::string key = metadata_key(label->text);
    if (!key.empty() && !meta.get(key)) meta.set(key, value->text);
  }
}

// Footer lines printed without rulings: "LABEL: value".
void read_footer_lines(const std::vector<std::string>& lines, ReportMetadata& meta) {
  for (const std::string& line : lines) {
    std::string k = comparison_key(line);
    if (k.rfind("nota", 0) == 0) {
      meta.notes.push_back(line);
      continue;
    }
    size_t colon = line.rfind(": ");
    if (colon == std::string::npos) continue;
    std::string key = metadata_key(line.substr(0, colon));
    if (!key.empty() && !meta.get(key)) meta.set(key, collapse_whitespace(line.substr(colon + 2)));
  }
}

// How sure a No. inferred from its neighbours is.
constexpr double kInferredNumberConfidence = 0.85;

bool is_unit_number(const std::string& s) {
  return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Units are numbered 1, 2, 3...: No. cells that OCR garbled ("E!", "u")
// or lost, between two readable ones that leave exactly as many numbers
// free as there are units in between, are those numbers. Anything less
// certain stays as found, and is flagged later.
void infer_unit_numbers(std::vector<Segment>& segs, const std::vector<Row>& rows) {
  size_t s = 0;
  while (s < segs.size()) {
    if (is_unit_number(segs[s].text)) {
      ++s;
      continue;
    }
    size_t end = s;  // the run of unreadable segments is [s, end)
    while (end < segs.size() && !is_unit_number(segs[end].text)) ++end;
    std::optional<int> prev;
    if (s > 0) prev = std::stoi(segs[s - 1].text);
    if (end < segs.size()) {
      // Units in the run: a block split by a page break counts once.
      std::vector<int> unit_of(end - s);
      int units = 0;
      for (size_t i = s; i < end; ++i) {
        bool continued = i > s && segs[i].opens_table && segs[i - 1].closes_table &&
                         segs[i].text == segs[i - 1].text;
        if (!continued) ++units;
        unit_of[i - s] = units;
      }
      int first = prev ? *prev + 1 : 1;
      if (std::stoi(segs[end].text) == first + units) {
        for (size_t i = s; i < end; ++i) {
          const std::string from = segs[i].text;
          segs[i].text = std::to_string(first + unit_of[i - s] - 1);
          GridCell* cell = rows[segs[i].first_row].blocks[kNo].cell;
          if (cell && cell->text == from) {  // not text copied across a page break
            cell->text = segs[i].text;
            cell->corrections.push_back({"number-sequence", from, segs[i].text, 0});
            cell->confidence = kInferredNumberConfidence;  // the sequence, not the reading, vouches
          }
        }
      }
    }
    s = end;
  }
}

}  // namespace

bool is_lotaip_a4(const std::vector<PageContent>& pages) {
  for (const PageContent& p : pages) {
    for (const std::string& line : p.lines) {
      if (contains(comparison_key(line), "literal a4")) return true;
    }
    if (!p.tables) continue;
    for (const CellGrid& t : *p.tables) {
      if (find_header(t)) return true;
    }
  }
  return false;
}

ProfileResult extract_lotaip_a4(std::vector<PageContent>& pages, const TextReconciler* reconciler) {
  ProfileResult out;

  // 1. Clean every cell of the main tables by its column's role, and collect
  //    the indicator rows in reading order.
  std::vector<Row> rows;
  std::optional<ColumnMap> last_columns;
  int last_n_cols = 0;
  int slot = 0;
  std::string section;
  for (PageContent& page : pages) {
    if (!page.tables) continue;
    for (CellGrid& t : *page.tables) {
      ColumnMap cols;
      int first_row = 0;
      if (auto header = find_header(t)) {
        cols = header->second;
        first_row = header->first + 1;
      } else if (last_columns && t.n_cols() == last_n_cols) {
        cols = *last_columns;  // a continuation page without a repeated header
      } else if (t.n_cols() == 2) {
        if (reconciler) reconciler->clean_free_cells(t);
        read_footer_table(t, out.metadata);
        continue;
      } else if (t.n_cols() == kColumns && !rows.empty()) {
        cols = default_columns();
      } else {
        continue;  // some other table: reported as a grid only
      }
      last_columns = cols;
      last_n_cols = t.n_cols();
      ++slot;

      for (int r = first_row; r < t.n_rows(); ++r) {
        if (const GridCell* s = section_cell(t, r)) {
          GridCell* cell = t.cell_at(r, 0);
          if (reconciler) reconciler->clean_cell(*cell, FieldKind::kSection);
          section = s->text;
          continue;
        }
        Row row;
        row.section = section;
        row.page = page.number;
        row.page_slot = slot;
        for (int k = kNo; k <= kObjective; ++k) row.blocks[k].cell = t.cell_at(r, cols[k]);
        row.indicator = t.cell_at(r, cols[kIndicator]);
        row.target = t.cell_at(r, cols[kTarget]);
        if (!row.indicator || !row.target) continue;
        bool empty = row.indicator->text.empty() && row.target->text.empty();
        if (empty) continue;
        rows.push_back(row);
      }
    }
  }

  // Clean each distinct cell once (merged cells are shared by many rows).
  if (reconciler) {
    std::vector<GridCell*> done;
    auto clean_once = [&](GridCell* c, FieldKind kind) {
      if (!c || std::find(done.begin(), done.end(), c) != done.end()) return;
      done.push_back(c);
      reconciler->clean_cell(*c, kind);
    };
    for (const Row& row : rows) {
      clean_once(row.blocks[kNo].cell, FieldKind::kNumber);
      clean_once(row.blocks[kUnit].cell, FieldKind::kUnit);
      clean_once(row.blocks[kObjective].cell, FieldKind::kObjective);
      clean_once(row.indicator, FieldKind::kIndicator);
    }
  }

  // 2. Segments per block column; blank segments at a page break take the
  //    text printed across the break.
  for (int k = kNo; k <= kObjective; ++k) {
    std::vector<Segment> segs;
    for (size_t i = 0; i < rows.size(); ++i) {
      Row& row = rows[i];
      bool same = !segs.empty() && segs.back().cell == row.blocks[k].cell &&
                  segs.back().table_slot == row.page_slot;
      if (!same) {
        Segment s;
        s.cell = row.blocks[k].cell;
        s.text = s.cell ? s.cell->text : "";
        s.first_row = int(i);
        s.table_slot = row.page_slot;
        bool new_table = segs.empty() || segs.back().table_slot != row.page_slot;
        bool section_changed = i > 0 && rows[i - 1].section != row.section;
        s.opens_table = new_table && !section_changed;
        if (!segs.empty() && new_table) segs.back().closes_table = true;
        segs.push_back(s);
      }
      segs.back().last_row = int(i);
      row.blocks[k].segment = int(segs.size()) - 1;
    }
    // A blank block opening a table continues the block before the break;
    // a blank block closing a table is continued after it.
    for (size_t s = 0; s < segs.size(); ++s) {
      if (!segs[s].text.empty()) continue;
      if (segs[s].opens_table && s > 0 && segs[s - 1].closes_table) {
        segs[s].text = segs[s - 1].text;
      } else if (segs[s].closes_table && s + 1 < segs.size() && segs[s + 1].opens_table) {
        segs[s].text = segs[s + 1].text;
      }
    }
    if (k == kNo) infer_unit_numbers(segs, rows);
    // 3. Write the resolved text into the records.
    if (out.records.empty()) out.records.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string& text = segs[rows[i].blocks[k].segment].text;
      Record& rec = out.records[i];
      if (k == kNo) rec.no = text;
      if (k == kUnit) rec.unit = text;
      if (k == kObjective) rec.objective = text;
      if (text.empty() && k != kNo) {
        rec.add_flag("needs_review");
        out.warnings.push_back("page " + std::to_string(rows[i].page) + ": indicator '" +
                               rows[i].indicator->text + "' has no " + kFieldKinds[k]);
      }
    }
  }

  // 4. Indicator and target of each record; confidence and flags.
  for (size_t i = 0; i < rows.size(); ++i) {
    Record& rec = out.records[i];
    const Row& row = rows[i];
    rec.section = row.section;
    rec.page = row.page;
    rec.indicator = row.indicator->text;
    GridCell& target = *row.target;
    TargetReading reading =
        reconciler ? reconciler->clean_target(target) : read_target(target.text);
    rec.target = reading.text;
    rec.target_kind = reading.kind;
    rec.target_value = reading.value;
    rec.confidence = reading.confidence;
    if (reading.needs_review) rec.add_flag("needs_review");

    const GridCell* sources[] = {row.blocks[kNo].cell, row.blocks[kUnit].cell,
                                 row.blocks[kObjective].cell, row.indicator, row.target};
    for (const GridCell* c : sources) {
      if (!c) continue;
      rec.confidence = std::min(rec.confidence, c->confidence);
      if (!c->corrections.empty()) rec.add_flag("corrected");
    }
    if (rec.indicator.empty()) rec.add_flag("needs_review");
    // Units are numbered 1, 2, 3...: a missing or non-numeric No. is a
    // misread figure until a person says otherwise.
    if (rec.no.empty() || rec.no.find_first_not_of("0123456789") != std::string::npos) {
      rec.add_flag("needs_review");
    }
    if (rec.confidence < kReviewBelow) rec.add_flag("needs_review");
  }

  // Units are numbered in order: a No. repaired from OCR letters ("l" ->
  // "1") stands only where it continues the sequence.
  int previous = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    Record& rec = out.records[i];
    if (!is_unit_number(rec.no)) continue;
    int n = std::stoi(rec.no);
    const GridCell* cell = rows[i].blocks[kNo].cell;
    bool repaired =
        cell && std::any_of(cell->corrections.begin(), cell->corrections.end(),
                            [](const TextCorrection& c) { return c.rule == "digit-confusion"; });
    if (repaired && n != previous && n != previous + 1) rec.add_flag("needs_review");
    previous = n;
  }

  for (const PageContent& page : pages) read_footer_lines(page.lines, out.metadata);
  return out;
}

}  // namespace pdfrecon
