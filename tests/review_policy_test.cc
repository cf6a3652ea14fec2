// The review policy: every record that could be wrong is flagged with its
// reason, and right ones are not. Each gap found by probing the old,
// scattered checks is a case here.
#include "pdfrecon/review_policy.h"

#include <gtest/gtest.h>

#include "pdfrecon/dictionary.h"
#include "pdfrecon/dictionary_reconciler.h"
#include "pdfrecon/lexicon.h"
#include "pdfrecon/report_records.h"

namespace pdfrecon {
namespace {

// A five-column table, one row per record, each naming its own No., unit
// and objective; a header row first, unless `header` is false (a page the
// table continues on).
CellGrid table(const std::vector<std::vector<std::string>>& rows, double confidence = 1.0,
               bool header = true) {
  CellGrid t;
  std::vector<std::vector<std::string>> all;
  if (header) {
    all.push_back({"No.", "Descripción de la unidad", "Objetivo de la unidad", "Indicador",
                   "Meta cuantificable"});
  }
  all.insert(all.end(), rows.begin(), rows.end());
  for (int c = 0; c <= 5; ++c) t.col_edges.push_back(100.0 * c);
  for (size_t r = 0; r <= all.size(); ++r) t.row_edges.push_back(20.0 * double(r));
  for (int r = 0; r < int(all.size()); ++r) {
    for (int c = 0; c < 5; ++c) {
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {100.0 * c, 20.0 * r, 100.0 * (c + 1), 20.0 * (r + 1)};
      cell.text = cell.raw_text = all[size_t(r)][size_t(c)];
      cell.confidence = header && r == 0 ? 1.0 : confidence;
      t.cells.push_back(cell);
    }
  }
  return t;
}

std::vector<std::string> row(const std::string& no, const std::string& target,
                             const std::string& unit = "Dirección Nacional Financiera") {
  return {no, unit, "Incrementar la eficiencia", "Porcentaje de ejecución presupuestaria", target};
}

// The records of `tables`, one a page, read with the bundled vocabulary.
std::vector<Record> records(std::vector<CellGrid> tables) {
  static const Dictionary dictionary = Dictionary::bundled();
  static const DictionaryReconciler reconciler(dictionary, Lexicon::shared());
  std::vector<std::vector<CellGrid>> page_tables;
  for (CellGrid& t : tables) page_tables.push_back({std::move(t)});
  std::vector<PageContent> pages;
  for (size_t p = 0; p < page_tables.size(); ++p)
    pages.push_back({int(p) + 1, &page_tables[p], {}});
  return read_records(pages, ReportProfile::bundled("lotaip-a4"), &reconciler).records;
}
std::vector<Record> records(CellGrid t) { return records(std::vector<CellGrid>{std::move(t)}); }

// `t` as OCR read it: every cell's text from the recogniser.
CellGrid read_by_ocr(CellGrid t) {
  for (GridCell& c : t.cells) c.source = "ocr";
  return t;
}

bool flagged_for(const Record& r, const std::string& reason) {
  return r.has_flag("needs_review") && std::find(r.review_reasons.begin(), r.review_reasons.end(),
                                                 reason) != r.review_reasons.end();
}

TEST(ReviewPolicy, AConfidentlyMisreadNumberBreaksTheSequence) {
  // 1, 2, 8, 4: every No. read with full confidence; only the 8 is wrong.
  auto r = records(table({row("1", "10,00%"), row("2", "20,00%"), row("8", "30,00%"),
                          row("4", "40,00%"), row("5", "50,00%")}));
  ASSERT_EQ(r.size(), 5u);
  EXPECT_TRUE(flagged_for(r[2], "no_sequence"));
  for (size_t i : {0u, 1u, 3u, 4u}) EXPECT_FALSE(r[i].has_flag("needs_review")) << i;
}

TEST(ReviewPolicy, ANumberThatIsNoNumberIsFlagged) {
  auto r = records(
      table({row("1", "10,00%"), row("E!", "20,00%"), row("x", "30,00%"), row("7", "40,00%")}));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_TRUE(flagged_for(r[1], "no_sequence"));
  EXPECT_TRUE(flagged_for(r[2], "no_sequence"));
}

TEST(ReviewPolicy, ATargetWithoutDigitsInAPercentColumnIsFlagged) {
  auto r = records(table({row("1", "10,00%"), row("2", "s"), row("3", "30,00%"), row("4", "pen"),
                          row("5", "50,00%"), row("6", "No aplica en el periodo"), row("7", "N/A"),
                          row("8", "80,00%"), row("9", "90,00%")}));
  ASSERT_EQ(r.size(), 9u);
  EXPECT_TRUE(flagged_for(r[1], "value_kind"));
  EXPECT_TRUE(flagged_for(r[3], "value_kind"));
  EXPECT_FALSE(r[5].has_flag("needs_review")) << "a goal in known words is a goal";
  EXPECT_FALSE(r[0].has_flag("needs_review"));
}

TEST(ReviewPolicy, APercentageThatLostItsSignIsFlagged) {
  auto r = records(
      table({row("1", "10,00%"), row("2", "15,00"), row("3", "30,00%"), row("4", "40,00%")}));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[1].value_kind, "number");
  EXPECT_TRUE(flagged_for(r[1], "value_kind"));
  EXPECT_FALSE(r[2].has_flag("needs_review"));
}

TEST(ReviewPolicy, ASnapToADictionaryEntryByOtherThanOcrSlipsVouchesForNothing) {
  // An unsure reading of a name one letter off a known unit, where the
  // letter is no OCR confusion: maybe another institution's unit.
  auto r = records(table({row("1", "10,00%", "Dirección Nacional Finaxciera"),
                          row("2", "20,00%", "Dirección Nacional Finaxciera")},
                         /*confidence=*/0.6));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(flagged_for(r[0], "unsure_reading")) << r[0].field("unit");
}

TEST(ReviewPolicy, AnOcrReadingWithAWordNobodyKnowsIsFlagged) {
  // "Extenor" for "Exterior": no correction places it, and OCR made it.
  CellGrid t = table({row("1", "10,00%", "Dirección de Procesos en el Extenor"),
                      row("2", "20,00%", "Dirección de Procesos en el Exterior")});
  auto r = records(read_by_ocr(t));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(flagged_for(r[0], "unknown_word")) << r[0].field("unit");
  EXPECT_FALSE(r[1].has_flag("needs_review"));
  // Printed so in a born-digital layer, it is what was printed.
  auto native = records(table({row("1", "10,00%", "Dirección de Procesos en el Extenor")}));
  EXPECT_FALSE(native[0].has_flag("needs_review"));
}

TEST(ReviewPolicy, ANameCarriedAcrossAPageBreakBringsItsDoubts) {
  // Page 1 reads the unit with a word nobody knows; page 2 prints its rows
  // blank under the break. Both pages' records have the doubtful name, and
  // both are flagged for it (page 2's were not: its own cells are blank).
  CellGrid first = table({row("1", "10,00%", "Dirección de Procesos en el Extenor")});
  std::vector<std::string> blank = row("", "20,00%", "");
  blank[2] = "";  // the objective, blank too
  auto r = records({read_by_ocr(first), read_by_ocr(table({blank}, 1.0, /*header=*/false))});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].field("unit"), r[0].field("unit"));
  EXPECT_TRUE(flagged_for(r[0], "unknown_word"));
  EXPECT_TRUE(flagged_for(r[1], "unknown_word")) << r[1].field("unit");
}

