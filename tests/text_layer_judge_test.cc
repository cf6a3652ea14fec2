// The text-layer judge on synthetic pages: a 2x3 grid, "ink" drawn as
// filled boxes where glyphs would be, words placed (or misplaced) over it.
#include "pdfrecon/text_layer_judge.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <set>
#include <string>
#include <utility>

namespace pdfrecon {
namespace {

constexpr double kPxPerPt = 2;

// Columns 0-100, 100-200, 200-260 pt; rows 0-20, 20-40 pt.
CellGrid grid() {
  CellGrid g;
  g.row_edges = {0, 20, 40, 60, 80};
  g.col_edges = {0, 100, 200, 260};
  g.bbox = {0, 0, 260, 80};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 3; ++c) {
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {g.col_edges[c], g.row_edges[r], g.col_edges[c + 1], g.row_edges[r + 1]};
      g.cells.push_back(cell);
    }
  }
  return g;
}

struct Page {
  cv::Mat ink = cv::Mat::zeros(int(80 * kPxPerPt), int(260 * kPxPerPt), CV_8UC1);
  TextLayer layer;
  std::string font = "ABCDEF+DejaVuSans";
  bool ocr_layer = false;  // judged as an OCR program's layer

  void ink_at(const Box& b) {
    cv::rectangle(ink, cv::Point(int(b.x0 * kPxPerPt), int(b.y0 * kPxPerPt) + 2),
                  cv::Point(int(b.x1 * kPxPerPt), int(b.y1 * kPxPerPt) - 2), cv::Scalar(255),
                  cv::FILLED);
  }
  // A word with its ink.
  void word(const std::string& text, const Box& b, bool with_ink = true) {
    Word w;
    w.text = text;
    w.box = b;
    w.font_name = font;
    layer.words.push_back(w);
    if (with_ink) ink_at(b);
  }
  // A clean page: one word in every cell.
  void fill() {
    const char* texts[] = {"Unidad",  "Indicador", "Meta", "Dirección", "Porcentaje", "70,36%",
                           "Gestión", "Número",    "12",   "Talento",   "Índice",     "N/A"};
    for (int k = 0; k < 12; ++k) {
      int r = k / 3, c = k % 3;
      double x0 = c == 0 ? 5 : c == 1 ? 105 : 205;
      word(texts[k], {x0, r * 20.0 + 5, x0 + 40, r * 20.0 + 15});
    }
  }
  PageVerdict judge(TextLayerJudgeOptions o = {}) const {
    o.ocr_layer = o.ocr_layer || ocr_layer;
    return judge_text_layer(layer, {grid()}, ink, kPxPerPt, o);
  }
};

const CellVerdict& at(const PageVerdict& v, int row, int col) { return v.cells[0][row * 3 + col]; }

TEST(TextLayerJudge, ACleanBornDigitalLayerIsKept) {
  Page p;
  p.fill();
  PageVerdict v = p.judge();
  EXPECT_FALSE(v.ocr_made_layer);
  EXPECT_EQ(v.total(), 12);
  EXPECT_EQ(v.rejected(), 0);
  for (const CellVerdict& c : v.cells[0]) EXPECT_EQ(describe_issues(c.issues), "");
}

TEST(TextLayerJudge, ReplacementCharacterIsRejected) {
  Page p;
  p.fill();
  p.layer.words[4].text =
      "Porcen\xEF\xBF\xBD"
      "aje";  // U+FFFD
  PageVerdict v = p.judge();
  EXPECT_EQ(at(v, 1, 1).issues, unsigned(kInvalidChars));
  EXPECT_EQ(v.rejected(), 1);
}

TEST(TextLayerJudge, AWordRunIntoTheNextCellRejectsItsCell) {
  Page p;
  p.fill();
  p.layer.words[3].box = {5, 25, 150, 35};  // "Dirección" reaching into column 1
  PageVerdict v = p.judge();
  EXPECT_TRUE(at(v, 1, 0).issues & kCrossesBorder);
}

TEST(TextLayerJudge, AWordHangingBelowItsRowRejectsItsCell) {
  // A tall word (a stamp read as text) whose centre is still in row 1 but
  // whose lower third lies in row 2; a word just touching the ruling is fine.
  Page p;
  p.fill();
  p.word("fome", {150, 28, 180, 46}, /*with_ink=*/false);
  p.word("ok", {60, 67, 90, 80.5}, /*with_ink=*/false);
  PageVerdict v = p.judge();
  EXPECT_TRUE(at(v, 1, 1).issues & kCrossesBorder);
  EXPECT_FALSE(at(v, 3, 0).issues & kCrossesBorder);
}

