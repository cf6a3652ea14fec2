// Tesseract behind a small interface: a page image in, words with boxes and
// confidences out, shaped like a text layer so the rest of the pipeline
// treats OCR text and native text alike.
//
// One OcrEngine per thread (Tesseract's API object is not shareable), created
// once and reused: initialisation costs ~50 ms. The process must limit
// OpenMP to one thread before it starts (see cli/main.cc): with Debian's
// OpenMP build a page is several times slower otherwise; parallelism comes
// from our own workers instead.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <string>

#include "pdfrecon/deadline.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

class OcrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Font name given to OCR words, so later stages know where text came from.
inline constexpr const char* kOcrFontName = "pdfrecon-ocr";

class OcrEngine {
 public:
  // Throws OcrError when the language data is not installed.
  explicit OcrEngine(const std::string& lang = "spa");
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // How the text of an image is laid out: found by Tesseract's page layout
  // analysis, or known to be one column of lines (a RegionStack).
  enum class Layout { kFind, kLines };

  // Reads all text of `grey` (8-bit): words with boxes in PDF points
  // (pixels / px_per_pt) and Tesseract's confidence in [0, 1]. Tesseract
  // stops at `deadline`, and BudgetSpent is thrown.
  TextLayer read_page(const cv::Mat& grey, double px_per_pt, Layout layout = Layout::kFind,
                      const Deadline* deadline = nullptr);

  // Reads one cell: `region` (pixels) of `grey`, cropped and padded with
  // white so the text stands alone. Single-line mode reads isolated digits
  // ("7") that page segmentation drops; block mode reads wrapped text.
  // A non-empty `whitelist` limits the characters Tesseract may return
  // (tessedit_char_whitelist), e.g. kValueCharacters (value_grammar.h) for figures. `dpi` is
  // the image's resolution (Tesseract sizes its expectations by it).
  // The crop is padded with its paper's grey and binarised by Otsu over the
  // cell alone, unless `as_cut`: then Tesseract gets the crop as it is and
  // thresholds it itself (a second opinion where a stamp crosses the print:
  // the padding and the cell's threshold can make it part of the line).
  struct Reading {
    std::string text;
    double confidence = 0;  // mean word confidence in [0, 1]
  };
  Reading read_region(const cv::Mat& grey, const cv::Rect& region, bool single_line,
                      const std::string& whitelist = {}, int dpi = 300, bool as_cut = false);

  const std::string& lang() const { return lang_; }

  // Why `lang` ("spa", "spa+eng") cannot be used, or "" when it can: each
  // name is a plain name (letters, digits, '_'; never a path) whose
  // .traineddata is installed where Tesseract looks (TESSDATA_PREFIX, else
  // Debian's folder). Cheap: no engine is made.
  static std::string check_languages(const std::string& lang);

  // The engine of the calling thread for `lang`, created on first use.
  static OcrEngine& for_this_thread(const std::string& lang);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string lang_;
};

}  // namespace pdfrecon
