// Unruled ("stream") tables found from the alignment of words, on PDFs the
// tests draw with Cairo: what is found must be the table as printed, cell
// by cell, and prose must give no table.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdfrecon/pdf_document.h"
#include "pdfrecon/pipeline.h"
#include "pdfrecon/text_tables.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

enum class Align { kLeft, kRight, kCentre };

struct Text {
  double x, baseline;
  std::string s;
  Align align = Align::kLeft;
  double size = 10;
};

struct Segment {
  double x0, y0, x1, y1;
};

// A one-page PDF (points, top-left origin) with `texts` and `rules` drawn.
void draw_pdf(const std::string& path, const std::vector<Text>& texts,
              const std::vector<Segment>& rules = {}, double width = 612, double height = 792) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const Text& t : texts) {
    cairo_set_font_size(cr, t.size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, t.s.c_str(), &e);
    double x = t.align == Align::kLeft    ? t.x
               : t.align == Align::kRight ? t.x - e.x_advance
                                          : t.x - e.x_advance / 2;
    cairo_move_to(cr, x, t.baseline);
    cairo_show_text(cr, t.s.c_str());
  }
  cairo_set_line_width(cr, 0.8);
  for (const Segment& s : rules) {
    cairo_move_to(cr, s.x0, s.y0);
    cairo_line_to(cr, s.x1, s.y1);
  }
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
}

std::vector<Word> words_of(const std::string& path) {
  return PdfDocument::open(path).text(0).words;
}

std::string text_at(const CellGrid& g, int row, int col) {
  const GridCell* c = g.cell_at(row, col);
  return c ? c->text : "<none>";
}

class TextTables : public ::testing::Test {
 protected:
  testing::TempDir dir{"text-tables",
                       ::testing::UnitTest::GetInstance()->current_test_info()->name()};
  std::string pdf = (dir / "page.pdf").string();
};

// A title, an unruled table of ragged names and right-aligned figures, a
// note under it.
std::vector<Text> ragged_table(double top) {
  std::vector<Text> t;
  t.push_back({72, top, "Sales by region in the last year, as reported by each office"});
  const char* names[] = {"North", "South-east coastal", "West", "Central highlands", "East"};
  const char* units[] = {"12", "1,204", "7", "88", "410"};
  const char* revenue[] = {"1,234,567", "98,100", "5,000", "77,431", "410,999"};
  const char* share[] = {"12.5%", "1.0%", "0.1%", "7.5%", "40.2%"};
  double y = top + 30;
  t.push_back({72, y, "Region"});
  t.push_back({300, y, "Units", Align::kRight});
  t.push_back({400, y, "Revenue", Align::kRight});
  t.push_back({480, y, "Share", Align::kRight});
  for (int r = 0; r < 5; ++r) {
    y += 16;
    t.push_back({72, y, names[r]});
    t.push_back({300, y, units[r], Align::kRight});
    t.push_back({400, y, revenue[r], Align::kRight});
    t.push_back({480, y, share[r], Align::kRight});
  }
  t.push_back({72, y + 40, "Figures are provisional until the annual audit has been completed."});
  return t;
}

TEST_F(TextTables, RaggedColumnsAndRightAlignedFigures) {
  draw_pdf(pdf, ragged_table(100));
  std::vector<Word> rest;
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792, {}, {}, &rest);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  EXPECT_FALSE(g.ruled);
  ASSERT_EQ(g.n_rows(), 6);
  ASSERT_EQ(g.n_cols(), 4);
  EXPECT_EQ(text_at(g, 0, 0), "Region");
  EXPECT_EQ(text_at(g, 0, 2), "Revenue");
  EXPECT_EQ(text_at(g, 2, 0), "South-east coastal");
  EXPECT_EQ(text_at(g, 2, 1), "1,204");
  EXPECT_EQ(text_at(g, 1, 2), "1,234,567");
  EXPECT_EQ(text_at(g, 4, 0), "Central highlands");
  EXPECT_EQ(text_at(g, 5, 3), "40.2%");
  for (const GridCell& c : g.cells) {
    EXPECT_EQ(c.source, "native");
    EXPECT_EQ(c.raw_text, c.text);
  }
  // The title and the note stay outside.
  std::string outside;
  for (const Word& w : rest) outside += w.text + " ";
  EXPECT_NE(outside.find("Sales by region"), std::string::npos);
  EXPECT_NE(outside.find("provisional"), std::string::npos);
  EXPECT_EQ(outside.find("1,204"), std::string::npos);
}

