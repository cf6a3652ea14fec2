#include <gtest/gtest.h>

#include "pdfrecon/text_reconciler.h"

namespace pdfrecon {
namespace {

TEST(ReadTarget, PercentWithDecimalComma) {
  TargetReading r = read_target("70,36%");
  EXPECT_EQ(r.kind, "percent");
  EXPECT_EQ(r.text, "70,36%");
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 70.36);
  EXPECT_FALSE(r.needs_review);
  EXPECT_DOUBLE_EQ(*read_target("100,00%").value, 100);
  EXPECT_DOUBLE_EQ(*read_target("0,00%").value, 0);
  EXPECT_DOUBLE_EQ(*read_target(" 8,5% ").value, 8.5);
}

TEST(ReadTarget, ImpossiblePercentagesAreFlaggedNotGuessed) {
  for (const char* s : {"00,00%", "05,00%", "100,50%", "250%"}) {
    TargetReading r = read_target(s);
    EXPECT_TRUE(r.needs_review) << s;
    EXPECT_LT(r.confidence, kReviewBelow) << s;
    EXPECT_EQ(r.text, s) << "kept as found";
  }
}

TEST(ReadTarget, NotApplicable) {
  for (const char* s : {"N/A", "N / A", "n/a", "NA"}) {
    TargetReading r = read_target(s);
    EXPECT_EQ(r.kind, "na") << s;
    EXPECT_EQ(r.text, "N/A") << s;
    EXPECT_FALSE(r.value) << s;
  }
}

TEST(ReadTarget, PlainNumbers) {
  EXPECT_EQ(read_target("12").kind, "number");
  EXPECT_DOUBLE_EQ(*read_target("12").value, 12);
  EXPECT_DOUBLE_EQ(*read_target("1.250").value, 1250);
  EXPECT_DOUBLE_EQ(*read_target("2,5").value, 2.5);
}

TEST(ReadTarget, FreeTextKeepsItsWordsWithoutValue) {
  TargetReading r = read_target("8,33% mensual promedio (según cronograma)");
  EXPECT_EQ(r.kind, "text");
  EXPECT_EQ(r.text, "8,33% mensual promedio (según cronograma)");
  EXPECT_FALSE(r.value);
}

TEST(ReadTarget, EmptyNeedsReview) { EXPECT_TRUE(read_target("  ").needs_review); }

}  // namespace
}  // namespace pdfrecon

namespace pdfrecon {
namespace {

struct Repair {
  const char* raw;
  const char* text;
  bool review;
};

TEST(RepairTarget, UndoesWhatOcrDoesToFigures) {
  const Repair cases[] = {
      {"70, 36 %", "70,36%", false},  // spaces inside
      {"70.36%", "70,36%", false},    // decimal point for the comma
      {"1OO,OO%", "100,00%", false},  // O for 0
      {"l00,00%", "100,00%", false},  // l for 1
      {"9I,00%", "91,00%", false},    // I for 1
      {"S0,00%", "50,00%", true},     // S: 5 or 8? repaired, but review
      {"NIA", "N/A", false},          // slash read as I
      {"N1A", "N/A", false},
      {"N|A", "N/A", false},
      {"00,00%", "100,00%", true},   // a lost leading digit: repaired, flagged
      {"05,00%", "05,00%", true},    // lost digit, but which? flagged as found
      {"150,00%", "150,00%", true},  // over 100%
      {"", "", true},
  };
  for (const Repair& c : cases) {
    std::vector<TextCorrection> corrections;
    TargetReading r = repair_target(c.raw, corrections);
    EXPECT_EQ(r.text, c.text) << c.raw;
    EXPECT_EQ(r.needs_review, c.review) << c.raw;
    if (r.needs_review) {
      EXPECT_LT(r.confidence, kReviewBelow) << c.raw;
    }
    if (std::string(c.raw) != c.text && *c.raw) {
      ASSERT_FALSE(corrections.empty()) << c.raw;
      EXPECT_EQ(corrections.front().from, c.raw);
      EXPECT_EQ(corrections.back().to, c.text);
    }
  }
}

TEST(RepairTarget, ValuesFollowTheRepairedText) {
  std::vector<TextCorrection> corrections;
  TargetReading r = repair_target("1OO,OO%", corrections);
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 100);
  EXPECT_EQ(r.kind, "percent");
  r = repair_target("00,00%", corrections);
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 100);
}

TEST(RepairTarget, CleanFormsAndFreeTextAreLeftAlone) {
  for (const char* s : {"70,36%", "0,00%", "N/A", "12", "8,33% mensual promedio (La ejecución)"}) {
    std::vector<TextCorrection> corrections;
    TargetReading r = repair_target(s, corrections);
    EXPECT_EQ(r.text, s);
    EXPECT_TRUE(corrections.empty()) << s;
    EXPECT_FALSE(r.needs_review) << s;
  }
  // Not a figure at all: no digits to repair.
  std::vector<TextCorrection> corrections;
  EXPECT_EQ(repair_target("OO%", corrections).kind, "text");
}

}  // namespace
}  // namespace pdfrecon
