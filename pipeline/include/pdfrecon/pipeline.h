// The whole pipeline for one PDF: extract -> layout -> (ocr) -> reconcile.
// The CLI and the batch runner call only this.
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pdfrecon/document_result.h"
#include "pdfrecon/report_profile.h"

namespace pdfrecon {

// Pages to read: one-based inclusive ranges, checked against the document
// before they are expanded (so "1-2000000000" costs nothing).
struct PageRanges {
  static constexpr int kLastPage = INT_MAX;  // "N-end"
  std::vector<std::pair<int, int>> ranges;   // empty: every page

  PageRanges() = default;
  // Single pages, for callers that have a list.
  PageRanges(std::initializer_list<int> pages);
  // The pages, ascending and once each, of a document of `page_count`
  // pages; throws std::invalid_argument naming a page beyond the last.
  std::vector<int> expand(int page_count) const;
};

// Shown the image a page was read on, the one its boxes refer to: 8-bit
// grey, levelled and upright as the page was read, `px_per_pt` pixels a
// point, its top-left corner the page's. Called once per page read (not
// for blank or unread pages), from the worker that read it: it must be
// thread-safe and must not keep `grey` past the call without copying.
using PageViewFn = std::function<void(int page, const cv::Mat& grey, double px_per_pt)>;

struct ExtractOptions {
  PageRanges pages;  // empty = all
  double dpi = 150;  // rendering resolution for grid detection
  // "auto" (the report profile when the document reads as one, else
  // generic), "generic" (tables only) or a bundled profile's name.
  std::string profile = "auto";
  std::string profile_file;  // a user's profile (report_profile.h); replaces the bundled one
  std::string ocr = "auto";  // "auto" | "always" | "never"
  // Where a born-digital page's rulings come from: "auto" (the lines it
  // draws, page_drawing.h; rendered only when it paints images or shapes)
  // or "image" (found in the rendered page only).
  std::string rulings = "auto";
  // Tables on pages read from their text layer: "lattice" (ruled grids
  // only), "stream" (only tables found from the words' alignment,
  // text_tables.h) or "auto" (ruled grids, then stream tables among the
  // words outside them). Pages read by OCR use rulings only. A report
  // profile reads records from ruled tables only, whatever this says.
  std::string tables = "auto";
  std::string lang = "spa";            // Tesseract language
  std::vector<std::string> dict_dirs;  // user dictionaries, added to the bundled one
  bool bundled_dict = true;            // false: only dict_dirs (see what OCR reads unaided)
  std::string debug_dir;               // when set, intermediate images are written here
  // When set, each page's image is shown to it (the review page,
  // review_page.h). A born-digital page read from its drawing is then
  // rendered too, at view_dpi.
  PageViewFn page_view;
  double view_dpi = 100;
  int jobs = 0;                                    // worker threads for pages; 0 = one per core
  uint64_t max_input_bytes = uint64_t(512) << 20;  // a larger input is refused
  // A document with more pages to read than this (after `pages`) is
  // refused with InputError before any page is read; --pages picks some.
  int max_pages = 50000;
  // A page whose rendering would take more pixels than this is rendered at
  // a lower resolution (with a warning), or not read when even 18 dpi is
  // too much.
  double max_page_pixels = 50e6;
  // A page still being read after this many seconds is given up (a
  // warning; the document is partial); 0: no limit.
  double page_seconds = 300;
  // Lexicon the text-layer judge asks whether a word is Spanish (or `lang`).
  // Empty: for Spanish, the Spanish lexicon (hunspell-es) and the
  // dictionary's words, unless `lexicon` is false; then, and for other
  // languages, that check is skipped (see text_layer_judge.h).
  std::function<bool(std::string_view word)> known_word;
  bool lexicon = true;
};

// Called after each page with (pages done, pages to do).
using ProgressFn = std::function<void(int done, int total)>;

// Runs the pipeline; throws InputError (pdf_document.h) when the file cannot
// be processed, std::invalid_argument for options that do not fit the file
// (a page number beyond the last page).
DocumentResult extract_document(const std::string& path, const ExtractOptions& options,
                                const ProgressFn& progress = {});

// The report profile `options` ask for: the profile file, or the bundled
// profile named (lotaip-a4 for "auto" and "generic"). Throws
// std::invalid_argument with a one-line reason when the file cannot be used.
ReportProfile report_profile(const ExtractOptions& options);

// Parses "1,3-5", "7-end" or "all"; throws std::invalid_argument with a
// readable reason. Ranges may overlap and come in any order.
PageRanges parse_page_ranges(const std::string& spec);

}  // namespace pdfrecon