TEST_F(TextTables, WrappedCellIsOneCell) {
  // Rows 20 pt apart; a description wrapped onto a second line 11 pt
  // below its first.
  std::vector<Text> t;
  double y = 100;
  t.push_back({72, y, "No."});
  t.push_back({110, y, "Description"});
  t.push_back({400, y, "Price", Align::kRight});
  const char* first[] = {"Bolt, hex head", "Washer with a rubber seal for", "Nut, wing"};
  const char* price[] = {"0.20", "1.15", "0.35"};
  for (int r = 0; r < 3; ++r) {
    y += 20;
    t.push_back({72, y, std::to_string(r + 1)});
    t.push_back({110, y, first[r]});
    t.push_back({400, y, price[r], Align::kRight});
    if (r == 1) t.push_back({110, y += 11, "outdoor fittings"});
  }
  draw_pdf(pdf, t);
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  ASSERT_EQ(g.n_rows(), 4);
  ASSERT_EQ(g.n_cols(), 3);
  EXPECT_EQ(text_at(g, 2, 0), "2");
  EXPECT_EQ(text_at(g, 2, 1), "Washer with a rubber seal for outdoor fittings");
  EXPECT_EQ(text_at(g, 2, 2), "1.15");
  EXPECT_EQ(text_at(g, 3, 1), "Nut, wing");
}

TEST_F(TextTables, HeaderOverTwoColumnsSpansThem) {
  std::vector<Text> t;
  double y = 100;
  t.push_back({72, y, "Store"});
  t.push_back({330, y, "Sales by half year", Align::kCentre});
  t.push_back({470, y, "Staff", Align::kRight});
  y += 14;
  t.push_back({290, y, "First", Align::kRight});
  t.push_back({370, y, "Second", Align::kRight});
  const char* stores[] = {"Main street", "Harbour", "Airport", "Old town"};
  const char* h1[] = {"10,400", "8,250", "19,900", "3,120"};
  const char* h2[] = {"11,020", "7,900", "21,450", "2,980"};
  const char* staff[] = {"12", "9", "30", "4"};
  for (int r = 0; r < 4; ++r) {
    y += 15;
    t.push_back({72, y, stores[r]});
    t.push_back({290, y, h1[r], Align::kRight});
    t.push_back({370, y, h2[r], Align::kRight});
    t.push_back({470, y, staff[r], Align::kRight});
  }
  draw_pdf(pdf, t);
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  ASSERT_EQ(g.n_cols(), 4);
  ASSERT_EQ(g.n_rows(), 6);
  const GridCell* header = g.cell_at(0, 1);
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->col, 1);
  EXPECT_EQ(header->col_span, 2);
  EXPECT_EQ(header->text, "Sales by half year");
  EXPECT_EQ(g.cell_at(0, 2), header);  // covered by the span
  EXPECT_EQ(text_at(g, 1, 1), "First");
  EXPECT_EQ(text_at(g, 1, 2), "Second");
  EXPECT_EQ(text_at(g, 4, 0), "Airport");
  EXPECT_EQ(text_at(g, 4, 2), "21,450");
  EXPECT_EQ(text_at(g, 5, 3), "4");
}

