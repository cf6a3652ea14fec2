// PdfDocument::drawing: the rulings, fills, images and shapes a page draws,
// through transformation matrices, forms and clips, in the text layer's
// coordinates; and the grids found from them without rendering the page.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "pdfrecon/grid_detector.h"
#include "pdfrecon/pdf_document.h"
#include "raw_pdf.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

namespace fs = std::filesystem;

// A one-page PDF of `content`, Helvetica as /F1 and `xobjects` as
// resources; `page_extra` goes into the page dictionary (/Rotate 90).
fs::path one_page(const fs::path& dir, const std::string& content,
                  const std::vector<std::pair<std::string, std::string>>& forms = {},
                  const std::string& page_extra = "") {
  RawPdf pdf;
  int font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string xobjects;
  for (size_t i = 0; i < forms.size(); ++i) {  // /Fm1, /Fm2, ...
    int id = pdf.add_stream("/Type /XObject /Subtype /Form " + forms[i].first, forms[i].second);
    xobjects += "/Fm" + std::to_string(i + 1) + " " + ref(id) + " ";
  }
  int contents = pdf.add_stream("", content);
  int tree = pdf.reserve();
  int page = pdf.add("<< /Type /Page /Parent " + ref(tree) +
                     " /MediaBox [0 0 595 842] /Resources << /Font << /F1 " + ref(font) +
                     " >> /XObject << " + xobjects + ">> >> /Contents " + ref(contents) + " " +
                     page_extra + " >>");
  pdf.set(tree, "<< /Type /Pages /Kids [" + ref(page) + "] /Count 1 >>");
  int root = pdf.add("<< /Type /Catalog /Pages " + ref(tree) + " >>");
  fs::path out = dir / "page.pdf";
  pdf.write(out, root);
  return out;
}

// The ruling at `pos` running from `from` to `to` (points, top-left
// origin), or null.
const Ruling* find(const PageDrawing& d, bool horizontal, double pos, double from, double to) {
  for (const Ruling& r : d.rulings) {
    if (r.horizontal == horizontal && std::abs(r.pos - pos) < 0.01 &&
        std::abs(r.from - from) < 0.01 && std::abs(r.to - to) < 0.01) {
      return &r;
    }
  }
  return nullptr;
}

TEST(PageDrawing, RulingsThroughMatricesFormsAndClips) {
  testing::TempDir dir("drawing", "rulings");
  // A form (its own /Matrix) drawn under a scaled matrix: a line and a
  // stroked rectangle. Device point of form point (x, y): x' = 2 (x + 10)
  // + 50, y' = 2 y + 50, then y from the top: 842 - y'.
  std::string form = "0.5 w 0 0 m 100 0 l S 0 10 100 50 re S";
  std::string content =
      "q 2 0 0 2 50 50 cm /Fm1 Do Q\n"
      "q [3 2] 0 d 1 w 50 400 m 300 400 l S Q\n"              // dashed
      "0 0 0 rg 50 300 250 0.8 re f\n"                        // a rule drawn as a thin fill
      "q 100 200 50 50 re W n 0.5 w 0 225 m 500 225 l S Q\n"  // clipped to 100..150
      "1 1 1 RG 60 700 m 200 700 l S\n";                      // white
  PageDrawing d =
      PdfDocument::open(
          one_page(dir.path, content, {{"/BBox [0 0 200 100] /Matrix [1 0 0 1 10 0]", form}}))
          .drawing(0);
  EXPECT_FALSE(d.incomplete);
  const Ruling* line = find(d, true, 792, 70, 270);
  ASSERT_NE(line, nullptr);
  EXPECT_NEAR(line->width, 1.0, 1e-6);              // 0.5 scaled by 2
  EXPECT_NE(find(d, true, 772, 70, 270), nullptr);  // the rectangle's sides
  EXPECT_NE(find(d, true, 672, 70, 270), nullptr);
  EXPECT_NE(find(d, false, 70, 672, 772), nullptr);
  EXPECT_NE(find(d, false, 270, 672, 772), nullptr);
  const Ruling* dashed = find(d, true, 442, 50, 300);
  ASSERT_NE(dashed, nullptr);
  EXPECT_TRUE(dashed->dashed);
  const Ruling* thin = find(d, true, 842 - 300.4, 50, 300);
  ASSERT_NE(thin, nullptr);
  EXPECT_NEAR(thin->width, 0.8, 1e-6);
  EXPECT_NE(find(d, true, 617, 100, 150), nullptr);
  const Ruling* white = find(d, true, 142, 60, 200);
  ASSERT_NE(white, nullptr);
  EXPECT_NEAR(white->grey, 1.0, 1e-6);
  EXPECT_EQ(d.rulings.size(), 9u);
  EXPECT_TRUE(d.images.empty());
  EXPECT_TRUE(d.shapes.empty());
}

TEST(PageDrawing, FillsImagesAndShapes) {
  testing::TempDir dir("drawing", "fills");
  std::string content =
      "0.5 g 300 600 100 40 re f\n"                                        // a grey box
      "q 20 0 0 20 500 700 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80\nEI Q\n"  // an image
      "0 0 1 RG 400 100 m 450 150 450 150 500 100 c S\n"                   // a curve
      "50 50 m 100 90 l S\n";                                              // a diagonal
  PageDrawing d = PdfDocument::open(one_page(dir.path, content)).drawing(0);
  ASSERT_EQ(d.fills.size(), 1u);
  EXPECT_EQ(d.fills[0].box, (Box{300, 202, 400, 242}));
  EXPECT_NEAR(d.fills[0].grey, 0.5, 0.01);
  ASSERT_EQ(d.images.size(), 1u);
  EXPECT_NEAR(d.images[0].x0, 500, 1e-6);
  EXPECT_NEAR(d.images[0].y0, 122, 1e-6);
  EXPECT_NEAR(d.images[0].x1, 520, 1e-6);
  EXPECT_NEAR(d.images[0].y1, 142, 1e-6);
  EXPECT_EQ(d.shapes.size(), 2u);
  EXPECT_TRUE(d.rulings.empty());
}

