// PdfDocument::scan_resolution: a scan's own resolution from its one image,
// and 0 for pages that are not one image. PdfDocument::scan_image: a scan's
// image straight from the file, and nothing for pages that show more.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <string>
#include <vector>

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

TEST(ScanImage, IsWhatRenderingAtItsResolutionGives) {
  for (const char* name : {"scan.pdf", "scan-ocr.pdf"}) {  // scan-ocr: in forms, under text
    PdfDocument pdf =
        PdfDocument::open(source_path(std::string("fixtures/invented-lotaip-a4/") + name));
    for (int i = 0; i < pdf.page_count(); ++i) {
      cv::Mat image = pdf.scan_image(i);
      ASSERT_FALSE(image.empty()) << name << " page " << i + 1;
      EXPECT_EQ(image.type(), CV_8UC1);
      EXPECT_EQ(image.cols, 2339);
      EXPECT_EQ(image.rows, 1653);
      // The same page: Poppler decodes JPEG and resamples a little
      // differently (noise apart, the pictures agree), and a flip or shift
      // would show at a quarter of the size.
      cv::Mat rendered = pdf.render_grey(i, pdf.scan_resolution(i), true);
      cv::Rect common(0, 0, std::min(image.cols, rendered.cols),
                      std::min(image.rows, rendered.rows));
      cv::Mat a, b;
      cv::resize(image(common), a, {}, 0.25, 0.25, cv::INTER_AREA);
      cv::resize(rendered(common), b, {}, 0.25, 0.25, cv::INTER_AREA);
      EXPECT_LT(cv::norm(a, b, cv::NORM_L1) / double(a.total()), 6) << name;
      EXPECT_NEAR(cv::mean(a)[0], cv::mean(b)[0], 2) << name;
      cv::Mat flipped;
      cv::flip(a, flipped, 0);
      EXPECT_GT(cv::norm(flipped, b, cv::NORM_L1) / double(a.total()), 12) << name;
    }
  }
  PdfDocument born = PdfDocument::open(source_path("fixtures/invented-lotaip-a4/born-digital.pdf"));
  EXPECT_TRUE(born.scan_image(0).empty());
}

// A one-page PDF of 72 x 36 points whose resources hold /Im, a 4 x 2 grey
// image (samples 0, 40, ..., 280 mod 256 uncompressed), and /F, a font.
std::string tiny_pdf(const std::string& content, const std::string& page_keys = "") {
  std::string samples;
  for (int i = 0; i < 8; ++i) samples += char(i * 30);
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 36] /Contents 4 0 R " + page_keys +
          " /Resources << /XObject << /Im 5 0 R >> /Font << /F 6 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /XObject /Subtype /Image /Width 4 /Height 2 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8 /Length 8 >>\nstream\n" +
          samples + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

cv::Mat scan_image_of(const std::string& pdf) {
  auto path =
      std::filesystem::temp_directory_path() /
      ("pdfrecon-scan-image-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "-" + std::to_string(std::hash<std::string>{}(pdf)) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  cv::Mat image = PdfDocument::open(path.string()).scan_image(0);
  std::filesystem::remove(path);
  return image;
}

TEST(ScanImage, IsTheImageItselfWhenThePageIsJustThat) {
  cv::Mat image = scan_image_of(tiny_pdf("q 72 0 0 36 0 0 cm /Im Do Q"));
  ASSERT_EQ(image.size(), cv::Size(4, 2));
  for (int i = 0; i < 8; ++i) EXPECT_EQ(image.at<uchar>(i / 4, i % 4), i * 30);
  // Invisible text (an OCR layer) and harmless state around it change nothing.
  EXPECT_FALSE(scan_image_of(tiny_pdf("0 g q 72 0 0 36 0 0 cm /Im Do Q "
                                      "BT 3 Tr /F 12 Tf 10 10 Td (layer) Tj ET"))
                   .empty());
}

TEST(ScanImage, IsNothingWhenThePageShowsMore) {
  const std::string image = "q 72 0 0 36 0 0 cm /Im Do Q ";
  // A vector stamp, visible text, a clip, the image twice.
  EXPECT_TRUE(scan_image_of(tiny_pdf(image + "1 0 0 rg 10 10 20 20 re f")).empty());
  EXPECT_TRUE(scan_image_of(tiny_pdf(image + "BT /F 12 Tf 10 10 Td (seal) Tj ET")).empty());
  EXPECT_TRUE(scan_image_of(tiny_pdf("0 0 36 36 re W n " + image)).empty());
  EXPECT_TRUE(scan_image_of(tiny_pdf(image + image)).empty());
  // The image on part of the page, flipped, or the page turned.
  EXPECT_TRUE(scan_image_of(tiny_pdf("q 36 0 0 36 0 0 cm /Im Do Q")).empty());
  EXPECT_TRUE(scan_image_of(tiny_pdf("q 72 0 0 -36 0 36 cm /Im Do Q")).empty());
  EXPECT_TRUE(scan_image_of(tiny_pdf(image, "/Rotate 90")).empty());
}

TEST(ScanImage, IsNothingWhenItsJpegIsDamaged) {
  // scan.pdf with 2 KB of page 1's JPEG scrambled: that page is left to
  // Poppler (quietly), page 2 is still read from the file.
  std::ifstream in(source_path("fixtures/invented-lotaip-a4/scan.pdf"), std::ios::binary);
  std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t image = pdf.find("stream", pdf.find("/DCTDecode"));
  ASSERT_NE(image, std::string::npos);
  for (size_t k = image + 100000; k < image + 102000; ++k) pdf[k] = char(pdf[k] * 7 + 13);
  auto path = std::filesystem::temp_directory_path() / "pdfrecon-damaged-jpeg.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  PdfDocument damaged = PdfDocument::open(path.string());
  EXPECT_TRUE(damaged.scan_image(0).empty());
  EXPECT_FALSE(damaged.scan_image(1).empty());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pdfrecon

namespace pdfrecon {
namespace {

TEST(TextIsInvisible, AnOcrLayerIsInvisibleTextWhateverItsFont) {
  // Tesseract's layer (GlyphLessFont), inside forms under the page image.
  PdfDocument layered =
      PdfDocument::open(testing::source_path("fixtures/invented-lotaip-a4/scan-ocr.pdf"));
  for (int i = 0; i < layered.page_count(); ++i)
    EXPECT_TRUE(layered.survey(i).text_all_invisible) << i;
  // Born-digital text shows; an image-only scan has no text at all.
  for (const char* f : {"fixtures/invented-lotaip-a4/born-digital.pdf",
                        "fixtures/invented-lotaip-a4/scan.pdf", "fixtures/bad/no-table.pdf"}) {
    PdfDocument doc = PdfDocument::open(testing::source_path(f));
    EXPECT_FALSE(doc.survey(0).text_all_invisible) << f;
  }
}

}  // namespace
}  // namespace pdfrecon