TEST(TextLayerJudge, InkWithoutWordsAndWordsWithoutInk) {
  Page p;
  p.fill();
  p.ink_at({245, 65, 255, 75});  // a digit the layer lost ("1" of "100,00%")
  p.word("fantasma", {150, 65, 195, 75}, /*with_ink=*/false);
  PageVerdict v = p.judge();
  EXPECT_EQ(at(v, 3, 2).issues, unsigned(kInkWithoutWords));
  EXPECT_TRUE(at(v, 3, 1).issues & kWordsWithoutInk);
  EXPECT_EQ(v.rejected(), 2);
}

TEST(TextLayerJudge, InkInAnEmptyCellIsText) {
  Page p;
  p.fill();
  p.layer.words.pop_back();  // "N/A" missing from the layer, still printed
  PageVerdict v = p.judge();
  EXPECT_EQ(at(v, 3, 2).issues, unsigned(kInkWithoutWords));
}

TEST(TextLayerJudge, TesseractLayersAreTrustedOnlyWhereTheLexiconVouches) {
  Page p;
  p.ocr_layer = true;
  p.fill();
  p.layer.words[0].text = "[Unidad";   // the ruling on its left read as "["
  p.layer.words[6].text = "Gestión,";  // a speck read as a comma
  std::set<std::string> lexicon = {"Indicador", "Meta",   "Dirección", "Porcentaje",
                                   "Gestión",   "Número", "Talento",   "Índice"};
  TextLayerJudgeOptions o;
  o.known_word = [&](std::string_view w) { return lexicon.count(std::string(w)) > 0; };
  PageVerdict v = p.judge(o);
  EXPECT_TRUE(v.ocr_made_layer);
  EXPECT_TRUE(at(v, 0, 0).issues & kStrayMarks);
  EXPECT_TRUE(at(v, 2, 0).issues & kStrayMarks);
  EXPECT_TRUE(at(v, 1, 2).issues & kOcrLayerFigure);  // "70,36%": digits OCR made
  EXPECT_TRUE(at(v, 2, 2).issues & kOcrLayerFigure);
  EXPECT_TRUE(at(v, 3, 2).issues & kUnverified);  // "N/A": nothing to look up
  // Column 2 is a value column (3 of 4 cells): its header is re-read too.
  EXPECT_TRUE(at(v, 0, 2).issues & kNotAValue);
  EXPECT_TRUE(at(v, 1, 1).trusted());
  EXPECT_EQ(at(v, 1, 1).known_share, 1.0);
  EXPECT_EQ(v.rejected(), 6);

  // Without a lexicon nothing OCR made is vouched for.
  EXPECT_EQ(p.judge().rejected(), 12);
}

TEST(TextLayerJudge, UnknownWordsRejectTheCell) {
  Page p;
  p.fill();
  p.layer.words[4].text = "Porcentale";
  TextLayerJudgeOptions o;
  o.known_word = [](std::string_view w) { return w != "Porcentale"; };
  // Native layers: unknown words alone (names) keep the cell by default.
  EXPECT_EQ(p.judge(o).rejected(), 0);
  o.min_known_share = 0.5;
  PageVerdict v = p.judge(o);
  EXPECT_EQ(at(v, 1, 1).issues, unsigned(kUnknownWords));
  EXPECT_EQ(at(v, 1, 1).known_share, 0.0);
  EXPECT_EQ(v.rejected(), 1);
}

TEST(TextLayerJudge, AGarbledNativeLayerIsRejectedWhole) {
  // A font without a usable Unicode map: the words come out as other letters.
  Page p;
  p.fill();
  for (Word& w : p.layer.words) {
    if (w.text.find_first_of("0123456789/") == std::string::npos) w.text = "Xqzvt";
  }
  TextLayerJudgeOptions o;
  o.known_word = [](std::string_view w) { return w != "Xqzvt"; };
  o.min_page_lexicon_words = 5;
  EXPECT_EQ(p.judge(o).rejected(), 12);
  o.min_page_lexicon_words = 50;  // too few words to tell
  EXPECT_EQ(p.judge(o).rejected(), 0);
}

TEST(TextLayerJudge, ANativeLayerInAnotherLanguageIsNotGarbled) {
  // An English table judged with a Spanish lexicon: hardly a word known,
  // but every one shaped like a word. Letter soup is not.
  Page p;
  const char* english[] = {"Income", "District", "Total",   "Population", "Households", "Rural",
                           "Urban",  "Share",    "Persons", "Trained",    "Health",     "Counties"};
  for (int k = 0; k < 12; ++k) {
    double x0 = 5 + 100 * (k % 3);
    p.word(english[k], {x0, (k / 3) * 20.0 + 5, x0 + 40, (k / 3) * 20.0 + 15});
  }
  TextLayerJudgeOptions o;
  o.known_word = [](std::string_view) { return false; };
  o.min_page_lexicon_words = 5;
  EXPECT_EQ(p.judge(o).rejected(), 0);
  for (Word& w : p.layer.words) w.text = "Qwrtzk";
  EXPECT_EQ(p.judge(o).rejected(), 12);
}

