#include "pdfrecon/report_records.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "pdfrecon/text_key.h"
#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {
namespace {

// Grid column of each profile column in one table, -1 where it has none.
using ColumnMap = std::vector<int>;

// A header row: which grid column each profile column is, and where its
// header cell's centre lies, to map tables of other shapes by position.
struct Header {
  int row = 0;
  ColumnMap map;
  std::vector<double> centres;  // x, points; NaN-free: only mapped columns are set
};

// Rows searched for a header at the top of a table.
constexpr int kHeaderRows = 4;

// The header row of a table: the first row whose cells name all of the
// profile's columns but one, or all but two when the table has exactly the
// profile's columns and OCR garbled some labels. Unnamed columns take the
// unclaimed grid columns in order.
std::optional<Header> find_header(const CellGrid& t, const ReportProfile& p) {
  const int n = int(p.columns.size());
  for (int r = 0; r < std::min(t.n_rows(), kHeaderRows); ++r) {
    Header h;
    h.row = r;
    h.map.assign(size_t(n), -1);
    h.centres.assign(size_t(n), 0);
    int found = 0;
    for (const GridCell& c : t.cells) {
      if (c.row != r) continue;
      if (auto k = header_column(p, c.text); k && h.map[size_t(*k)] < 0) {
        h.map[size_t(*k)] = c.col;
        h.centres[size_t(*k)] = c.box.cx();
        ++found;
      }
    }
    bool enough = found >= std::max(2, n - 1) || (found >= std::max(2, n - 2) && t.n_cols() == n);
    if (!enough) continue;
    for (int k = 0; k < n; ++k) {
      if (h.map[size_t(k)] >= 0) continue;
      for (int col = 0; col < t.n_cols(); ++col) {
        if (std::find(h.map.begin(), h.map.end(), col) == h.map.end()) {
          h.map[size_t(k)] = col;
          h.centres[size_t(k)] = (t.col_edges[size_t(col)] + t.col_edges[size_t(col) + 1]) / 2;
          break;
        }
      }
    }
    return h;
  }
  return std::nullopt;
}

// How many of the profile's columns `text` names (a header phrase of each
// among its words), and how many words the longest such phrases hold.
std::pair<int, int> columns_named(const ReportProfile& p, const std::string& text) {
  const std::vector<std::string> words = key_words(comparison_key(text));
  int named = 0, held = 0;
  for (const ProfileColumn& c : p.columns) {
    int longest = 0;
    for (const std::string& phrase : c.header) {
      if (phrase_position(words, phrase) >= 0) {
        longest = std::max(longest, int(key_words(phrase).size()));
      }
    }
    named += longest > 0;
    held += longest;
  }
  return {named, held};
}

// A header whose rulings a scan lost: the verticals between its cells and
// the ruling under it gone, the header and the first section came out as
// one cell across a table of the profile's columns ("No. Descripción de la
// unidad ... Meta cuantificable PROCESOS GOBERNANTES / ..."). When such a
// cell's first words name all the columns but one, the grid's columns are
// the profile's in order; the words after the header stay in the cell, a
// section's title (or nothing: the cell was the header alone).
std::optional<Header> merged_header(CellGrid& t, const ReportProfile& p) {
  const int n = int(p.columns.size());
  if (t.n_cols() != n) return std::nullopt;
  for (int r = 0; r < std::min(t.n_rows(), kHeaderRows); ++r) {
    GridCell* cell = t.cell_at(r, 0);
    if (!cell || cell->row != r || cell->col_span < n || cell->text.empty()) continue;
    std::vector<std::string> tokens;
    std::istringstream in(cell->text);
    for (std::string w; in >> w;) tokens.push_back(w);
    // The shortest run of first words that names the most columns with
    // their longest phrases ("Meta cuantificable", not "Meta").
    std::pair<int, int> best{0, 0};
    size_t cut = 0;
    std::string prefix;
    for (size_t k = 0; k < tokens.size(); ++k) {
      prefix += (k ? " " : "") + tokens[k];
      std::pair<int, int> named = columns_named(p, prefix);
      if (named > best) best = named, cut = k + 1;
    }
    if (best.first < std::max(2, n - 1)) continue;
    Header h;
    h.row = r;
    for (int k = 0; k < n; ++k) {
      h.map.push_back(k);
      h.centres.push_back((t.col_edges[size_t(k)] + t.col_edges[size_t(k) + 1]) / 2);
    }
    std::string rest;
    for (size_t k = cut; k < tokens.size(); ++k) rest += (rest.empty() ? "" : " ") + tokens[k];
    cell->text = rest;
    return h;
  }
  return std::nullopt;
}

// A table without a header of its own, mapped by where an earlier header's
// cells were: each profile column is the grid column under its header's
// centre. Columns whose rulings a scan lost between them share one grid
// column: none of them is mapped (their fields come out empty, and the
// records are flagged for it), unless the key or the value column is
// among them. Empty then, or when the key column has no grid column.
ColumnMap map_by_position(const CellGrid& t, const Header& h, const ReportProfile& p) {
  ColumnMap map(p.columns.size(), -1);
  for (size_t k = 0; k < map.size(); ++k) {
    if (h.map[k] < 0) continue;
    for (int c = 0; c < t.n_cols(); ++c) {
      if (h.centres[k] >= t.col_edges[size_t(c)] && h.centres[k] < t.col_edges[size_t(c) + 1]) {
        map[k] = c;
      }
    }
  }
  const int key = p.key_column(), value = p.value_column();
  ColumnMap out = map;
  for (size_t k = 0; k < map.size(); ++k) {
    if (map[k] < 0 || std::count(map.begin(), map.end(), map[k]) < 2) continue;
    if (int(k) == key || int(k) == value) return {};
    out[k] = -1;
  }
  if (out[size_t(key)] < 0) return {};
  return out;
}

// A row that is one filled cell across the whole table: a section title.
GridCell* section_cell(CellGrid& t, int row) {
  GridCell* c = t.cell_at(row, 0);
  if (c && c->row == row && c->col_span >= t.n_cols() && !c->text.empty()) return c;
  return nullptr;
}

// A row of the footer block: a label cell the profile knows and a value
// cell, both starting in this row.
struct FooterRow {
  std::string key;
  std::string text;  // the value as its key says it is (clean_footer_value)
};

std::optional<FooterRow> footer_row(CellGrid& t, int row, const ReportProfile& p) {
  std::vector<GridCell*> cells;
  for (int c = 0; c < t.n_cols(); ++c) {
    GridCell* cell = t.cell_at(row, c);
    if (!cell || (!cells.empty() && cells.back() == cell)) continue;
    if (cell->row != row) return std::nullopt;  // part of a block above: a data row
    cells.push_back(cell);
  }
  if (cells.size() < 2) return std::nullopt;
  std::string key = footer_key(p, cells.front()->text);
  if (key.empty()) return std::nullopt;
  // The value is the text of the cells after the label: a stamp or a
  // damaged ruling may cut it into several, some empty.
  std::string value;
  for (size_t i = 1; i < cells.size(); ++i) {
    if (!cells[i]->text.empty()) value += (value.empty() ? "" : " ") + cells[i]->text;
  }
  for (const FooterKey& k : p.footer) {
    if (k.key == key) return FooterRow{key, clean_footer_value(k, value)};
  }
  return std::nullopt;
}

// An indicator row: the cell of each profile column.
struct Row {
  std::string section;
  std::vector<GridCell*> cells;  // per profile column; may be null
  std::vector<int> segment;      // per profile column: index into that column's segments
  int page = 0;
  int table_slot = 0;  // which main table of the document the row came from
};

// Consecutive rows sharing one merged cell of a column.
struct Segment {
  const GridCell* cell = nullptr;
  // The cell whose text the block carries: its own, or the block's across
  // a page break (whose reading's evidence then goes with the text).
  const GridCell* source = nullptr;
  std::string text;
  int first_row = 0, last_row = 0;  // indices into rows
  bool opens_table = false;         // first block of its table, no section before it
  bool closes_table = false;        // last block of its table
  int table_slot = 0;
};

// How sure a No. inferred from its neighbours is: the gap left no choice,
// but the numbering could skip (a unit removed), which nothing here sees.
constexpr double kInferredNumberConfidence = 0.85;

bool is_unit_number(const std::string& s) {
  return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Units are numbered 1, 2, 3...: No. cells that OCR garbled ("E!", "u")
// or lost, between two readable ones that leave exactly as many numbers
// free as there are units in between, are those numbers. Anything less
// certain stays as found, for the review policy.
void infer_unit_numbers(std::vector<Segment>& segs, const std::vector<Row>& rows, int column) {
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
          GridCell* cell = rows[size_t(segs[i].first_row)].cells[size_t(column)];
          if (cell && cell->text == from) {  // not text copied across a page break
            cell->text = segs[i].text;
            cell->corrections.push_back({"number-sequence", from, segs[i].text, 0});
            // The numbering, not the reading, vouches for it now.
            cell->confidence = kInferredNumberConfidence;
          }
        }
      }
    }
    s = end;
  }
}

