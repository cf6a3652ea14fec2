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
