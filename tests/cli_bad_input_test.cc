// Bad input gets one line on stderr naming the file and the reason, exit
// status 1, and no output file; bad usage gets status 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/run_command.h"

namespace fs = std::filesystem;
using pdfrecon::testing::run_pdfrecon;
using pdfrecon::testing::sh_quote;
using pdfrecon::testing::source_path;

namespace {

struct BadInput {
  const char* file;    // under fixtures/bad/, or an absolute path
  const char* reason;  // expected in the message
};

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, OneLineErrorStatusOneAndNoOutput) {
  const BadInput& bad = GetParam();
  std::string path =
      bad.file[0] == '/' ? bad.file : source_path(std::string("fixtures/bad/") + bad.file);
  fs::path out = fs::temp_directory_path() /
                 ("pdfrecon-bad-" + std::string(fs::path(bad.file).stem()) + ".json");
  fs::remove(out);

  auto r = run_pdfrecon("extract " + sh_quote(path) + " -o " + sh_quote(out.string()));

  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << "message must name the file: " << r.err;
  EXPECT_NE(r.err.find(bad.reason), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    EXPECT_EQ(e.path().string().find(out.filename().string() + "."), std::string::npos)
        << "temporary file left behind: " << e.path();
  }
  EXPECT_TRUE(r.out.empty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadInputTest,
                         ::testing::Values(BadInput{"empty.pdf", "empty file"},
                                           BadInput{"truncated.pdf", "truncated"},
                                           BadInput{"random-bytes.pdf", "not a PDF"},
                                           BadInput{"html-named.pdf", "not a PDF"},
                                           BadInput{"encrypted.pdf", "encrypted"},
                                           BadInput{"no-pages.pdf", "no pages"},
                                           BadInput{"/nonexistent/report.pdf", "no such file"},
                                           BadInput{"/tmp", "directory"}));

TEST(CliUsage, NoArgumentsIsUsageError) {
  auto r = run_pdfrecon("");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("Usage"), std::string::npos) << "usage errors go to stderr";
  EXPECT_TRUE(r.out.empty());
}

TEST(CliUsage, UnknownOptionIsUsageError) {
  auto r = run_pdfrecon("extract x.pdf --bogus");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bogus"), std::string::npos);
}

TEST(CliUsage, TheFormatComesFromTheNameInAnyCaseAndAnUnknownOneIsAnError) {
  const std::string pdf = sh_quote(source_path("fixtures/bad/no-table.pdf"));
  auto dir =
      std::filesystem::temp_directory_path() / ("pdfrecon-fmt-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto xlsx = run_pdfrecon("extract " + pdf + " -o " + sh_quote((dir / "r.xlsx").string()));
  EXPECT_EQ(xlsx.status, 2) << xlsx.err;
  EXPECT_NE(xlsx.err.find("--format"), std::string::npos) << xlsx.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "r.xlsx"));
  auto upper = run_pdfrecon("extract " + pdf + " --profile generic -o " +
                            sh_quote((dir / "R.CSV").string()));
  EXPECT_EQ(upper.status, 0) << upper.err;
  EXPECT_EQ(pdfrecon::testing::slurp(dir / "R.CSV").find("{"), std::string::npos)
      << "CSV, not JSON";
  auto dash = run_pdfrecon("extract " + pdf + " -o -");
  EXPECT_EQ(dash.status, 0) << dash.err;
  EXPECT_EQ(dash.out.rfind("{", 0), 0u);
  EXPECT_FALSE(std::filesystem::exists("-"));
  std::filesystem::remove_all(dir);
}

TEST(CliUsage, BadFormatIsUsageError) {
  auto r = run_pdfrecon("extract x.pdf --format xml");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--format"), std::string::npos);
}

TEST(CliUsage, BadTablesModeIsUsageError) {
  auto r = run_pdfrecon("extract x.pdf --tables ruled");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--tables must be auto, lattice or stream"), std::string::npos) << r.err;
}

TEST(CliUsage, BadPageListIsUsageError) {
  auto r = run_pdfrecon("extract x.pdf --pages 3-1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("backwards"), std::string::npos);
}

TEST(CliUsage, AnOcrLanguageIsCheckedBeforeAnythingIsRead) {
  const std::string pdf = sh_quote(source_path("fixtures/invented-lotaip-a4/scan.pdf"));
  auto missing = run_pdfrecon("extract " + pdf + " --lang xx -o /dev/null");
  EXPECT_EQ(missing.status, 2) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
  EXPECT_NE(missing.err.find("not installed"), std::string::npos) << missing.err;
  // A path is not a language: Tesseract would load a file outside its data.
  auto path = run_pdfrecon("extract " + pdf + " --lang ../../x -o /dev/null");
  EXPECT_EQ(path.status, 2) << path.err;
  EXPECT_NE(path.err.find("not a language name"), std::string::npos) << path.err;
  // Without OCR the language is never used, so it is not checked.
  auto unused = run_pdfrecon("extract " + sh_quote(source_path("fixtures/bad/no-table.pdf")) +
                             " --lang xx --ocr never --profile generic");
  EXPECT_EQ(unused.status, 0) << unused.err;
}

TEST(CliUsage, HelpTeachesByExample) {
  auto r = run_pdfrecon("extract --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Examples"), std::string::npos);
  EXPECT_NE(r.out.find("--pages"), std::string::npos);
}

