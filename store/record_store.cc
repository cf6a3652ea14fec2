#include "pdfrecon/record_store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "pdfrecon/schema_sql.h"

namespace pdfrecon {

namespace {

constexpr int kSchemaVersion = 2;

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A prepared statement, finalised on scope exit. Binds are one-based.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw StoreError(std::string("cannot prepare statement: ") + sqlite3_errmsg(db));
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), int(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, const char* s) { return bind(i, std::string(s)); }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, int v) { return bind(i, int64_t(v)); }
  Statement& bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Statement& bind_optional(int i, const std::string& s) {
    return s.empty() ? bind_null(i) : bind(i, s);
  }
  // Binds a box to four consecutive parameters from `i`.
  Statement& bind_box(int i, const Box& b) {
    return bind(i, b.x0).bind(i + 1, b.y0).bind(i + 2, b.x1).bind(i + 3, b.y1);
  }
  // Runs the statement; true while it yields rows.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("cannot write: ") + sqlite3_errmsg(db_));
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? p : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) out += (out.empty() ? "" : ";") + f;
  return out;
}

}  // namespace

struct RecordStore::Impl {
  std::string path;
  sqlite3* db = nullptr;
  ~Impl() {
    if (db) sqlite3_close(db);
  }

  void exec(const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string reason = msg ? msg : sqlite3_errmsg(db);
      sqlite3_free(msg);
      throw StoreError(path + ": " + reason);
    }
  }

  // Deletes the path's rows and inserts its documents row; returns its id.
  int64_t insert_document(const std::string& abs, const std::string& file,
                          const std::string& sha256, const DocumentResult* doc,
                          const std::string& error) {
    Statement del(db, "DELETE FROM documents WHERE path = ?1");
    del.bind(1, abs).run();
    Statement ins(db,
                  "INSERT INTO documents (path, file, sha256, pages, status, error, profile, "
                  "fecha_actualizacion, period, periodicidad, unidad_poseedora, metadata_json, "
                  "warnings_json, processed_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    ins.bind(1, abs).bind(2, file).bind_optional(3, sha256);
    if (doc) {
      auto field = [doc](const char* key) {
        const std::string* v = doc->metadata.get(key);
        return v ? *v : std::string();
      };
      nlohmann::ordered_json meta = nlohmann::ordered_json::object();
      for (const auto& [k, v] : doc->metadata.fields) meta[k] = v;
      if (!doc->metadata.notes.empty()) meta["notes"] = doc->metadata.notes;
      ins.bind(4, doc->page_count)
          .bind(5, "ok")
          .bind_null(6)
          .bind(7, doc->profile)
          .bind_optional(8, field("fecha_actualizacion"))
          .bind_optional(9, period_from_date(field("fecha_actualizacion")))
          .bind_optional(10, field("periodicidad"))
          .bind_optional(11, field("unidad_poseedora"))
          .bind(12, meta.dump())
          .bind(13, nlohmann::json(doc->warnings).dump());
    } else {
      ins.bind_null(4).bind(5, "failed").bind(6, error);
      for (int i = 7; i <= 13; ++i) ins.bind_null(i);
    }
    ins.bind(14, utc_now()).run();
    return sqlite3_last_insert_rowid(db);
  }

  void insert_content(int64_t doc_id, const DocumentResult& doc) {
    Statement page(db,
                   "INSERT INTO pages (document_id, number, width, height, text_source, "
                   "skew_degrees) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    Statement table(db,
                    "INSERT INTO tables (document_id, page, ordinal, x0, y0, x1, y1, n_rows, "
                    "n_cols) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    Statement cell(db,
                   "INSERT INTO cells (table_id, document_id, page, row, col, row_span, "
                   "col_span, x0, y0, x1, y1, text, raw_text, source, confidence) VALUES (?1, "
                   "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    Statement corr(db,
                   "INSERT INTO corrections (cell_id, document_id, page, x0, y0, x1, y1, rule, "
                   "from_text, to_text, distance, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                   "?7, ?8, ?9, ?10, ?11, ?12)");
    for (const PageResult& p : doc.pages) {
      page.bind(1, doc_id)
          .bind(2, p.number)
          .bind(3, p.width)
          .bind(4, p.height)
          .bind(5, p.text_source)
          .bind(6, p.skew_degrees)
          .run();
      for (size_t t = 0; t < p.tables.size(); ++t) {
        const CellGrid& g = p.tables[t];
        table.bind(1, doc_id)
            .bind(2, p.number)
            .bind(3, int(t))
            .bind_box(4, g.bbox)
            .bind(8, g.n_rows())
            .bind(9, g.n_cols())
            .run();
        int64_t table_id = sqlite3_last_insert_rowid(db);
        for (const GridCell& c : g.cells) {
          cell.bind(1, table_id)
              .bind(2, doc_id)
              .bind(3, p.number)
              .bind(4, c.row)
              .bind(5, c.col)
              .bind(6, c.row_span)
              .bind(7, c.col_span)
              .bind_box(8, c.box)
              .bind(12, c.text)
              .bind(13, c.raw_text)
              .bind(14, c.source)
              .bind(15, c.confidence)
              .run();
          int64_t cell_id = sqlite3_last_insert_rowid(db);
          for (const TextCorrection& k : c.corrections) {
            corr.bind(1, cell_id)
                .bind(2, doc_id)
                .bind(3, p.number)
                .bind_box(4, c.box)
                .bind(8, k.rule)
                .bind(9, k.from)
                .bind(10, k.to)
                .bind(11, k.distance)
                .bind(12, c.confidence)
                .run();
          }
        }
      }
    }
    if (!doc.records) return;
    Statement rec(db,
                  "INSERT INTO records (document_id, ordinal, section, no, unit, objective, "
                  "indicator, target, target_kind, target_value, page, x0, y0, x1, y1, "
                  "confidence, flags, needs_review, corrected, fields_json, review_reasons) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                  "?16, ?17, ?18, ?19, ?20, ?21)");
    int ordinal = 0;
    for (const Record& r : *doc.records) {
      nlohmann::ordered_json fields = nlohmann::ordered_json::object();
      for (const std::string& f : doc.record_fields) fields[f] = r.field(f);
      rec.bind(1, doc_id)
          .bind(2, ++ordinal)
          .bind(3, r.field("section"))
          .bind(4, r.field("no"))
          .bind(5, r.field("unit"))
          .bind(6, r.field("objective"))
          .bind(7, r.field("indicator"))
          .bind(8, r.field(doc.value_field))
          .bind(9, r.value_kind)
          .bind(11, r.page);
      if (r.value) {
        rec.bind(10, *r.value);
      } else {
        rec.bind_null(10);
      }
      if (r.box.width() > 0) {
        rec.bind_box(12, r.box);
      } else {
        for (int i = 12; i <= 15; ++i) rec.bind_null(i);
      }
      rec.bind(16, r.confidence)
          .bind(17, join_flags(r.flags))
          .bind(18, r.has_flag("needs_review") ? 1 : 0)
          .bind(19, r.has_flag("corrected") ? 1 : 0)
          .bind(20, fields.dump())
          .bind(21, join_flags(r.review_reasons))
          .run();
    }
  }

  // Brings a store of an older schema version up to this one.
  void upgrade() {
    Statement v(db, "PRAGMA user_version");
    int version = v.step() ? std::stoi(v.text(0)) : 0;
    if (version == 1) {
      // CREATE TABLE IF NOT EXISTS kept the version 1 records table.
      exec("ALTER TABLE records ADD COLUMN fields_json TEXT");
      exec("ALTER TABLE records ADD COLUMN review_reasons TEXT");
    }
    if (version < kSchemaVersion) {
      exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
    }
  }

  // Runs `body` in one transaction, rolled back when it throws.
  template <typename F>
  int64_t transaction(F&& body) {
    exec("BEGIN IMMEDIATE");
    try {
      int64_t id = body();
      exec("COMMIT");
      return id;
    } catch (const StoreError& e) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw StoreError(path + ": " + e.what());
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
};

RecordStore::RecordStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordStore::RecordStore(RecordStore&&) noexcept = default;
RecordStore& RecordStore::operator=(RecordStore&&) noexcept = default;
RecordStore::~RecordStore() = default;

RecordStore RecordStore::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    std::string reason = impl->db ? sqlite3_errmsg(impl->db) : "out of memory";
    throw StoreError(path + ": cannot open database: " + reason);
  }
  sqlite3_busy_timeout(impl->db, 10000);
  impl->exec("PRAGMA journal_mode = WAL");
  impl->exec("PRAGMA foreign_keys = ON");
  impl->exec("PRAGMA synchronous = NORMAL");
  impl->exec(detail::kSchemaSql);
  impl->upgrade();
  return RecordStore(std::move(impl));
}