TEST_F(TextTables, HeaderRuleMakesOneHeaderRow) {
  // A two-line header above the only rule the table has.
  std::vector<Text> t;
  t.push_back({72, 100, "Item"});
  t.push_back({300, 100, "Unit", Align::kRight});
  t.push_back({400, 100, "Quantity", Align::kRight});
  t.push_back({300, 112, "price", Align::kRight});
  std::vector<Segment> rules{{70, 118, 402, 118}};
  const char* items[] = {"Paper, A4", "Toner", "Stapler", "Folders (pack of 10)"};
  const char* prices[] = {"4.50", "61.00", "8.99", "3.20"};
  const char* qty[] = {"40", "2", "5", "12"};
  double y = 118;
  for (int r = 0; r < 4; ++r) {
    y += 14;
    t.push_back({72, y, items[r]});
    t.push_back({300, y, prices[r], Align::kRight});
    t.push_back({400, y, qty[r], Align::kRight});
  }
  draw_pdf(pdf, t, rules);
  std::vector<Ruling> drawn{{true, 118, 70, 402}};
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792, drawn);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  ASSERT_EQ(g.n_cols(), 3);
  ASSERT_EQ(g.n_rows(), 5);
  EXPECT_EQ(text_at(g, 0, 0), "Item");
  EXPECT_EQ(text_at(g, 0, 1), "Unit price");
  EXPECT_EQ(text_at(g, 0, 2), "Quantity");
  EXPECT_NEAR(g.row_edges[1], 118, 0.5);  // the rule bounds the header
  EXPECT_EQ(text_at(g, 1, 1), "4.50");
  EXPECT_EQ(text_at(g, 4, 0), "Folders (pack of 10)");
  EXPECT_EQ(text_at(g, 4, 2), "12");

  // Without the rule the two header lines are two rows.
  tables = find_text_tables(words_of(pdf), 612, 792);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].n_rows(), 6);

  // The pipeline finds the rule on the page.
  ExtractOptions options;
  options.profile = "generic";
  options.ocr = "never";
  options.jobs = 1;
  DocumentResult doc = extract_document(pdf, options);
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].tables.size(), 1u);
  EXPECT_EQ(doc.pages[0].tables[0].n_rows(), 5);
  EXPECT_EQ(text_at(doc.pages[0].tables[0], 0, 1), "Unit price");
}

TEST_F(TextTables, AGroupBetweenRulesKeepsItsHeadingsApart) {
  // Rules under the header, above and under the total, and under a note:
  // most bands hold a line, the body between them six. Its group headings
  // ("Caste/tribe", a first column alone) are rows of their own, not the
  // first line of the row under them.
  std::vector<Text> t;
  t.push_back({72, 100, "Characteristic"});
  t.push_back({300, 100, "Any", Align::kRight});
  t.push_back({400, 100, "Modern", Align::kRight});
  t.push_back({300, 112, "method", Align::kRight});
  t.push_back({400, 112, "method", Align::kRight});
  const char* first[] = {"Caste/tribe",  "Scheduled caste", "Scheduled tribe",
                         "Wealth index", "Lowest",          "Second"};
  const char* any[] = {"", "74.8", "59.3", "", "64.5", "68.5"};
  const char* modern[] = {"", "55.8", "39.0", "", "48.6", "50.4"};
  double y = 118;
  for (int r = 0; r < 6; ++r) {
    y += 14;
    t.push_back({72, y, first[r]});
    if (*any[r]) t.push_back({300, y, any[r], Align::kRight});
    if (*modern[r]) t.push_back({400, y, modern[r], Align::kRight});
  }
  t.push_back({72, y + 20, "Total"});
  t.push_back({300, y + 20, "70.1", Align::kRight});
  t.push_back({400, y + 20, "50.0", Align::kRight});
  t.push_back({72, y + 40, "Note"});
  t.push_back({300, y + 40, "1.0", Align::kRight});
  t.push_back({400, y + 40, "2.0", Align::kRight});
  std::vector<Segment> rules{{70, 118, 402, 118},
                             {70, y + 7, 402, y + 7},
                             {70, y + 27, 402, y + 27},
                             {70, y + 47, 402, y + 47}};
  draw_pdf(pdf, t, rules);
  std::vector<Ruling> drawn;
  for (const Segment& r : rules) drawn.push_back({true, r.y0, r.x0, r.x1});
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792, drawn);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  ASSERT_EQ(g.n_cols(), 3);
  ASSERT_EQ(g.n_rows(), 9);  // header, six body lines, total, note
  EXPECT_EQ(text_at(g, 1, 0), "Caste/tribe");
  EXPECT_EQ(text_at(g, 2, 0), "Scheduled caste");
  EXPECT_EQ(text_at(g, 2, 1), "74.8");
  EXPECT_EQ(text_at(g, 4, 0), "Wealth index");
  EXPECT_EQ(text_at(g, 5, 0), "Lowest");
}

