#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "pdfrecon/atomic_file.h"
#include "pdfrecon/pipeline.h"
#include "pdfrecon/sha256.h"
#include "pdfrecon/writers.h"

namespace pdfrecon {
namespace {

DocumentResult sample_grid_document() {
  DocumentResult doc;
  doc.file = "r.pdf";
  doc.page_count = 1;
  PageResult page;
  page.number = 1;
  CellGrid t;
  t.row_edges = {0, 10, 20};
  t.col_edges = {0, 50, 100};
  t.cells = {{.row = 0, .col = 0, .row_span = 2, .col_span = 1, .text = "Unidad, \"A\""},
             {.row = 0, .col = 1, .text = "x"},
             {.row = 1, .col = 1, .text = "y"}};
  page.tables.push_back(t);
  doc.pages.push_back(page);
  return doc;
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("70,36%"), "\"70,36%\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("a\nb"), "\"a\nb\"");
}

TEST(WriteCsv, GridRepeatsMergedCellsOverTheirSpan) {
  std::string csv = write_csv(sample_grid_document());
  EXPECT_EQ(csv, "# page 1 table 1\r\n\"Unidad, \"\"A\"\"\",x\r\n\"Unidad, \"\"A\"\"\",y\r\n");
}

DocumentResult a4_document(std::vector<Record> records) {
  DocumentResult doc;
  doc.record_fields = {"section", "no", "unit", "objective", "indicator", "target"};
  doc.value_field = "target";
  doc.records = std::move(records);
  return doc;
}

Record a4_record(const std::string& target, const std::string& kind, std::optional<double> value,
                 const std::string& digits) {
  Record r;
  r.fields = {{"section", "S"},   {"no", "1"},        {"unit", "U"},
              {"objective", "O"}, {"indicator", "I"}, {"target", target}};
  r.value_kind = kind;
  r.value = value;
  r.value_digits = digits;
  r.page = 2;
  r.confidence = 0.9;
  return r;
}

TEST(WriteCsv, RecordsHaveTheContractColumnsFirstAndOptionalBom) {
  Record r = a4_record("70,36%", "percent", 70.36, "70.36");
  r.flags = {"corrected", "needs_review"};
  r.review_reasons = {"unsure_reading"};
  std::string csv = write_csv(a4_document({r}), /*bom=*/true);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFsection,no,unit,objective,indicator,target,target_kind,"
                      "target_value,page,confidence,flags,review_reasons\r\n",
                      0),
            0u)
      << csv;
  EXPECT_NE(csv.find("S,1,U,O,I,\"70,36%\",percent,70.36,2,0.9,corrected;needs_review,"
                     "unsure_reading\r\n"),
            std::string::npos)
      << csv;
}

TEST(WriteCsv, ForASpreadsheetNoCellRunsAsAFormula) {
  Record r = a4_record("N/A", "na", std::nullopt, "");
  r.set("indicator", "=HYPERLINK(\"http://x\",\"clic\")");
  r.set("unit", "@SUM(A1)");
  r.set("objective", "-2+3");
  std::string excel = write_csv(a4_document({r}), /*excel=*/true);
  EXPECT_NE(excel.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""), std::string::npos)
      << excel;
  EXPECT_NE(excel.find(",'@SUM(A1),'-2+3,"), std::string::npos) << excel;
  // For scripts and diff tools the text stays as read.
  std::string plain = write_csv(a4_document({r}));
  EXPECT_NE(plain.find(",@SUM(A1),-2+3,"), std::string::npos) << plain;
  EXPECT_EQ(spreadsheet_safe("70,36%"), "70,36%");
  EXPECT_EQ(spreadsheet_safe("+593 2 381"), "'+593 2 381");
}

TEST(WriteCsv, ValuesArePrintedExactlyAsRead) {
  // Six significant digits would print 1.23457e+06 and 2.5e+06.
  std::string csv = write_csv(a4_document({a4_record("1.234.567", "number", 1234567, "1234567"),
                                           a4_record("2.500.000", "number", 2500000, "2500000")}));
  EXPECT_NE(csv.find(",1.234.567,number,1234567,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2.500.000,number,2500000,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("e+06"), std::string::npos) << csv;
}

TEST(WriteJson, RecordsCarryTheirProfilesFieldsAndReviewReasons) {
  Record r = a4_record("N/A", "na", std::nullopt, "");
  r.review_reasons = {"no_sequence"};
  auto j = to_json(a4_document({r}));
  const auto& rec = j["records"][0];
  EXPECT_EQ(rec["indicator"], "I");
  EXPECT_EQ(rec["target_kind"], "na");
  EXPECT_TRUE(rec["target_value"].is_null());
  EXPECT_EQ(rec["review_reasons"][0], "no_sequence");
  std::vector<std::string> keys;
  for (auto it = rec.begin(); it != rec.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"section", "no", "unit", "objective", "indicator",
                                            "target", "target_kind", "target_value", "page",
                                            "confidence", "flags", "review_reasons"}));
}

TEST(WriteJson, FollowsTheContract) {
  DocumentResult doc = sample_grid_document();
  auto j = to_json(doc);
  EXPECT_EQ(j["schema"], "pdfrecon/1");
  EXPECT_FALSE(j.contains("records")) << "records only when a profile applied";
  const auto& cell = j["pages"][0]["tables"][0]["cells"][0];
  EXPECT_EQ(cell["row_span"], 2);
  EXPECT_EQ(cell["text"], "Unidad, \"A\"");
  EXPECT_EQ(j["pages"][0]["tables"][0]["n_rows"], 2);
  doc.records.emplace();
  EXPECT_TRUE(to_json(doc)["records"].is_array());
}

TEST(WriteMarkdown, EscapesPipes) {
  DocumentResult doc = sample_grid_document();
  doc.pages[0].tables[0].cells[1].text = "a|b";
  EXPECT_NE(write_markdown(doc).find("a\\|b"), std::string::npos);
}

TEST(PageRanges, ParsesListsAndRanges) {
  EXPECT_EQ(parse_page_ranges("1,3-5").expand(9), (std::vector<int>{1, 3, 4, 5}));
  EXPECT_EQ(parse_page_ranges("4,2,2").expand(9), (std::vector<int>{2, 4}));
  EXPECT_EQ(parse_page_ranges("7-end").expand(9), (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(parse_page_ranges("all").expand(3), (std::vector<int>{1, 2, 3}));
  EXPECT_THROW(parse_page_ranges("0"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("2-"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("a"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("1,,2"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("5-3"), std::invalid_argument);
}

TEST(PageRanges, AreCheckedBeforeTheyAreExpanded) {
  // Two thousand million pages asked of a 9-page file: an error at once,
  // not a list of that size.
  EXPECT_THROW(parse_page_ranges("1-2000000000").expand(9), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("12").expand(9), std::invalid_argument);
  EXPECT_EQ(parse_page_ranges("2-end").expand(2), std::vector<int>{2});
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AtomicFile, WritesWholeFileAndLeavesNoTemporary) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "pdfrecon-atomic-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_file_atomically((dir / "a.json").string(), "{}\n");
  std::ifstream in(dir / "a.json");
  std::string s((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(s, "{}\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_THROW(write_file_atomically((dir / "missing" / "a.json").string(), "x"),
               std::runtime_error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pdfrecon