TEST(PageDrawing, SharesTheTextLayersCoordinatesOnARotatedPage) {
  // A word underlined; on a page with /Rotate 90 both turn alike.
  testing::TempDir dir("drawing", "rotated");
  std::string content = "BT /F1 12 Tf 100 400 Td (Hello) Tj ET 1 w 100 396 m 160 396 l S";
  for (std::string rotate : {"", "/Rotate 90"}) {
    PdfDocument pdf = PdfDocument::open(one_page(dir.path, content, {}, rotate));
    PageDrawing d = pdf.drawing(0);
    TextLayer text = pdf.text(0);
    ASSERT_EQ(d.rulings.size(), 1u) << rotate;
    ASSERT_EQ(text.words.size(), 1u) << rotate;
    const Ruling& r = d.rulings[0];
    const Box& w = text.words[0].box;
    if (rotate.empty()) {
      ASSERT_TRUE(r.horizontal);
      EXPECT_NEAR(r.from, w.x0, 0.5);
      EXPECT_GT(r.pos, w.y1 - 4);  // under the word, by its descent at most
      EXPECT_LT(r.pos, w.y1 + 4);
    } else {
      ASSERT_FALSE(r.horizontal);  // the page turned: the line runs down
      EXPECT_NEAR(r.from, w.y0, 0.5);
      EXPECT_GT(r.pos, w.x0 - 4);
      EXPECT_LT(r.pos, w.x0 + 4);
    }
  }
}

// Rulings of a grid: horizontals at `ys` and verticals at `xs`, all across.
std::vector<Ruling> grid_rulings(const std::vector<double>& xs, const std::vector<double>& ys) {
  std::vector<Ruling> out;
  for (double y : ys) out.push_back({true, y, xs.front(), xs.back(), 0.5});
  for (double x : xs) out.push_back({false, x, ys.front(), ys.back(), 0.5});
  return out;
}

TEST(DrawnGrid, IsTheGridTheRulingsDraw) {
  // Two rows only 5 pt apart (a number box's row beside a taller one) are
  // both drawn, so both stay, though no line of 9 pt text fits in one.
  std::vector<Ruling> rulings = grid_rulings({50, 150, 250, 350}, {100, 120, 125, 160});
  GridDetectorOptions o;
  o.text_height_pt = 9;
  PageGrids g = grids_from_rulings(rulings, 595, 842, o);
  ASSERT_EQ(g.tables.size(), 1u);
  EXPECT_EQ(g.tables[0].n_rows(), 3);
  EXPECT_EQ(g.tables[0].n_cols(), 3);
  EXPECT_NEAR(g.tables[0].row_edges[2], 125, 0.5);
  EXPECT_NEAR(g.tables[0].col_edges[3], 350, 0.5);
}

TEST(DrawnGrid, AGapInADrawnLineIsAMergedCell) {
  // The middle vertical is not drawn through the second row: one cell
  // there. (A scan's dropout would be bridged; a drawn line's gap is not.)
  std::vector<Ruling> rulings = grid_rulings({50, 150, 250}, {100, 120, 140, 160});
  rulings.erase(rulings.begin() + 5);  // the vertical at 150
  rulings.push_back({false, 150, 100, 120, 0.5});
  rulings.push_back({false, 150, 140, 160, 0.5});
  PageGrids g = grids_from_rulings(rulings, 595, 842, {});
  ASSERT_EQ(g.tables.size(), 1u);
  const CellGrid& t = g.tables[0];
  ASSERT_NE(t.cell_at(1, 0), nullptr);
  EXPECT_EQ(t.cell_at(1, 0)->col_span, 2);
  EXPECT_EQ(t.cell_at(0, 0)->col_span, 1);
}

TEST(DrawnGrid, WhiteLinesOnShadedCellsAndEdgesOfFills) {
  // A dark header band divided by white lines, and rows told apart only
  // by alternating fills: the white lines divide the columns, the fills'
  // edges the rows; fills of one shade side by side show no edge between.
  PageDrawing d;
  d.fills.push_back({{50, 100, 350, 120}, 0.3});   // header band
  d.fills.push_back({{50, 120, 200, 140}, 0.85});  // row 1, drawn in two pieces
  d.fills.push_back({{200, 120, 350, 140}, 0.85});
  d.fills.push_back({{50, 160, 350, 180}, 0.85});  // row 3 (row 2 is paper)
  for (double x : {150.0, 250.0}) d.rulings.push_back({false, x, 100, 180, 1, false, 1.0});
  std::vector<Ruling> drawn = drawn_rulings(d);
  for (const Ruling& r : drawn) {
    EXPECT_FALSE(!r.horizontal && std::abs(r.pos - 200) < 1) << "edge between fills of one shade";
  }
  PageGrids g = grids_from_rulings(drawn, 595, 842, {});
  ASSERT_EQ(g.tables.size(), 1u);
  EXPECT_EQ(g.tables[0].n_cols(), 3);
  EXPECT_EQ(g.tables[0].n_rows(), 4);
}

}  // namespace
}  // namespace pdfrecon
