#include "pdfrecon/record_store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "pdfrecon/schema_sql.h"
#include "store_backend.h"

namespace pdfrecon {

namespace {

constexpr int kSchemaVersion = 3;

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

}  // namespace

std::string detail::utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {
using detail::join_flags;
using detail::utc_now;

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

}  // namespace

std::string detail::join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) out += (out.empty() ? "" : ";") + f;
  return out;
}

detail::DocumentValues detail::document_values(const DocumentResult& doc) {
  auto field = [&doc](const char* key) {
    const std::string* v = doc.metadata.get(key);
    return v ? *v : std::string();
  };
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const auto& [k, v] : doc.metadata.fields) meta[k] = v;
  if (!doc.metadata.notes.empty()) meta["notes"] = doc.metadata.notes;
  return {field("fecha_actualizacion"),
          period_from_date(field("fecha_actualizacion")),
          field("periodicidad"),
          field("unidad_poseedora"),
          meta.dump(),
          nlohmann::json(doc.warnings).dump()};
}

std::string detail::record_fields_json(const DocumentResult& doc, const Record& r) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const std::string& f : doc.record_fields) fields[f] = r.field(f);
  return fields.dump();
}

bool detail::is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

namespace {

class SqliteStore final : public RecordStore::Impl {
 public:
  std::string path;
  sqlite3* db = nullptr;
  ~SqliteStore() override {
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
                          const std::string& error, const std::string& tool_version,
                          const std::string& options_hash) {
    Statement del(db, "DELETE FROM documents WHERE path = ?1");
    del.bind(1, abs).run();
    Statement ins(db,
                  "INSERT INTO documents (path, file, sha256, pages, status, error, profile, "
                  "fecha_actualizacion, period, periodicidad, unidad_poseedora, metadata_json, "
                  "warnings_json, processed_at, tool_version, options_hash) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    ins.bind(1, abs).bind(2, file).bind_optional(3, sha256);
    if (doc) {
      detail::DocumentValues v = detail::document_values(*doc);
      ins.bind(4, doc->page_count)
          .bind(5, "ok")
          .bind_null(6)
          .bind(7, doc->profile)
          .bind_optional(8, v.fecha)
          .bind_optional(9, v.period)
          .bind_optional(10, v.periodicidad)
          .bind_optional(11, v.unidad)
          .bind(12, v.metadata_json)
          .bind(13, v.warnings_json);
    } else {
      ins.bind_null(4).bind(5, "failed").bind(6, error);
      for (int i = 7; i <= 13; ++i) ins.bind_null(i);
    }
    ins.bind(14, utc_now()).bind_optional(15, tool_version).bind_optional(16, options_hash).run();
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
          .bind(20, detail::record_fields_json(doc, r))
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
    if (version >= 1 && version <= 2) {
      exec("ALTER TABLE documents ADD COLUMN tool_version TEXT");
      exec("ALTER TABLE documents ADD COLUMN options_hash TEXT");
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

  int64_t put_document(const std::string& abs, const std::string& file,
                       const DocumentResult& doc) override {
    return transaction([&] {
      int64_t id =
          insert_document(abs, file, doc.sha256, &doc, "", doc.tool_version, doc.options_hash);
      insert_content(id, doc);
      return id;
    });
  }

  int64_t put_failure(const std::string& abs, const std::string& file, const std::string& sha256,
                      const std::string& error, const std::string& tool_version,
                      const std::string& options_hash) override {
    return transaction([&] {
      return insert_document(abs, file, sha256, nullptr, error, tool_version, options_hash);
    });
  }

  std::optional<StoredStamp> stored_stamp(const std::string& abs) override {
    Statement q(db,
                "SELECT sha256, tool_version, options_hash FROM documents "
                "WHERE path = ?1 AND status = 'ok'");
    q.bind(1, abs);
    if (q.step()) return StoredStamp{q.text(0), q.text(1), q.text(2)};
    return std::nullopt;
  }

  int merge_from(const std::string& shard_path) override;
};

}  // namespace

int SqliteStore::merge_from(const std::string& shard_path) {
  // The shard is brought to this schema version first (opened like any store).
  if (absolute_path(shard_path) == absolute_path(path)) {
    throw StoreError(shard_path + ": is the store being merged into");
  }
  if (!std::filesystem::exists(shard_path)) throw StoreError(shard_path + ": no such database");
  RecordStore::open(shard_path);
  Statement attach(db, "ATTACH DATABASE ?1 AS shard");
  attach.bind(1, shard_path).run();
  struct Detach {
    sqlite3* db;
    ~Detach() { sqlite3_exec(db, "DETACH DATABASE shard", nullptr, nullptr, nullptr); }
  } detach{db};
  return int(transaction([&] {
    // Ids are renumbered past this store's largest, table by table, so every
    // reference inside the shard keeps pointing at its own rows.
    auto max_id = [&](const char* table) {
      Statement q(db, (std::string("SELECT coalesce(max(id), 0) FROM main.") + table).c_str());
      q.step();
      return std::stoll(q.text(0));
    };
    exec("DELETE FROM main.documents WHERE path IN (SELECT path FROM shard.documents)");
    const std::string d = std::to_string(max_id("documents")), p = std::to_string(max_id("pages")),
                      t = std::to_string(max_id("tables")), c = std::to_string(max_id("cells")),
                      r = std::to_string(max_id("records")),
                      k = std::to_string(max_id("corrections"));
    const std::string sql =
        "INSERT INTO main.documents (id, path, file, sha256, pages, status, error, profile, "
        "fecha_actualizacion, period, periodicidad, unidad_poseedora, metadata_json, "
        "warnings_json, processed_at, tool_version, options_hash) SELECT id + " +
        d +
        ", path, file, sha256, pages, status, error, profile, fecha_actualizacion, period, "
        "periodicidad, unidad_poseedora, metadata_json, warnings_json, processed_at, "
        "tool_version, options_hash FROM shard.documents;"
        "INSERT INTO main.pages (id, document_id, number, width, height, text_source, "
        "skew_degrees) SELECT id + " +
        p + ", document_id + " + d +
        ", number, width, height, text_source, skew_degrees FROM shard.pages;"
        "INSERT INTO main.tables (id, document_id, page, ordinal, x0, y0, x1, y1, n_rows, "
        "n_cols) SELECT id + " +
        t + ", document_id + " + d +
        ", page, ordinal, x0, y0, x1, y1, n_rows, n_cols FROM shard.tables;"
        "INSERT INTO main.cells (id, table_id, document_id, page, row, col, row_span, col_span, "
        "x0, y0, x1, y1, text, raw_text, source, confidence) SELECT id + " +
        c + ", table_id + " + t + ", document_id + " + d +
        ", page, row, col, row_span, col_span, x0, y0, x1, y1, text, raw_text, source, "
        "confidence FROM shard.cells;"
        "INSERT INTO main.records (id, document_id, ordinal, fields_json, review_reasons, "
        "section, no, unit, objective, indicator, target, target_kind, target_value, page, x0, "
        "y0, x1, y1, confidence, flags, needs_review, corrected) SELECT id + " +
        r + ", document_id + " + d +
        ", ordinal, fields_json, review_reasons, section, no, unit, objective, indicator, target, "
        "target_kind, target_value, page, x0, y0, x1, y1, confidence, flags, needs_review, "
        "corrected FROM shard.records;"
        "INSERT INTO main.corrections (id, cell_id, document_id, page, x0, y0, x1, y1, rule, "
        "from_text, to_text, distance, confidence) SELECT id + " +
        k + ", cell_id + " + c + ", document_id + " + d +
        ", page, x0, y0, x1, y1, rule, from_text, to_text, distance, confidence "
        "FROM shard.corrections;";
    exec(sql.c_str());
    Statement n(db, "SELECT count(*) FROM shard.documents");
    n.step();
    return int64_t(std::stoll(n.text(0)));
  }));
}

RecordStore::RecordStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordStore::RecordStore(RecordStore&&) noexcept = default;
RecordStore& RecordStore::operator=(RecordStore&&) noexcept = default;
RecordStore::~RecordStore() = default;

RecordStore RecordStore::open(const std::string& path) {
  if (detail::is_postgres_url(path)) return RecordStore(detail::open_postgres_store(path));
  auto impl = std::make_unique<SqliteStore>();
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
  return impl_->put_document(absolute_path(path), doc.file.empty() ? path : doc.file, doc);
}

int64_t RecordStore::put_failure(const std::string& path, const std::string& sha256,
                                 const std::string& error, const std::string& tool_version,
                                 const std::string& options_hash) {
  return impl_->put_failure(absolute_path(path), path, sha256, error, tool_version, options_hash);
}

std::optional<StoredStamp> RecordStore::stored_stamp(const std::string& path) {
  return impl_->stored_stamp(absolute_path(path));
}

std::optional<std::string> RecordStore::stored_sha256(const std::string& path) {
  std::optional<StoredStamp> stamp = stored_stamp(path);
  if (!stamp) return std::nullopt;
  return stamp->sha256;
}

int RecordStore::merge_from(const std::string& shard_path) { return impl_->merge_from(shard_path); }

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
