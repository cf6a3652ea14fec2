// `pdfrecon verify` and the comparison library behind it; the born-digital
// fixtures are checked through it, as a user's regression check would be.
#include "pdfrecon/verify.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "pdfrecon/writers.h"
#include "support/csv.h"
#include "support/run_command.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;

fs::path temp_dir(const std::string& name) {
  fs::path d =
      fs::temp_directory_path() / ("pdfrecon-verify-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> a4() { return compared_columns(ReportProfile::bundled("lotaip-a4")); }

Record rec(const std::string& no, const std::string& indicator, const std::string& target) {
  Record r;
  r.fields = {{"section", "Section"},   {"no", no},
              {"unit", "Unit"},         {"objective", "Objective"},
              {"indicator", indicator}, {"target", target}};
  return r;
}

TEST(VerifyLibrary, ReadsQuotedCsvWithTheColumnsItHas) {
  ExpectedRecords e = parse_expected(
      "section,no,unit,objective,indicator,target\r\n"
      "S,1,U,\"O, with comma\",\"Say \"\"hi\"\"\",\"70,36%\"\r\n",
      "x.csv", a4());
  ASSERT_EQ(e.records.size(), 1u);
  EXPECT_EQ(e.fields.size(), 6u);
  EXPECT_EQ(e.records[0].field("objective"), "O, with comma");
  EXPECT_EQ(e.records[0].field("indicator"), "Say \"hi\"");
  EXPECT_EQ(e.records[0].field("target"), "70,36%");
}

TEST(VerifyLibrary, RejectsFilesWithoutRecords) {
  EXPECT_THROW(parse_expected("a,b\n1,2\n", "x.csv", a4()), std::runtime_error);
  EXPECT_THROW(parse_expected("{\"schema\": \"pdfrecon/1\"}", "x.json", a4()), std::runtime_error);
  EXPECT_THROW(parse_expected("{not json", "x.json", a4()), std::runtime_error);
}

TEST(VerifyLibrary, NamesFieldMissingAndExtraRecords) {
  ExpectedRecords e;
  e.fields = {"no", "indicator", "target"};
  e.records = {rec("1", "A", "10%"), rec("2", "B", "20%"), rec("3", "C", "N/A")};
  std::vector<Record> got = {rec("1", "A", "10%"), rec("2", "B", "21%")};
  VerifyResult r = compare_records(e, got);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.diffs.size(), 1u);
  EXPECT_EQ(r.diffs[0].record, 2);
  EXPECT_EQ(r.diffs[0].field, "target");
  EXPECT_EQ(r.diffs[0].expected, "20%");
  EXPECT_EQ(r.diffs[0].got, "21%");
  EXPECT_EQ(r.missing, std::vector<int>{3});
  std::string text = format_verify(r, e, got, "r.pdf");
  EXPECT_NE(text.find("record 2: target: expected \"20%\", got \"21%\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("record 3: missing"), std::string::npos) << text;

  got.push_back(rec("3", "C", "N/A"));
  got.push_back(rec("4", "D", "1"));
  r = compare_records(e, got);
  EXPECT_EQ(r.extra, std::vector<int>{4});
  EXPECT_TRUE(r.missing.empty());
}

TEST(VerifyLibrary, ALostRecordIsReportedAloneNotAsEveryLaterOne) {
  ExpectedRecords e;
  e.fields = {"no", "indicator", "target"};
  for (const char* name : {"I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8"}) {
    e.records.push_back(rec("1", name, "N/A"));
  }
  std::vector<Record> got = e.records;
  got.erase(got.begin() + 2);                       // record 3 lost
  got.insert(got.begin() + 5, rec("1", "X", "1"));  // one extra, before expected record 7
  got[6].set("target", "2%");                       // expected record 7 changed
  VerifyResult r = compare_records(e, got);
  EXPECT_EQ(r.missing, std::vector<int>{3});
  EXPECT_EQ(r.extra, std::vector<int>{6});
  ASSERT_EQ(r.diffs.size(), 1u);
  EXPECT_EQ(r.diffs[0].record, 7);
  EXPECT_EQ(r.diffs[0].field, "target");
  EXPECT_EQ(r.diffs[0].got, "2%");
}

TEST(VerifyLibrary, JsonComparesKindAndValue) {
  std::string json =
      R"({"records": [{"section": "Section", "no": "1", "unit": "Unit", "objective": "Objective",
      "indicator": "A", "target": "70,36%", "target_kind": "percent", "target_value": 70.36}]})";
  ExpectedRecords e = parse_expected(json, "x.json", a4());
  ASSERT_EQ(e.records.size(), 1u);
  Record got = rec("1", "A", "70,36%");
  got.set("target_kind", "percent");
  got.set("target_value", "70.36");
  EXPECT_TRUE(compare_records(e, {got}).ok());
  got.set("target_value", "70.37");
  VerifyResult r = compare_records(e, {got});
  ASSERT_EQ(r.diffs.size(), 1u);
  EXPECT_EQ(r.diffs[0].field, "target_value");
}

class VerifyFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(VerifyFixture, BornDigitalMatchesItsRecordsCsv) {
  std::string dir = source_path(std::string("fixtures/") + GetParam());
  auto r = run_pdfrecon("verify " + sh_quote(dir + "/born-digital.pdf") + " --expected " +
                        sh_quote(dir + "/records.csv"));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(": OK, "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("record "), std::string::npos) << r.out;
}

TEST_P(VerifyFixture, AlteredExpectedTargetFailsNamingTheField) {
  std::string dir = source_path(std::string("fixtures/") + GetParam());
  std::string csv = slurp(dir + "/records.csv");
  auto rows = testing::parse_csv(csv);
  ASSERT_GT(rows.size(), 4u);
  ASSERT_EQ(rows[0][5], "target");
  rows[3][5] = "99,99%";  // the third record
  std::string altered;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) altered += ',';
      altered += csv_field(row[i]);
    }
    altered += "\r\n";
  }
  ASSERT_NE(altered, csv);
  fs::path d = temp_dir(std::string("altered-") + fs::path(GetParam()).filename().string());
  write(d / "records.csv", altered);

  auto r = run_pdfrecon("verify " + sh_quote(dir + "/born-digital.pdf") + " --expected " +
                        sh_quote((d / "records.csv").string()));
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("record 3: target: expected \"99,99%\", got "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 difference (1 field, 0 missing, 0 extra)"), std::string::npos) << r.out;
  fs::remove_all(d);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, VerifyFixture,
                         ::testing::Values("cne-lotaip-a4-2023-11", "invented-lotaip-a4"));

TEST(VerifyCommand, JsonExpectedComparesTargetValue) {
  std::string pdf = source_path("fixtures/invented-lotaip-a4/born-digital.pdf");
  fs::path d = temp_dir("json");
  auto x = run_pdfrecon("extract " + sh_quote(pdf) + " -o " + sh_quote((d / "doc.json").string()));
  ASSERT_EQ(x.status, 0) << x.err;
  auto j = nlohmann::ordered_json::parse(slurp(d / "doc.json"));
  ASSERT_GT(j["records"].size(), 5u);
  auto ok = run_pdfrecon("verify " + sh_quote(pdf) + " --expected " +
                         sh_quote((d / "doc.json").string()));
  EXPECT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("on 8 fields"), std::string::npos) << ok.out;

  // One value off, one record dropped from the expected file.
  auto& records = j["records"];
  int numeric = -1;
  for (size_t i = 0; i < records.size() && numeric < 0; ++i) {
    if (records[i]["target_value"].is_number()) numeric = int(i);
  }
  ASSERT_GE(numeric, 0);
  records[size_t(numeric)]["target_value"] =
      records[size_t(numeric)]["target_value"].get<double>() + 1;
  records.erase(records.size() - 1);
  write(d / "altered.json", j.dump(2));
  auto bad = run_pdfrecon("verify " + sh_quote(pdf) + " --expected " +
                          sh_quote((d / "altered.json").string()));
  EXPECT_EQ(bad.status, 1) << bad.out;
  EXPECT_NE(bad.out.find("record " + std::to_string(numeric + 1) + ": target_value: expected "),
            std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find(": extra (got "), std::string::npos) << bad.out;
  fs::remove_all(d);
}

TEST(VerifyCommand, UnreadableInputsAreOneLineAndStatusOne) {
  std::string pdf = source_path("fixtures/invented-lotaip-a4/born-digital.pdf");
  std::string csv = source_path("fixtures/invented-lotaip-a4/records.csv");
  auto r = run_pdfrecon("verify " + sh_quote(pdf) + " --expected /nonexistent/records.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/records.csv"), std::string::npos) << r.err;

  std::string bad = source_path("fixtures/bad/truncated.pdf");
  r = run_pdfrecon("verify " + sh_quote(bad) + " --expected " + sh_quote(csv));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST(VerifyCommand, UsageErrorsAreStatusTwo) {
  EXPECT_EQ(run_pdfrecon("verify").status, 2);
  EXPECT_EQ(run_pdfrecon("verify x.pdf").status, 2);
  EXPECT_EQ(run_pdfrecon("verify x.pdf --expected y.csv --ocr sometimes").status, 2);
  auto help = run_pdfrecon("verify --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(run_pdfrecon("--help").out.find("pdfrecon verify"), std::string::npos);
}

}  // namespace
}  // namespace pdfrecon