// Whether each segment's number breaks the numbering: a unit's No. is the
// one before it, or one more, or fits the one after it the same way (so
// that in 1, 2, 8, 4 only the 8 is out of place).
std::vector<bool> broken_sequence(const std::vector<Segment>& segs) {
  std::vector<bool> out(segs.size(), false);
  std::vector<int> n(segs.size(), -1);
  for (size_t i = 0; i < segs.size(); ++i) {
    if (is_unit_number(segs[i].text)) n[i] = std::stoi(segs[i].text);
  }
  for (size_t i = 0; i < segs.size(); ++i) {
    if (n[i] < 0) {
      out[i] = !segs[i].text.empty();  // a No. that is no number ("E!")
      continue;
    }
    int prev = -1, next = -1;
    for (size_t j = i; j-- > 0;) {
      if (n[j] >= 0) {
        prev = n[j];
        break;
      }
    }
    for (size_t j = i + 1; j < segs.size(); ++j) {
      if (n[j] >= 0) {
        next = n[j];
        break;
      }
    }
    // The same number again is the same unit only across a page break.
    bool continued = i > 0 && segs[i].opens_table && segs[i - 1].closes_table;
    bool fits_prev = prev < 0 || n[i] == prev + 1 || (n[i] == prev && continued);
    bool fits_next =
        next < 0 || n[i] == next - 1 ||
        (n[i] == next && i + 1 < segs.size() && segs[i + 1].opens_table && segs[i].closes_table);
    // A number that fits neither neighbour is out of place; one that fits
    // one of them is not (in 1, 2, 8, 4, 5 the 4 fits the 5).
    out[i] = prev < 0 && next < 0 ? n[i] < 1 : !(fits_prev || fits_next);
  }
  return out;
}

