// Never lose a file: an output is never written over its input, temporary
// files cannot be redirected by a planted symlink, and a write that fails
// (a full disk on standard output) is an error, never a silent exit 0.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pdfrecon/atomic_file.h"
#include "pdfrecon/batch.h"
#include "pdfrecon/sha256.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;

struct TempDir : testing::TempDir {
  explicit TempDir(const std::string& name) : testing::TempDir("safety", name) {}
};

const std::string kSmallPdf = source_path("fixtures/bad/no-table.pdf");

TEST(OutputIsInput, RefusedWhateverTheSpellingAndTheInputKept) {
  TempDir d("same");
  fs::copy_file(kSmallPdf, d / "r.pdf");
  fs::create_directories(d / "sub");
  fs::create_hard_link(d / "r.pdf", d / "link.pdf");
  const std::string before = slurp(d / "r.pdf");
  for (const std::string& out : {(d / "r.pdf").string(), (d.path / "." / "r.pdf").string(),
                                 (d / "sub/../r.pdf").string(), (d / "link.pdf").string()}) {
    auto r = run_pdfrecon("extract " + sh_quote((d / "r.pdf").string()) + " -o " + sh_quote(out));
    EXPECT_EQ(r.status, 2) << out << ": " << r.err;
    EXPECT_NE(r.err.find("is the input file"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(d / "r.pdf"), before) << "the input was changed through " << out;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 3);
}

TEST(OutputIsInput, BatchFailsThatFileAndKeepsTheInput) {
  TempDir d("batch");
  fs::create_directories(d / "in");
  fs::create_directories(d / "out");
  fs::copy_file(kSmallPdf, d / "in/a.pdf");
  fs::copy_file(kSmallPdf, d / "in/b.pdf");
  // out/a.json is the input itself.
  fs::create_hard_link(d / "in/a.pdf", d / "out/a.json");
  const std::string before = slurp(d / "in/a.pdf");
  auto r = run_pdfrecon("batch " + sh_quote((d / "in").string()) + " -o " +
                        sh_quote((d / "out").string()) + " --quiet --profile generic");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("is the input file itself"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(d / "in/a.pdf"), before);
  EXPECT_TRUE(fs::exists(d / "out/a.json"));
  EXPECT_TRUE(fs::exists(d / "out/b.json")) << "the other file must still be done";
}

TEST(TempFiles, APlantedSymlinkIsNeverFollowed) {
  TempDir d("symlink");
  const fs::path victim = d / "victim.txt";
  std::ofstream(victim) << "precious";
  const fs::path target = d / "out.json";
  // Where the old, predictable temporary name pointed, and the same with this
  // host in it: neither may be opened.
  const std::string pid = std::to_string(::getpid());
  fs::create_symlink(victim, target.string() + "." + pid + kTempSuffix);
  fs::create_symlink(victim, target.string() + "." + temp_host_name() + "." + pid + kTempSuffix);
  write_file_atomically(target.string(), "{}\n");
  EXPECT_EQ(slurp(victim), "precious");
  EXPECT_EQ(slurp(target), "{}\n");
  EXPECT_TRUE(fs::is_symlink(target.string() + "." + pid + kTempSuffix));
}

TEST(TempFiles, OutputsGetTheUsualPermissions) {
  TempDir d("mode");
  write_file_atomically((d / "a.json").string(), "x");
  auto perms = fs::status(d / "a.json").permissions();
  EXPECT_NE(perms & fs::perms::owner_read, fs::perms::none);
  EXPECT_NE(perms & fs::perms::owner_write, fs::perms::none);
  mode_t mask = ::umask(022);
  ::umask(mask);
  EXPECT_EQ(perms & fs::perms::others_read,
            (mask & S_IROTH) ? fs::perms::none : fs::perms::others_read);
}

TEST(TempFiles, NamesSayHostAndProcess) {
  TempOwner mine = temp_file_owner("r.json.host-a.1234.Ab9xYz" + std::string(kTempSuffix));
  EXPECT_EQ(mine.host, "host-a");
  EXPECT_EQ(mine.pid, 1234);
  TempOwner older = temp_file_owner("r.json.1234" + std::string(kTempSuffix));
  EXPECT_EQ(older.host, "");
  EXPECT_EQ(older.pid, 1234);
  // A random part of six digits is still the random part.
  TempOwner digits = temp_file_owner("r.json.h.77.123456" + std::string(kTempSuffix));
  EXPECT_EQ(digits.host, "h");
  EXPECT_EQ(digits.pid, 77);
  EXPECT_EQ(temp_file_owner("r.json").pid, 0);
  EXPECT_EQ(temp_host_name().find('.'), std::string::npos);
}

TEST(TempFiles, AnotherHostsTemporariesAreLeftAlone) {
  TempDir d("hosts");
  const std::string dead = "2147483646";
  std::ofstream(d / ("a.json." + temp_host_name() + "." + dead + ".abcdef" + kTempSuffix)) << "x";
  std::ofstream(d / ("b.json.some-other-host." + dead + ".abcdef" + kTempSuffix)) << "x";
  EXPECT_EQ(remove_stale_temps(d.path.string()), 1);
  EXPECT_TRUE(fs::exists(d / ("b.json.some-other-host." + dead + ".abcdef" + kTempSuffix)));
}

// Runs a shell command line; returns its exit status and what it wrote on
// stderr.
std::pair<int, std::string> shell(const std::string& cmd, const fs::path& err) {
  int raw = std::system((cmd + " 2>" + sh_quote(err.string())).c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw), slurp(err)};
}

