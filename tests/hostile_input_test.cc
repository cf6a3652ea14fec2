// Hostile and unlucky PDFs, made here from a small fixture with qpdf: each
// runs in a child under a 1 GiB address-space limit (RLIMIT_AS, through the
// shell's ulimit) and must end with a clear line or a valid output whose
// warnings name what was skipped, never a crash, a hang or a silent empty
// result. No test times anything: timeout(1) only turns a hang into a
// failure.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "hostile_pdfs.h"
#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using pdfrecon::testing::sh_quote;
using pdfrecon::testing::slurp;
using pdfrecon::testing::source_path;

struct Outcome {
  int status = -1;
  std::string err;
  std::string json;  // the output, when one was written
};

fs::path work_dir() {
  fs::path d = fs::temp_directory_path() / ("pdfrecon-hostile-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

// Runs extract on `pdf` under the limit.
Outcome run_limited(const fs::path& pdf, const std::string& args = "") {
  // Beside the work files, never beside a fixture.
  fs::path base = work_dir() / pdf.stem();
  fs::path out = base.string() + ".json", err = base.string() + ".err";
  fs::remove(out);
  std::string cmd = "ulimit -v 1048576; exec timeout 300 " + sh_quote(PDFRECON_BINARY) +
                    " extract " + sh_quote(pdf.string()) + " -o " + sh_quote(out.string()) + " " +
                    args + " 2>" + sh_quote(err.string());
  int raw = std::system(("sh -c " + sh_quote(cmd)).c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  o.err = slurp(err);
  if (fs::exists(out)) o.json = slurp(out);
  return o;
}

// The small fixture with its one page's content replaced by `content`
// (compressed), or its MediaBox by `media_box`.
fs::path with_page(const std::string& name, const std::string* content,
                   const std::vector<double>* media_box = nullptr) {
  QPDF pdf;
  pdf.processFile(source_path("fixtures/bad/no-table.pdf").c_str());
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(pdf).getAllPages().at(0);
  if (content) {
    page.getObjectHandle().replaceKey("/Contents", pdf.newStream(*content));
  }
  if (media_box) {
    QPDFObjectHandle box = QPDFObjectHandle::newArray();
    for (double v : *media_box) box.appendItem(QPDFObjectHandle::newReal(v, 1));
    page.getObjectHandle().replaceKey("/MediaBox", box);
  }
  fs::path out = work_dir() / (name + ".pdf");
  QPDFWriter w(pdf, out.c_str());
  w.setCompressStreams(true);
  w.setStaticID(true);
  w.write();
  return out;
}

int one_line(const std::string& s) { return int(std::count(s.begin(), s.end(), '\n')); }

TEST(HostileInput, UnbalancedSavesOfTheGraphicsStateCostThePageNotGigabytes) {
  std::string q;
  for (int i = 0; i < 2'000'000; ++i) q += "q ";
  Outcome o = run_limited(with_page("unbalanced-q", &q), "--profile generic");
  EXPECT_EQ(o.status, 1) << o.err;  // the only page could not be read
  ASSERT_FALSE(o.json.empty()) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "partial");
  EXPECT_EQ(doc["pages"][0]["text_source"], "unread");
  EXPECT_NE(doc["warnings"].dump().find("graphics states"), std::string::npos) << doc["warnings"];
  EXPECT_EQ(one_line(o.err), 1) << o.err;
}

TEST(HostileInput, AWhitespaceBombInTheContentIsRefusedWhileStreamed) {
  std::string blank(80u << 20, ' ');  // 80 MiB of nothing, a few KB compressed
  blank += "BT ET";
  Outcome o = run_limited(with_page("whitespace", &blank), "--profile generic");
  EXPECT_EQ(o.status, 1) << o.err;
  ASSERT_FALSE(o.json.empty()) << o.err;
  EXPECT_NE(o.json.find("MiB"), std::string::npos) << o.json.substr(0, 600);
}

// A page of text and rulings is read from its drawing, never rendered: its
// size costs nothing. One that must be rendered (--rulings image, or a page
// that paints images) is rendered smaller, or not at all.
TEST(HostileInput, AHugePageOfTextIsReadWithoutRendering) {
  std::vector<double> box = {0, 0, 14400, 14400};
  Outcome o = run_limited(with_page("huge-drawn", nullptr, &box), "--profile generic");
  EXPECT_EQ(o.status, 0) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "complete");
  EXPECT_EQ(doc["warnings"].size(), 0u) << doc["warnings"];
}

TEST(HostileInput, AHugePageIsRenderedSmallerWithAWarning) {
  std::vector<double> box = {0, 0, 14400, 14400};
  Outcome o = run_limited(with_page("huge", nullptr, &box), "--rulings image --profile generic");
  EXPECT_EQ(o.status, 0) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "complete");
  EXPECT_NE(doc["warnings"].dump().find("dpi instead of"), std::string::npos) << doc["warnings"];
}

