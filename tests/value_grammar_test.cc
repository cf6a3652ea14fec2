// The value grammar: what a printed goal looks like, and what OCR does to
// figures. One definition serves the OCR whitelist, the text-layer judge
// and the record reader.
#include "pdfrecon/value_grammar.h"

#include <gtest/gtest.h>

#include <string>

namespace pdfrecon {
namespace {

TEST(ReadValue, PercentWithDecimalComma) {
  ValueReading r = read_value("70,36%");
  EXPECT_EQ(r.kind, ValueKind::kPercent);
  EXPECT_EQ(r.text, "70,36%");
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 70.36);
  EXPECT_EQ(r.digits, "70.36");
  EXPECT_FALSE(r.impossible);
  EXPECT_DOUBLE_EQ(*read_value("100,00%").value, 100);
  EXPECT_DOUBLE_EQ(*read_value("0,00%").value, 0);
  EXPECT_DOUBLE_EQ(*read_value(" 8,5% ").value, 8.5);
}

TEST(ReadValue, ADecimalPointIsTheSameValueAsTheComma) {
  // The judge and the reader once disagreed on this one.
  ValueReading r = read_value("70.36%");
  EXPECT_EQ(r.kind, ValueKind::kPercent);
  EXPECT_EQ(r.text, "70,36%");
  EXPECT_DOUBLE_EQ(*r.value, 70.36);
  EXPECT_TRUE(is_value("70.36%"));
}

TEST(ReadValue, ImpossiblePercentagesAreMarkedNotGuessed) {
  for (const char* s : {"00,00%", "05,00%", "100,50%", "250%"}) {
    ValueReading r = read_value(s);
    EXPECT_TRUE(r.impossible) << s;
    EXPECT_EQ(r.text, s) << "kept as found";
  }
}

TEST(ReadValue, NotApplicable) {
  for (const char* s : {"N/A", "N / A", "n/a", "NA"}) {
    ValueReading r = read_value(s);
    EXPECT_EQ(r.kind, ValueKind::kNa) << s;
    EXPECT_EQ(r.text, "N/A") << s;
    EXPECT_FALSE(r.value) << s;
  }
}

TEST(ReadValue, NumbersKeepEveryDigit) {
  EXPECT_EQ(read_value("12").kind, ValueKind::kNumber);
  EXPECT_DOUBLE_EQ(*read_value("12").value, 12);
  EXPECT_DOUBLE_EQ(*read_value("1.250").value, 1250);
  EXPECT_DOUBLE_EQ(*read_value("2,5").value, 2.5);
  ValueReading big = read_value("1.234.567");
  EXPECT_EQ(big.digits, "1234567");
  EXPECT_EQ(big.text, "1.234.567");
  EXPECT_EQ(read_value("2.500.000,75").digits, "2500000.75");
}

TEST(ReadValue, FreeTextKeepsItsWordsWithoutValue) {
  ValueReading r = read_value("8,33% mensual promedio (según cronograma)");
  EXPECT_EQ(r.kind, ValueKind::kText);
  EXPECT_EQ(r.text, "8,33% mensual promedio (según cronograma)");
  EXPECT_FALSE(r.value);
  EXPECT_EQ(read_value("   ").text, "");
}

TEST(ReadValue, ValueShapes) {
  for (const char* s : {"70,36%", "100,00 %", "0%", "12", "1.250", "1.250,5", "N/A", "n / a"}) {
    EXPECT_TRUE(is_value(s)) << s;
  }
  for (const char* s : {"", "WA", "Na", "100 00%", "70,36%.", "4,17% mensual", "s", "-"}) {
    EXPECT_FALSE(is_value(s)) << s;
  }
}

struct Repair {
  const char* raw;
  const char* text;
  bool doubtful;  // impossible, or a repair a person could doubt
};

TEST(RepairValue, UndoesWhatOcrDoesToFigures) {
  const Repair cases[] = {
      {"70, 36 %", "70,36%", false},  // spaces inside
      {"70.36%", "70,36%", false},    // decimal point for the comma
      {"1OO,OO%", "100,00%", false},  // O for 0
      {"l00,00%", "100,00%", false},  // l for 1
      {"9I,00%", "91,00%", false},    // I for 1
      {"S0,00%", "50,00%", true},     // S: 5 or 8? repaired, but doubtful
      {"NIA", "N/A", false},          // slash read as I
      {"N1A", "N/A", false},         {"N|A", "N/A", false},
      {"91,00% É", "91,00%", false},  // a speck beside a clean figure
      {"00,00%", "100,00%", true},    // a lost leading digit: repaired, doubtful
      {"05,00%", "05,00%", true},     // lost digit, but which? as found
      {"150,00%", "150,00%", true},   // over 100%
  };
  for (const Repair& c : cases) {
    std::vector<ValueRepair> repairs;
    ValueReading r = repair_value(c.raw, repairs);
    EXPECT_EQ(r.text, c.text) << c.raw;
    bool unsure =
        std::any_of(repairs.begin(), repairs.end(), [](const ValueRepair& x) { return !x.sure; });
    EXPECT_EQ(r.impossible || unsure, c.doubtful) << c.raw;
    if (std::string(c.raw) != c.text) {
      ASSERT_FALSE(repairs.empty()) << c.raw;
      EXPECT_EQ(repairs.front().from, c.raw);
      EXPECT_EQ(repairs.back().to, c.text);
    }
  }
}

TEST(RepairValue, ValuesFollowTheRepairedText) {
  std::vector<ValueRepair> repairs;
  ValueReading r = repair_value("1OO,OO%", repairs);
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 100);
  EXPECT_EQ(r.kind, ValueKind::kPercent);
  r = repair_value("00,00%", repairs);
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 100);
}

TEST(RepairValue, CleanFormsAndFreeTextAreLeftAlone) {
  for (const char* s : {"70,36%", "0,00%", "N/A", "12", "8,33% mensual promedio (La ejecución)"}) {
    std::vector<ValueRepair> repairs;
    ValueReading r = repair_value(s, repairs);
    EXPECT_EQ(r.text, s);
    EXPECT_TRUE(repairs.empty()) << s;
    EXPECT_FALSE(r.impossible) << s;
  }
  // Not a figure at all: no digits to repair.
  std::vector<ValueRepair> repairs;
  EXPECT_EQ(repair_value("OO%", repairs).kind, ValueKind::kText);
}

}  // namespace
}  // namespace pdfrecon