// Whether a row's cells betray a grid that lost a ruling: one cell serving
// two of the profile's columns (a vertical ruling missing), or a key cell
// and a value cell over different rows (a horizontal one missing on one
// side). In the report's spreadsheet neither happens.
bool row_grid_doubtful(const Row& row, int key_col, int value_col) {
  for (size_t a = 0; a < row.cells.size(); ++a) {
    for (size_t b = a + 1; b < row.cells.size(); ++b) {
      if (row.cells[a] && row.cells[a] == row.cells[b]) return true;
    }
  }
  if (value_col < 0) return false;
  const GridCell* key = row.cells[size_t(key_col)];
  const GridCell* value = row.cells[size_t(value_col)];
  return key && value && (key->row != value->row || key->row_span != value->row_span);
}

// The kind of the value column: percent or number, whichever most of its
// cells are, when values (N/A included) fill two thirds of its filled
// cells; kText when the column has no clear kind.
ValueKind column_kind(const std::vector<ValueReading>& values) {
  int filled = 0, shaped = 0, percent = 0, number = 0;
  for (const ValueReading& v : values) {
    if (v.text.empty()) continue;
    ++filled;
    shaped += v.kind != ValueKind::kText;
    percent += v.kind == ValueKind::kPercent;
    number += v.kind == ValueKind::kNumber;
  }
  if (3 * shaped < 2 * filled || std::max(percent, number) < 3) return ValueKind::kText;
  return percent >= number ? ValueKind::kPercent : ValueKind::kNumber;
}

