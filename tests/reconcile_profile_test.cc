// The lotaip-a4 profile on hand-made grids: header rows OCR garbled, unit
// numbers OCR lost, and what it must leave for a person to check.
#include <gtest/gtest.h>

#include "pdfrecon/dictionary.h"
#include "pdfrecon/dictionary_reconciler.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/report_records.h"

namespace pdfrecon {
namespace {

// A five-column table: one row per vector, "" for an empty cell; a row of
// one string is a section row across the table. No merged blocks: each
// row names its No., unit and objective.
CellGrid table(const std::vector<std::vector<std::string>>& rows) {
  CellGrid t;
  for (int c = 0; c <= 5; ++c) t.col_edges.push_back(100.0 * c);
  for (size_t r = 0; r <= rows.size(); ++r) t.row_edges.push_back(20.0 * double(r));
  for (int r = 0; r < int(rows.size()); ++r) {
    if (rows[r].size() == 1) {
      GridCell cell;
      cell.row = r;
      cell.col_span = 5;
      cell.box = {0, 20.0 * r, 500, 20.0 * (r + 1)};
      cell.text = cell.raw_text = rows[r][0];
      t.cells.push_back(cell);
      continue;
    }
    for (int c = 0; c < 5; ++c) {
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {100.0 * c, 20.0 * r, 100.0 * (c + 1), 20.0 * (r + 1)};
      cell.text = cell.raw_text = rows[r][c];
      t.cells.push_back(cell);
    }
  }
  return t;
}

const std::vector<std::string> kHeader = {
    "No.", "Descripción de la unidad", "Objetivo de la unidad", "Indicador", "Meta cuantificable"};

ProfileResult run(std::vector<CellGrid>& tables) {
  static const Dictionary dictionary = Dictionary::bundled();
  static const DictionaryReconciler reconciler(dictionary, Lexicon::shared());
  std::vector<PageContent> pages = {{1, &tables, {}}};
  return read_records(pages, ReportProfile::bundled("lotaip-a4"), &reconciler);
}
ProfileResult run(CellGrid t) {
  std::vector<CellGrid> tables = {std::move(t)};
  return run(tables);
}

std::vector<std::string> row(const char* no, const char* indicator, const char* target) {
  return {no, "Dirección Nacional Financiera", "Incrementar la eficiencia", indicator, target};
}

TEST(LotaipProfile, AHeaderRowWithTwoGarbledLabelsIsStillAHeader) {
  auto t = table(
      {{"N9", "Descripción de la unidad", "0bjetivo de la unidad", "EEE A", "Meta cuantificable"},
       {"SECCIÓN"},
       row("1", "Porcentaje de ejecución presupuestaria", "90,44%")});
  std::vector<PageContent> pages;
  std::vector<CellGrid> tables = {t};
  pages.push_back({1, &tables, {}});
  EXPECT_TRUE(is_report(pages, ReportProfile::bundled("lotaip-a4")));
  ProfileResult r = run(t);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].field("indicator"), "Porcentaje de ejecución presupuestaria");
  EXPECT_EQ(r.records[0].field("target"), "90,44%");
}

TEST(LotaipProfile, UnitNumbersLostBetweenReadableOnesAreInferred) {
  auto t = table({kHeader, row("6", "A", "N/A"), row("tá", "B", "N/A"), row("", "C", "N/A"),
                  row("9", "D", "N/A")});
  ProfileResult r = run(t);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[1].field("no"), "7");
  EXPECT_EQ(r.records[2].field("no"), "8");
  EXPECT_TRUE(r.records[1].has_flag("corrected"));
  EXPECT_FALSE(r.records[1].has_flag("needs_review"));
}

