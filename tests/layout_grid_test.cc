// Grid detection on synthetic pages: tables drawn with cv::line / cv::putText
// in known places, in the styles real reports use (thin, thick, dashed,
// faint, broken, anti-aliased, skewed), checked against the geometry that
// was drawn.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/grid_detector.h"

namespace pdfrecon {
namespace {

constexpr double kDpi = 150;
constexpr double kPxPerPt = kDpi / 72;
const cv::Size kPage(1754, 1240);  // landscape A4 at 150 dpi

// How the rulings are drawn.
struct Style {
  int thickness = 1;
  int grey = 0;            // ink value of the rulings
  int on = 0, off = 0;     // dash pattern in px; solid when off == 0
  bool antialias = false;  // draw at 4x, then area-downsample like a renderer
  double skew_deg = 0;     // the finished page is rotated by this (clockwise)
  bool text = true;        // put a label in every cell
  bool touching = false;   // labels touch the ruling above and on the left
};

// A table as drawn: ruling positions in px and merged regions.
struct Table {
  std::vector<double> rows, cols;
  struct Merge {
    int row, col, row_span, col_span;
  };
  std::vector<Merge> merges;

  // The merge covering (r, c), or a 1x1 region.
  Merge region(int r, int c) const {
    for (const Merge& m : merges) {
      if (r >= m.row && r < m.row + m.row_span && c >= m.col && c < m.col + m.col_span) return m;
    }
    return {r, c, 1, 1};
  }
  bool same_region(int r0, int c0, int r1, int c1) const {
    Merge a = region(r0, c0), b = region(r1, c1);
    return a.row == b.row && a.col == b.col;
  }
};

std::vector<double> evenly(double from, double step, int n) {
  std::vector<double> v;
  for (int i = 0; i <= n; ++i) v.push_back(from + step * i);
  return v;
}

// A realistic table: uneven column widths, a taller header row.
Table standard_table(double x, double y) {
  Table t;
  t.cols = {x};
  for (double w : {60, 260, 180, 140, 140, 220, 160, 180}) t.cols.push_back(t.cols.back() + w);
  t.rows = {y, y + 52};
  for (int i = 0; i < 12; ++i) t.rows.push_back(t.rows.back() + 34);
  return t;
}

class Painter {
 public:
  explicit Painter(const Style& st) : st_(st), scale_(st.antialias ? 4 : 1) {
    img_ = cv::Mat(kPage.height * scale_, kPage.width * scale_, CV_8UC1, cv::Scalar(255));
  }

  void segment(cv::Point2d a, cv::Point2d b) {
    double len = std::hypot(b.x - a.x, b.y - a.y);
    cv::Point2d dir = (b - a) * (1 / len);
    if (st_.off == 0) return stroke(a, b);
    for (double t = 0; t < len; t += st_.on + st_.off)
      stroke(a + dir * t, a + dir * std::min(len, t + st_.on));
  }

  void text(const std::string& s, double x, double baseline, double font = 0.5) {
    cv::putText(img_, s, cv::Point(int(x * scale_), int(baseline * scale_)),
                cv::FONT_HERSHEY_SIMPLEX, font * scale_, cv::Scalar(0), scale_, cv::LINE_8);
  }

  void table(const Table& t, int label_base = 0) {
    int nr = int(t.rows.size()) - 1, nc = int(t.cols.size()) - 1;
    for (int r = 0; r <= nr; ++r) {
      for (int c = 0; c < nc; ++c) {
        bool inner = r > 0 && r < nr && t.same_region(r - 1, c, r, c);
        if (!inner) segment({t.cols[c], t.rows[r]}, {t.cols[c + 1], t.rows[r]});
      }
    }
    for (int c = 0; c <= nc; ++c) {
      for (int r = 0; r < nr; ++r) {
        bool inner = c > 0 && c < nc && t.same_region(r, c - 1, r, c);
        if (!inner) segment({t.cols[c], t.rows[r]}, {t.cols[c], t.rows[r + 1]});
      }
    }
    if (!st_.text) return;
    for (int r = 0; r < nr; ++r) {
      for (int c = 0; c < nc; ++c) {
        Table::Merge m = t.region(r, c);
        if (m.row != r || m.col != c) continue;
        std::string s;
        if (c == 0) {
          s = std::to_string(label_base + r + 1);
        } else if (c % 2) {
          s = "Item ";
          s += std::to_string(r);
          s += '-';
          s += std::to_string(c);
        } else {
          s = "$";
          s += std::to_string(1000 + 37 * r * c);
          s += ".50";
        }
        double x = t.cols[c] + 6, y0 = t.rows[r], y1 = t.rows[m.row + m.row_span];
        double cap = 10;  // Hershey simplex at 0.5
        if (st_.touching) {
          text(s, t.cols[c] - 1, y0 + cap + 1);
        } else {
          text(s, x, (y0 + y1 + cap) / 2);
        }
      }
    }
  }