TEST(ReviewPolicy, ANameWithAWordThatMayBeTwoGlyphsMergedIsUnsure) {
  // "Segundad" is a Spanish word, and "Seguridad" with its "ri" read as an
  // "n": the reading of the name is unsure. "Seguridad" itself is no
  // merged reading of anything.
  CellGrid t = table({row("1", "10,00%", "Dirección de Segundad Ciudadana"),
                      row("2", "20,00%", "Dirección de Seguridad Ciudadana")},
                     /*confidence=*/0.95);
  auto r = records(read_by_ocr(t));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(flagged_for(r[0], "unsure_reading")) << r[0].field("unit");
  EXPECT_FALSE(r[1].has_flag("needs_review")) << r[1].field("unit");
}

TEST(ReviewPolicy, ASpeckReadAsAMarkInAUnitsNameIsFlagged) {
  // "+" between known words of a unit the dictionary does not hold: no
  // name is written so. (One it holds is snapped, the speck gone.)
  CellGrid t = table({row("1", "10,00%", "Dirección de Riego + Drenaje"),
                      row("2", "20,00%", "Dirección de Riego - Drenaje")});
  auto r = records(read_by_ocr(t));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(flagged_for(r[0], "unknown_word")) << r[0].field("unit");
  EXPECT_FALSE(flagged_for(r[1], "unknown_word")) << r[1].field("unit");
}

TEST(ReviewPolicy, AnInstitutionsOwnWordsInAnIndicatorAreNoReason) {
  // Surely read words the lexicon lacks ("microcuencas", "hidrométricas")
  // in descriptive text: its vocabulary, not a misread figure or name.
  std::vector<std::string> r1 = row("1", "10,00%");
  r1[3] = "Número de planes de manejo de microcuencas aprobados";
  std::vector<std::string> r2 = row("2", "20,00%");
  r2[2] = "Proteger las estaciones hidrométricas xyloquímicas";
  CellGrid t = table({r1, r2}, /*confidence=*/0.95);
  auto r = records(read_by_ocr(t));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_FALSE(r[0].has_flag("needs_review")) << r[0].field("indicator");
  EXPECT_FALSE(r[1].has_flag("needs_review")) << r[1].field("objective");
}

TEST(ReviewPolicy, ReasonsComeInAFixedOrder) {
  RecordEvidence e;
  e.sequence_broken = true;
  e.fields.push_back({.field = "target", .empty = true});
  e.fields.push_back({.field = "unit", .confidence = 0.2});
  Record rec;
  ReviewPolicy().review(rec, e);
  EXPECT_EQ(rec.review_reasons,
            (std::vector<std::string>{"missing_field", "unsure_reading", "no_sequence"}));
  EXPECT_TRUE(rec.has_flag("needs_review"));
  EXPECT_DOUBLE_EQ(rec.confidence, 0.2);
  ReviewPolicy().review(rec, {});
  EXPECT_FALSE(rec.has_flag("needs_review"));
  EXPECT_TRUE(rec.review_reasons.empty());
}

TEST(ReviewPolicy, TwoReadingsThatDisagreeAreAReasonWhateverTheirConfidence) {
  RecordEvidence e;
  e.fields.push_back({.field = "target", .confidence = 0.95, .doubts = {kDoubtReadingsDisagree}});
  EXPECT_EQ(ReviewPolicy().reasons(e), std::vector<ReviewReason>{ReviewReason::kReadingsDisagree});
}

}  // namespace
}  // namespace pdfrecon