int64_t RecordStore::put_document(const std::string& path, const DocumentResult& doc) {
  return impl_->transaction([&] {
    int64_t id = impl_->insert_document(absolute_path(path), doc.file.empty() ? path : doc.file,
                                        doc.sha256, &doc, "");
    impl_->insert_content(id, doc);
    return id;
  });
}

int64_t RecordStore::put_failure(const std::string& path, const std::string& sha256,
                                 const std::string& error) {
  return impl_->transaction(
      [&] { return impl_->insert_document(absolute_path(path), path, sha256, nullptr, error); });
}

std::optional<std::string> RecordStore::stored_sha256(const std::string& path) {
  Statement q(impl_->db, "SELECT sha256 FROM documents WHERE path = ?1 AND status = 'ok'");
  q.bind(1, absolute_path(path));
  if (q.step()) return q.text(0);
  return std::nullopt;
}

const char* record_store_schema() { return detail::kSchemaSql; }

std::string period_from_date(const std::string& fecha) {
  static const std::regex date(R"(^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$)");
  std::smatch m;
  if (!std::regex_match(fecha, m, date)) return "";
  int month = std::stoi(m[2]);
  if (month < 1 || month > 12) return "";
  return m[3].str() + "-" + (month < 10 ? "0" : "") + std::to_string(month);
}

}  // namespace pdfrecon
