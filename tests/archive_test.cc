// A whole archive on many machines: output names that depend on paths only,
// shards that together write what one run writes (and merge into the same
// rows), a shard killed and resumed, re-runs that know what changed, temp
// files of other hosts, workers sized by the CPUs given, summary.jsonl.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
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
#include "pdfrecon/batch.h"
#include "pdfrecon/sha256.h"
#include "support/csv.h"
#include "support/files.h"
#include "support/run_command.h"
#include "support/sqlite_rows.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using testing::copy;
using testing::count_json;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;
using testing::spawn_batch;
using testing::touch;

const std::string kCne = source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.pdf");
const std::string kInvented = source_path("fixtures/invented-lotaip-a4/born-digital.pdf");
const std::string kA6 = source_path("fixtures/invented-lotaip-a6/born-digital.pdf");

struct TempDir : testing::TempDir {
  explicit TempDir(const std::string& name) : testing::TempDir("archive", name) {}
};

// Every output file under `dir` (summary.jsonl aside: its seconds differ run
// to run; stores and the lock file too), relative, with its bytes.
std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = e.path().lexically_relative(dir).string();
    if (e.is_regular_file() && rel != "summary.jsonl" && rel != kOutputLockName &&
        e.path().extension() != ".sqlite" && rel.find(".sqlite-") == std::string::npos) {
      out[rel] = slurp(e.path());
    }
  }
  return out;
}