// Prose: paragraphs in one column, then two columns side by side, a
// heading, and a running footer with a page number.
std::vector<Text> prose_page() {
  const std::vector<std::string> para = {
      "The committee met on three occasions during the year to review the",
      "progress of the programme and the use of its funds. At each meeting the",
      "secretariat reported on the activities carried out since the previous",
      "session, and members discussed the priorities for the months ahead.",
      "Particular attention was given to the training of new staff members and",
      "to the maintenance of the equipment bought in the first phase.",
  };
  const std::vector<std::string> left = {
      "Local offices were asked to send",    "their reports before the end of",
      "each quarter, so that the figures",   "could be compared across all the",
      "regions and any delay in spending",   "could be detected at an early stage",
      "and discussed with those concerned.", "Most offices met the deadline.",
  };
  const std::vector<std::string> right = {
      "The next review will take place in", "the spring, after the accounts of",
      "the year have been closed and the",  "auditors have presented their own",
      "findings to the board. A summary",   "of the discussion will then be sent",
      "to every member of the committee",   "together with the draft budget.",
  };
  std::vector<Text> t;
  t.push_back({72, 80, "Annual activity report", Align::kLeft, 16});
  double y = 120;
  for (const std::string& s : para) t.push_back({72, y += 14, s});
  y += 20;
  for (size_t i = 0; i < left.size(); ++i) {
    y += 14;
    t.push_back({72, y, left[i]});
    t.push_back({320, y, right[i]});
  }
  t.push_back({72, 740, "Annual activity report"});
  t.push_back({540, 740, "Page 3", Align::kRight});
  return t;
}

TEST_F(TextTables, ProseIsNoTable) {
  draw_pdf(pdf, prose_page());
  std::vector<Word> words = words_of(pdf);
  ASSERT_GT(words.size(), 150u);
  std::vector<Word> rest;
  EXPECT_TRUE(find_text_tables(words, 612, 792, {}, {}, &rest).empty());
  EXPECT_EQ(rest.size(), words.size());
}

TEST_F(TextTables, NarrowColumnsOfProseAreNoTable) {
  // Three newspaper columns of a few words a line.
  const std::vector<std::string> words = {
      "the",       "council", "agreed", "on",     "tuesday", "to",      "extend", "the",
      "opening",   "hours",   "of",     "the",    "public",  "library", "during", "the",
      "summer",    "months,", "after",  "a",      "survey",  "showed",  "that",   "many",
      "residents", "would",   "like",   "to",     "use",     "it",      "in",     "the",
      "evening",   "when",    "they",   "return", "from",    "work",    "and",    "the",
      "children",  "are",     "out",    "of",     "school",  "for",     "the",    "holidays",
      "as",        "well"};
  std::vector<Text> t;
  for (int col = 0; col < 3; ++col) {
    size_t k = size_t(col) * 7;
    for (int line = 0; line < 14; ++line) {
      std::string s;
      for (int n = 0; n < 4 + (line + col) % 2; ++n) {
        s += (s.empty() ? "" : " ") + words[k++ % words.size()];
      }
      t.push_back({40 + 180.0 * col, 100 + 13.0 * line, s});
    }
  }
  draw_pdf(pdf, t);
  EXPECT_TRUE(find_text_tables(words_of(pdf), 612, 792).empty());
}