TEST(CliUsage, Version) {
  auto r = run_pdfrecon("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("pdfrecon ", 0), 0u);
}

TEST(CliExtract, NoTablePdfSucceedsWithNoTables) {
  auto r = run_pdfrecon("extract " + sh_quote(source_path("fixtures/bad/no-table.pdf")) +
                        " --profile generic");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"schema\": \"pdfrecon/1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"tables\": []"), std::string::npos);
}

TEST(CliExtract, TinyPageSucceedsWithNoTables) {
  auto r = run_pdfrecon("extract " + sh_quote(source_path("fixtures/bad/tiny-page.pdf")));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"tables\": []"), std::string::npos);
}

TEST(CliExtract, PageBeyondLastIsRefused) {
  auto r =
      run_pdfrecon("extract " + sh_quote(source_path("fixtures/bad/no-table.pdf")) + " --pages 2");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("1 page"), std::string::npos) << r.err;
}

}  // namespace

namespace {

TEST(CliExtract, ABadDictionaryFolderIsAUsageError) {
  auto r = run_pdfrecon("extract " + sh_quote(source_path("fixtures/bad/no-table.pdf")) +
                        " --dict /nonexistent/dict");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/dict: not a dictionary folder"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CliExtract, ADictionaryFolderIsAccepted) {
  auto dir = std::filesystem::temp_directory_path() / "pdfrecon-cli-dict";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "indicators.txt") << "# mine\nPorcentaje de viviendas con agua potable\n";
  auto r = run_pdfrecon("extract " +
                        sh_quote(source_path("fixtures/invented-lotaip-a4/born-digital.pdf")) +
                        " --dict " + sh_quote(dir.string()) + " --format csv");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_EQ(r.out,
            run_pdfrecon("extract " +
                         sh_quote(source_path("fixtures/invented-lotaip-a4/born-digital.pdf")) +
                         " --format csv")
                .out);
}

}  // namespace

namespace {

TEST(CliExtract, DebugDirHoldsEachPagesWorkingImages) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("pdfrecon-debug-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto r = run_pdfrecon("extract " +
                        sh_quote(source_path("fixtures/invented-lotaip-a4/born-digital.pdf")) +
                        " --debug-dir " + sh_quote(dir.string()) + " -o /dev/null");
  EXPECT_EQ(r.status, 0) << r.err;
  for (int page : {1, 2}) {
    // Its grids come from the rulings it draws, not from masks of pixels.
    for (const char* stage : {"render", "rulings", "grid"}) {
      char name[64];
      std::snprintf(name, sizeof name, "page-%03d-%s.png", page, stage);
      std::string png = pdfrecon::testing::slurp(dir / name);
      EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n") << name;
    }
  }
  fs::remove_all(dir);
}

// The review page is an output like -o: never over the input, nor over -o.
TEST(CliExtract, ReviewPageNeverReplacesTheInputOrTheOutput) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("pdfrecon-review-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(source_path("fixtures/invented-lotaip-a4/born-digital.pdf"), dir / "r.pdf");
  const std::string before = pdfrecon::testing::slurp(dir / "r.pdf");
  auto r = run_pdfrecon("extract " + sh_quote((dir / "r.pdf").string()) + " --review " +
                        sh_quote((dir / "." / "r.pdf").string()));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is the input file"), std::string::npos) << r.err;
  r = run_pdfrecon("extract " + sh_quote((dir / "r.pdf").string()) + " -o " +
                   sh_quote((dir / "r.html").string()) + " --format json --review " +
                   sh_quote((dir / "r.html").string()));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is also the -o output"), std::string::npos) << r.err;
  EXPECT_EQ(pdfrecon::testing::slurp(dir / "r.pdf"), before);
  // And written whole beside the JSON when asked.
  r = run_pdfrecon("extract " + sh_quote((dir / "r.pdf").string()) + " -o " +
                   sh_quote((dir / "r.json").string()) + " --review " +
                   sh_quote((dir / "r.html").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  std::string html = pdfrecon::testing::slurp(dir / "r.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  fs::remove_all(dir);
}

// A scan is levelled, its rulings found in the pixels, its cells read in
// stacks: each stage's image is there, named by page and stage.
TEST(CliExtract, DebugDirHoldsAScannedPagesWorkingImages) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("pdfrecon-debug-scan-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto r = run_pdfrecon("extract " + sh_quote(source_path("fixtures/invented-lotaip-a4/scan.pdf")) +
                        " --pages 2 --debug-dir " + sh_quote(dir.string()) + " -o /dev/null");
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* stage : {"levelled", "binary", "hmask", "vmask", "grid", "stack-1"}) {
    std::string name = std::string("page-002-") + stage + ".png";
    std::string png = pdfrecon::testing::slurp(dir / name);
    EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n") << name;
  }
  EXPECT_FALSE(fs::exists(dir / "page-001-levelled.png")) << "page 1 was not asked for";
  fs::remove_all(dir);
}

}  // namespace
