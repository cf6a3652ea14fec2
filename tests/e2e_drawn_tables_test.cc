// End to end on born-digital tables whose rulings only the PDF states
// exactly: white lines on a dark header, rows told apart by alternating
// fills, English text (the lexicon is Spanish), with and without an image
// elsewhere on the page. Every cell must come from the text layer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdfrecon/pipeline.h"
#include "raw_pdf.h"
#include "support/temp_dir.h"

namespace pdfrecon {
namespace {

const std::vector<std::vector<std::string>> kCells = {
    {"State", "Stations", "Persons trained"},
    {"Delhi", "8", "3,665"},
    {"Gujarat", "6", "3,810"},
    {"Maharashtra", "13", "5,680"},
    {"Karnataka", "11", "5,741"},
    {"Kerala", "9", "3,559"},
};

// PDF y of row `r`'s bottom edge; rows 24 pt tall from y = 700 down.
double row_bottom(int r) { return 700 - 24.0 * (r + 1); }

// A table of kCells: a dark header band with white text, body rows on
// alternating light and white bands, white column dividers drawn the
// table's whole height (over white rows they do not show). With
// `picture`, an image beside the table.
std::string table_page(bool picture) {
  const double x[] = {60, 200, 300, 460};
  const int rows = int(kCells.size());
  std::string c;
  c += "0.2 g 60 " + std::to_string(row_bottom(0)) + " 400 24 re f\n";
  for (int r = 1; r < rows; r += 2) {
    c += "0.85 g 60 " + std::to_string(row_bottom(r)) + " 400 24 re f\n";
  }
  c += "1 1 1 RG 1.5 w\n";
  for (int k = 1; k < 3; ++k) {
    c += std::to_string(x[k]) + " 700 m " + std::to_string(x[k]) + " " +
         std::to_string(row_bottom(rows - 1)) + " l S\n";
  }
  for (int r = 0; r < rows; ++r) {
    c += r == 0 ? "1 g\n" : "0 g\n";
    for (int k = 0; k < 3; ++k) {
      c += "BT /F1 10 Tf " + std::to_string(x[k] + 6) + " " + std::to_string(row_bottom(r) + 8) +
           " Td (" + kCells[r][k] + ") Tj ET\n";
    }
  }
  if (picture) c += "q 60 0 0 60 480 720 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80\nEI Q\n";
  return c;
}

std::filesystem::path write_page(const std::filesystem::path& dir, bool picture) {
  RawPdf pdf;
  int font =
      pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  int contents = pdf.add_stream("", table_page(picture));
  int tree = pdf.reserve();
  int page = pdf.add("<< /Type /Page /Parent " + ref(tree) +
                     " /MediaBox [0 0 595 842] /Resources << /Font << /F1 " + ref(font) +
                     " >> >> /Contents " + ref(contents) + " >>");
  pdf.set(tree, "<< /Type /Pages /Kids [" + ref(page) + "] /Count 1 >>");
  std::filesystem::path out = dir / (picture ? "with-picture.pdf" : "table.pdf");
  pdf.write(out, pdf.add("<< /Type /Catalog /Pages " + ref(tree) + " >>"));
  return out;
}

class DrawnTable : public ::testing::TestWithParam<bool> {};

TEST_P(DrawnTable, EveryCellFromTheTextLayer) {
  testing::TempDir dir("drawn", GetParam() ? "picture" : "plain");
  ExtractOptions options;
  options.profile = "generic";
  options.jobs = 1;
  DocumentResult doc = extract_document(write_page(dir.path, GetParam()).string(), options);
  ASSERT_EQ(doc.pages.size(), 1u);
  const PageResult& page = doc.pages[0];
  EXPECT_EQ(page.text_source, "native");
  ASSERT_EQ(page.tables.size(), 1u);
  const CellGrid& t = page.tables[0];
  ASSERT_EQ(t.n_rows(), int(kCells.size()));
  ASSERT_EQ(t.n_cols(), 3);
  for (int r = 0; r < t.n_rows(); ++r) {
    for (int k = 0; k < 3; ++k) {
      const GridCell* cell = t.cell_at(r, k);
      ASSERT_NE(cell, nullptr) << r << "," << k;
      EXPECT_EQ(cell->text, kCells[r][k]) << r << "," << k;
      EXPECT_EQ(cell->source, "native") << r << "," << k;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(WithoutAndWithAPicture, DrawnTable, ::testing::Bool());

}  // namespace
}  // namespace pdfrecon