std::vector<nlohmann::json> summary_lines(const fs::path& dir) {
  std::vector<nlohmann::json> out;
  std::istringstream in(slurp(dir / "summary.jsonl"));
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::vector<std::string> rows(const fs::path& db, const std::string& sql) {
  return testing::sqlite_rows(db, sql);
}

// What a store holds, without its ids or times: documents, then every
// record, cell and correction by document path.
std::vector<std::string> store_content(const fs::path& db) {
  std::vector<std::string> all;
  for (const char* sql :
       {"SELECT path, file, sha256, pages, status, error, profile, period, tool_version, "
        "options_hash FROM documents ORDER BY path",
        "SELECT d.path, r.ordinal, r.fields_json, r.target_value, r.page, r.x0, r.flags, "
        "r.review_reasons FROM records r JOIN documents d ON d.id = r.document_id "
        "ORDER BY d.path, r.ordinal",
        "SELECT d.path, p.number, p.text_source FROM pages p JOIN documents d ON d.id = "
        "p.document_id ORDER BY d.path, p.number",
        "SELECT d.path, t.page, t.ordinal, c.row, c.col, c.text FROM cells c JOIN tables t ON "
        "t.id = c.table_id JOIN documents d ON d.id = c.document_id ORDER BY d.path, t.page, "
        "t.ordinal, c.row, c.col",
        "SELECT d.path, k.rule, k.from_text, k.to_text FROM corrections k JOIN cells c ON c.id = "
        "k.cell_id JOIN documents d ON d.id = k.document_id ORDER BY d.path, c.page, c.row, "
        "c.col, k.id"}) {
    std::vector<std::string> r = rows(db, sql);
    all.push_back("-- " + std::to_string(r.size()) + " rows");
    all.insert(all.end(), r.begin(), r.end());
  }
  return all;
}

struct InFolder {
  fs::path old = fs::current_path();
  explicit InFolder(const fs::path& dir) { fs::current_path(dir); }
  ~InFolder() { fs::current_path(old); }
};

std::vector<std::string> stems(const std::vector<BatchInput>& inputs) {
  std::vector<std::string> out;
  for (const BatchInput& in : inputs) out.push_back(in.output_stem);
  return out;
}

TEST(ArchiveNames, OneFileGivenFourWaysHasOneName) {
  TempDir d("names");
  touch(d / "2023/11/reporte.pdf");
  touch(d / "2023/12/reporte.pdf");
  InFolder here(d.path);
  for (const std::string& spelling :
       {std::string("2023/11/reporte.pdf"), std::string("./2023/11/reporte.pdf"),
        std::string("2023/12/../11/reporte.pdf"), (d / "2023/11/reporte.pdf").string()}) {
    EXPECT_EQ(stems(collect_inputs({spelling}, nullptr)),
              std::vector<std::string>{"2023/11/reporte"})
        << spelling;
    std::istringstream list(spelling + "\n");
    EXPECT_EQ(stems(collect_inputs({"-"}, &list)), std::vector<std::string>{"2023/11/reporte"});
  }
  // Order never changes a name.
  EXPECT_EQ(stems(collect_inputs({"2023/12/reporte.pdf", "2023/11/reporte.pdf"}, nullptr)),
            (std::vector<std::string>{"2023/12/reporte", "2023/11/reporte"}));
  // A folder's files are named from the folder given.
  EXPECT_EQ(stems(collect_inputs({"2023"}, nullptr)),
            (std::vector<std::string>{"11/reporte", "12/reporte"}));
}

TEST(ArchiveNames, TwoFilesWithOneNameTheFirstPathKeepsIt) {
  TempDir d("conflict");
  touch(d / "a/r.pdf");
  touch(d / "b/r.pdf");
  for (auto args : {std::vector<std::string>{(d / "a").string(), (d / "b").string()},
                    std::vector<std::string>{(d / "b").string(), (d / "a").string()}}) {
    auto inputs = collect_inputs(args, nullptr);
    ASSERT_EQ(inputs.size(), 2u);
    for (const BatchInput& in : inputs) {
      EXPECT_EQ(in.output_stem, "r");
      bool is_a = in.path == (d / "a/r.pdf").string();
      EXPECT_EQ(in.conflict.empty(), is_a) << in.path << ": " << in.conflict;
    }
  }
}

TEST(ArchiveShards, DisjointCompleteAndStableWhenInputsAreAdded) {
  std::vector<BatchInput> inputs;
  for (int i = 0; i < 200; ++i)
    inputs.push_back({"x", "dir" + std::to_string(i % 7) + "/r" + std::to_string(i)});
  const std::vector<std::string> names = stems(inputs);
  for (int n : {1, 3, 4}) {
    std::multiset<std::string> all;
    for (int k = 0; k < n; ++k) {
      for (const BatchInput& in : select_shard(inputs, k, n)) all.insert(in.output_stem);
    }
    EXPECT_EQ(all, std::multiset<std::string>(names.begin(), names.end()));
  }
  // Adding reports moves no existing one.
  std::vector<BatchInput> more = inputs;
  for (int i = 0; i < 50; ++i) more.insert(more.begin() + i, {"y", "new/" + std::to_string(i)});
  for (int k = 0; k < 4; ++k) {
    std::set<std::string> before, after;
    for (const BatchInput& in : select_shard(inputs, k, 4)) before.insert(in.output_stem);
    for (const BatchInput& in : select_shard(more, k, 4)) {
      if (in.output_stem.rfind("new/", 0) != 0) after.insert(in.output_stem);
    }
    EXPECT_EQ(before, after);
  }
  // The hash is FNV-1a 64: the same on every machine and in every version.
  EXPECT_EQ(stable_hash(""), 14695981039346656037ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
}

TEST(ArchiveCpus, QuotaAndAffinity) {
  EXPECT_EQ(cpus_from_cpu_max("max 100000\n"), 0);
  EXPECT_EQ(cpus_from_cpu_max("200000 100000\n"), 2);
  EXPECT_EQ(cpus_from_cpu_max("150000 100000"), 2);
  EXPECT_EQ(cpus_from_cpu_max("50000 100000"), 1);
  EXPECT_EQ(cpus_from_cfs("-1\n", "100000\n"), 0);
  EXPECT_EQ(cpus_from_cfs("300000\n", "100000\n"), 3);
  EXPECT_EQ(cpus_from_cfs("", ""), 0);
  // One CPU in the affinity mask: one worker, however many the machine has.
  cpu_set_t old, one;
  ASSERT_EQ(sched_getaffinity(0, sizeof old, &old), 0);
  CPU_ZERO(&one);
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (CPU_ISSET(c, &old)) {
      CPU_SET(c, &one);
      break;
    }
  }
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  EXPECT_EQ(available_cpus(), 1);
  ASSERT_EQ(sched_setaffinity(0, sizeof old, &old), 0);
  EXPECT_EQ(available_cpus() >= 1, true);
  EXPECT_LE(available_cpus(), CPU_COUNT(&old));
}

TEST(ArchiveTemps, AnotherHostsTempSurvivesAStartUp) {
  TempDir d("temps");
  const std::string suffix = kTempSuffix;
  const std::string host = temp_host_name();
  touch(d / ("a.json.other-node-17.4242.Ab12Cd" + suffix));          // another host
  touch(d / ("sub/b.csv." + host + ".2147483646.Xy34Zw" + suffix));  // this host, dead
  touch(d / ("c.json." + host + ".1.Qq99Rr" + suffix));              // this host, pid 1 runs
  EXPECT_EQ(remove_stale_temps(d.path.string()), 1);
  EXPECT_TRUE(fs::exists(d / ("a.json.other-node-17.4242.Ab12Cd" + suffix)));
  EXPECT_FALSE(fs::exists(d / ("sub/b.csv." + host + ".2147483646.Xy34Zw" + suffix)));
  EXPECT_TRUE(fs::exists(d / ("c.json." + host + ".1.Qq99Rr" + suffix)));
  // A batch's start-up keeps it too.
  auto r = run_pdfrecon("batch " + sh_quote(kInvented) + " -o " + sh_quote(d.path.string()) +
                        " --jobs 1 --ocr never");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(d / ("a.json.other-node-17.4242.Ab12Cd" + suffix)));
}