// Footer values that name a unit (the unit that holds the information),
// read through stamps and signatures, become that unit's name as the
// records print it: the report's own units are what such a value can be.
// A value that names none clearly stays as read. The dictionary's units
// come after the report's, for a unit whose rows were not read.
void name_footer_units(const ReportProfile& p, const TextReconciler* reconciler,
                       ProfileResult& out) {
  std::vector<std::string> units;
  for (const ProfileColumn& c : p.columns) {
    if (c.clean != FieldKind::kUnit) continue;
    for (const Record& r : out.records) {
      const std::string& u = r.field(c.field);
      if (!u.empty() && std::find(units.begin(), units.end(), u) == units.end()) units.push_back(u);
    }
  }
  if (reconciler) {
    for (std::string& u : reconciler->known_names(FieldKind::kUnit)) units.push_back(std::move(u));
  }
  for (const FooterKey& k : p.footer) {
    const std::string* value = k.value == FooterValue::kUnit ? out.metadata.get(k.key) : nullptr;
    if (!value || value->empty()) continue;
    std::string named = unit_named(*value, units);
    if (!named.empty()) out.metadata.set(k.key, named);
  }
}

void read_footer_lines(const std::vector<std::string>& lines, const ReportProfile& p,
                       ReportMetadata& meta) {
  for (const std::string& line : lines) {
    std::string k = comparison_key(line);
    bool note = std::any_of(p.note_prefixes.begin(), p.note_prefixes.end(),
                            [&k](const std::string& n) { return k.rfind(n, 0) == 0; });
    if (note) {
      meta.notes.push_back(line);
      continue;
    }
    size_t colon = line.rfind(": ");
    if (colon == std::string::npos) continue;
    std::string key = footer_key(p, line.substr(0, colon));
    if (key.empty() || meta.get(key)) continue;
    for (const FooterKey& f : p.footer) {
      if (f.key == key)
        meta.set(key, clean_footer_value(f, collapse_whitespace(line.substr(colon + 2))));
    }
  }
}

}  // namespace

bool is_report(const std::vector<PageContent>& pages, const ReportProfile& profile) {
  for (const PageContent& p : pages) {
    for (const std::string& line : p.lines) {
      std::string k = comparison_key(line);
      for (const std::string& phrase : profile.detect) {
        if (k.find(phrase) != std::string::npos) return true;
      }
    }
    if (!p.tables) continue;
    for (const CellGrid& t : *p.tables) {
      if (find_header(t, profile)) return true;
    }
  }
  return false;
}