TEST(TextLayerJudge, OnABornDigitalPageTheImageCountsOnlyInItsPictures) {
  // Ink no word covers, a word over bare paper (white words on a dark
  // fill look so) and a word across a border: outside the page's images
  // and shapes these are the page's own drawing and text, not doubts.
  Page p;
  p.fill();
  p.ink_at({245, 65, 255, 75});
  p.word("blanco", {150, 65, 195, 75}, /*with_ink=*/false);
  p.layer.words[3].box = {5, 25, 150, 35};  // "Dirección" overflowing its cell
  EXPECT_EQ(p.judge().rejected(), 3);
  TextLayerJudgeOptions o;
  o.image_only_in = std::vector<Box>{};
  EXPECT_EQ(p.judge(o).rejected(), 0);
  // An image over the last column: its unread print counts again.
  o.image_only_in = std::vector<Box>{{200, 0, 260, 80}};
  PageVerdict v = p.judge(o);
  EXPECT_EQ(v.rejected(), 1);
  EXPECT_EQ(at(v, 3, 2).issues, unsigned(kInkWithoutWords));
}

TEST(TextLayerJudge, AValueColumnWantsValues) {
  Page p;
  p.ocr_layer = true;
  p.fill();
  p.layer.words[2].text = "10%";  // header replaced: the column is all values but one
  p.layer.words[11].text = "WA";  // "N/A" misread
  PageVerdict v = p.judge();
  EXPECT_TRUE(at(v, 3, 2).value_cell);
  EXPECT_TRUE(at(v, 3, 2).issues & kNotAValue);
  EXPECT_TRUE(at(v, 1, 2).value_cell);
  EXPECT_FALSE(at(v, 1, 1).value_cell);
}

TEST(TextLayerJudge, InvalidCharacters) {
  EXPECT_FALSE(has_invalid_chars("Índice de satisfacción – 70,36%"));
  EXPECT_TRUE(has_invalid_chars("a\xEF\xBF\xBD"));  // U+FFFD
  EXPECT_TRUE(has_invalid_chars("a\x01"));          // control
  EXPECT_TRUE(has_invalid_chars("\xC3"));           // truncated UTF-8
  EXPECT_TRUE(has_invalid_chars("\xEE\x80\x80"));   // U+E000, private use
}

// One cell of 200 x 40 pt with room for two lines of print.
CellGrid tall_cell() {
  CellGrid g;
  g.row_edges = {0, 40};
  g.col_edges = {0, 200};
  g.bbox = {0, 0, 200, 40};
  GridCell cell;
  cell.box = g.bbox;
  g.cells.push_back(cell);
  return g;
}

// A page of tall_cell() whose first line holds `n` words "palabra", each
// `width` pt wide, `step` pt apart from `x0`, with their ink.
Page first_line(int n, double x0, double width, double step) {
  Page p;
  p.ink = cv::Mat::zeros(int(40 * kPxPerPt), int(200 * kPxPerPt), CV_8UC1);
  for (int i = 0; i < n; ++i) p.word("palabra", {x0 + step * i, 4, x0 + step * i + width, 14});
  return p;
}

// `p` and the same page changed by `change`, judged: their issues.
std::pair<std::string, std::string> judged(const Page& p, void (*change)(Page&)) {
  Page q = p;
  q.ink = p.ink.clone();
  change(q);
  return {
      describe_issues(judge_text_layer(p.layer, {tall_cell()}, p.ink, kPxPerPt).cells[0][0].issues),
      describe_issues(
          judge_text_layer(q.layer, {tall_cell()}, q.ink, kPxPerPt).cells[0][0].issues)};
}

TEST(TextLayerJudge, ALineOfPrintWithoutWordsIsRejectedHoweverShort) {
  // The second line: one short word the layer lacks, under 4 % of the ink.
  auto [kept, lost] = judged(first_line(10, 5, 15, 19), [](Page& q) { q.ink_at({5, 24, 10, 34}); });
  EXPECT_EQ(kept, "");
  EXPECT_EQ(lost, "ink-without-words");
}

TEST(TextLayerJudge, AWordOverTwoLinesIsRejected) {
  // "EEE," over the start of both lines: the second line's ink is covered,
  // but by a box two lines tall.
  auto [kept, lost] = judged(first_line(4, 40, 25, 30), [](Page& q) {
    q.word("EEE,", {5, 4, 35, 34}, false);
    q.ink_at({5, 4, 15, 14});
    q.ink_at({5, 24, 30, 34});
  });
  EXPECT_EQ(kept, "");
  EXPECT_EQ(lost, "spans-lines");
}

}  // namespace
}  // namespace pdfrecon