// The nested folder of fixtures the shard tests run over: repeated base
// names in subfolders, good and bad files.
void make_archive(const fs::path& in) {
  copy(kInvented, in / "r.pdf");
  copy(kA6, in / "2023/r.pdf");
  copy(kCne, in / "2023/11/r.pdf");
  copy(kInvented, in / "2023/12/r.PDF");
  copy(kA6, in / "2024/01/informe ñandú.pdf");
  copy(kInvented, in / "2024/02/r.pdf");
  copy(source_path("fixtures/bad/empty.pdf"), in / "2024/r-empty.pdf");
  copy(source_path("fixtures/bad/truncated.pdf"), in / "2023/11/bad.pdf");
  copy(source_path("fixtures/bad/no-table.pdf"), in / "2024/02/no-table.pdf");
}

TEST(ArchiveShards, ShardsWriteWhatOneRunWritesAndMergeIntoItsRows) {
  TempDir d("shards");
  fs::path in = d / "in";
  make_archive(in);
  const std::string common = " --jobs 2 --ocr never";
  fs::path plain = d / "plain";
  auto r = run_pdfrecon("batch " + sh_quote(in.string()) + " -o " + sh_quote(plain.string()) +
                        " --db " + sh_quote((plain / "all.sqlite").string()) + common);
  ASSERT_EQ(r.status, 1) << r.err;  // the bad files
  auto want = outputs(plain);
  ASSERT_EQ(want.size(), 2u * 7) << r.err;
  auto want_rows = store_content(plain / "all.sqlite");
  ASSERT_EQ(summary_lines(plain).size(), 9u);

  for (int n : {1, 3, 4}) {
    SCOPED_TRACE("N = " + std::to_string(n));
    fs::path out = d / ("shards-" + std::to_string(n));
    std::vector<std::string> stores;
    for (int k = 0; k < n; ++k) {
      std::string db = (out / ("shard-" + std::to_string(k) + ".sqlite")).string();
      stores.push_back(db);
      auto s = run_pdfrecon("batch " + sh_quote(in.string()) + " -o " + sh_quote(out.string()) +
                            " --shard " + std::to_string(k) + "/" + std::to_string(n) + " --db " +
                            sh_quote(db) + common);
      EXPECT_LE(s.status, 1) << s.err;
      EXPECT_NE(s.err.find("shard " + std::to_string(k) + "/" + std::to_string(n)),
                std::string::npos)
          << s.err;
    }
    EXPECT_EQ(outputs(out), want);
    EXPECT_EQ(summary_lines(out).size(), 9u);
    std::string all = (out / "all.sqlite").string();
    std::string merge = "merge-db " + sh_quote(all);
    for (const std::string& s : stores) merge += " " + sh_quote(s);
    auto m = run_pdfrecon(merge);
    ASSERT_EQ(m.status, 0) << m.err;
    EXPECT_EQ(store_content(all), want_rows);
    // Merging again changes nothing.
    m = run_pdfrecon(merge);
    ASSERT_EQ(m.status, 0) << m.err;
    EXPECT_EQ(store_content(all), want_rows);
  }
  EXPECT_EQ(run_pdfrecon("batch x.pdf -o " + sh_quote((d / "x").string()) + " --shard 4/4").status,
            2);
  EXPECT_EQ(run_pdfrecon("batch x.pdf -o " + sh_quote((d / "x").string()) + " --shard 1").status,
            2);
}