TEST(HostileInput, APageTooLargeEvenAt18DpiIsNotReadAndSaysSo) {
  std::vector<double> box = {0, 0, 14400, 14400};
  Outcome o = run_limited(with_page("too-huge", nullptr, &box),
                          "--rulings image --max-page-mpix 1 --profile generic");
  EXPECT_EQ(o.status, 1) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "partial");
  EXPECT_NE(doc["warnings"].dump().find("too large to render"), std::string::npos);
}

TEST(HostileInput, AGoodFileBesideHostileOnesIsDoneInABatch) {
  fs::path dir = work_dir() / "batch";
  fs::create_directories(dir / "in");
  std::string q;
  for (int i = 0; i < 200'000; ++i) q += "q ";
  fs::copy_file(with_page("b-unbalanced", &q), dir / "in/a-hostile.pdf",
                fs::copy_options::overwrite_existing);
  fs::copy_file(source_path("fixtures/invented-lotaip-a4/born-digital.pdf"), dir / "in/b-good.pdf",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "in/c-garbage.pdf") << "%PDF-1.7\nnothing here\n";
  std::string cmd = "ulimit -v 1048576; exec timeout 300 " + sh_quote(PDFRECON_BINARY) + " batch " +
                    sh_quote((dir / "in").string()) + " -o " + sh_quote((dir / "out").string()) +
                    " --quiet 2>" + sh_quote((dir / "err").string());
  int raw = std::system(("sh -c " + sh_quote(cmd)).c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 1);
  EXPECT_TRUE(fs::exists(dir / "out/b-good.json")) << slurp(dir / "err");
  EXPECT_TRUE(fs::exists(dir / "out/a-hostile.json")) << "a partial document still has its output";
  EXPECT_FALSE(fs::exists(dir / "out/c-garbage.json"));
  EXPECT_NE(slurp(dir / "err").find("1 partial"), std::string::npos) << slurp(dir / "err");
}

TEST(HostileInput, PopplersMessagesAreWarningsNotNoiseOnStderr) {
  std::string broken = "BT /F99 12 Tf 10 10 Td (x) Tj ET /Im9 Do";
  Outcome o = run_limited(with_page("poppler-noise", &broken), "--profile generic");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(o.err.empty()) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  const std::string warnings = doc["warnings"].dump();
  EXPECT_NE(warnings.find("page 1: Poppler: "), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("F99"), std::string::npos) << warnings;
}

TEST(HostileInput, APageOverItsTimeBudgetCostsThatPage) {
  // Budgets are not timed here: one of a millisecond is spent before OCR
  // starts on any machine, so the page must be unread, and say why.
  Outcome o = run_limited(source_path("fixtures/invented-lotaip-a4/scan.pdf"),
                          "--pages 1 --page-seconds 0.001");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(one_line(o.err), 1) << o.err;
  ASSERT_FALSE(o.json.empty()) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "partial");
  EXPECT_EQ(doc["pages"][0]["text_source"], "unread");
  EXPECT_NE(doc["warnings"].dump().find("time budget of 0.001 s"), std::string::npos)
      << doc["warnings"];
}

TEST(HostileInput, BlankPagesAreEmptyWithoutBeingRendered) {
  fs::path pdf = work_dir() / "blank.pdf";
  pdfrecon::hostile::blank_pages(pdf, 2000);
  // A budget of a millisecond leaves any page that is rendered unread
  // (see the test above): blank pages must not be.
  Outcome o = run_limited(pdf, "--page-seconds 0.001");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(o.err.empty()) << o.err;
  ASSERT_FALSE(o.json.empty());
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_EQ(doc["status"], "complete");
  ASSERT_EQ(doc["pages"].size(), 2000u);
  for (const auto& page : doc["pages"]) {
    EXPECT_EQ(page["text_source"], "native");
    EXPECT_TRUE(page["tables"].empty());
  }
}

