// The review page in a real browser: headless Chromium opens it from a file
// URL, its script runs without a console error, and the DOM it leaves holds
// one image per page, one box per cell and one panel entry per flagged
// record, each pointing at a box on its own page. A batch of the fixtures
// folder gets a page per document and an index listing every file.
// Skipped, saying why, when Chromium is not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "support/browser.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::BrowserRun;
using testing::chromium_path;
using testing::count_of;
using testing::run_chromium;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;

struct TempDir : testing::TempDir {
  explicit TempDir(const std::string& name) : testing::TempDir("review", name) {}
};

// The section of the DOM that shows page `number`.
std::string page_section(const std::string& dom, int number) {
  size_t at = dom.find("<section class=\"page\" id=\"page-" + std::to_string(number) + "\"");
  if (at == std::string::npos) return "";
  size_t end = dom.find("</section>", at);
  return dom.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Checks the rendered DOM of `html` against the document it shows.
void check_review_page(const fs::path& html, const json& doc) {
  SCOPED_TRACE(html.string());
  BrowserRun run = run_chromium(html.string(), "--dump-dom");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.console, "") << "the page logged to the console";
  const std::string& dom = run.out;
  // The script ran to its end.
  EXPECT_NE(dom.find("data-ready=\"1\""), std::string::npos);

  int pages = 0, unread = 0, cells = 0, flagged = 0;
  for (const json& p : doc["pages"]) {
    ++pages;
    unread += p["text_source"] == "unread";
    for (const json& t : p["tables"]) cells += int(t["cells"].size());
    int number = p["number"];
    std::string section = page_section(dom, number);
    EXPECT_FALSE(section.empty()) << "page " << number;
    if (p["text_source"] == "ocr" || p["text_source"] == "mixed") {
      EXPECT_NE(section.find(p["text_source"] == "ocr" ? "read by OCR" : "mixed: text layer"),
                std::string::npos)
          << "page " << number << " does not say how it was read";
    }
  }
  EXPECT_EQ(count_of(dom, "<img class=\"page-image\""), pages - unread);
  EXPECT_EQ(count_of(dom, "<rect id=\"c-"), cells);

  // Every flagged record's entry names its page and a box on that page.
  static const std::regex entry(
      R"re(<li id="r-\d+" tabindex="-1" class="rec review[^"]*" data-page="(\d+)" data-cell="([^"]*)")re");
  int entries = 0;
  for (std::sregex_iterator i(dom.begin(), dom.end(), entry), end; i != end; ++i) {
    ++entries;
    int page = std::stoi((*i)[1]);
    std::string cell = (*i)[2];
    EXPECT_EQ(cell.rfind("c-" + std::to_string(page) + "-", 0), 0u) << cell;
    EXPECT_NE(page_section(dom, page).find("<rect id=\"" + cell + "\""), std::string::npos)
        << cell << " is not a box on page " << page;
  }
  if (doc.contains("records")) {
    for (const json& r : doc["records"]) {
      for (const json& f : r["flags"]) flagged += f == "needs_review";
    }
  }
  EXPECT_EQ(entries, flagged);
}