TEST(ArchiveShards, AShardKilledAndResumedRepairsTheResult) {
  TempDir d("kill");
  fs::path in = d / "in";
  for (int i = 0; i < 12; ++i) {
    copy(i % 3 == 0 ? kCne : kInvented, in / ("m" + std::to_string(i % 4)) / "r.pdf");
    copy(i % 2 ? kA6 : kInvented,
         in / ("m" + std::to_string(i % 4)) / ("x" + std::to_string(i) + ".pdf"));
  }
  fs::path ref = d / "ref", out = d / "out";
  auto r = run_pdfrecon("batch " + sh_quote(in.string()) + " -o " + sh_quote(ref.string()) +
                        " --jobs 2 --ocr never --db " + sh_quote((ref / "all.sqlite").string()));
  ASSERT_EQ(r.status, 0) << r.err;
  auto want = outputs(ref);
  auto want_rows = store_content(ref / "all.sqlite");

  std::vector<std::string> stores;
  for (int k = 0; k < 2; ++k) {
    std::string db = (out / ("shard-" + std::to_string(k) + ".sqlite")).string();
    stores.push_back(db);
    std::vector<std::string> args = {
        in.string(), "-o", out.string(), "--shard", std::to_string(k) + "/2", "--db", db,
        "--jobs",    "1",  "--ocr",      "never"};
    if (k == 1) {
      // Shard 1 is killed once it has written its first file.
      int before = count_json(out);
      pid_t pid = spawn_batch(args);
      ASSERT_GT(pid, 0);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (count_json(out) == before && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      ::kill(pid, SIGKILL);
      int raw = 0;
      ::waitpid(pid, &raw, 0);
      ASSERT_TRUE(WIFSIGNALED(raw)) << "shard 1 finished before it could be killed";
      EXPECT_NE(outputs(out).size(), want.size());
      args.push_back("--resume");
    }
    std::string cmd = "batch";
    for (const std::string& a : args) cmd += " " + sh_quote(a);
    auto s = run_pdfrecon(cmd);
    ASSERT_EQ(s.status, 0) << s.err;
    if (k == 1) {
      EXPECT_NE(s.err.find("pdfrecon: resume: "), std::string::npos) << s.err;
    }
  }
  EXPECT_EQ(outputs(out), want);
  std::string all = (out / "all.sqlite").string();
  auto m = run_pdfrecon("merge-db " + sh_quote(all) + " " + sh_quote(stores[0]) + " " +
                        sh_quote(stores[1]));
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_EQ(store_content(all), want_rows);
}

TEST(ArchiveResume, AChangedVersionOrOptionsHashReadsTheFileAgain) {
  TempDir d("resume");
  copy(kInvented, d / "in/a.pdf");
  copy(kA6, d / "in/b.pdf");
  const std::string base = "batch " + sh_quote((d / "in").string()) + " -o " +
                           sh_quote((d / "out").string()) + " --ocr never";
  auto r = run_pdfrecon(base);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(slurp(d / "out/a.json"));
  auto version = run_pdfrecon("--version").out;
  EXPECT_EQ("pdfrecon " + j["tool_version"].get<std::string>() + "\n", version);
  EXPECT_EQ(j["options_hash"].get<std::string>().size(), 64u);

  r = run_pdfrecon(base + " --resume");
  EXPECT_NE(r.err.find("0 done, 2 skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("resume: 2 skipped (same file, version and options)\n"), std::string::npos)
      << r.err;

  // Other options that change outputs: read again, and said why.
  r = run_pdfrecon(base + " --resume --dpi 200");
  EXPECT_NE(r.err.find("2 done, 0 skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("read again: 2 other options"), std::string::npos) << r.err;
  auto j200 = nlohmann::json::parse(slurp(d / "out/a.json"));
  EXPECT_NE(j200["options_hash"], j["options_hash"]);
  // Options that only change speed do not count.
  r = run_pdfrecon(base + " --resume --dpi 200 --jobs 1");
  EXPECT_NE(r.err.find("0 done, 2 skipped"), std::string::npos) << r.err;
  // --resume before the inputs takes none of them as its value.
  r = run_pdfrecon("batch --resume " + sh_quote((d / "in").string()) + " -o " +
                   sh_quote((d / "out").string()) + " --ocr never --dpi 200");
  EXPECT_NE(r.err.find("0 done, 2 skipped"), std::string::npos) << r.err;
  // --resume=any-version: the sha256 alone.
  r = run_pdfrecon(base + " --resume=any-version");
  EXPECT_NE(r.err.find("0 done, 2 skipped"), std::string::npos) << r.err;

  // Another version wrote a.json.
  j200["tool_version"] = "0.0.1+000000000000";
  j200["options_hash"] = j["options_hash"];
  std::ofstream(d / "out/a.json", std::ios::binary) << j200.dump(2) << "\n";
  r = run_pdfrecon(base + " --resume");
  EXPECT_NE(r.err.find("read again: 1 other version, 1 other options"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("read again: other version"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(d / "out/a.json"))["tool_version"], j["tool_version"]);

  // With a database: a row of another version reads the file again too.
  std::string db = (d / "out/s.sqlite").string();
  r = run_pdfrecon(base + " --resume --db " + sh_quote(db));
  EXPECT_NE(r.err.find("read again: 2 not in the database"), std::string::npos) << r.err;
  r = run_pdfrecon(base + " --resume --db " + sh_quote(db));
  EXPECT_NE(r.err.find("0 done, 2 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(rows(db, "SELECT count(*) FROM documents WHERE tool_version = '" +
                         j["tool_version"].get<std::string>() + "' AND options_hash = '" +
                         j["options_hash"].get<std::string>() + "'"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(run_pdfrecon(base + " --resume=sometimes").status, 2);
}

TEST(ArchiveSummary, OneLinePerInputAppendedAsEachEnds) {
  TempDir d("summary");
  copy(kInvented, d / "in/a.pdf");
  copy(source_path("fixtures/bad/encrypted.pdf"), d / "in/sub/bad.pdf");
  auto r = run_pdfrecon("batch " + sh_quote((d / "in").string()) + " -o " +
                        sh_quote((d / "out").string()) + " --jobs 2 --ocr never");
  ASSERT_EQ(r.status, 1) << r.err;
  auto lines = summary_lines(d / "out");
  ASSERT_EQ(lines.size(), 2u);
  std::map<std::string, nlohmann::json> by_output;
  for (const auto& l : lines) by_output[l["output"]] = l;
  const auto& a = by_output["a"];
  EXPECT_EQ(a["input"], (d / "in/a.pdf").string());
  EXPECT_EQ(a["status"], "done");
  EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(a["pages"], 2);
  EXPECT_GT(a["records"].get<int>(), 10);
  EXPECT_TRUE(a.contains("needs_review"));
  EXPECT_TRUE(a["seconds"].is_number());
  EXPECT_EQ("pdfrecon " + a["tool_version"].get<std::string>() + "\n",
            run_pdfrecon("--version").out);
  const auto& bad = by_output["sub/bad"];
  EXPECT_EQ(bad["status"], "failed");
  EXPECT_NE(bad["error"].get<std::string>().find("encrypted"), std::string::npos);

  // A re-run appends; a skipped file says so, a file read again why.
  r = run_pdfrecon("batch " + sh_quote((d / "in").string()) + " -o " +
                   sh_quote((d / "out").string()) + " --resume --ocr never");
  lines = summary_lines(d / "out");
  ASSERT_EQ(lines.size(), 4u);
  for (size_t i = 2; i < 4; ++i) {
    if (lines[i]["output"] == "a") {
      EXPECT_EQ(lines[i]["status"], "skipped");
    } else {
      EXPECT_EQ(lines[i]["status"], "failed");
      EXPECT_EQ(lines[i]["reread"], "new");
    }
  }
}

TEST(ArchiveSummary, CombinedCsvHoldsEveryRecordWithItsFileAndSha256) {
  TempDir d("csv");
  copy(kInvented, d / "in/a.pdf");
  copy(kCne, d / "in/sub/b.pdf");
  copy(kA6, d / "in/c.pdf");  // grids only: left out
  copy(source_path("fixtures/bad/empty.pdf"), d / "in/bad.pdf");
  const std::string base = "batch " + sh_quote((d / "in").string()) + " -o " +
                           sh_quote((d / "out").string()) + " --ocr never --csv " +
                           sh_quote((d / "all.csv").string());
  auto r = run_pdfrecon(base);
  ASSERT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("1 file(s) without records, or of another profile, left out"),
            std::string::npos)
      << r.err;
  const std::string all = slurp(d / "all.csv");
  auto rows = testing::parse_csv(all);
  auto a = testing::parse_csv(slurp(d / "out/a.csv")),
       b = testing::parse_csv(slurp(d / "out/sub/b.csv"));
  ASSERT_EQ(rows.size(), a.size() + b.size() - 1);
  std::vector<std::string> header = a[0];
  header.push_back("file");
  header.push_back("sha256");
  EXPECT_EQ(rows[0], header);
  // a's rows, then b's (input order), each its own row with two columns more.
  for (size_t i = 1; i < a.size(); ++i) {
    std::vector<std::string> want = a[i];
    want.push_back((d / "in/a.pdf").string());
    want.push_back(sha256_file(kInvented));
    EXPECT_EQ(rows[i], want) << i;
  }
  EXPECT_EQ(rows.back().back(), sha256_file(kCne));
  // A resumed run, all skipped, writes the same file.
  fs::remove(d / "all.csv");
  r = run_pdfrecon(base + " --resume");
  EXPECT_TRUE(slurp(d / "all.csv") == all);
}

TEST(ArchiveConcurrency, TwoBatchesOnOneFolderLeaveWholeFiles) {
  TempDir d("two");
  for (int i = 0; i < 4; ++i)
    copy(i % 2 ? kA6 : kInvented, d / ("in/f" + std::to_string(i) + ".pdf"));
  fs::path ref = d / "ref", out = d / "out";
  const std::string in = (d / "in").string();
  ASSERT_EQ(run_pdfrecon("batch " + sh_quote(in) + " -o " + sh_quote(ref.string()) +
                         " --jobs 1 --ocr never")
                .status,
            0);
  pid_t a = spawn_batch({in, "-o", out.string(), "--jobs", "1", "--ocr", "never"});
  pid_t b = spawn_batch({in, "-o", out.string(), "--jobs", "1", "--ocr", "never"});
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  int raw_a = 0, raw_b = 0;
  ::waitpid(a, &raw_a, 0);
  ::waitpid(b, &raw_b, 0);
  EXPECT_TRUE(WIFEXITED(raw_a) && WEXITSTATUS(raw_a) == 0);
  EXPECT_TRUE(WIFEXITED(raw_b) && WEXITSTATUS(raw_b) == 0);
  EXPECT_EQ(outputs(out), outputs(ref));
  EXPECT_EQ(summary_lines(out).size(), 8u);  // whole lines from both
}

TEST(ArchiveConcurrency, AnotherWriterOfTheSameNameIsWaitedFor) {
  TempDir d("lock");
  copy(kInvented, d / "in/a.pdf");
  copy(kA6, d / "in/b.pdf");
  fs::path out = d / "out";
  fs::create_directories(out);
  // This process writes "a" (holds its byte of the lock file).
  int fd = ::open((out / kOutputLockName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  ASSERT_GE(fd, 0);
  struct flock lock = {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = off_t(stable_hash("a") % kOutputLockSpan);
  lock.l_len = 1;
  ASSERT_EQ(::fcntl(fd, F_OFD_SETLK, &lock), 0);
  // Two workers: "a" (the larger, first) waits, "b" goes on beside it.
  pid_t pid =
      spawn_batch({(d / "in").string(), "-o", out.string(), "--jobs", "2", "--ocr", "never"});
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(out / "b.json") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(fs::exists(out / "b.json"));
  EXPECT_FALSE(fs::exists(out / "a.json")) << "a was written while another writer held it";
  lock.l_type = F_UNLCK;
  ASSERT_EQ(::fcntl(fd, F_OFD_SETLK, &lock), 0);
  ::close(fd);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  EXPECT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0);
  EXPECT_TRUE(fs::exists(out / "a.json"));
}

}  // namespace
}  // namespace pdfrecon