TEST(HostileInput, MorePagesThanTheLimitAreRefusedUnlessSomeArePicked) {
  fs::path pdf = work_dir() / "many.pdf";
  pdfrecon::hostile::blank_pages(pdf, 300);
  Outcome o = run_limited(pdf, "--max-pages 100");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(one_line(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--max-pages"), std::string::npos) << o.err;
  EXPECT_TRUE(o.json.empty()) << "no output for a refused file";
  Outcome some = run_limited(pdf, "--max-pages 100 --pages 1-100");
  EXPECT_EQ(some.status, 0) << some.err;
  ASSERT_FALSE(some.json.empty());
  EXPECT_EQ(nlohmann::json::parse(some.json)["pages"].size(), 100u);
}

TEST(HostileInput, LibjpegsMessagesAreWarningsNotNoiseOnStderr) {
  fs::path pdf = work_dir() / "lying-jpeg.pdf";
  pdfrecon::hostile::lying_jpeg(pdf, 60000, 60000);
  Outcome o = run_limited(pdf, "--profile generic");
  EXPECT_TRUE(o.err.empty() || one_line(o.err) == 1) << o.err;
  EXPECT_EQ(o.err.find("Corrupt JPEG"), std::string::npos) << o.err;
  ASSERT_FALSE(o.json.empty()) << o.err;
  auto doc = nlohmann::json::parse(o.json);
  EXPECT_NE(doc["warnings"].dump().find("libjpeg: "), std::string::npos) << doc["warnings"];
}

// Every other class of issue 16, smaller than in scripts/bench-hostile.sh
// but past the same limits: a clear line (exit 1 or 2, one line on stderr)
// or an output (exit 0 or 1) whose warnings say what was skipped, and
// nothing else on stderr.
struct HostileCase {
  const char* name;
  void (*write)(const fs::path&);
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

class HostileClass : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileClass, EndsWithALineOrAnOutput) {
  fs::path pdf = work_dir() / (std::string(GetParam().name) + ".pdf");
  GetParam().write(pdf);
  Outcome o = run_limited(pdf, "--profile generic");
  ASSERT_TRUE(o.status == 0 || o.status == 1 || o.status == 2) << o.status << " " << o.err;
  if (o.status == 0) {
    EXPECT_TRUE(o.err.empty()) << o.err;
    EXPECT_FALSE(o.json.empty());
  } else {
    EXPECT_EQ(one_line(o.err), 1) << o.err;
  }
  if (!o.json.empty()) {
    auto doc = nlohmann::json::parse(o.json);
    EXPECT_EQ(doc["status"] == "partial", o.status == 1) << o.json.substr(0, 400);
  }
}

namespace hostile = pdfrecon::hostile;
INSTANTIATE_TEST_SUITE_P(
    Generated, HostileClass,
    ::testing::Values(
        HostileCase{"user_unit", [](const fs::path& p) { hostile::huge_page(p, 595, 842, 75000); }},
        HostileCase{"huge_image", [](const fs::path& p) { hostile::huge_image(p, 12000, 12000); }},
        HostileCase{"operator_bomb",
                    [](const fs::path& p) { hostile::operator_bomb(p, 6'000'000); }},
        HostileCase{"dense_grid", [](const fs::path& p) { hostile::dense_grid(p, 60, 40); }},
        HostileCase{"nested_forms", [](const fs::path& p) { hostile::nested_forms(p, 3000); }},
        HostileCase{"form_cycle", [](const fs::path& p) { hostile::form_cycle(p); }},
        HostileCase{"page_tree_cycle", [](const fs::path& p) { hostile::page_tree_cycle(p); }},
        HostileCase{"deep_arrays", [](const fs::path& p) { hostile::deep_arrays(p, 100000); }},
        HostileCase{"broken_xref", [](const fs::path& p) { hostile::broken_xref(p); }},
        HostileCase{"junk_after_eof",
                    [](const fs::path& p) { hostile::junk_after_eof(p, 1u << 20); }}),
    [](const ::testing::TestParamInfo<HostileCase>& param) {
      return std::string(param.param.name);
    });

}  // namespace