TEST(StandardOutput, AFullDiskIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  TempDir d("full");
  auto [status, err] = shell(sh_quote(PDFRECON_BINARY) + " extract " + sh_quote(kSmallPdf) +
                                 " --profile generic >/dev/full",
                             d / "err");
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("cannot write to standard output"), std::string::npos) << err;
}

TEST(StandardOutput, AClosedStandardOutputIsAnError) {
  TempDir d("closed");
  auto [status, err] = shell(
      sh_quote(PDFRECON_BINARY) + " extract " + sh_quote(kSmallPdf) + " --profile generic >&-",
      d / "err");
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("cannot write to standard output"), std::string::npos) << err;
}

TEST(Inputs, StandardInputIsReadOnceAndHashed) {
  TempDir d("stdin");
  auto [status, err] = shell(sh_quote(PDFRECON_BINARY) + " extract - --profile generic -o " +
                                 sh_quote((d / "out.json").string()) + " < " + sh_quote(kSmallPdf),
                             d / "err");
  ASSERT_EQ(status, 0) << err;
  std::string json = slurp(d / "out.json");
  EXPECT_NE(json.find(sha256_hex(slurp(kSmallPdf))), std::string::npos) << json.substr(0, 300);
}

TEST(Inputs, AFifoWithoutAWriterIsAnEmptyInputNotAHang) {
  TempDir d("fifo");
  fs::path fifo = d / "in.pdf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // timeout(1) ends a hang with status 124.
  auto [status, err] = shell(
      "timeout 60 " + sh_quote(PDFRECON_BINARY) + " extract " + sh_quote(fifo.string()), d / "err");
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("empty file"), std::string::npos) << err;
}

TEST(Inputs, AnEndlessInputStopsAtTheLimit) {
  TempDir d("zero");
  auto [status, err] =
      shell("timeout 60 " + sh_quote(PDFRECON_BINARY) + " extract /dev/zero --max-input-mib 4",
            d / "err");
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("larger than the 4 MiB input limit"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(Inputs, JunkAfterTheLastEofMarkerIsNoTruncation) {
  TempDir d("junk");
  std::ofstream(d / "r.pdf", std::ios::binary)
      << slurp(kSmallPdf) << std::string(4096, ' ') << "junk a mailer appended\n";
  auto r = run_pdfrecon("extract " + sh_quote((d / "r.pdf").string()) + " --profile generic");
  EXPECT_EQ(r.status, 0) << r.err;
}

}  // namespace
}  // namespace pdfrecon
