// `pdfrecon batch`: inputs and output names, bad files among good ones, the
// SQLite store against the JSON outputs, and a run killed with SIGKILL then
// resumed to the same bytes as an uninterrupted run.
#include "pdfrecon/batch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "pdfrecon/atomic_file.h"
#include "pdfrecon/batch_progress.h"
#include "pdfrecon/sha256.h"
#include "support/csv.h"
#include "support/files.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using testing::copy;
using testing::count_json;
using testing::parse_csv;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;
using testing::spawn_batch;
using testing::touch;

const std::string kCne = source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.pdf");
const std::string kInvented = source_path("fixtures/invented-lotaip-a4/born-digital.pdf");

struct TempDir : testing::TempDir {
  explicit TempDir(const std::string& name) : testing::TempDir("batch", name) {}
};

// Every regular file under `dir`, relative, with its bytes.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[e.path().lexically_relative(dir).string()] = slurp(e.path());
  }
  return out;
}

std::vector<std::string> temp_files(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().string().find(kTempSuffix) != std::string::npos) out.push_back(e.path());
  }
  return out;
}

int64_t count(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

std::vector<std::string> stems(const std::vector<BatchInput>& inputs) {
  std::vector<std::string> out;
  for (const BatchInput& in : inputs) out.push_back(in.output_stem);
  return out;
}

TEST(BatchInputs, FoldersMirrorRelativePathsAndFindPdfInAnyCase) {
  TempDir d("inputs");
  touch(d / "A/reporte.pdf");
  touch(d / "B/sub/reporte.PDF");
  touch(d / "C/x.Pdf");
  touch(d / "C/notes.txt");
  touch(d / "C/pdf");
  EXPECT_EQ(stems(collect_inputs({d.path.string()}, nullptr)),
            (std::vector<std::string>{"A/reporte", "B/sub/reporte", "C/x"}));
}

// Runs the rest of a scope in `dir` as the current folder.
struct InFolder {
  fs::path old = fs::current_path();
  explicit InFolder(const fs::path& dir) { fs::current_path(dir); }
  ~InFolder() { fs::current_path(old); }
};

TEST(BatchInputs, FilesNamedDirectlyAreNamedByTheirPathFromHere) {
  TempDir d("collide");
  touch(d / "A/reporte.pdf");
  touch(d / "B/reporte.pdf");
  InFolder here(d.path);
  auto inputs =
      collect_inputs({"A/reporte.pdf", (d / "B/reporte.pdf").string(), "./A/reporte.pdf"}, nullptr);
  EXPECT_EQ(stems(inputs), (std::vector<std::string>{"A/reporte", "B/reporte"}));
  EXPECT_TRUE(inputs[0].conflict.empty());
  EXPECT_TRUE(inputs[1].conflict.empty());
}

TEST(BatchInputs, DashReadsOnePathALine) {
  TempDir d("dash");
  touch(d / "A/one.pdf");
  touch(d / "C/two.pdf");
  InFolder here(d.path);
  std::istringstream list((d / "A/one.pdf").string() + "\n\n" + (d / "C").string() + "\r\n");
  EXPECT_EQ(stems(collect_inputs({"-"}, &list)), (std::vector<std::string>{"A/one", "two"}));
}

TEST(BatchTemps, StaleTempsGoOthersStay) {
  TempDir d("temps");
  std::string suffix = kTempSuffix;
  touch(d / ("a.json.2147483646" + suffix));     // no such process
  touch(d / ("sub/b.csv.2147483645" + suffix));  // no such process
  touch(d / ("c.json.1" + suffix));              // pid 1 runs: another writer
  touch(d / "a.json");
  EXPECT_EQ(remove_stale_temps(d.path.string()), 2);
  EXPECT_FALSE(fs::exists(d / ("a.json.2147483646" + suffix)));
  EXPECT_FALSE(fs::exists(d / ("sub/b.csv.2147483645" + suffix)));
  EXPECT_TRUE(fs::exists(d / ("c.json.1" + suffix)));
  EXPECT_TRUE(fs::exists(d / "a.json"));
}

TEST(BatchProgressLog, OneLinePerFileThenTheSummary) {
  std::vector<BatchInput> inputs = {{"a.pdf", "a", 100}, {"b.pdf", "b", 100}, {"c.pdf", "c", 100}};
  std::ostringstream err;
  BatchProgress progress(inputs, /*terminal=*/false, /*quiet=*/false, err);
  BatchEvents ev = progress.events();
  BatchSummary s;
  s.files = {{inputs[0], FileStatus::done, "", 7, 177, 2, 0.5},
             {inputs[1], FileStatus::skipped},
             {inputs[2], FileStatus::failed, "encrypted PDF"}};
  for (const FileOutcome& o : s.files) ev.file_finished(o);
  s.done = s.skipped = s.failed = 1;
  s.pages = 7;
  s.needs_review = 2;
  s.seconds = 2;
  progress.finish(s);
  EXPECT_EQ(err.str(),
            "pdfrecon: [1/3] done a.pdf (7 pages, 177 records, 0.5 s)\n"
            "pdfrecon: [2/3] skipped b.pdf (output up to date)\n"
            "pdfrecon: c.pdf: encrypted PDF\n"
            "pdfrecon: batch: 3 files in 2.0 s: 1 done, 1 skipped (up to date), 1 failed; 7 "
            "pages, 3.5 pages/s; 2 records need review\n"
            "pdfrecon: failed: c.pdf: encrypted PDF\n");
}

TEST(BatchCommand, UsageErrors) {
  EXPECT_EQ(run_pdfrecon("batch").status, 2);
  EXPECT_EQ(run_pdfrecon("batch x.pdf").status, 2);
  EXPECT_EQ(run_pdfrecon("batch -o /tmp/x").status, 2);
  EXPECT_EQ(run_pdfrecon("batch x.pdf -o /tmp/x --jobs -1").status, 2);
  auto help = run_pdfrecon("batch --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(help.out.find("--resume"), std::string::npos);
  EXPECT_NE(run_pdfrecon("--help").out.find("pdfrecon batch"), std::string::npos);

  TempDir d("baddb");
  auto r = run_pdfrecon("batch " + sh_quote(kInvented) + " -o " + sh_quote((d / "out").string()) +
                        " --db /nonexistent/dir/x.sqlite");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/dir/x.sqlite"), std::string::npos) << r.err;
}

// Bad files among good ones, odd names and a 200-page document: each bad
// file gets its one line, the good ones their outputs, the store agrees with
// the JSON.
TEST(BatchRobustness, BadFilesNeverStopTheGoodOnes) {
  TempDir d("robust");
  const std::map<std::string, std::string> bad = {
      {"empty.pdf", "empty file"},       {"truncated.pdf", "truncated"},
      {"random-bytes.pdf", "not a PDF"}, {"html-named.pdf", "not a PDF"},
      {"encrypted.pdf", "encrypted"},    {"no-pages.pdf", "no pages"}};
  for (const auto& [name, reason] : bad) {
    copy(source_path("fixtures/bad/" + name), d / ("in/bad/" + name));
  }
  // Valid PDFs without a report in them: processed, just no records.
  copy(source_path("fixtures/bad/no-table.pdf"), d / "in/bad/no-table.pdf");
  copy(source_path("fixtures/bad/tiny-page.pdf"), d / "in/bad/tiny-page.pdf");
  copy(kCne, d / "in/good/informe de gestión ñandú.pdf");
  copy(kInvented, d / "in/good/Año 2024/REPORTE.PDF");
  // 200 pages: the 7-page report 28 times, then its first 4 pages.
  std::string big = (d / "in/good/big 200 páginas.pdf").string();
  std::string cmd = "qpdf --empty --pages";
  const std::string cne = sh_quote(kCne);
  for (int i = 0; i < 28; ++i) cmd.append(" ").append(cne);
  cmd.append(" ").append(cne).append(" 1-4 -- ").append(sh_quote(big));
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  fs::path out = d / "out", db = d / "store.sqlite";
  auto r = run_pdfrecon("batch " + sh_quote((d / "in").string()) + " -o " + sh_quote(out.string()) +
                        " --jobs 2 --db " + sh_quote(db.string()));
  EXPECT_EQ(r.status, 1) << r.err;
  for (const auto& [name, reason] : bad) {
    std::string line = "pdfrecon: " + (d / ("in/bad/" + name)).string() + ": ";
    size_t at = r.err.find(line);
    ASSERT_NE(at, std::string::npos) << name << "\n" << r.err;
    std::string rest = r.err.substr(at + line.size(), r.err.find('\n', at) - at - line.size());
    EXPECT_NE(rest.find(reason), std::string::npos) << name << ": " << rest;
    EXPECT_FALSE(fs::exists(out / ("bad/" + fs::path(name).stem().string() + ".json")));
  }
  EXPECT_NE(r.err.find("5 done, 0 skipped (up to date), 6 failed"), std::string::npos) << r.err;
  EXPECT_TRUE(temp_files(out).empty());

  struct Good {
    std::string input, stem;
    int pages;
  };
  const std::vector<Good> good = {
      {(d / "in/good/informe de gestión ñandú.pdf").string(), "good/informe de gestión ñandú", 7},
      {(d / "in/good/Año 2024/REPORTE.PDF").string(), "good/Año 2024/REPORTE", 2},
      {big, "good/big 200 páginas", 200},
      {(d / "in/bad/no-table.pdf").string(), "bad/no-table", 1},
      {(d / "in/bad/tiny-page.pdf").string(), "bad/tiny-page", 1}};
  size_t json_records = 0;
  for (const Good& g : good) {
    fs::path json = out / (g.stem + ".json"), csv = out / (g.stem + ".csv");
    ASSERT_TRUE(fs::exists(json)) << json;
    ASSERT_TRUE(fs::exists(csv)) << csv;
    auto j = nlohmann::json::parse(slurp(json));
    EXPECT_EQ(j["sha256"], sha256_file(g.input)) << g.stem;
    EXPECT_EQ(j["file"], g.input);
    EXPECT_EQ(j["page_count"], g.pages) << g.stem;
    size_t n = j.contains("records") ? j["records"].size() : 0;
    json_records += n;
    if (n > 0) {
      EXPECT_EQ(parse_csv(slurp(csv)).size(), n + 1) << g.stem;
    }
  }
  // 177 records in the 7-page report; the big one holds 28 and a bit of it.
  EXPECT_GT(json_records, 29u * 177);

  EXPECT_EQ(count(db, "SELECT count(*) FROM records"), int64_t(json_records));
  EXPECT_EQ(count(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), 5);
  EXPECT_EQ(count(db, "SELECT count(*) FROM documents WHERE status = 'failed' AND error <> ''"), 6);
  EXPECT_EQ(count(db, "SELECT pages FROM documents WHERE path LIKE '%big 200 páginas.pdf'"), 200);
  EXPECT_EQ(count(db, "SELECT count(*) FROM pages"), 7 + 2 + 200 + 1 + 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM records WHERE x0 IS NULL"), 0);

  // A file stored again replaces its rows.
  auto again = run_pdfrecon("batch " + sh_quote(good[0].input) + " -o " + sh_quote(out.string()) +
                            " --jobs 2 --db " + sh_quote(db.string()));
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(count(db, "SELECT count(*) FROM records"), int64_t(json_records));
}

TEST(BatchCommand, ListOnStdinAndResumeRedoesOnlyChangedFiles) {
  TempDir d("stdin");
  copy(kInvented, d / "in/a.pdf");
  copy(kInvented, d / "in/b.pdf");
  fs::path out = d / "out";
  std::string list = (d / "in/a.pdf").string() + "\n" + (d / "in/b.pdf").string() + "\n";
  touch(d / "list.txt", list);
  auto batch = [&](const std::string& extra) {
    std::string cmd = "cd " + sh_quote(d.path.string()) + " && " + sh_quote(PDFRECON_BINARY) +
                      " batch - -o out " + extra + " <list.txt 2>err.txt";
    int raw = std::system(cmd.c_str());
    return std::make_pair(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(d / "err.txt"));
  };
  auto [status, err] = batch("");
  EXPECT_EQ(status, 0) << err;
  EXPECT_NE(err.find("2 done"), std::string::npos) << err;
  ASSERT_TRUE(fs::exists(out / "in/a.json"));
  fs::remove(out / "summary.jsonl");  // appended to by every run
  auto first = tree(out);
  // The same bytes as `extract` gives for the file.
  for (const char* format : {"json", "csv"}) {
    fs::path single = d / (std::string("single.") + format);
    auto x = run_pdfrecon("extract " + sh_quote((d / "in/a.pdf").string()) + " -o " +
                          sh_quote(single.string()));
    ASSERT_EQ(x.status, 0) << x.err;
    EXPECT_TRUE(slurp(single) == slurp(out / (std::string("in/a.") + format))) << format;
  }

  std::tie(status, err) = batch("--resume");
  EXPECT_EQ(status, 0) << err;
  EXPECT_NE(err.find("0 done, 2 skipped"), std::string::npos) << err;
  fs::remove(out / "summary.jsonl");
  EXPECT_EQ(tree(out), first);

  copy(kCne, d / "in/b.pdf");  // b changes: only b is done again
  std::tie(status, err) = batch("--resume");
  EXPECT_EQ(status, 0) << err;
  EXPECT_NE(err.find("1 done, 1 skipped"), std::string::npos) << err;
  auto j = nlohmann::json::parse(slurp(out / "in/b.json"));
  EXPECT_EQ(j["page_count"], 7);
  EXPECT_EQ(j["sha256"], sha256_file(kCne));

  touch(d / "in/b.pdf", "");  // b is now broken: its old outputs go
  std::tie(status, err) = batch("--resume");
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("0 done, 1 skipped (up to date), 1 failed"), std::string::npos) << err;
  EXPECT_NE(err.find((d / "in/b.pdf").string() + ": empty file"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(out / "in/b.json"));
  EXPECT_FALSE(fs::exists(out / "in/b.csv"));
  EXPECT_TRUE(fs::exists(out / "in/a.json"));
}

TEST(BatchKill, ResumeAfterSigkillGivesTheUninterruptedBytes) {
  TempDir d("kill");
  constexpr int kFiles = 10;
  for (int i = 0; i < kFiles; ++i) {
    copy(i % 3 == 2 ? kInvented : kCne, d / ("in/r" + std::to_string(i) + ".pdf"));
  }
  std::string in = (d / "in").string();
  fs::path ref = d / "ref", out = d / "out";
  // The reference and the resumed run use two workers, the killed one one:
  // the bytes must not depend on either.
  auto r = run_pdfrecon("batch " + sh_quote(in) + " -o " + sh_quote(ref.string()) + " --jobs 2");
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(count_json(ref), kFiles);

  pid_t pid = spawn_batch({in, "-o", out.string(), "--jobs", "1"});
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count_json(out) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  ASSERT_TRUE(WIFSIGNALED(raw)) << "the batch finished before it could be killed";
  int done_before = count_json(out);
  ASSERT_GE(done_before, 1);
  ASSERT_LT(done_before, kFiles);
  // What a kill during a write leaves behind.
  touch(out / ("r0.json.2147483646" + std::string(kTempSuffix)), "{\"half");

  auto resumed = run_pdfrecon("batch " + sh_quote(in) + " -o " + sh_quote(out.string()) +
                              " --jobs 2 --resume");
  EXPECT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.err.find(std::to_string(done_before) + " skipped"), std::string::npos)
      << resumed.err;
  EXPECT_NE(resumed.err.find("removed 1 temporary file"), std::string::npos) << resumed.err;
  EXPECT_TRUE(temp_files(out).empty());

  fs::remove(ref / "summary.jsonl");  // seconds differ run to run
  fs::remove(out / "summary.jsonl");
  auto want = tree(ref), got = tree(out);
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [name, bytes] : want) {
    ASSERT_TRUE(got.count(name)) << name;
    EXPECT_TRUE(got[name] == bytes) << name << " differs from the uninterrupted run";
  }
}

}  // namespace
}  // namespace pdfrecon
