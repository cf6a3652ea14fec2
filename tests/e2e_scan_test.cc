// End to end on an image-only scan (skewed, blurred, noisy, JPEG): OCR reads
// the cells, and every figure that comes out wrong is flagged needs_review.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pdfrecon/pipeline.h"
#include "support/csv.h"
#include "support/run_command.h"

namespace pdfrecon {
namespace {

using testing::parse_csv;
using testing::slurp;
using testing::source_path;

TEST(ScannedReport, RecordsComeOutAndNoWrongFigureIsUnflagged) {
  std::string dir = source_path("fixtures/invented-lotaip-a4");
  auto want = parse_csv(slurp(dir + "/records.csv"));
  want.erase(want.begin());  // header

  DocumentResult doc = extract_document(dir + "/scan.pdf", {});
  for (const PageResult& p : doc.pages) EXPECT_EQ(p.text_source, "ocr");
  EXPECT_EQ(doc.profile, "lotaip-a4");
  ASSERT_TRUE(doc.records.has_value());
  const auto& got = *doc.records;
  ASSERT_EQ(got.size(), want.size());

  int targets_right = 0, exact = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    const Record& r = got[i];
    const std::vector<std::string> fields = {r.field("section"),   r.field("no"),
                                             r.field("unit"),      r.field("objective"),
                                             r.field("indicator"), r.field("target")};
    ASSERT_GE(want[i].size(), fields.size());
    exact += std::equal(fields.begin(), fields.end(), want[i].begin());
    bool target_ok = r.field("target") == want[i][5];
    bool no_ok = r.field("no") == want[i][1];
    targets_right += target_ok;
    if (!target_ok || !no_ok) {
      EXPECT_TRUE(r.has_flag("needs_review"))
          << "record " << i << ": no '" << r.field("no") << "' (want '" << want[i][1]
          << "'), target '" << r.field("target") << "' (want '" << want[i][5]
          << "') is wrong and not flagged";
    }
  }
  // Measured: targets 47 of 47 (45 before cells were binarised on their own
  // and figures confirmed by a second reading); records 46 of 47 exact with
  // the matcher and No. inference (record F1 0.98; the miss is "m³" read
  // as "m*").
  EXPECT_GE(double(targets_right) / double(got.size()), 0.99);
  EXPECT_GE(exact, 45) << "of " << got.size();

  // The print around the tables is read too: the title above the first
  // table, the notes under the last, and no empty line for a stamp.
  bool title = false, note = false;
  for (const PageResult& p : doc.pages) {
    for (const std::string& line : p.lines) {
      EXPECT_FALSE(line.empty()) << "page " << p.number;
      title |= line.find("Literal a4)") != std::string::npos;
      note |= line.rfind("NOTA 2:", 0) == 0;
    }
  }
  EXPECT_TRUE(title);
  EXPECT_TRUE(note);
}

// The same report scanned at 150 dpi and skewed the other way. Its grids
// are those of the born-digital file (the rows of "Porcentaje de ..." once
// grew a false ruling through their aligned "j"s), and coarse print may be
// misread but never silently.
TEST(ScannedReport, A150DpiScanKeepsItsGridsAndFlagsWhatItMisreads) {
  std::string dir = source_path("fixtures/invented-lotaip-a4");
  auto want = parse_csv(slurp(dir + "/records.csv"));
  want.erase(want.begin());  // header
  DocumentResult born = extract_document(dir + "/born-digital.pdf", {});
  DocumentResult doc = extract_document(dir + "/scan-150.pdf", {});
  ASSERT_EQ(doc.pages.size(), born.pages.size());
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    ASSERT_EQ(doc.pages[p].tables.size(), born.pages[p].tables.size()) << "page " << p + 1;
    for (size_t t = 0; t < doc.pages[p].tables.size(); ++t) {
      const CellGrid &g = doc.pages[p].tables[t], &b = born.pages[p].tables[t];
      EXPECT_EQ(g.n_rows(), b.n_rows()) << "page " << p + 1 << " table " << t;
      EXPECT_EQ(g.n_cols(), b.n_cols()) << "page " << p + 1 << " table " << t;
      EXPECT_EQ(g.cells.size(), b.cells.size()) << "page " << p + 1 << " table " << t;
    }
  }
  ASSERT_TRUE(doc.records.has_value());
  const auto& got = *doc.records;
  ASSERT_EQ(got.size(), want.size());
  int exact = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    const Record& r = got[i];
    const std::vector<std::string> fields = {r.field("section"),   r.field("no"),
                                             r.field("unit"),      r.field("objective"),
                                             r.field("indicator"), r.field("target")};
    exact += std::equal(fields.begin(), fields.end(), want[i].begin());
    if (r.field("target") != want[i][5] || r.field("no") != want[i][1]) {
      EXPECT_TRUE(r.has_flag("needs_review"))
          << "record " << i << ": target '" << r.field("target") << "' (want '" << want[i][5]
          << "') is wrong and not flagged";
    }
  }
  // Measured: 39 of 47 exact (record F1 0.83), 46 of 47 targets right; the
  // misses are words of coarse print ("II" read as "1!").
  EXPECT_GE(exact, 37) << "of " << got.size();
}

TEST(ScannedReport, OcrOfARenderedPageMatchesMostCells) {
  // The born-digital page read by OCR alone: a guard on recognition quality.
  ExtractOptions options;
  options.ocr = "always";
  options.profile = "generic";
  options.pages = {2};
  DocumentResult doc =
      extract_document(source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.pdf"), options);
  auto expected = nlohmann::json::parse(
      slurp(source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.grids.json")));
  const auto& want = expected["pages"][1]["tables"][0]["cells"];
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_FALSE(doc.pages[0].tables.empty());
  const CellGrid& t = doc.pages[0].tables[0];
  int exact = 0;
  for (const auto& wc : want) {
    const GridCell* c = t.cell_at(wc["row"], wc["col"]);
    if (c && c->text == wc["text"].get<std::string>()) ++exact;
    if (c) {
      EXPECT_EQ(c->source, "ocr");
    }
  }
  // Measured 80 of 85; the misses read "(0.0)" for "(O.O)", which the
  // dictionary matcher is there to fix.
  EXPECT_GE(exact, 78) << "of " << want.size();
}

}  // namespace
}  // namespace pdfrecon