  cv::Mat finish() const {
    cv::Mat out = img_;
    if (scale_ > 1) cv::resize(img_, out, kPage, 0, 0, cv::INTER_AREA);
    if (st_.skew_deg != 0) {
      cv::warpAffine(out, out, rotation(st_.skew_deg), kPage, cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
    }
    return out;
  }

  // Page rotation, clockwise for a positive angle (rulings descend to the right).
  static cv::Matx23d rotation(double deg) {
    return cv::Matx23d(
        cv::getRotationMatrix2D(cv::Point2f(kPage.width / 2.0f, kPage.height / 2.0f), -deg, 1.0));
  }

 private:
  void stroke(cv::Point2d a, cv::Point2d b) {
    constexpr int kShift = 4;
    auto fixed = [&](cv::Point2d p) {
      return cv::Point(int(std::lround(p.x * scale_ * 16)), int(std::lround(p.y * scale_ * 16)));
    };
    cv::line(img_, fixed(a), fixed(b), cv::Scalar(st_.grey), st_.thickness * scale_, cv::LINE_8,
             kShift);
  }

  Style st_;
  int scale_;
  cv::Mat img_;
};

cv::Point2d apply(const cv::Matx23d& m, cv::Point2d p) {
  return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

// Checks a detected grid against the drawn table: shape, spans, and cell
// boxes (centre and size) within `tol` points.
void expect_matches(const CellGrid& g, const Table& t, double skew_deg = 0, double tol = 1.5) {
  int nr = int(t.rows.size()) - 1, nc = int(t.cols.size()) - 1;
  ASSERT_EQ(g.n_rows(), nr);
  ASSERT_EQ(g.n_cols(), nc);
  cv::Matx23d rot = Painter::rotation(skew_deg);
  size_t expected_cells = 0;
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      Table::Merge m = t.region(r, c);
      if (m.row != r || m.col != c) continue;
      ++expected_cells;
      const GridCell* cell = g.cell_at(r, c);
      ASSERT_NE(cell, nullptr) << "r" << r << " c" << c;
      EXPECT_EQ(cell->row, r);
      EXPECT_EQ(cell->col, c);
      EXPECT_EQ(cell->row_span, m.row_span) << "r" << r << " c" << c;
      EXPECT_EQ(cell->col_span, m.col_span) << "r" << r << " c" << c;
      double x0 = t.cols[c], x1 = t.cols[c + m.col_span];
      double y0 = t.rows[r], y1 = t.rows[r + m.row_span];
      cv::Point2d centre = apply(rot, {(x0 + x1) / 2, (y0 + y1) / 2}) / kPxPerPt;
      EXPECT_NEAR(cell->box.cx(), centre.x, tol) << "r" << r << " c" << c;
      EXPECT_NEAR(cell->box.cy(), centre.y, tol) << "r" << r << " c" << c;
      EXPECT_NEAR(cell->box.width(), (x1 - x0) / kPxPerPt, tol) << "r" << r << " c" << c;
      EXPECT_NEAR(cell->box.height(), (y1 - y0) / kPxPerPt, tol) << "r" << r << " c" << c;
    }
  }
  EXPECT_EQ(g.cells.size(), expected_cells);
  if (skew_deg == 0) {
    for (int r = 0; r <= nr; ++r) EXPECT_NEAR(g.row_edges[r], t.rows[r] / kPxPerPt, tol);
    for (int c = 0; c <= nc; ++c) EXPECT_NEAR(g.col_edges[c], t.cols[c] / kPxPerPt, tol);
  }
  // Row-major by top-left position.
  for (size_t i = 1; i < g.cells.size(); ++i) {
    const GridCell &a = g.cells[i - 1], &b = g.cells[i];
    EXPECT_TRUE(a.row < b.row || (a.row == b.row && a.col < b.col));
  }
}

PageGrids detect_one(const Style& st, const Table& t) {
  Painter p(st);
  p.table(t);
  p.text("REPORTE DE TRANSPARENCIA LOTAIP - Literal a) Estructura organica", 150, 120, 0.7);
  return detect_grids(p.finish(), kPxPerPt);
}

TEST(layoutGrid, CrispThinLines) {
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one({}, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  EXPECT_NEAR(pg.skew_degrees, 0, 0.05);
  expect_matches(pg.tables[0], t);
  EXPECT_NEAR(pg.tables[0].bbox.x0, 150 / kPxPerPt, 1.5);
  EXPECT_NEAR(pg.tables[0].bbox.y1, t.rows.back() / kPxPerPt, 1.5);
}

TEST(layoutGrid, ThickLines) {
  Style st;
  st.thickness = 4;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, DashedLines) {
  Style st;
  st.on = 6;
  st.off = 4;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, DottedLines) {
  Style st;
  st.on = 2;
  st.off = 3;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, FaintGreyLines) {
  Style st;
  st.grey = 180;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, FaintAntialiasedHairlines) {
  // A 0.25 px-wide grey line spread over two pixel rows by the renderer.
  Style st;
  st.grey = 180;
  st.antialias = true;
  Table t = standard_table(150.4, 200.6);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, BrokenLines) {
  // Scanner dropouts: a 4 px gap after every 30 px of line.
  Style st;
  st.on = 30;
  st.off = 4;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, TextTouchingLines) {
  Style st;
  st.touching = true;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

// The "j" of "Porcentaje" repeated down a column of tight rows: a stem
// that nearly meets the rulings above and below, between two letters. The
// stems and rulings chain into a long vertical line; only the letters
// either side tell it from a ruling.
TEST(layoutGrid, AlignedGlyphsInTightRowsAreNoRuling) {
  Table t = standard_table(150, 200);
  Painter p({});
  p.table(t);
  cv::Mat page = p.finish();
  const int x = int(t.cols[2]) + 40;
  for (int r = 3; r < 7; ++r) {
    int y0 = int(t.rows[r]), y1 = int(t.rows[r + 1]);
    cv::rectangle(page, cv::Rect(x, y0 + 2, 2, y1 - y0 - 3), cv::Scalar(0), cv::FILLED);
    int mid = (y0 + y1) / 2;
    cv::rectangle(page, cv::Rect(x - 10, mid - 6, 8, 12), cv::Scalar(0), cv::FILLED);
    cv::rectangle(page, cv::Rect(x + 4, mid - 6, 8, 12), cv::Scalar(0), cv::FILLED);
  }
  PageGrids pg = detect_grids(page, kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
  // Without the test the column of stems splits the column's rows.
  GridDetectorOptions o;
  o.max_flanked_share = 1;
  PageGrids split = detect_grids(page, kPxPerPt, o);
  ASSERT_EQ(split.tables.size(), 1u);
  EXPECT_EQ(split.tables[0].n_cols(), int(t.cols.size()));
}

TEST(layoutGrid, TextTouchingThickLines) {
  Style st;
  st.touching = true;
  st.thickness = 3;
  st.antialias = true;
  Table t = standard_table(150, 200);
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

std::string position_tag(int r, int c) {
  std::string s = "r";
  s += std::to_string(r);
  s += 'c';
  s += std::to_string(c);
  return s;
}

Table merged_table_for_words() {
  Table t = standard_table(150, 260);
  t.merges = {{1, 0, 2, 1}, {5, 0, 1, 8}};
  return t;
}

class Skewed : public ::testing::TestWithParam<double> {};

TEST_P(Skewed, ReadsTheGridAndReportsTheAngle) {
  Style st;
  st.skew_deg = GetParam();
  st.antialias = true;
  Table t = standard_table(150, 260);
  PageGrids pg = detect_one(st, t);
  EXPECT_NEAR(pg.skew_degrees, st.skew_deg, 0.1);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t, st.skew_deg);
}

INSTANTIATE_TEST_SUITE_P(layoutGrid, Skewed, ::testing::Values(1.0, -1.0, 2.0, -2.0, 0.4));

TEST(layoutGrid, WordsOfASkewedPageLandInTheirCells) {
  // One word per cell, placed where the turned page puts the cell's centre,
  // the way an OCR layer of the scan would report it.
  constexpr double kSkew = 2;
  Style st;
  st.skew_deg = kSkew;
  st.antialias = true;
  Table t = merged_table_for_words();
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  cv::Matx23d rot = Painter::rotation(kSkew);
  TextLayer layer;
  int nr = int(t.rows.size()) - 1, nc = int(t.cols.size()) - 1;
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      // Near the corners of each grid position too, where a skewed cell's
      // box and its true outline differ most.
      for (auto [fx, fy] : {std::pair{0.5, 0.5}, {0.1, 0.25}, {0.9, 0.75}}) {
        double x = t.cols[c] + fx * (t.cols[c + 1] - t.cols[c]);
        double y = t.rows[r] + fy * (t.rows[r + 1] - t.rows[r]);
        cv::Point2d p = apply(rot, {x, y}) / kPxPerPt;
        Word w;
        w.text = position_tag(r, c);
        w.box = {p.x - 1, p.y - 1, p.x + 1, p.y + 1};
        layer.words.push_back(w);
      }
    }
  }
  std::vector<Word> rest = place_words(layer, pg.tables);
  EXPECT_TRUE(rest.empty());
  const CellGrid& g = pg.tables[0];
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      const GridCell* cell = g.cell_at(r, c);
      ASSERT_NE(cell, nullptr);
      std::string tag = position_tag(r, c);
      EXPECT_NE(cell->text.find(tag), std::string::npos) << tag << " in '" << cell->text << "'";
    }
  }
}

TEST(layoutGrid, SkewedDashedThinLines) {
  Style st;
  st.skew_deg = 1.5;
  st.on = 6;
  st.off = 3;
  Table t = standard_table(150, 260);
  PageGrids pg = detect_one(st, t);
  EXPECT_NEAR(pg.skew_degrees, 1.5, 0.1);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t, 1.5);
}

