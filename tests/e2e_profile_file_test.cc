// A report profile of the user's own, end to end with no code of its own:
// the invented literal a6 fixture (monthly pay by post, rendered by
// fixturegen) read through fixtures/invented-lotaip-a6/lotaip-a6.json.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

namespace {

using pdfrecon::testing::run_pdfrecon;
using pdfrecon::testing::sh_quote;
using pdfrecon::testing::source_path;

const std::string kDir = source_path("fixtures/invented-lotaip-a6/");

std::string args(const std::string& rest) {
  return sh_quote(kDir + "born-digital.pdf") + " --profile-file " +
         sh_quote(kDir + "lotaip-a6.json") + " " + rest;
}

TEST(ProfileFile, AnotherLiteralsRecordsComeOutWithItsOwnFields) {
  auto r = run_pdfrecon("extract " + args(""));
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["profile"], "lotaip-a6");
  ASSERT_EQ(doc["records"].size(), 16u);
  const auto& first = doc["records"][0];
  EXPECT_EQ(first["puesto"], "Gerente General");
  EXPECT_EQ(first["regimen"], "LOSEP - Nivel Jerárquico Superior");
  EXPECT_EQ(first["remuneracion"], "5.076,00");
  EXPECT_EQ(first["remuneracion_kind"], "number");
  EXPECT_EQ(first["remuneracion_value"], 5076.0);
  EXPECT_FALSE(first.contains("indicator"));
  EXPECT_EQ(doc["metadata"]["fecha_actualizacion"], "31/05/2024");
  EXPECT_EQ(doc["metadata"]["unidad_poseedora"], "DIRECCIÓN DE TALENTO HUMANO");
}

TEST(ProfileFile, VerifyComparesTheProfilesFields) {
  auto r = run_pdfrecon("verify " + args("--expected " + sh_quote(kDir + "records.csv")));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("OK, 16 records match on 6 fields"), std::string::npos) << r.out;
}

TEST(ProfileFile, TheCsvHeaderIsTheProfiles) {
  auto r = run_pdfrecon("extract " + args("--format csv"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("section,no,regimen,grupo,puesto,remuneracion,remuneracion_kind,"
                        "remuneracion_value,page,confidence,flags,review_reasons\r\n",
                        0),
            0u)
      << r.out.substr(0, 200);
}

TEST(ProfileFile, WithoutItTheReportIsNoLiteralA4) {
  auto r = run_pdfrecon("extract " + sh_quote(kDir + "born-digital.pdf"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["profile"], "generic");
  EXPECT_FALSE(doc.contains("records"));
}

TEST(ProfileFile, ABadProfileFileIsAUsageError) {
  auto r = run_pdfrecon("extract " + sh_quote(kDir + "born-digital.pdf") + " --profile-file " +
                        sh_quote(kDir + "truth.json"));
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("--profile-file"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
