// The SQLite record store: every level of the document lands in its table
// with provenance, a second store of the same path replaces the first, and
// failures are rows too.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "pdfrecon/record_store.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;

// A database path in the temp folder, removed (with its WAL files) on exit.
struct TempDb {
  fs::path path;
  explicit TempDb(const std::string& name)
      : path(fs::temp_directory_path() /
             ("pdfrecon-store-" + std::to_string(::getpid()) + "-" + name + ".sqlite")) {
    remove();
  }
  ~TempDb() { remove(); }
  void remove() const {
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path.string() + ext);
  }
  operator const fs::path&() const { return path; }
  std::string string() const { return path.string(); }
};

// The first column of the first row of `sql`, as text ("" for NULL).
std::string query(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) {
    auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    out = t ? t : "";
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

DocumentResult sample(int n_records) {
  DocumentResult doc;
  doc.file = "report.pdf";
  doc.sha256 = "abc123";
  doc.page_count = 1;
  doc.profile = "lotaip-a4";
  PageResult page;
  page.number = 1;
  page.width = 842;
  page.height = 595;
  CellGrid grid;
  grid.bbox = {10, 20, 800, 500};
  grid.row_edges = {20, 100, 500};
  grid.col_edges = {10, 400, 800};
  GridCell a;
  a.box = {10, 20, 400, 100};
  a.text = "Porcentaje de ejecución presupuestaria";
  a.raw_text = "Porcentaje de ejecuci6n presupuestaria";
  a.source = "ocr";
  a.confidence = 0.8;
  a.corrections.push_back({"lexicon", "ejecuci6n", "ejecución", 1});
  GridCell b;
  b.col = 1;
  b.box = {400, 20, 800, 100};
  b.text = b.raw_text = "70,36%";
  GridCell c;
  c.row = 1;
  c.col_span = 2;
  c.box = {10, 100, 800, 500};
  grid.cells = {a, b, c};
  page.tables.push_back(grid);
  doc.pages.push_back(page);
  doc.records.emplace();
  doc.record_fields = {"section", "no", "unit", "objective", "indicator", "target"};
  doc.value_field = "target";
  for (int i = 0; i < n_records; ++i) {
    Record r;
    r.set("section", "PROCESOS GOBERNANTES");
    r.set("no", std::to_string(i + 1));
    r.set("unit", "Coordinación");
    r.set("objective", "Incrementar");
    r.set("indicator", a.text);
    r.set("target", "70,36%");
    r.value_kind = "percent";
    r.value = 70.36;
    r.value_digits = "70.36";
    r.box = a.box;
    r.page = 1;
    r.confidence = 0.8;
    r.flags = {"corrected", "needs_review"};
    doc.records->push_back(r);
  }
  doc.metadata.set("fecha_actualizacion", "30/11/2023");
  doc.metadata.set("periodicidad", "MENSUAL");
  return doc;
}

TEST(RecordStore, StoresEveryLevelWithProvenance) {
  TempDb db("levels");
  {
    RecordStore store = RecordStore::open(db.string());
    store.put_document("/data/report.pdf", sample(3));
  }
  EXPECT_EQ(query(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query(db,
                  "SELECT status || ' ' || pages || ' ' || sha256 || ' ' || period || ' ' || "
                  "periodicidad FROM documents WHERE path = '/data/report.pdf'"),
            "ok 1 abc123 2023-11 MENSUAL");
  EXPECT_EQ(query(db, "SELECT count(*) FROM pages"), "1");
  EXPECT_EQ(query(db, "SELECT n_rows || 'x' || n_cols FROM tables"), "2x2");
  EXPECT_EQ(query(db, "SELECT count(*) FROM cells"), "3");
  EXPECT_EQ(query(db, "SELECT col_span FROM cells WHERE row = 1"), "2");
  EXPECT_EQ(query(db, "SELECT count(*) FROM records WHERE needs_review = 1 AND corrected = 1"),
            "3");
  EXPECT_EQ(query(db, "SELECT x0 || ',' || y1 || ' p' || page FROM records WHERE ordinal = 2"),
            "10.0,100.0 p1");
  EXPECT_EQ(query(db, "SELECT target_value FROM records WHERE ordinal = 1"), "70.36");
  EXPECT_EQ(query(db,
                  "SELECT rule || ':' || from_text || '>' || to_text || ' ' || distance || "
                  "' ' || confidence FROM corrections"),
            "lexicon:ejecuci6n>ejecución 1.0 0.8");
}

TEST(RecordStore, SamePathReplacesItsRowsOtherPathsStay) {
  TempDb db("replace");
  RecordStore store = RecordStore::open(db.string());
  store.put_document("/data/a.pdf", sample(5));
  store.put_document("/data/b.pdf", sample(2));
  store.put_document("/data/a.pdf", sample(4));
  EXPECT_EQ(query(db, "SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(query(db, "SELECT count(*) FROM records"), "6");
  EXPECT_EQ(query(db, "SELECT count(*) FROM cells"), "6");
  EXPECT_EQ(query(db, "SELECT count(*) FROM corrections"), "2");
  EXPECT_EQ(store.stored_sha256("/data/a.pdf").value_or(""), "abc123");

  // A file that now fails keeps a row saying so, and nothing else.
  store.put_failure("/data/a.pdf", "def456", "encrypted PDF");
  EXPECT_EQ(query(db, "SELECT status || ': ' || error FROM documents WHERE path = '/data/a.pdf'"),
            "failed: encrypted PDF");
  EXPECT_EQ(query(db, "SELECT count(*) FROM records"), "2");
  EXPECT_FALSE(store.stored_sha256("/data/a.pdf").has_value());
}

TEST(RecordStore, RelativePathsAreStoredAbsolute) {
  TempDb db("relative");
  RecordStore store = RecordStore::open(db.string());
  store.put_document("some/dir/../report.pdf", sample(1));
  std::string stored = query(db, "SELECT path FROM documents");
  EXPECT_EQ(stored, (fs::current_path() / "some/report.pdf").string());
  EXPECT_EQ(query(db, "SELECT file FROM documents"), "report.pdf");
}

TEST(RecordStore, UnwritableDatabaseIsAStoreError) {
  EXPECT_THROW(RecordStore::open("/nonexistent/dir/x.sqlite"), StoreError);
}

TEST(RecordStore, SchemaIsCompiledIn) {
  std::string schema = record_store_schema();
  for (const char* table : {"documents", "pages", "tables", "cells", "records", "corrections"}) {
    EXPECT_NE(schema.find(std::string("CREATE TABLE IF NOT EXISTS ") + table + " ("),
              std::string::npos)
        << table;
  }
}

TEST(RecordStore, PeriodFromFecha) {
  EXPECT_EQ(period_from_date("30/11/2023"), "2023-11");
  EXPECT_EQ(period_from_date("1/3/2024"), "2024-03");
  EXPECT_EQ(period_from_date("31-01-2024"), "2024-01");
  EXPECT_EQ(period_from_date("30/13/2023"), "");
  EXPECT_EQ(period_from_date("noviembre 2023"), "");
}

}  // namespace
}  // namespace pdfrecon
