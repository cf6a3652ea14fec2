// PdfDocument::scan_resolution: a scan's own resolution from its one image,
// and 0 for pages that are not one image.
#include <gtest/gtest.h>

#include "pdfrecon/pdf_document.h"
#include "support/run_command.h"

namespace pdfrecon {
namespace {

using testing::source_path;

TEST(ScanResolution, IsTheResolutionTheScanWasMadeAt) {
  // make-fixtures.sh: scan.pdf at 200 dpi, scan-150.pdf at 150 dpi.
  PdfDocument scan = PdfDocument::open(source_path("fixtures/invented-lotaip-a4/scan.pdf"));
  for (int i = 0; i < scan.page_count(); ++i) EXPECT_NEAR(scan.scan_resolution(i), 200, 1);
  PdfDocument coarse = PdfDocument::open(source_path("fixtures/invented-lotaip-a4/scan-150.pdf"));
  EXPECT_NEAR(coarse.scan_resolution(0), 150, 1);
  // scan-ocr.pdf holds the same images inside forms, under a text layer.
  PdfDocument layered = PdfDocument::open(source_path("fixtures/invented-lotaip-a4/scan-ocr.pdf"));
  EXPECT_NEAR(layered.scan_resolution(1), 200, 1);
}

TEST(ScanResolution, IsZeroForAPageThatIsNoImage) {
  PdfDocument born = PdfDocument::open(source_path("fixtures/invented-lotaip-a4/born-digital.pdf"));
  for (int i = 0; i < born.page_count(); ++i) EXPECT_EQ(born.scan_resolution(i), 0);
}

}  // namespace
}  // namespace pdfrecon