TEST(layoutGrid, TwoTablesTopToBottom) {
  Table top;
  top.cols = {200, 420, 700, 900};
  top.rows = evenly(150, 34, 5);
  Table bottom;
  bottom.cols = evenly(120, 150, 9);
  bottom.rows = evenly(600, 36, 10);
  Painter p({});
  p.table(bottom);
  p.table(top);
  p.text("Tabla 2. Remuneraciones mensuales", 120, 580, 0.6);
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 2u);
  expect_matches(pg.tables[0], top);
  expect_matches(pg.tables[1], bottom);
}

TEST(layoutGrid, TwoTablesSideBySide) {
  Table left, right;
  left.cols = evenly(100, 180, 4);
  left.rows = evenly(300, 34, 8);
  right.cols = evenly(900, 140, 5);
  right.rows = evenly(320, 40, 6);
  Painter p({});
  p.table(left);
  p.table(right);
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 2u);
  // Sorted top to bottom: the right table starts lower.
  expect_matches(pg.tables[0], left);
  expect_matches(pg.tables[1], right);
}

Table merged_table() {
  Table t = standard_table(150, 200);
  t.merges = {
      {1, 0, 2, 1},  // first column merged over two rows
      {5, 0, 1, 8},  // full-width section row
      {0, 3, 1, 2},  // a header over two sub-columns
      {8, 2, 3, 3},  // a block
  };
  return t;
}