TEST(LotaipProfile, UnitNumbersAreNotGuessedWhenTheGapDoesNotFit) {
  // Two unreadable units between 6 and 10: which numbers are missing is
  // not known, so the records keep what was read and are flagged.
  auto t = table({kHeader, row("6", "A", "N/A"), row("tá", "B", "N/A"), row("x", "C", "N/A"),
                  row("10", "D", "N/A")});
  ProfileResult r = run(t);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[1].field("no"), "tá");
  EXPECT_TRUE(r.records[1].has_flag("needs_review"));
  EXPECT_TRUE(r.records[2].has_flag("needs_review"));
}

TEST(LotaipProfile, ADigitRepairedOutOfSequenceIsFlagged) {
  // "l" reads as 1, but after unit 4 a 1 breaks the numbering.
  auto t = table({kHeader, row("4", "A", "N/A"), row("l", "B", "N/A"), row("6", "C", "N/A")});
  ProfileResult r = run(t);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1].field("no"), "1");
  EXPECT_TRUE(r.records[1].has_flag("needs_review"));
  auto ok = table({kHeader, row("4", "A", "N/A"), row("S", "B", "N/A"), row("6", "C", "N/A")});
  ProfileResult r2 = run(ok);
  EXPECT_EQ(r2.records[1].field("no"), "5");
  EXPECT_FALSE(r2.records[1].has_flag("needs_review"));
}

TEST(LotaipProfile, RepairedTargetsAreAuditedAndImpossibleOnesFlagged) {
  std::vector<CellGrid> tables = {table({kHeader, row("1", "A", "1OO,OO%"), row("2", "B", "00,00%"),
                                         row("3", "C", "91,00% É"), row("4", "D", "7 3% ¿x? qz")})};
  ProfileResult r = run(tables);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].field("target"), "100,00%");
  EXPECT_TRUE(r.records[0].has_flag("corrected"));
  EXPECT_FALSE(r.records[0].has_flag("needs_review"));
  EXPECT_EQ(r.records[1].field("target"), "100,00%");
  EXPECT_TRUE(r.records[1].has_flag("needs_review"));
  EXPECT_EQ(r.records[2].field("target"), "91,00%");
  ASSERT_TRUE(r.records[2].value);
  EXPECT_DOUBLE_EQ(*r.records[2].value, 91);
  EXPECT_TRUE(r.records[3].has_flag("needs_review")) << r.records[3].field("target");
  // The audit trail is on the cells: raw text kept, each change listed.
  const GridCell* cell = tables[0].cell_at(2, 4);
  ASSERT_NE(cell, nullptr);
  EXPECT_EQ(cell->raw_text, "00,00%");
  EXPECT_EQ(cell->text, "100,00%");
  ASSERT_FALSE(cell->corrections.empty());
  EXPECT_EQ(cell->corrections.back().rule, "value-lost-digit");
}

TEST(LotaipProfile, AHeaderThatLostItsRulingsIsFoundInTheCellItRanInto) {
  // The scan lost the verticals between the header's cells and the ruling
  // under it: the header and the first section are one cell across.
  auto t = table({{"No. Descripción de la unidad Objetivo de la unidad Indicador Meta "
                   "cuantificable PROCESOS GOBERNANTES / NIVEL DIRECTIVO"},
                  row("1", "Porcentaje de ejecución presupuestaria", "90,44%"),
                  row("2", "Porcentaje de procesos mejorados", "N/A")});
  ProfileResult r = run(t);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].field("section"), "PROCESOS GOBERNANTES / NIVEL DIRECTIVO");
  EXPECT_EQ(r.records[0].field("target"), "90,44%");
  EXPECT_EQ(r.records[1].field("no"), "2");
  // The header alone in its cell: no section.
  auto alone = table({{"No. Descripción de la unidad Objetivo de la unidad Indicador Meta"},
                      row("1", "Porcentaje de ejecución presupuestaria", "90,44%")});
  ProfileResult r2 = run(alone);
  ASSERT_EQ(r2.records.size(), 1u);
  EXPECT_EQ(r2.records[0].field("section"), "");
}