ProfileResult read_records(std::vector<PageContent>& pages, const ReportProfile& profile,
                           const TextReconciler* reconciler, const ReviewPolicy& policy) {
  ProfileResult out;
  const int ncols = int(profile.columns.size());
  const int key_col = profile.key_column();
  const int value_col = profile.value_column();

  // 1. The data rows of every table in reading order; section rows and
  //    footer rows on the way.
  std::vector<Row> rows;
  std::optional<Header> last_header;
  ColumnMap last_map;
  int last_n_cols = 0;
  int slot = 0;
  std::string section;
  for (PageContent& page : pages) {
    if (!page.tables) continue;
    for (CellGrid& t : *page.tables) {
      ColumnMap map;
      int first_row = 0;
      if (auto header = find_header(t, profile)) {
        map = header->map;
        first_row = header->row + 1;
        last_header = header;
      } else if (auto merged = merged_header(t, profile)) {
        map = merged->map;
        // The header's cell holds the first section's title, or nothing.
        first_row = merged->row + (t.cell_at(merged->row, 0)->text.empty() ? 1 : 0);
        last_header = merged;
      } else if (!last_map.empty() && t.n_cols() == last_n_cols) {
        map = last_map;  // a continuation page without a repeated header
      } else if (last_header && !(map = map_by_position(t, *last_header, profile)).empty()) {
        // columns under the header's columns
      } else if (t.n_cols() == ncols && !rows.empty()) {
        for (int k = 0; k < ncols; ++k) map.push_back(k);
      } else {
        // Some other table: the footer block as a table of its own, or a
        // table reported as a grid only.
        for (int r = 0; r < t.n_rows(); ++r) {
          if (auto f = footer_row(t, r, profile)) {
            if (!out.metadata.get(f->key)) out.metadata.set(f->key, f->text);
          }
        }
        continue;
      }
      last_map = map;
      last_n_cols = t.n_cols();
      ++slot;

      for (int r = first_row; r < t.n_rows(); ++r) {
        if (GridCell* s = section_cell(t, r)) {
          if (reconciler) reconciler->clean_cell(*s, FieldKind::kSection);
          section = s->text;
          continue;
        }
        if (auto f = footer_row(t, r, profile)) {
          if (!out.metadata.get(f->key)) out.metadata.set(f->key, f->text);
          continue;
        }
        Row row;
        row.section = section;
        row.page = page.number;
        row.table_slot = slot;
        for (int k = 0; k < ncols; ++k) {
          row.cells.push_back(map[size_t(k)] >= 0 ? t.cell_at(r, map[size_t(k)]) : nullptr);
        }
        GridCell* key = row.cells[size_t(key_col)];
        GridCell* value = value_col >= 0 ? row.cells[size_t(value_col)] : nullptr;
        // A row belongs to the key cell that starts in it; an empty row
        // (spacing, a stamp's remains) is no record.
        if (!key || key->row != r) continue;
        if (key->text.empty() && (!value || value->text.empty())) continue;
        row.segment.assign(size_t(ncols), -1);
        rows.push_back(std::move(row));
      }
    }
  }

  // 2. Clean each distinct cell once by its column (merged cells are shared
  //    by many rows); values through the grammar.
  std::vector<ValueEvidence> values(rows.size());
  if (reconciler) {
    std::vector<const GridCell*> done;
    for (const Row& row : rows) {
      for (int k = 0; k < ncols; ++k) {
        GridCell* c = row.cells[size_t(k)];
        if (!c || k == value_col || std::find(done.begin(), done.end(), c) != done.end()) continue;
        done.push_back(c);
        reconciler->clean_cell(*c, profile.columns[size_t(k)].clean);
      }
    }
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (value_col < 0) break;
    values[i].present = true;
    GridCell* c = rows[i].cells[size_t(value_col)];
    if (!c) continue;
    CleanValue v = reconciler ? reconciler->clean_value(*c) : CleanValue{read_value(c->text)};
    values[i].reading = v.reading;
    values[i].repaired_unsure = v.repaired_unsure;
    values[i].figure_in_prose = v.figure_in_prose;
    values[i].known_prose = v.known_prose;
  }
  {
    std::vector<ValueReading> readings;
    for (const ValueEvidence& v : values) readings.push_back(v.reading);
    ValueKind kind = column_kind(readings);
    for (ValueEvidence& v : values) v.column_kind = kind;
  }

  // 3. Merged columns: segments of rows sharing one cell; blank segments at
  //    a page break take the text printed across the break.
  out.records.resize(rows.size());
  std::vector<bool> sequence_broken(rows.size(), false);
  // Per merged column and record, the cell across a page break whose text
  // the record's blank block took (null where the block has its own).
  std::vector<std::vector<const GridCell*>> carried(
      size_t(ncols), std::vector<const GridCell*>(rows.size(), nullptr));
  for (int k = 0; k < ncols; ++k) {
    const ProfileColumn& col = profile.columns[size_t(k)];
    if (!col.merged) continue;
    std::vector<Segment> segs;
    for (size_t i = 0; i < rows.size(); ++i) {
      Row& row = rows[i];
      const GridCell* cell = row.cells[size_t(k)];
      bool same =
          !segs.empty() && segs.back().cell == cell && segs.back().table_slot == row.table_slot;
      if (!same) {
        Segment s;
        s.cell = cell;
        s.source = cell;
        s.text = cell ? cell->text : "";
        s.first_row = int(i);
        s.table_slot = row.table_slot;
        bool new_table = segs.empty() || segs.back().table_slot != row.table_slot;
        bool section_changed = i > 0 && rows[i - 1].section != row.section;
        s.opens_table = new_table && !section_changed;
        if (!segs.empty() && new_table) segs.back().closes_table = true;
        segs.push_back(s);
      }
      segs.back().last_row = int(i);
      row.segment[size_t(k)] = int(segs.size()) - 1;
    }
    // A blank block opening a table continues the block before the break;
    // a blank block closing a table is continued after it. A column the
    // table has no cell for (not told apart from its neighbour) is unread,
    // not blank: it continues nothing.
    for (size_t s = 0; s < segs.size(); ++s) {
      if (!segs[s].text.empty() || !segs[s].cell) continue;
      if (segs[s].opens_table && s > 0 && segs[s - 1].closes_table) {
        segs[s].text = segs[s - 1].text;
        segs[s].source = segs[s - 1].source;
      } else if (segs[s].closes_table && s + 1 < segs.size() && segs[s + 1].opens_table) {
        segs[s].text = segs[s + 1].text;
        segs[s].source = segs[s + 1].source;
      }
    }
    if (col.numbered) {
      infer_unit_numbers(segs, rows, k);
      std::vector<bool> broken = broken_sequence(segs);
      for (size_t i = 0; i < rows.size(); ++i) {
        if (broken[size_t(rows[i].segment[size_t(k)])]) sequence_broken[i] = true;
      }
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      const Segment& seg = segs[size_t(rows[i].segment[size_t(k)])];
      out.records[i].set(col.field, seg.text);
      if (seg.source != seg.cell) carried[size_t(k)][i] = seg.source;
    }
  }

  // 4. Every record: its fields in the profile's order, its value, and the
  //    review policy's verdict on the evidence.
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    Record merged = std::move(out.records[i]);
    Record& rec = out.records[i];
    rec = Record{};
    rec.page = row.page;
    RecordEvidence evidence;
    if (!profile.section_field.empty()) rec.set(profile.section_field, row.section);
    for (int k = 0; k < ncols; ++k) {
      const ProfileColumn& col = profile.columns[size_t(k)];
      const GridCell* c = row.cells[size_t(k)];
      std::string text = col.merged       ? merged.field(col.field)
                         : k == value_col ? values[i].reading.text
                         : c              ? c->text
                                          : "";
      rec.set(col.field, text);
      FieldEvidence f;
      f.field = col.field;
      f.name = col.clean == FieldKind::kUnit;
      f.empty = text.empty();
      if (c) {
        f.confidence = c->confidence;
        f.doubts = c->doubts;
        if (!c->corrections.empty()) rec.add_flag("corrected");
      }
      // Text carried across a page break brings its reading's evidence.
      if (const GridCell* from = carried[size_t(k)][i]) {
        f.confidence = std::min(f.confidence, from->confidence);
        for (const std::string& d : from->doubts) {
          if (std::find(f.doubts.begin(), f.doubts.end(), d) == f.doubts.end())
            f.doubts.push_back(d);
        }
        if (!from->corrections.empty()) rec.add_flag("corrected");
      }
      evidence.fields.push_back(std::move(f));
    }
    if (value_col >= 0) {
      const ValueReading& v = values[i].reading;
      rec.value_kind = value_kind_name(v.kind);
      rec.value = v.value;
      rec.value_digits = v.digits;
      evidence.value = values[i];
    }
    if (const GridCell* key = row.cells[size_t(key_col)]) rec.box = key->box;
    evidence.sequence_broken = sequence_broken[i];
    evidence.unsure_grid = row_grid_doubtful(row, key_col, value_col);
    policy.review(rec, evidence);
  }

  for (const PageContent& page : pages) read_footer_lines(page.lines, profile, out.metadata);
  name_footer_units(profile, reconciler, out);
  if (out.records.empty()) {
    out.warnings.push_back("the document reads as " + profile.name +
                           " but no records were found: no table has the profile's columns "
                           "(no header row was recognised and no table has " +
                           std::to_string(ncols) + " columns)");
  }
  return out;
}

}  // namespace pdfrecon