TEST_F(TextTables, TableInOneColumnOfTwoColumnProse) {
  // Two columns of prose; the right one holds a small table between its
  // paragraphs, set on its own baselines. Only the table's words make it.
  const std::vector<std::string> left = {
      "Local offices were asked to send",    "their reports before the end of",
      "each quarter, so that the figures",   "could be compared across all the",
      "regions and any delay in spending",   "could be detected at an early stage",
      "and discussed with those concerned.", "Most offices met the deadline and",
      "the others sent their reports a few", "days later, with the reasons for it",
      "explained in a short covering note.", "The figures were then checked by",
      "the head office before publication.", "No error of substance was found.",
  };
  const std::vector<std::string> right_top = {
      "The next review will take place in",
      "the spring, after the accounts of",
      "the year have been closed. The sales",
      "of each region were the following:",
  };
  const std::vector<std::string> right_bottom = {
      "A summary of the discussion will be",
      "sent to every member of the board",
      "together with the draft budget for",
      "the coming year and its annexes.",
  };
  std::vector<Text> t;
  for (size_t i = 0; i < left.size(); ++i) t.push_back({40, 100 + 14.0 * double(i), left[i]});
  for (size_t i = 0; i < right_top.size(); ++i) {
    t.push_back({330, 100 + 14.0 * double(i), right_top[i]});
  }
  const char* names[] = {"Region", "North", "South", "West", "East"};
  const char* totals[] = {"Total", "1,204", "98", "7,000", "410"};
  for (int r = 0; r < 5; ++r) {
    t.push_back({340, 163 + 15.0 * r, names[r]});
    t.push_back({540, 163 + 15.0 * r, totals[r], Align::kRight});
  }
  for (size_t i = 0; i < right_bottom.size(); ++i) {
    t.push_back({330, 100 + 14.0 * double(i + 10), right_bottom[i]});
  }
  draw_pdf(pdf, t);
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792);
  ASSERT_EQ(tables.size(), 1u);
  const CellGrid& g = tables[0];
  ASSERT_EQ(g.n_cols(), 2);
  ASSERT_EQ(g.n_rows(), 5);
  EXPECT_GE(g.bbox.x0, 320);
  EXPECT_EQ(text_at(g, 0, 0), "Region");
  EXPECT_EQ(text_at(g, 3, 1), "7,000");
  EXPECT_EQ(text_at(g, 4, 0), "East");
}

TEST_F(TextTables, GroupsOfRowsSetApartAreOneTable) {
  // Two groups of rows with three blank lines between them, same columns.
  std::vector<Text> t;
  const char* names[] = {"Apples", "Pears", "Plums", "Carrots", "Leeks", "Onions"};
  const char* kg[] = {"120", "80", "45", "300", "95", "210"};
  const char* price[] = {"2.10", "2.40", "3.05", "0.90", "1.75", "1.10"};
  double y = 100;
  for (int r = 0; r < 6; ++r) {
    y += r == 3 ? 50 : 14;
    t.push_back({72, y, names[r]});
    t.push_back({300, y, kg[r], Align::kRight});
    t.push_back({400, y, price[r], Align::kRight});
  }
  draw_pdf(pdf, t);
  std::vector<CellGrid> tables = find_text_tables(words_of(pdf), 612, 792);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].n_rows(), 6);
  ASSERT_EQ(tables[0].n_cols(), 3);
  EXPECT_EQ(text_at(tables[0], 2, 2), "3.05");
  EXPECT_EQ(text_at(tables[0], 3, 0), "Carrots");

  // Far apart (a paragraph's worth of white), they are two tables.
  for (size_t i = 9; i < t.size(); ++i) t[i].baseline += 150;
  draw_pdf(pdf, t);
  EXPECT_EQ(find_text_tables(words_of(pdf), 612, 792).size(), 2u);
}

