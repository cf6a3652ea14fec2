// The date grammar: dates found, damaged dates told, mended only by a
// reading that shares their characters.
#include "pdfrecon/date_grammar.h"

#include <gtest/gtest.h>

namespace pdfrecon {
namespace {

TEST(DateGrammar, FindsADayMonthYearDate) {
  EXPECT_EQ(find_date("30/04/2023"), "30/04/2023");
  EXPECT_EQ(find_date("actualizado el 3-4-2023."), "03/04/2023");
  EXPECT_EQ(find_date("3O/04/2O23"), "30/04/2023");  // letters OCR reads for digits
  EXPECT_EQ(find_date("40/04/2023"), std::nullopt);  // no such day
  EXPECT_EQ(find_date("ua 30/04/20234 PA"), "30/04/2023");
  EXPECT_EQ(find_date("2023-2024"), std::nullopt);
}

TEST(DateGrammar, TellsADamagedDate) {
  EXPECT_TRUE(looks_like_damaged_date("as 30ma/z023 PR DIAL"));
  EXPECT_FALSE(looks_like_damaged_date("30/04/2023"));  // not damaged
  EXPECT_FALSE(looks_like_damaged_date("MENSUAL"));     // no date at all
  EXPECT_FALSE(looks_like_damaged_date("N/A"));         // too short
  EXPECT_FALSE(looks_like_damaged_date("https://www.cne.gob.ec/wp/2023/05/Plan.pdf"));  // too long
}

TEST(DateGrammar, MendsOnlyWithTheSamePrint) {
  EXPECT_EQ(mend_date("as 30ma/z023 PR DIAL", "ua 30/04/2023 PA"), "30/04/2023");
  // Another date (a stamp's) shares too little of the damaged one.
  EXPECT_EQ(mend_date("as 30ma/z023 PR DIAL", "17/11/1998"), std::nullopt);
  EXPECT_EQ(mend_date("MENSUAL", "30/04/2023"), std::nullopt);
  EXPECT_EQ(mend_date("30/04/2023", "30/05/2023"), std::nullopt);  // nothing to mend
}

}  // namespace
}  // namespace pdfrecon
