// A PDF opened through Poppler: page geometry, text layer and renderings.
//
// One PdfDocument per thread: Poppler objects are not shared across threads.
// Every failure to read the input surfaces as InputError, whose message is
// the one-line reason shown to the user ("encrypted", "not a PDF", ...).
#pragma once

#include <cstdint>
#include <memory>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "pdfrecon/page_drawing.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

// The input cannot be processed. what() is a short reason without the path.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PageGeometry {
  double width = 0;   // points, after /Rotate is applied
  double height = 0;  // points, after /Rotate is applied
  int rotate = 0;     // the page's /Rotate: 0, 90, 180 or 270
};

class PdfDocument {
 public:
  // The largest input read by default (see --max-input-mib).
  static constexpr uint64_t kDefaultMaxBytes = uint64_t(512) << 20;

  // Reads `path` once ("-": standard input; a FIFO without a writer is an
  // empty input, not a wait) and opens it; throws InputError when it is
  // missing, a directory, empty, larger than `max_bytes`, not a PDF,
  // truncated (no %%EOF; junk after it is fine), damaged beyond repair,
  // encrypted or without pages.
  static PdfDocument open(const std::string& path, uint64_t max_bytes = kDefaultMaxBytes);

  // Sets up Poppler's global state (fonts, rasteriser), which the first
  // render does and which must not race: call once before rendering on
  // several threads. Renders a blank page of its own, never an input (a
  // hostile page can make Poppler abort on a failed allocation).
  static void warm_up();

  // What Poppler and libjpeg reported (syntax errors of a damaged page, an
  // image it could not decode) on the calling thread since the last call,
  // oldest first, each led by its library's name ("Poppler: ...",
  // "libjpeg: ..."), at most a few dozen: for the caller to turn into
  // warnings. Neither writes to stderr.
  static std::vector<std::string> take_messages();

  // Another document over the same bytes, for another worker: Poppler's
  // objects are not shared between threads, the input is not read again.
  PdfDocument another() const;

  // The input's bytes (its sha256 is theirs).
  const std::string& bytes() const;

  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;
  ~PdfDocument();

  int page_count() const;
  // `index` is zero-based here; user-facing page numbers are one-based.
  PageGeometry geometry(int index) const;
  // Words in upright page coordinates (/Rotate applied).
  TextLayer text(int index) const;
  // The page as 8-bit grey, `dpi` pixels per inch, /Rotate applied.
  // Antialiasing makes glyph edges smoother for OCR but costs about three
  // times the rendering time; rulings are found as well without it.
  cv::Mat render_grey(int index, double dpi, bool antialias = false) const;

  // The rulings, fills, images and shapes the page draws (page_drawing.h),
  // in the text layer's coordinates, without rendering it.
  PageDrawing drawing(int index) const;

  // Pixels per inch of the one image a scanned page is made of: a page that
  // holds exactly one image (directly or in its forms), whose pixel size has
  // the page's proportions (within 2 %, either way round). 0 for any other
  // page, or when the file cannot be read that far. Rendering a scan at its own
  // resolution spares Poppler's upscaling, the costliest part of its
  // rendering.
  double scan_resolution(int index) const;

  // The image a scanned page is made of, decoded straight from the file in
  // 8-bit grey at its own resolution, when the page is exactly that image:
  // drawn once, upright, over the whole crop box, with nothing else shown
  // (an invisible OCR text layer aside). Its pixels are then what rendering
  // at its resolution gives, at about half the cost. Empty for any other
  // page, or an image coded otherwise than in 8 bits of grey or RGB, JPEG
  // or a filter qpdf undoes: such pages are rendered.
  cv::Mat scan_image(int index) const;

  // What reading the page's content (forms included) before anything
  // renders it tells.
  struct Survey {
    // Its text is all invisible (render mode 3): a text layer an OCR
    // program laid over the page's image, whichever program (Tesseract,
    // ABBYY FineReader, Acrobat, a scanner's firmware) and whatever font it
    // names. False when any text shows, or qpdf cannot read the file.
    bool text_all_invisible = false;
    // Nothing is drawn on it: no text, path, image, shading or annotation
    // (an empty content, or only state changes). Such a page is empty
    // without being rendered. False when qpdf cannot read the file.
    bool blank = false;
  };
  // Throws InputError naming the limit when the content exceeds one (a
  // content of gigabytes, millions of operators, thousands of unrestored
  // graphics states): rendering it would take gigabytes.
  Survey survey(int index) const;

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  static PdfDocument from_bytes(std::shared_ptr<const std::string> bytes);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pdfrecon