// A table ruled only between rows (no vertical rulings): the grid detector
// sees at most a column or two; the table is read from its words, and the
// rules still bound its rows (a wrapped description is one cell).
TEST_F(TextTables, PipelineReadsATableRuledOnlyBetweenRows) {
  std::vector<Text> t;
  std::vector<Segment> rules;
  const char* codes[] = {"Code", "A-10", "B-22", "C-31", "D-47"};
  const char* what[] = {"Description", "Hinge, steel", "Lock with two keys and", "Handle, brass",
                        "Door stop"};
  const char* cost[] = {"Cost", "4.20", "18.90", "7.35", "2.10"};
  double y = 100;
  rules.push_back({70, y - 14, 470, y - 14});
  for (int r = 0; r < 5; ++r) {
    t.push_back({72, y, codes[r]});
    t.push_back({160, y, what[r]});
    t.push_back({468, y, cost[r], Align::kRight});
    if (r == 2) t.push_back({160, y += 12, "a spare cylinder"});
    rules.push_back({70, y + 6, 470, y + 6});
    y += 20;
  }
  draw_pdf(pdf, t, rules);
  ExtractOptions options;
  options.profile = "generic";
  options.ocr = "never";
  options.jobs = 1;
  DocumentResult doc = extract_document(pdf, options);
  ASSERT_EQ(doc.pages.size(), 1u);
  ASSERT_EQ(doc.pages[0].tables.size(), 1u);
  const CellGrid& g = doc.pages[0].tables[0];
  EXPECT_FALSE(g.ruled);
  ASSERT_EQ(g.n_cols(), 3);
  ASSERT_EQ(g.n_rows(), 5);
  EXPECT_EQ(text_at(g, 0, 1), "Description");
  EXPECT_EQ(text_at(g, 2, 0), "B-22");
  EXPECT_EQ(text_at(g, 2, 1), "Lock with two keys and a spare cylinder");
  EXPECT_EQ(text_at(g, 2, 2), "18.90");
  EXPECT_EQ(text_at(g, 4, 1), "Door stop");
}

// A ruled 3 x 3 grid at the top of the page, an unruled table below it:
// --tables auto finds both, lattice the ruled one, stream only tables from
// the text.
TEST_F(TextTables, PipelineFindsRuledAndUnruledTables) {
  std::vector<Text> t;
  std::vector<Segment> rules;
  const double x[] = {72, 200, 330, 460}, y[] = {80, 100, 120, 140};
  for (double v : x) rules.push_back({v, y[0], v, y[3]});
  for (double v : y) rules.push_back({x[0], v, x[3], v});
  const char* ruled[3][3] = {
      {"Code", "Name", "Status"}, {"A-1", "Pump station", "Open"}, {"B-7", "Reservoir", "Closed"}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) t.push_back({x[c] + 5, y[r] + 14, ruled[r][c]});
  }
  for (const Text& s : ragged_table(300)) t.push_back(s);
  draw_pdf(pdf, t, rules);

  ExtractOptions options;
  options.profile = "generic";
  options.ocr = "never";
  options.jobs = 1;
  DocumentResult doc = extract_document(pdf, options);
  ASSERT_EQ(doc.pages.size(), 1u);
  const std::vector<CellGrid>& tables = doc.pages[0].tables;
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_TRUE(tables[0].ruled);
  EXPECT_EQ(tables[0].n_rows(), 3);
  EXPECT_EQ(tables[0].n_cols(), 3);
  EXPECT_EQ(text_at(tables[0], 1, 1), "Pump station");
  EXPECT_FALSE(tables[1].ruled);
  EXPECT_EQ(tables[1].n_rows(), 6);
  EXPECT_EQ(tables[1].n_cols(), 4);
  EXPECT_EQ(text_at(tables[1], 2, 0), "South-east coastal");
  EXPECT_EQ(text_at(tables[1], 5, 3), "40.2%");
  // The title and the note are lines, not tables.
  const std::vector<std::string>& lines = doc.pages[0].lines;
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "Figures are provisional until the annual audit has been completed.");

  options.tables = "lattice";
  doc = extract_document(pdf, options);
  ASSERT_EQ(doc.pages[0].tables.size(), 1u);
  EXPECT_TRUE(doc.pages[0].tables[0].ruled);

  options.tables = "stream";
  doc = extract_document(pdf, options);
  for (const CellGrid& g : doc.pages[0].tables) EXPECT_FALSE(g.ruled);
  bool found_ragged = false;
  for (const CellGrid& g : doc.pages[0].tables) {
    found_ragged = found_ragged || text_at(g, 2, 0) == "South-east coastal";
  }
  EXPECT_TRUE(found_ragged);
}

