// libFuzzer target: open arbitrary bytes as a PDF, read the first pages'
// geometry, text and drawing (the rulings it draws, and the grids they
// make), render them small and look for ruled grids there too. Any input
// must end in a result or an InputError, never a crash, hang or leak.
//
// Built only with -DPDFRECON_FUZZ=ON and clang (see fuzz/CMakeLists.txt);
// run by hand, e.g.
//   LSAN_OPTIONS=suppressions=fuzz/lsan.supp \
//   build-fuzz/fuzz/pdf_open_fuzz -max_total_time=60 -max_len=65536 \
//       corpus/ fixtures/bad fixtures/rotated
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "pdfrecon/grid_detector.h"
#include "pdfrecon/pdf_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // PdfDocument opens a path: an in-memory file keeps the fuzzer off the disk.
  int fd = memfd_create("pdfrecon-fuzz", MFD_CLOEXEC);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size) {
    ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) break;
    written += size_t(n);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    pdfrecon::PdfDocument pdf = pdfrecon::PdfDocument::open(path);
    int pages = std::min(pdf.page_count(), 2);
    for (int i = 0; i < pages; ++i) {
      pdfrecon::PageGeometry g = pdf.geometry(i);
      (void)pdf.text(i);
      pdfrecon::PageDrawing drawing = pdf.drawing(i);
      (void)pdfrecon::grids_from_rulings(pdfrecon::drawn_rulings(drawing), g.width, g.height);
      // Keep renders small whatever the page size claims to be.
      double longest = std::max(g.width, g.height);
      if (!(longest > 0)) continue;
      double dpi = std::clamp(1200.0 * 72.0 / longest, 1.0, 36.0);
      cv::Mat grey = pdf.render_grey(i, dpi);
      if (!grey.empty()) (void)pdfrecon::detect_grids(grey, dpi / 72.0);
    }
  } catch (const pdfrecon::InputError&) {
    // The expected outcome for most inputs.
  }
  ::close(fd);
  return 0;
}