TEST(ReviewPageInBrowser, AScannedReportShowsEveryPageCellAndFlaggedRecord) {
  if (chromium_path().empty()) GTEST_SKIP() << testing::kNoChromium;
  TempDir dir("scan");
  std::string pdf = source_path("fixtures/invented-lotaip-a4/scan.pdf");
  auto r = run_pdfrecon("extract " + sh_quote(pdf) + " -q -o " + sh_quote((dir / "scan.json")) +
                        " --review " + sh_quote(dir / "scan.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  json doc = json::parse(slurp(dir / "scan.json"));
  // A scan: its pages read by OCR, so its cells and records say so.
  ASSERT_EQ(doc["pages"][0]["text_source"], "ocr");
  check_review_page(dir / "scan.html", doc);
  // Light enough to mail: a 9-page scan in well under 5 MB.
  EXPECT_LT(fs::file_size(dir / "scan.html"), 5u << 20);

  // A link to a flagged record opens at it: the entry, its row and its
  // cell selected, the panel showing the row's cells.
  int first = -1;
  for (size_t i = 0; first < 0 && i < doc["records"].size(); ++i) {
    for (const json& f : doc["records"][i]["flags"]) {
      if (f == "needs_review") first = int(i);
    }
  }
  ASSERT_GE(first, 0) << "the scan fixture has records to review";
  std::string id = "r-" + std::to_string(first);
  BrowserRun linked =
      run_chromium((dir / "scan.html").string(), "--dump-dom", "1400,900", "#" + id);
  EXPECT_EQ(linked.console, "");
  EXPECT_NE(linked.out.find("id=\"" + id + "\" tabindex=\"-1\" class=\"rec review"),
            std::string::npos);
  EXPECT_NE(linked.out.find("review sel\""), std::string::npos) << "its row is not selected";
  EXPECT_TRUE(
      std::regex_search(linked.out, std::regex(R"(<rect id="c-[^"]+" class="cell[^"]* sel")")))
      << "no cell is selected";
  EXPECT_NE(linked.out.find("<table class=\"row\">"), std::string::npos) << "the row is not shown";

  // j twice: the second flagged record is selected (keys pressed by a
  // script appended to a copy of the page).
  int second = -1, seen = 0;
  for (size_t i = 0; second < 0 && i < doc["records"].size(); ++i) {
    for (const json& f : doc["records"][i]["flags"]) {
      if (f == "needs_review" && ++seen == 2) second = int(i);
    }
  }
  if (second >= 0) {
    std::string page = slurp(dir / "scan.html");
    page.insert(page.rfind("</body>"),
                "<script>['j','j'].forEach(function (k) {"
                "document.dispatchEvent(new KeyboardEvent('keydown', {key: k}));});</script>");
    std::ofstream(dir / "keys.html", std::ios::binary) << page;
    BrowserRun keys = run_chromium((dir / "keys.html").string(), "--dump-dom");
    EXPECT_EQ(keys.console, "");
    EXPECT_TRUE(std::regex_search(keys.out, std::regex("<li id=\"r-" + std::to_string(second) +
                                                       "\"[^>]* class=\"rec review[^\"]* sel\"")))
        << "j j did not select the second record to review";
    EXPECT_EQ(count_of(keys.out, " sel\""), 3) << "one entry, one row, one cell";
  }

  // A screenshot a person would look at: the first page and the panel.
  fs::path png = dir / "scan.png";
  BrowserRun shot = run_chromium((dir / "scan.html").string(), "--screenshot=" + png.string());
  ASSERT_EQ(shot.status, 0) << shot.err;
  EXPECT_EQ(shot.console, "");
  ASSERT_TRUE(fs::exists(png));
  std::string bytes = slurp(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  auto be32 = [&bytes](size_t at) {
    return (unsigned char)bytes[at] << 24 | (unsigned char)bytes[at + 1] << 16 |
           (unsigned char)bytes[at + 2] << 8 | (unsigned char)bytes[at + 3];
  };
  EXPECT_EQ(be32(16), 1400u);
  EXPECT_EQ(be32(20), 900u);
  // A page image and boxes make a busy picture, not a blank one.
  EXPECT_GT(bytes.size(), 100u << 10);
  if (const char* keep = std::getenv("PDFRECON_KEEP_SCREENSHOT"))
    fs::copy_file(png, keep, fs::copy_options::overwrite_existing);
}

TEST(ReviewPageInBrowser, ABatchOfTheFixturesFolderHasAPageEachAndAnIndexOfAll) {
  if (chromium_path().empty()) GTEST_SKIP() << testing::kNoChromium;
  TempDir dir("batch");
  fs::path out = dir / "out";
  auto r = run_pdfrecon("batch " + sh_quote(source_path("fixtures")) + " -q --review -o " +
                        sh_quote(out) + " --jobs 2");
  ASSERT_EQ(r.status, 1) << "the bad fixtures fail: " << r.err;  // and the others are done

  BrowserRun index = run_chromium((out / "index.html").string(), "--dump-dom");
  ASSERT_EQ(index.status, 0) << index.err;
  EXPECT_EQ(index.console, "");
  EXPECT_NE(index.out.find("data-ready=\"1\""), std::string::npos);
  int listed = 0, reviewed = 0;
  for (const auto& e : fs::recursive_directory_iterator(source_path("fixtures"))) {
    if (e.path().extension() != ".pdf") continue;
    ++listed;
    std::string rel = fs::relative(e.path(), source_path("fixtures")).string();
    std::string stem = rel.substr(0, rel.size() - 4);
    SCOPED_TRACE(rel);
    // Listed by its path, with its status; a failure with its reason.
    size_t row = index.out.find(">" + source_path("fixtures") + "/" + rel + "<");
    if (row == std::string::npos) row = index.out.find(">" + e.path().string() + "<");
    ASSERT_NE(row, std::string::npos) << "not in the index";
    std::string line = index.out.substr(row, index.out.find("</tr>", row) - row);
    fs::path json_path = out / (stem + ".json");
    if (fs::exists(json_path)) {
      EXPECT_TRUE(line.find("\"badge complete\"") != std::string::npos ||
                  line.find("\"badge partial\"") != std::string::npos)
          << line;
      ASSERT_TRUE(fs::exists(out / (stem + ".review.html")));
      check_review_page(out / (stem + ".review.html"), json::parse(slurp(json_path)));
      ++reviewed;
    } else {
      EXPECT_NE(line.find("\"badge failed\""), std::string::npos) << line;
      EXPECT_EQ(line.find("<td data-v=\"\"></td>"), std::string::npos)
          << "a failure gives no reason";
    }
  }
  EXPECT_EQ(count_of(index.out, "<tr class=\""), listed);
  EXPECT_GE(reviewed, 10);
}

}  // namespace
}  // namespace pdfrecon