// A LOTAIP report whose footer is printed as label and value lines, no
// rulings: those lines make an unruled table, which the report profile
// never reads. Its records and metadata are what they are without
// unruled tables at all.
TEST_F(TextTables, ReportRecordsComeFromRuledTablesOnly) {
  std::vector<Text> t;
  std::vector<Segment> rules;
  t.push_back(
      {40, 40,
       "Art. 7 de la LOTAIP - literal a4) Metas y objetivos de las unidades administrativas"});
  const double x[] = {40, 80, 260, 480, 700, 800}, y[] = {60, 80, 100, 120, 140};
  for (double v : x) rules.push_back({v, y[0], v, y[4]});
  for (double v : y) rules.push_back({x[0], v, x[5], v});
  const char* cells[4][5] = {
      {"No.", "Descripción de la unidad", "Objetivo de la unidad", "Indicador", "Meta"},
      {"1", "Dirección Financiera", "Ejecutar el presupuesto", "Porcentaje de ejecución", "85,00%"},
      {"2", "Dirección de Talento Humano", "Capacitar al personal", "Número de cursos", "12"},
      {"3", "Dirección Jurídica", "Atender consultas", "Consultas atendidas", "100,00%"}};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 5; ++c) t.push_back({x[c] + 4, y[r] + 14, cells[r][c], Align::kLeft, 8});
  }
  const char* labels[] = {
      "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:", "PERIODICIDAD DE ACTUALIZACIÓN:", "RESPONSABLE:",
      "CORREO ELECTRÓNICO:", "TELÉFONO:"};
  const char* values[] = {"30/11/2023", "MENSUAL", "Ana Pérez", "aperez@example.org",
                          "(02) 123-4567"};
  for (int r = 0; r < 5; ++r) {
    t.push_back({40, 200 + 14.0 * r, labels[r], Align::kLeft, 9});
    t.push_back({300, 200 + 14.0 * r, values[r], Align::kLeft, 9});
  }
  // Signatures under the footer, set in five columns like the report's.
  const char* sign[3][5] = {{"Elaborado por", "Revisado por", "Aprobado por", "Cargo", "Firma"},
                            {"4", "Ana Pérez", "Luis Mora", "Analista", "Director"},
                            {"5", "Eva Ruiz", "Juan Soto", "Asistente", "Gerente"}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 5; ++c)
      t.push_back({x[c] + 4, 300 + 14.0 * r, sign[r][c], Align::kLeft, 8});
  }
  draw_pdf(pdf, t, rules, 842, 595);

  ExtractOptions options;
  options.ocr = "never";
  options.jobs = 1;
  DocumentResult with_stream = extract_document(pdf, options);
  options.tables = "lattice";
  DocumentResult lattice = extract_document(pdf, options);

  ASSERT_EQ(with_stream.pages.size(), 1u);
  int unruled = 0;
  for (const CellGrid& g : with_stream.pages[0].tables) unruled += !g.ruled;
  EXPECT_EQ(unruled, 2);  // the footer, the signatures
  ASSERT_EQ(lattice.profile, "lotaip-a4");
  EXPECT_EQ(with_stream.profile, lattice.profile);
  ASSERT_TRUE(with_stream.records && lattice.records);
  ASSERT_EQ(lattice.records->size(), 3u);
  ASSERT_EQ(with_stream.records->size(), lattice.records->size());
  for (size_t i = 0; i < lattice.records->size(); ++i) {
    EXPECT_EQ((*with_stream.records)[i].fields, (*lattice.records)[i].fields);
    EXPECT_EQ((*with_stream.records)[i].flags, (*lattice.records)[i].flags);
  }
  EXPECT_EQ(with_stream.metadata.fields, lattice.metadata.fields);
  EXPECT_FALSE(lattice.metadata.fields.empty());
}

}  // namespace
}  // namespace pdfrecon
