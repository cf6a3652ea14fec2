// The review page: what pdfrecon read, shown over the pages it read it
// from, for a person clearing the records flagged needs_review.
//
// One self-contained HTML file per document, that works offline from a
// file URL: every page as a JPEG (a data URI), an SVG overlay of its tables
// and cells (coloured by source and confidence, doubted cells outlined,
// the rows of flagged records shaded), a side panel of records (those that
// need review, the corrected ones, or all) that scroll to their cell and
// show every cell of their row, the metadata and the warnings as read.
// Pointing at a cell shows its text, raw text, confidence, source,
// corrections and doubts; j/k step through the records, +/- zoom the
// pages; PAGE.html#r-I opens at record I. No network, no external script, style or font: the
// styles and the script are in the file.
//
// Data flows one way: the page takes the DocumentResult and the images the
// pipeline read the pages on (ExtractOptions::page_view); it runs no stage.
//
//   PageImageCollector images;
//   options.page_view = [&images](int page, const cv::Mat& grey, double px_per_pt) {
//     images.add(page, grey, px_per_pt);
//   };
//   DocumentResult doc = extract_document(path, options);
//   write_file_atomically("report.html", write_review_page(doc, images.take()));
#pragma once

#include <mutex>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "pdfrecon/document_result.h"

namespace pdfrecon {

// One page's picture, as JPEG bytes.
struct PageImage {
  int page = 0;               // one-based
  int width = 0, height = 0;  // pixels
  std::string jpeg;
};

// Grey JPEG of a page read at about 100 dpi (JPEG quality 60): a landscape
// A4 scan costs 100-200 KB, its 7-point print still legible.
struct PageImageOptions {
  double dpi = 100;
  int quality = 60;
};

// `grey` (8-bit, `px_per_pt` pixels a point) scaled to options.dpi (never
// enlarged) and encoded with libjpeg. Throws std::runtime_error when
// libjpeg fails.
PageImage page_image(int page, const cv::Mat& grey, double px_per_pt,
                     const PageImageOptions& options = {});

// Gathers the images of a document's pages as workers read them
// (ExtractOptions::page_view): add is thread-safe and encodes outside its
// lock. An image libjpeg cannot encode is left out (the page shows its
// boxes on white): a picture never costs the reading.
class PageImageCollector {
 public:
  explicit PageImageCollector(PageImageOptions options = {}) : options_(options) {}
  void add(int page, const cv::Mat& grey, double px_per_pt);
  // The images gathered so far, in page order; the collector is left empty.
  std::vector<PageImage> take();

 private:
  PageImageOptions options_;
  std::mutex mutex_;
  std::vector<PageImage> images_;
};

// The review page of `doc`. A page without an image (blank, unread, or not
// given) shows its overlay on white. Element ids the tests and links rely
// on: "page-N" (a page's section), "c-N-T-K" (cell K of table T on page N,
// K as in the JSON's cells), "r-I" (record I in document order); a record's
// panel entry has data-page and data-cell naming its page and its key
// cell's box.
std::string write_review_page(const DocumentResult& doc, const std::vector<PageImage>& images);

// One file of a batch as its index lists it.
struct ReviewIndexEntry {
  std::string file;  // the input, as found
  // Its review page and JSON, '/'-separated paths relative to the index
  // ("" when none); the page percent-encodes them in its links.
  std::string review;
  std::string json;
  std::string status;  // "complete", "partial", "failed", "skipped"
  int pages = 0, records = 0, needs_review = 0;
  double seconds = 0;
  std::string error;  // why it failed
};

// OUTDIR/index.html: every file with its status, pages, records, records
// needing review and failure reason, in a table sortable by any column
// (self-contained, like the review pages).
std::string write_review_index(const std::vector<ReviewIndexEntry>& files);

// `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(const std::string& s);

}  // namespace pdfrecon