TEST(LotaipProfile, ColumnsAScanRunTogetherLeaveTheirFieldsEmptyAndFlagged) {
  // A continuation page whose No., unit and objective lost the rulings
  // between them: one grid column under three headers. The indicators and
  // targets are still read; the fields that could not be told apart are
  // empty and the records flagged.
  CellGrid next;
  next.col_edges = {0, 300, 400, 500};
  next.row_edges = {0, 20, 40};
  const char* rows[2][2] = {{"Porcentaje A", "50,00%"}, {"Porcentaje B", "N/A"}};
  for (int r = 0; r < 2; ++r) {
    GridCell merged;
    merged.row = r;
    merged.box = {0, 20.0 * r, 300, 20.0 * (r + 1)};
    merged.text = merged.raw_text = "7 Dirección Nacional Financiera Incrementar la eficiencia";
    next.cells.push_back(merged);
    for (int c = 1; c < 3; ++c) {
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {next.col_edges[size_t(c)], 20.0 * r, next.col_edges[size_t(c) + 1],
                  20.0 * (r + 1)};
      cell.text = cell.raw_text = rows[r][c - 1];
      next.cells.push_back(cell);
    }
  }
  std::vector<CellGrid> tables = {table({kHeader, row("6", "Porcentaje Z", "N/A")}), next};
  ProfileResult r = run(tables);
  ASSERT_EQ(r.records.size(), 3u);
  for (size_t i : {1u, 2u}) {
    EXPECT_EQ(r.records[i].field("unit"), "") << i;
    EXPECT_TRUE(r.records[i].has_flag("needs_review")) << i;
  }
  EXPECT_EQ(r.records[1].field("indicator"), "Porcentaje A");
  EXPECT_EQ(r.records[1].field("target"), "50,00%");
  EXPECT_EQ(r.records[2].field("target"), "N/A");
}

const FooterKey& footer(const std::string& key) {
  for (const FooterKey& k : ReportProfile::bundled("lotaip-a4").footer) {
    if (k.key == key) return k;
  }
  throw std::logic_error("no footer key " + key);
}

TEST(LotaipFooter, AChoiceCutShortByAStrokeIsTheOneItStarts) {
  EXPECT_EQ(clean_footer_value(footer("periodicidad"), "MENS 18]"), "MENSUAL");
  EXPECT_EQ(clean_footer_value(footer("periodicidad"), "Pf TRIM"), "TRIMESTRAL");
  // "SEME" starts SEMESTRAL only; three letters say nothing.
  EXPECT_EQ(clean_footer_value(footer("periodicidad"), "SEME"), "SEMESTRAL");
  EXPECT_EQ(clean_footer_value(footer("periodicidad"), "MEN"), "");
}

TEST(LotaipFooter, TheUnitHoldingTheInformationIsOneOfTheReportsUnits) {
  ASSERT_EQ(footer("unidad_poseedora").value, FooterValue::kUnit);
  const std::vector<std::string> units = {
      "Coordinación Nacional de Gestión Estratégica y Planificación",
      "Dirección Nacional de Planificación y Proyectos",
      "Dirección Nacional de Comunicación Social"};
  // A stamp's letters before it, the label's end leaked in, a lost letter.
  EXPECT_EQ(unit_named("fio NACIONAL DE PLANIFICACIÓN Y PROYECTOS", units),
            "DIRECCIÓN NACIONAL DE PLANIFICACIÓN Y PROYECTOS");
  EXPECT_EQ(
      unit_named("LITERAL a): r A /l|, mo IRECCION NACIONAL DE PLANIFICACIÓN Y PROYECTOS", units),
      "DIRECCIÓN NACIONAL DE PLANIFICACIÓN Y PROYECTOS");
  EXPECT_EQ(unit_named("Dirección Nacional de Comunicacion Social", units),
            "Dirección Nacional de Comunicación Social");
  // Too little of any unit, or two units as close: left as read.
  EXPECT_EQ(unit_named("ODO PY MfEación Y PROYECTOS", units), "");
  EXPECT_EQ(unit_named("DIRECCIÓN NACIONAL", units), "");
}

}  // namespace
}  // namespace pdfrecon
