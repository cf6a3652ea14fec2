// Reading a page image by OCR: every decision about how the print of a
// scanned (or doubtfully layered) page becomes cell text lives here, behind
// PageReadingOptions. The pipeline only decides which pages go this way.
//
// A page is read in a few Tesseract calls, not one per cell: the lines of
// every inked cell are cut clear of the rulings and stacked (RegionStack),
// and the print around the tables is read with layout analysis. The
// rulings a scan lost are found again from the words (text_rows.h); then
// weak cells (unsure, empty with ink, print left unread) are read alone,
// and confident figures read a second time with the figures' whitelist, so
// that two readings that disagree become a doubt for the review policy
// instead of a silently wrong figure.
//
// Independent readings (stacks, cells) run in parallel on the calling
// oneTBB arena, each thread with its own OcrEngine; a thread that waits for
// its page's cells helps only with them (task isolation), so a thread-bound
// engine or document is never used by two pages at once.
#pragma once

#include <cstddef>
#include <functional>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/deadline.h"
#include "pdfrecon/deskew.h"
#include "pdfrecon/grid_detector.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/text_layer.h"
#include "pdfrecon/text_layer_judge.h"

namespace pdfrecon {

struct PageReadingOptions {
  std::string lang = "spa";  // Tesseract language
  // Resolution pages are read at: Tesseract wants about 20 px of x-height,
  // 300 dpi for 7-10 pt print.
  double dpi = 300;
  // Scans of less are rendered at `dpi` by Poppler (see level_page):
  // enlarged twice or more, its smoother filter read better (150 dpi scans
  // of the invented report: 39 of 47 records exact against 32 with OpenCV's
  // bilinear and 36 with its bicubic enlargement).
  double min_scan_dpi = 190;
  // Sigma (pixels) of the Gaussian a scan read straight from the file is
  // smoothed with: as lightly as Poppler's resampling leaves a scan (11
  // scans: 1006 records exact as decoded, 1014 as rendered, 1018 smoothed).
  double scan_smoothing = 0.5;
  // Scans turned by less than this are read as they are.
  double min_deskew_degrees = 0.05;
  // OCR cells read again on their own below this confidence.
  double reread_below = 0.75;
  // An empty cell with more ink than this (speckle aside) holds text.
  int min_ink_pixels = 40;
  // Confidence of a cell kept from a text layer that OCR made: it passed
  // the judge, but nobody knows how sure the recogniser was.
  double ocr_layer_confidence = 0.9;
  // A column is a value column when this share of its filled cells reads
  // as a value (value_grammar.h): its cells are re-read as figures.
  double value_column_share = 0.5;
  // When the judge rejects more than this share of a page's cells, the
  // page is read in one pass instead of cell by cell (the page's text in
  // one go plus its weak cells alone: 3.7 s against 5.8 s for an 80-cell
  // page, same accuracy).
  double page_pass_share = 0.5;
  // Cells shorter than this (points) hold one line; taller ones wrapped text.
  double one_line_below_pt = 14;
  // Most cell lines one Tesseract call reads: a page of 80-120 lines is a
  // handful of calls, so a thread out of pages can take some of the last.
  size_t stack_lines = 24;
  // Whether a word is in the vocabulary (the judge's known-word share).
  KnownWordFn known_word;
  // The page's time budget: checked between readings and handed to
  // Tesseract; BudgetSpent when it runs out.
  Deadline deadline;
  // Receives the images sent to OCR ("stack-1", ...) for --debug-dir.
  std::function<void(const std::string& stage, const cv::Mat& image)> debug_image;
};

// A page image ready for OCR: at options.dpi, levelled, with its grids.
struct LevelledPage {
  cv::Mat grey;
  Deskewed level;  // grids read on `grey`; turn maps the unturned page onto it
};

// Page `index` of `pdf` at options.dpi (or `dpi` when given), levelled
// (deskew_page). A scan made at that or a somewhat lower resolution is
// taken from the file at its own, measured there, and turned and enlarged
// by OpenCV in one step: the same pixels without Poppler's bilinear
// upscaling, its costliest step, and a third of the pixels to measure the
// skew on. `grid` configures grid detection; `stated` are the rulings the
// page draws (PdfDocument::drawing, drawn_rulings), for a level page.
LevelledPage level_page(const PdfDocument& pdf, int index, double dpi,
                        const PageReadingOptions& options, const GridDetectorOptions& grid = {},
                        const std::vector<Ruling>& stated = {});

// What OCR made of a page.
struct PageReading {
  std::vector<CellGrid> tables;  // cells with text, source, confidence, doubts
  std::vector<Word> outside;     // words outside every table (titles, footers, notes)
  std::string text_source;       // "ocr", or "native"/"mixed" for a layered page
};

// Reads a levelled page image (8-bit grey) whose `tables` were found on it.
PageReading read_page_image(const cv::Mat& grey, std::vector<CellGrid> tables, double px_per_pt,
                            const PageReadingOptions& options);

// Reads a levelled page image that has a text layer the pipeline doubts
// (`layer` already moved onto the image; `ocr_layer`: the layer is all
// invisible text, made by OCR). Cells the judge (text_layer_judge.h)
// trusts keep the layer's text; the others are read from the image; when
// most are rejected the page is read as a scan (read_page_image).
PageReading read_layered_page(const cv::Mat& grey, std::vector<CellGrid> tables, TextLayer layer,
                              bool ocr_layer, double px_per_pt, const PageReadingOptions& options);

// Whether every cell of `tables` keeps its text from `layer` (the judge
// rejects none) on `grey` (a render at px_per_pt, rulings included; empty:
// the layer's characters, borders and words only, no image).
// `pictures`: where the page paints images and shapes, when its drawing
// is known (the image is consulted only there); unset: everywhere.
bool layer_fits_page(const cv::Mat& grey, const std::vector<CellGrid>& tables,
                     const TextLayer& layer, double px_per_pt, const PageReadingOptions& options,
                     const std::optional<std::vector<Box>>& pictures = std::nullopt);

}  // namespace pdfrecon
