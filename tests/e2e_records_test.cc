// End to end on the born-digital fixtures: the lotaip-a4 profile returns
// exactly the records of the truth file, and the footer as metadata.
#include <gtest/gtest.h>

#include "pdfrecon/pipeline.h"
#include "pdfrecon/writers.h"
#include "support/csv.h"
#include "support/run_command.h"

namespace pdfrecon {
namespace {

using testing::parse_csv;
using testing::run_pdfrecon;
using testing::sh_quote;
using testing::slurp;
using testing::source_path;

std::vector<std::vector<std::string>> first_columns(std::vector<std::vector<std::string>> rows,
                                                    size_t n) {
  for (auto& r : rows) r.resize(std::min(r.size(), n));
  return rows;
}

class BornDigitalRecords : public ::testing::TestWithParam<const char*> {};

// The parameter is a fixture PDF's path under fixtures/, without ".pdf";
// its records are the folder's records.csv.
std::string folder_of(const std::string& stem) { return stem.substr(0, stem.rfind('/')); }

TEST_P(BornDigitalRecords, EqualTheTruthFileRecords) {
  std::string stem = source_path(std::string("fixtures/") + GetParam());
  auto want = parse_csv(slurp(folder_of(stem) + "/records.csv"));
  ASSERT_GT(want.size(), 10u);

  DocumentResult doc = extract_document(stem + ".pdf", {});
  EXPECT_EQ(doc.profile, "lotaip-a4");
  ASSERT_TRUE(doc.records.has_value());
  auto got = first_columns(parse_csv(write_csv(doc)), 6);
  ASSERT_EQ(got.size(), want.size());
  int exact = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << "record " << i;
    exact += got[i] == want[i];
  }
  EXPECT_EQ(exact, int(want.size()));
  EXPECT_TRUE(doc.warnings.empty());
}

TEST_P(BornDigitalRecords, NoCleanTargetIsFlaggedAndEveryValueIsRight) {
  std::string stem = source_path(std::string("fixtures/") + GetParam());
  DocumentResult doc = extract_document(stem + ".pdf", {});
  for (const PageResult& p : doc.pages) EXPECT_EQ(p.text_source, "native") << p.number;
  ASSERT_TRUE(doc.records.has_value());
  for (const Record& r : *doc.records) {
    EXPECT_FALSE(r.has_flag("needs_review")) << r.field("indicator");
    if (r.value_kind == "percent") {
      ASSERT_TRUE(r.value.has_value());
      // The value is the printed figure: "70,36%" -> 70.36.
      std::string printed = r.field("target").substr(0, r.field("target").size() - 1);
      std::replace(printed.begin(), printed.end(), ',', '.');
      EXPECT_DOUBLE_EQ(*r.value, std::stod(printed)) << r.field("target");
    }
    if (r.value_kind == "na") {
      EXPECT_FALSE(r.value.has_value());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BornDigitalRecords,
                         ::testing::Values("cne-lotaip-a4-2023-11/born-digital",
                                           "invented-lotaip-a4/born-digital",
                                           "invented-lotaip-a4/layout-portrait",
                                           "invented-lotaip-a4/layout-letter"));

// The footer printed as rows of the main table is metadata, never records.
class LayoutFooter : public ::testing::TestWithParam<const char*> {};

TEST_P(LayoutFooter, IsMetadataWhereverItIsPrinted) {
  DocumentResult doc = extract_document(
      source_path(std::string("fixtures/invented-lotaip-a4/") + GetParam() + ".pdf"), {});
  for (const char* key : {"link", "fecha_actualizacion", "periodicidad", "unidad_poseedora",
                          "responsable", "correo", "telefono"}) {
    const std::string* v = doc.metadata.get(key);
    EXPECT_TRUE(v && !v->empty()) << key;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LayoutFooter,
                         ::testing::Values("born-digital", "layout-portrait", "layout-letter"));

TEST(BornDigitalRecords, FooterBecomesMetadata) {
  DocumentResult doc =
      extract_document(source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.pdf"), {});
  auto field = [&doc](const char* k) {
    const std::string* v = doc.metadata.get(k);
    return v ? *v : std::string("<missing>");
  };
  EXPECT_EQ(field("fecha_actualizacion"), "30/11/2023");
  EXPECT_EQ(field("periodicidad"), "MENSUAL");
  EXPECT_EQ(field("unidad_poseedora"), "DIRECCIÓN NACIONAL DE PLANIFICACIÓN Y PROYECTOS");
  EXPECT_EQ(field("responsable"), "MARÍA JOSÉ ANDRADE SALAZAR");
  EXPECT_EQ(field("correo"), "mjandrade@example.org");
  EXPECT_EQ(field("telefono"), "(02) 381-5410 EXTENSIÓN 600");
  EXPECT_EQ(field("link"),
            "https://www.cne.gob.ec/wp-content/uploads/2023/12/Plan_Anual_Comprometido_2023-9.pdf");
  ASSERT_EQ(doc.metadata.notes.size(), 2u);
  EXPECT_EQ(doc.metadata.notes[1].rfind("NOTA 2:", 0), 0u);
}

TEST(BornDigitalRecords, GenericProfileGivesNoRecords) {
  ExtractOptions options;
  options.profile = "generic";
  DocumentResult doc =
      extract_document(source_path("fixtures/cne-lotaip-a4-2023-11/born-digital.pdf"), options);
  EXPECT_FALSE(doc.records.has_value());
  EXPECT_EQ(doc.profile, "generic");
}

TEST(BornDigitalRecords, CliCsvStartsWithTheTruthColumns) {
  std::string dir = source_path("fixtures/invented-lotaip-a4");
  auto r = run_pdfrecon("extract " + sh_quote(dir + "/born-digital.pdf") + " --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(first_columns(parse_csv(r.out), 6), parse_csv(slurp(dir + "/records.csv")));
}

}  // namespace
}  // namespace pdfrecon
