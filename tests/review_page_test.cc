// The review page's writer (review_page.h) without a browser: one image and
// one box per cell, records pointing at their cells, nothing fetched from
// the network, text escaped; the batch index; page images at their size.
#include "pdfrecon/review_page.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "support/browser.h"

namespace pdfrecon {
namespace {

using testing::count_of;

// A one-page report: a table of two cells, the second read by OCR, with a
// correction and a doubt, its record flagged.
DocumentResult one_page_report() {
  DocumentResult doc;
  doc.file = "dir/report.pdf";
  doc.sha256 = std::string(64, 'a');
  doc.page_count = 1;
  doc.profile = "lotaip-a4";
  PageResult p;
  p.number = 1;
  p.width = 842;
  p.height = 595;
  p.text_source = "mixed";
  CellGrid t;
  t.bbox = {50, 50, 450, 100};
  t.row_edges = {50, 100};
  t.col_edges = {50, 250, 450};
  GridCell a;
  a.box = {50, 50, 250, 100};
  a.text = "Dirección Financiera";
  GridCell b;
  b.col = 1;
  b.box = {250, 50, 450, 100};
  b.text = "100,00%";
  b.raw_text = "1OO,00% </script><b>";
  b.source = "ocr";
  b.confidence = 0.42;
  b.corrections.push_back({"target-grammar", "1OO,00%", "100,00%", 0});
  b.add_doubt(kDoubtNotAValue);
  t.cells = {a, b};
  p.tables.push_back(t);
  p.lines = {"LOTAIP <literal a4>"};
  doc.pages.push_back(p);
  doc.record_fields = {"section", "no", "unit", "objective", "indicator", "target"};
  doc.value_field = "target";
  Record r;
  for (const std::string& f : doc.record_fields) r.set(f, f == "no" ? "1" : "x");
  r.page = 1;
  r.box = b.box;
  r.flags = {"corrected", "needs_review"};
  r.review_reasons = {"not_a_value"};
  doc.records = std::vector<Record>{r};
  doc.metadata.set("link", "https://example.org/\"x\"");
  doc.warnings = {"page 1: a <warning>"};
  return doc;
}

TEST(ReviewPage, ShowsEachPageCellAndFlaggedRecordAndFetchesNothing) {
  DocumentResult doc = one_page_report();
  cv::Mat grey(595 * 300 / 72, 842 * 300 / 72, CV_8UC1, cv::Scalar(255));
  std::string html = write_review_page(doc, {page_image(1, grey, 300 / 72.0)});

  EXPECT_EQ(count_of(html, "<img class=\"page-image\""), 1);
  EXPECT_EQ(count_of(html, "src=\"data:image/jpeg;base64,/9j/"), 1);  // FF D8 FF
  EXPECT_EQ(count_of(html, "<rect id=\"c-1-0-"), 2);
  EXPECT_NE(html.find("id=\"c-1-0-1\" class=\"cell ocr lo doubt fixed\""), std::string::npos);
  EXPECT_NE(html.find("class=\"rec review corrected\" data-page=\"1\" data-cell=\"c-1-0-1\""),
            std::string::npos);
  EXPECT_NE(html.find("mixed: text layer and OCR"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"reason\">not_a_value</span>"), std::string::npos);
  // Self-contained: no external resource of any kind.
  for (const char* external :
       {"src=\"http", "href=\"http", "url(", "@import", "<link", "src=\"//"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  // What a PDF says is text, never markup, in the page or in its data.
  EXPECT_EQ(count_of(html, "</script>"), 2);  // the data's and the script's own
  EXPECT_NE(html.find("1OO,00% <\\/script><b>"), std::string::npos);  // in the data, inert
  EXPECT_NE(html.find("LOTAIP &lt;literal a4&gt;"), std::string::npos);
  EXPECT_NE(html.find("page 1: a &lt;warning&gt;"), std::string::npos);
  EXPECT_NE(html.find("https://example.org/&quot;x&quot;"), std::string::npos);
}

TEST(ReviewPage, APageWithoutAnImageShowsItsBoxesOnWhite) {
  DocumentResult doc = one_page_report();
  std::string html = write_review_page(doc, {});
  EXPECT_EQ(count_of(html, "<img"), 0);
  EXPECT_EQ(count_of(html, "<rect id=\"c-"), 2);
  EXPECT_NE(html.find("no image of this page"), std::string::npos);
}

TEST(ReviewPage, PageImagesAreScaledDownToTheirResolutionOnly) {
  cv::Mat grey(2480, 3508, CV_8UC1, cv::Scalar(200));  // A4 landscape at 300 dpi
  PageImage image = page_image(3, grey, 300 / 72.0);
  EXPECT_EQ(image.page, 3);
  EXPECT_NEAR(image.width, 1169, 1);
  EXPECT_NEAR(image.height, 827, 1);
  ASSERT_GT(image.jpeg.size(), 4u);
  EXPECT_EQ(image.jpeg.substr(0, 3), "\xFF\xD8\xFF");
  // A page rendered below the resolution asked is never enlarged.
  PageImage small = page_image(1, cv::Mat(100, 200, CV_8UC1, cv::Scalar(0)), 50 / 72.0);
  EXPECT_EQ(small.width, 200);
  EXPECT_EQ(small.height, 100);
}

TEST(ReviewPage, CollectorKeepsThePageOnceInPageOrder) {
  PageImageCollector images;
  cv::Mat grey(100, 100, CV_8UC1, cv::Scalar(128));
  images.add(2, grey, 1);
  images.add(1, grey, 1);
  images.add(2, grey, 1);
  std::vector<PageImage> taken = images.take();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].page, 1);
  EXPECT_EQ(taken[1].page, 2);
  EXPECT_TRUE(images.take().empty());
}

TEST(ReviewIndex, ListsEveryFileWithItsStatusAndLinksThatSurviveOddNames) {
  std::vector<ReviewIndexEntry> files(2);
  files[0].file = "in/2023 #1/r.pdf";
  files[0].review = "2023 #1/r.review.html";
  files[0].json = "2023 #1/r.json";
  files[0].status = "complete";
  files[0].pages = 9;
  files[0].records = 47;
  files[0].needs_review = 3;
  files[1].file = "in/<bad>.pdf";
  files[1].status = "failed";
  files[1].error = "not a PDF";
  std::string html = write_review_index(files);
  EXPECT_NE(html.find("href=\"2023%20%231/r.review.html\""), std::string::npos);
  EXPECT_NE(html.find("href=\"2023%20%231/r.json\""), std::string::npos);
  EXPECT_NE(html.find("in/&lt;bad&gt;.pdf"), std::string::npos);
  EXPECT_NE(html.find(">not a PDF<"), std::string::npos);
  EXPECT_EQ(count_of(html, "<tr class=\""), 2);
  EXPECT_NE(html.find("2 files \u00b7 1 failed \u00b7 3 records need review"), std::string::npos);
}

}  // namespace
}  // namespace pdfrecon