TEST(layoutGrid, MergedCells) {
  Table t = merged_table();
  PageGrids pg = detect_one({}, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  const CellGrid& g = pg.tables[0];
  expect_matches(g, t);
  const GridCell* section = g.cell_at(5, 7);
  ASSERT_NE(section, nullptr);
  EXPECT_EQ(section->col, 0);
  EXPECT_EQ(section->col_span, 8);
  EXPECT_EQ(g.cell_at(2, 0), g.cell_at(1, 0));
  EXPECT_NE(g.cell_at(3, 0), g.cell_at(2, 0));
}

TEST(layoutGrid, MergedCellsThickAntialiased) {
  Style st;
  st.thickness = 3;
  st.antialias = true;
  Table t = merged_table();
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, MergedCellsSkewed) {
  Style st;
  st.skew_deg = -1.2;
  st.antialias = true;
  Table t = merged_table();
  PageGrids pg = detect_one(st, t);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t, st.skew_deg);
}

TEST(layoutGrid, AMergeNeverSwallowsADrawnEdge) {
  // An L-shaped unruled region: the edges (1,1)-(2,1) and (2,1)-(2,2) are
  // erased, the edge between (1,1) and (1,2) is drawn. Merged regions are
  // rectangles, but the only rectangle over all three cells would hold the
  // drawn edge: one join is kept, the other refused, and the drawn edge
  // stays. (The old rule grew the region to its bounding box; under a
  // damaged section ruling that merged the section with the block below.)
  Table t;
  t.cols = evenly(300, 150, 4);
  t.rows = evenly(300, 40, 4);
  Painter p({});
  p.table(t);
  cv::Mat img = p.finish();
  cv::line(img, {452, 380}, {598, 380}, cv::Scalar(255), 3);
  cv::line(img, {600, 382}, {600, 418}, cv::Scalar(255), 3);
  PageGrids pg = detect_grids(img, kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  const CellGrid& g = pg.tables[0];
  ASSERT_EQ(g.n_rows(), 4);
  ASSERT_EQ(g.n_cols(), 4);
  const GridCell* c = g.cell_at(1, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->row_span, 2);
  EXPECT_EQ(c->col_span, 1);
  EXPECT_NE(g.cell_at(1, 2), c) << "the drawn edge between (1,1) and (1,2) stays";
  EXPECT_NE(g.cell_at(2, 2), c);
  EXPECT_EQ(g.cells.size(), 16u - 1u);
}

TEST(layoutGrid, ASectionRowOverADamagedRulingKeepsTheRowsBelow) {
  // A full-width section row (row 1) whose ruling underneath lost most of
  // its first column's part: the section may not grow over the ruled rows
  // below it (the old rule made one cell of rows 1 to 4).
  Table t;
  t.cols = evenly(300, 150, 4);
  t.rows = evenly(300, 40, 5);
  Painter p({});
  p.table(t);
  cv::Mat img = p.finish();
  // The section row: its inner verticals erased.
  for (int x : {450, 600, 750}) cv::line(img, {x, 342}, {x, 378}, cv::Scalar(255), 3);
  // The ruling under it, mostly gone over the first column (a dropout
  // leaves a piece; an edge that is not drawn leaves nothing).
  cv::line(img, {302, 380}, {420, 380}, cv::Scalar(255), 3);
  PageGrids pg = detect_grids(img, kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  const CellGrid& g = pg.tables[0];
  ASSERT_EQ(g.n_rows(), 5);
  ASSERT_EQ(g.n_cols(), 4);
  const GridCell* section = g.cell_at(1, 0);
  ASSERT_NE(section, nullptr);
  EXPECT_EQ(section->col_span, 4);
  EXPECT_EQ(section->row_span + section->row, 2) << "the section grew over the rows below";
  for (int c = 1; c < 4; ++c) EXPECT_EQ(g.cell_at(2, c)->row, 2) << c;
}

TEST(layoutGrid, TableWithoutBottomRuling) {
  // The vertical rulings carry on below the last horizontal one.
  Table t;
  t.cols = evenly(300, 200, 4);
  t.rows = evenly(300, 40, 4);
  Painter p({});
  p.table(t);
  cv::Mat img = p.finish();
  cv::line(img, {290, 460}, {1110, 460}, cv::Scalar(255), 3);
  PageGrids pg = detect_grids(img, kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  EXPECT_EQ(pg.tables[0].n_rows(), 4);
  EXPECT_NEAR(pg.tables[0].row_edges.back(), 460 / kPxPerPt, 1.5);
}

// A spreadsheet table cut by a page break: five columns, a block of rows
// 0-3 merged in columns 0-2 (unit, objective), a section row across the
// table at row 4, then a second block.
Table page_break_table() {
  Table t;
  t.cols = {200, 260, 520, 900, 1300, 1520};
  t.rows = evenly(200, 34, 9);
  t.merges = {{0, 0, 4, 1}, {0, 1, 4, 1}, {0, 2, 4, 1}, {4, 0, 1, 5},
              {5, 0, 4, 1}, {5, 1, 4, 1}, {5, 2, 4, 1}};
  return t;
}

// Paints `t`, then erases its rulings along row boundary `row` between
// columns [c0, c1).
cv::Mat without_ruling(const Table& t, int row, int c0, int c1) {
  Painter p({});
  p.table(t);
  cv::Mat img = p.finish();
  cv::line(img, {int(t.cols[c0]) - 3, int(t.rows[row])}, {int(t.cols[c1]) + 3, int(t.rows[row])},
           cv::Scalar(255), 3);
  return img;
}

TEST(layoutGrid, APageBreakLeftTheTopOpenAboveASectionRow) {
  // The page starts with a section row; the export drew no ruling above it.
  Table t = page_break_table();
  t.rows.erase(t.rows.begin(), t.rows.begin() + 4);
  t.merges = {{0, 0, 1, 5}, {1, 0, 4, 1}, {1, 1, 4, 1}, {1, 2, 4, 1}};
  PageGrids pg = detect_grids(without_ruling(t, 0, 0, 5), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
  EXPECT_TRUE(pg.tables[0].open_top);
  EXPECT_FALSE(pg.tables[0].open_bottom);
}

TEST(layoutGrid, APageBreakLeftAMergedBlockOpenAtTheBottom) {
  // The page ends inside a block: no bottom ruling, and the block's
  // dividers meet only the ruling above them.
  Table t = page_break_table();
  PageGrids pg = detect_grids(without_ruling(t, 9, 0, 5), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
  EXPECT_TRUE(pg.tables[0].open_bottom);
}

TEST(layoutGrid, AMergedCellLeftOpenWhereThePageCutIt) {
  // The top ruling is drawn over the indicator and target columns only.
  Table t = page_break_table();
  PageGrids pg = detect_grids(without_ruling(t, 0, 0, 3), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, ADropoutInARulingWhoseCrossingsStopIsBridged) {
  // A header row, a section row across the table, then a block: the
  // header's dividers stop at the section row, so each half of the
  // header's bottom ruling, cut by a scanner dropout in mid-cell, would
  // meet only one crossing ruling.
  Table t;
  t.cols = {200, 260, 520, 900, 1300, 1520};
  t.rows = evenly(200, 34, 6);
  t.merges = {{1, 0, 1, 5}, {2, 0, 4, 1}, {2, 1, 4, 1}, {2, 2, 4, 1}};
  Painter p({});
  p.table(t);
  cv::Mat img = p.finish();
  cv::line(img, {680, int(t.rows[1])}, {740, int(t.rows[1])}, cv::Scalar(255), 3);
  // Another from a divider's foot: a crossing ruling at one end only.
  cv::line(img, {1302, int(t.rows[1])}, {1360, int(t.rows[1])}, cv::Scalar(255), 3);
  PageGrids pg = detect_grids(img, kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, UnderlinesAndLoneLinesAreNotTables) {
  Painter p({});
  p.text("Fecha de actualizacion: 31/12/2023", 150, 200, 0.6);
  p.segment({150, 206}, {520, 206});  // underline touching the text
  p.text("Responsable de la unidad", 150, 300, 0.6);
  p.segment({150, 310}, {470, 310});
  p.segment({80, 600}, {1680, 600});   // separator across the page
  p.segment({877, 700}, {877, 1150});  // lone vertical line
  p.segment({100, 1180}, {1650, 1180});
  p.segment({100, 1186}, {1650, 1186});  // double rule
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  EXPECT_TRUE(pg.tables.empty());
}

TEST(layoutGrid, SingleFramedBoxIsNotATable) {
  Painter p({});
  Table frame;
  frame.cols = {100, 1650};
  frame.rows = {100, 1150};
  p.table(frame);
  p.text("NOTA: la informacion se publica mensualmente", 150, 300, 0.6);
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  EXPECT_TRUE(pg.tables.empty());
}

TEST(layoutGrid, TextAloneIsNotATable) {
  Painter p({});
  const char* lines[] = {
      "REPORTE DE GASTOS - EJERCICIO FISCAL 2023",
      "Institucion: Gobierno Autonomo Descentralizado Municipal",
      "Total devengado ............................ $ 1.234.567,89",
      "Firma: ____________________________   Fecha: ___________",
      "| Codigo | Partida | Descripcion | Monto |",
      "[ITEM] (1) |l| llll IIII |||| 1111 ---- ==== TTTT",
      "| a | b |",
  };
  double y = 120;
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* s : lines) {
      p.text(s, 100, y, 0.8);
      y += 30;  // tight leading: stems of consecutive lines nearly meet
    }
  }
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  EXPECT_TRUE(pg.tables.empty());
  EXPECT_NEAR(pg.skew_degrees, 0, 0.05);
}

TEST(layoutGrid, EmptyAndBlankPages) {
  EXPECT_TRUE(detect_grids(cv::Mat(), kPxPerPt).tables.empty());
  cv::Mat white(kPage, CV_8UC1, cv::Scalar(255));
  PageGrids pg = detect_grids(white, kPxPerPt);
  EXPECT_TRUE(pg.tables.empty());
  EXPECT_EQ(pg.skew_degrees, 0);
  EXPECT_THROW(detect_grids(white, 0), std::invalid_argument);
}

TEST(layoutGrid, ColourInputAndTextHeightHint) {
  Table t = standard_table(150, 200);
  Painter p({});
  p.table(t);
  cv::Mat colour;
  cv::cvtColor(p.finish(), colour, cv::COLOR_GRAY2BGR);
  GridDetectorOptions o;
  o.text_height_pt = 7;
  PageGrids pg = detect_grids(colour, kPxPerPt, o);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

TEST(layoutGrid, OtherResolutions) {
  // The same table rendered at 100 and 300 dpi.
  for (double dpi : {100.0, 300.0}) {
    double k = dpi / kDpi;
    cv::Mat img(int(kPage.height * k), int(kPage.width * k), CV_8UC1, cv::Scalar(255));
    Table t = standard_table(150, 200);
    int nr = int(t.rows.size()) - 1;
    for (double y : t.rows)
      cv::line(img, cv::Point2d(t.cols.front(), y) * k, cv::Point2d(t.cols.back(), y) * k,
               cv::Scalar(0), std::max(1, int(k)));
    for (double x : t.cols)
      cv::line(img, cv::Point2d(x, t.rows.front()) * k, cv::Point2d(x, t.rows.back()) * k,
               cv::Scalar(0), std::max(1, int(k)));
    for (int r = 0; r < nr; ++r) {
      std::string label = "Texto de prueba ";
      label += std::to_string(r);
      cv::putText(img, label, cv::Point2d(t.cols[1] + 6, t.rows[r + 1] - 10) * k,
                  cv::FONT_HERSHEY_SIMPLEX, 0.5 * k, cv::Scalar(0), std::max(1, int(k)));
    }
    PageGrids pg = detect_grids(img, dpi / 72);
    ASSERT_EQ(pg.tables.size(), 1u) << dpi;
    EXPECT_EQ(pg.tables[0].n_rows(), nr) << dpi;
    EXPECT_EQ(pg.tables[0].n_cols(), int(t.cols.size()) - 1) << dpi;
    EXPECT_EQ(pg.tables[0].cells.size(), size_t(nr * (t.cols.size() - 1))) << dpi;
    EXPECT_NEAR(pg.tables[0].col_edges[1], t.cols[1] / kPxPerPt, 1.5) << dpi;
  }
}

// Speed is measured by bench/stages_bench, never asserted in a test.
TEST(layoutGrid, PageFillingTable) {
  // A page-filling table of 30 rows x 10 columns with text in every cell.
  Table t;
  t.cols = evenly(60, 163, 10);
  t.rows = evenly(80, 36, 30);
  Painter p({});
  p.table(t);
  PageGrids pg = detect_grids(p.finish(), kPxPerPt);
  ASSERT_EQ(pg.tables.size(), 1u);
  expect_matches(pg.tables[0], t);
}

}  // namespace
}  // namespace pdfrecon
