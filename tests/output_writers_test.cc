#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

TEST(WriteCsv, RecordsHaveTheContractColumnsFirstAndOptionalBom) {
  DocumentResult doc;
  doc.records = std::vector<Record>{{.section = "S",
                                     .no = "1",
                                     .unit = "U",
                                     .objective = "O",
                                     .indicator = "I",
                                     .target = "70,36%",
                                     .target_kind = "percent",
                                     .target_value = 70.36,
                                     .page = 2,
                                     .confidence = 0.9,
                                     .flags = {"corrected", "needs_review"}}};
  std::string csv = write_csv(doc, /*bom=*/true);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFsection,no,unit,objective,indicator,target,", 0), 0u);
  EXPECT_NE(csv.find("S,1,U,O,I,\"70,36%\",percent,70.36,2,0.9,corrected;needs_review\r\n"),
            std::string::npos)
      << csv;
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
  EXPECT_EQ(parse_page_ranges("1,3-5"), (std::vector<int>{1, 3, 4, 5}));
  EXPECT_EQ(parse_page_ranges("4,2,2"), (std::vector<int>{2, 4}));
  EXPECT_THROW(parse_page_ranges("0"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("2-"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("a"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("1,,2"), std::invalid_argument);
  EXPECT_THROW(parse_page_ranges("5-3"), std::invalid_argument);
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
