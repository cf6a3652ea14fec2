// `batch --db postgresql://...` against a real PostgreSQL server this test
// starts (support/postgres_server.h): the same rows as the SQLite store, a
// file stored again replaces its rows, --resume reads the stored stamp, and
// shards writing at once each land whole.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/postgres_server.h"
#include "support/run_command.h"
#include "support/sqlite_rows.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::source_path;
using testing::sqlite_rows;

// One server for every test of this file.
testing::PostgresServer* server = nullptr;

class PgStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new testing::PostgresServer(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  void SetUp() override {
    if (!server->skip_reason.empty()) GTEST_SKIP() << server->skip_reason;
    ASSERT_TRUE(server->error.empty()) << server->error;
    // Each test starts from an empty database.
    pg("SET client_min_messages = warning; DROP TABLE IF EXISTS corrections, records, cells, "
       "tables, pages, documents, "
       "pdfrecon_schema CASCADE");
  }

  // The rows of `sql`, columns joined by '|'.
  static std::vector<std::string> pg(const std::string& sql) {
    PGconn* c = PQconnectdb(server->url.c_str());
    EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_TRUE(PQresultStatus(r) == PGRES_TUPLES_OK || PQresultStatus(r) == PGRES_COMMAND_OK)
        << PQerrorMessage(c);
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(r); ++i) {
      std::string row;
      for (int j = 0; j < PQnfields(r); ++j) {
        if (j) row += '|';
        row += PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j);
      }
      out.push_back(row);
    }
    PQclear(r);
    PQfinish(c);
    return out;
  }
};

// Queries both stores answer in the same words (no floating point text).
const std::vector<std::string> kSameRows = {
    "SELECT path, file, sha256, pages, status, CASE WHEN error IS NULL THEN 0 ELSE 1 END, "
    "profile, period, tool_version, "
    "options_hash FROM documents ORDER BY path",
    "SELECT d.path, r.ordinal, r.fields_json, r.target, r.target_kind, r.page, r.flags, "
    "r.review_reasons, r.needs_review FROM records r JOIN documents d ON d.id = r.document_id "
    "ORDER BY d.path, r.ordinal",
    "SELECT d.path, t.page, t.ordinal, c.row, c.col, c.row_span, c.text, c.source FROM cells c "
    "JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = c.document_id ORDER BY "
    "d.path, t.page, t.ordinal, c.row, c.col",
    "SELECT d.path, p.number, p.text_source FROM pages p JOIN documents d ON d.id = "
    "p.document_id ORDER BY d.path, p.number",
    "SELECT count(*) FROM corrections"};

void copy(const std::string& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

TEST_F(PgStore, HoldsWhatTheSqliteStoreHolds) {
  testing::TempDir d("pg", "same");
  copy(source_path("fixtures/invented-lotaip-a4/born-digital.pdf"), d / "in/a/r.pdf");
  copy(source_path("fixtures/invented-lotaip-a6/born-digital.pdf"), d / "in/b/r.pdf");
  copy(source_path("fixtures/bad/truncated.pdf"), d / "in/bad.pdf");
  const std::string in = sh_quote((d / "in").string());
  const std::string common = " --jobs 2 --ocr never";
  auto s = run_pdfrecon("batch " + in + " -o " + sh_quote((d / "out1").string()) + " --db " +
                        sh_quote((d / "s.sqlite").string()) + common);
  ASSERT_EQ(s.status, 1) << s.err;
  auto p = run_pdfrecon("batch " + in + " -o " + sh_quote((d / "out2").string()) + " --db " +
                        sh_quote(server->url) + common);
  ASSERT_EQ(p.status, 1) << p.err;
  for (const std::string& sql : kSameRows) {
    EXPECT_EQ(pg(sql), sqlite_rows(d / "s.sqlite", sql)) << sql;
  }
  EXPECT_EQ(pg("SELECT count(*) FROM documents"), std::vector<std::string>{"3"});
  EXPECT_GT(std::stoi(pg("SELECT count(*) FROM records")[0]), 20);

  // Stored again: its rows replaced, not doubled; --resume trusts the store.
  const std::string records = pg("SELECT count(*) FROM records")[0];
  auto again =
      run_pdfrecon("batch " + sh_quote((d / "in/a/r.pdf").string()) + " -o " +
                   sh_quote((d / "out2").string()) + " --db " + sh_quote(server->url) + common);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(pg("SELECT count(*) FROM records")[0], records);
  auto resumed = run_pdfrecon("batch " + in + " -o " + sh_quote((d / "out2").string()) +
                              " --resume --db " + sh_quote(server->url) + common);
  EXPECT_NE(resumed.err.find("0 done, 2 skipped (up to date), 1 failed"), std::string::npos)
      << resumed.err;
  // A password never shows in a message.
  auto bad = run_pdfrecon("batch " + in + " -o " + sh_quote((d / "out3").string()) + " --db " +
                          sh_quote("postgresql://u:secret@/nodb?host=/nonexistent"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.err.find("secret"), std::string::npos) << bad.err;
}

TEST_F(PgStore, ShardsWriteAtOnce) {
  testing::TempDir d("pg", "shards");
  for (int i = 0; i < 8; ++i) {
    copy(source_path(i % 2 ? "fixtures/invented-lotaip-a6/born-digital.pdf"
                           : "fixtures/invented-lotaip-a4/born-digital.pdf"),
         d / ("in/m" + std::to_string(i) + "/r.pdf"));
  }
  std::vector<std::thread> shards;
  std::vector<int> status(4, -1);
  for (int k = 0; k < 4; ++k) {
    // run_pdfrecon is not for threads: each shard is its own shell.
    std::string cmd = sh_quote(PDFRECON_BINARY) + " batch " + sh_quote((d / "in").string()) +
                      " -o " + sh_quote((d / "out").string()) + " --shard " + std::to_string(k) +
                      "/4 --jobs 1 --ocr never --db " + sh_quote(server->url) +
                      " >/dev/null 2>&1 </dev/null";
    shards.emplace_back([&status, k, cmd] {
      int raw = std::system(cmd.c_str());
      status[size_t(k)] = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    });
  }
  for (auto& t : shards) t.join();
  for (int k = 0; k < 4; ++k) EXPECT_EQ(status[size_t(k)], 0) << "shard " << k;
  EXPECT_EQ(pg("SELECT count(*), count(DISTINCT path) FROM documents WHERE status = 'ok'"),
            std::vector<std::string>{"8|8"});
  EXPECT_EQ(pg("SELECT count(DISTINCT document_id) FROM pages"), std::vector<std::string>{"8"});
}

}  // namespace
}  // namespace pdfrecon
