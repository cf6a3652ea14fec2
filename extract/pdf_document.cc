#include "pdfrecon/pdf_document.h"

#include <PDFDoc.h>
#include <Stream.h>
#include <fcntl.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <vector>

#include "messages.h"
#include "page_drawing_reader.h"
#include "page_image.h"

namespace pdfrecon {
namespace {

// Poppler's and libjpeg's messages on this thread, kept for take_messages
// (never on stderr: the user gets warnings and our one-line reason instead).
constexpr size_t kMaxMessages = 32;
thread_local std::vector<std::string> poppler_messages;

}  // namespace

void add_library_message(std::string message) {
  auto ends_with = [&message](std::string_view end) {
    return message.size() >= end.size() &&
           message.compare(message.size() - end.size(), end.size(), end) == 0;
  };
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (std::string_view end : {"<0a>", "\n", "\r", " "}) {
      if (ends_with(end)) message.resize(message.size() - end.size()), trimmed = true;
    }
  }
  if (poppler_messages.size() < kMaxMessages) poppler_messages.push_back(std::move(message));
}

namespace {

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) { add_library_message("Poppler: " + message); },
        nullptr);
  });
}

std::string size_text(uint64_t bytes) {
  return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                 : std::to_string(bytes) + " bytes";
}

// The input's bytes, read once and at most `max_bytes` of them: a regular
// file, standard input ("-"), or a FIFO (opened without waiting for a
// writer, so that one without any is an empty input, not a hang).
std::string read_input(const std::string& path, uint64_t max_bytes) {
  int fd = 0;
  if (path != "-") {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      throw InputError(errno == ENOENT ? "no such file"
                                       : std::string("cannot be read: ") + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) throw InputError("is a directory, not a PDF file");
    if (S_ISREG(st.st_mode) && uint64_t(st.st_size) > max_bytes) {
      throw InputError("larger than the " + size_text(max_bytes) + " input limit (" +
                       size_text(uint64_t(st.st_size)) + "; see --max-input-mib)");
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw InputError(std::string("cannot be read: ") + std::strerror(errno));
    // Blocking from here: a FIFO with a writer delivers, one without is done.
    int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  std::string data;
  char buf[1 << 16];
  int err = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    if (n == 0) break;
    if (data.size() + size_t(n) > max_bytes) {
      if (fd != 0) ::close(fd);
      throw InputError("larger than the " + size_text(max_bytes) +
                       " input limit (see --max-input-mib)");
    }
    data.append(buf, size_t(n));
  }
  if (fd != 0) ::close(fd);
  if (err) throw InputError(std::string("read error: ") + std::strerror(err));
  if (data.empty()) throw InputError("empty file");
  return data;
}

// PDF readers accept the header anywhere in the first kilobyte.
bool has_pdf_header(const std::string& data) {
  return data.substr(0, 1024).find("%PDF-") != std::string::npos;
}

// Every complete PDF ends with %%EOF, perhaps followed by junk that
// Poppler, like every reader, ignores; a download cut short has none.
// Poppler would silently rebuild what it can.
bool has_eof_marker(const std::string& data) { return data.rfind("%%EOF") != std::string::npos; }

// Which way a word runs, from its first and last glyph boxes.
int run_direction(const poppler::text_box& b) {
  size_t n = b.text().size();
  if (n < 2) return 0;
  poppler::rectf a = b.char_bbox(0), z = b.char_bbox(n - 1);
  double dx = (z.left() + z.right() - a.left() - a.right()) / 2;
  double dy = (z.top() + z.bottom() - a.top() - a.bottom()) / 2;
  if (std::abs(dx) >= std::abs(dy)) return dx >= 0 ? 0 : 180;
  return dy > 0 ? 90 : 270;
}

}  // namespace

struct PdfDocument::Impl {
  // Poppler and qpdf read from this buffer, shared by every copy of the
  // document (one a worker): the input is read once.
  std::shared_ptr<const std::string> bytes;
  std::unique_ptr<poppler::document> doc;
  mutable std::vector<std::unique_ptr<poppler::page>> pages;
  // qpdf's view of the same bytes, for what Poppler's C++ API does not tell
  // (the images of a page); opened on first use, null when it cannot be.
  mutable std::unique_ptr<QPDF> qpdf;
  mutable bool qpdf_tried = false;
  mutable std::vector<QPDFPageObjectHelper> qpdf_pages;
  // Poppler's core document over the same bytes, for the paths a page
  // draws (poppler-cpp does not expose them); opened on first use.
  mutable std::unique_ptr<PDFDoc> core;

  // qpdf's page `index`, or null when qpdf cannot read the file.
  QPDFPageObjectHelper* qpdf_page(int index) const {
    if (!qpdf_tried) {
      qpdf_tried = true;
      try {
        auto q = std::make_unique<QPDF>();
        q->setSuppressWarnings(true);
        q->processMemoryFile("pdf", bytes->data(), bytes->size());
        qpdf_pages = QPDFPageDocumentHelper(*q).getAllPages();
        qpdf = std::move(q);
      } catch (const std::exception&) {
        qpdf_pages.clear();
      }
    }
    if (!qpdf || index < 0 || index >= int(qpdf_pages.size())) return nullptr;
    return &qpdf_pages[index];
  }

  // qpdf failed on a page: no answers from it for any page.
  void drop_qpdf() const {
    qpdf_pages.clear();
    qpdf.reset();
  }

  const poppler::page& page(int index) const {
    if (index < 0 || index >= int(pages.size())) throw InputError("page index out of range");
    if (!pages[index]) {
      pages[index].reset(doc->create_page(index));
      if (!pages[index]) throw InputError("page " + std::to_string(index + 1) + " is damaged");
    }
    return *pages[index];
  }
};

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

PdfDocument PdfDocument::open(const std::string& path, uint64_t max_bytes) {
  auto bytes = std::make_shared<const std::string>(read_input(path, max_bytes));
  if (!has_pdf_header(*bytes)) throw InputError("not a PDF (no %PDF header)");
  if (!has_eof_marker(*bytes)) throw InputError("truncated PDF (no %%EOF at the end)");
  if (bytes->size() > size_t(std::numeric_limits<int>::max())) {
    // poppler-cpp takes the length as an int.
    throw InputError("larger than 2 GiB, more than Poppler can read");
  }
  return from_bytes(std::move(bytes));
}

PdfDocument PdfDocument::from_bytes(std::shared_ptr<const std::string> bytes) {
  silence_poppler();
  auto impl = std::make_unique<Impl>();
  impl->bytes = std::move(bytes);
  impl->doc.reset(
      poppler::document::load_from_raw_data(impl->bytes->data(), int(impl->bytes->size())));
  if (!impl->doc) throw InputError("damaged PDF: cannot be parsed");
  if (impl->doc->is_locked()) throw InputError("encrypted PDF: a password is required");
  int n = impl->doc->pages();
  if (n <= 0) throw InputError("PDF has no pages");
  impl->pages.resize(n);
  return PdfDocument(std::move(impl));
}

void PdfDocument::warm_up() {
  static std::once_flag once;
  std::call_once(once, [] {
    // A one-page PDF with nothing on it, cross-reference offsets exact.
    static const std::string blank =
        "%PDF-1.4\n"
        "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\n"
        "trailer<</Size 4/Root 1 0 R>>\n"
        "%%EOF\n";
    try {
      from_bytes(std::make_shared<const std::string>(blank)).render_grey(0, 18);
    } catch (const std::exception&) {
      // Poppler rebuilt nothing: the first real render sets it up, serially
      // or not; rendering still works.
    }
  });
}

std::vector<std::string> PdfDocument::take_messages() {
  std::vector<std::string> out;
  out.swap(poppler_messages);
  return out;
}

PdfDocument PdfDocument::another() const { return from_bytes(impl_->bytes); }

const std::string& PdfDocument::bytes() const { return *impl_->bytes; }

int PdfDocument::page_count() const { return int(impl_->pages.size()); }

double PdfDocument::scan_resolution(int index) const {
  const poppler::page& p = impl_->page(index);
  try {
    QPDFPageObjectHelper* qp = impl_->qpdf_page(index);
    if (!qp) return 0;
    // Forms are searched too: a page put together from other PDFs (a scan
    // under a text layer) holds its image inside one.
    std::vector<QPDFObjectHandle> images;
    qp->forEachImage(true, [&](QPDFObjectHandle& image, QPDFObjectHandle&, std::string const&) {
      images.push_back(image);
    });
    if (images.size() != 1) return 0;
    QPDFObjectHandle dict = images.front().getDict();
    QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
    if (!w.isInteger() || !h.isInteger() || w.getIntValue() <= 0 || h.getIntValue() <= 0) return 0;
    poppler::rectf r = p.page_rect(poppler::crop_box);
    if (r.width() <= 0 || r.height() <= 0) return 0;
    auto fits = [](double a, double b) { return std::abs(a - b) <= 0.02 * std::max(a, b); };
    double iw = double(w.getIntValue()), ih = double(h.getIntValue());
    for (auto [pw, ph] : {std::pair(r.width(), r.height()), std::pair(r.height(), r.width())}) {
      double x = iw * 72 / pw, y = ih * 72 / ph;
      if (fits(x, y)) return (x + y) / 2;
    }
  } catch (const std::exception&) {
    // A file Poppler reads and qpdf does not: no answer, for any page.
    impl_->drop_qpdf();
  }
  return 0;
}

cv::Mat PdfDocument::scan_image(int index) const {
  const poppler::page& p = impl_->page(index);
  try {
    QPDFPageObjectHelper* qp = impl_->qpdf_page(index);
    if (!qp) return {};
    // The crop box in user space, where the content draws.
    QPDFObjectHandle crop = qp->getCropBox(false, true);
    if (!crop.isRectangle()) return {};
    QPDFObjectHandle::Rectangle c = crop.getArrayAsRectangle();
    poppler::rectf r = p.page_rect(poppler::crop_box);
    if (std::abs((c.urx - c.llx) - r.width()) > 1 || std::abs((c.ury - c.lly) - r.height()) > 1) {
      return {};  // the two readers disagree on the page: render it
    }
    return full_page_image(*qp, cv::Vec4d(c.llx, c.lly, c.urx, c.ury));
  } catch (const std::exception&) {
    impl_->drop_qpdf();
  }
  return {};
}

PdfDocument::Survey PdfDocument::survey(int index) const {
  PageSurvey s;
  try {
    QPDFPageObjectHelper* qp = impl_->qpdf_page(index);
    if (!qp) return {};
    s = survey_page(*qp);
  } catch (const std::exception&) {
    impl_->drop_qpdf();
    return {};
  }
  if (!s.refused.empty()) throw InputError(s.refused);
  return {s.invisible_text && !s.visible_text, !s.visible_text && !s.invisible_text && !s.paints};
}

PageGeometry PdfDocument::geometry(int index) const {
  const poppler::page& p = impl_->page(index);
  poppler::rectf r = p.page_rect(poppler::crop_box);
  PageGeometry g;
  switch (p.orientation()) {
    case poppler::page::landscape:
      g.rotate = 90;
      break;
    case poppler::page::upside_down:
      g.rotate = 180;
      break;
    case poppler::page::seascape:
      g.rotate = 270;
      break;
    default:
      g.rotate = 0;
  }
  bool sideways = g.rotate == 90 || g.rotate == 270;
  g.width = sideways ? r.height() : r.width();
  g.height = sideways ? r.width() : r.height();
  return g;
}

TextLayer PdfDocument::text(int index) const {
  const poppler::page& p = impl_->page(index);
  TextLayer layer;
  std::vector<poppler::text_box> boxes = p.text_list(poppler::page::text_list_include_font);
  layer.words.reserve(boxes.size());
  for (const poppler::text_box& b : boxes) {
    Word w;
    poppler::byte_array utf8 = b.text().to_utf8();
    w.text.assign(utf8.begin(), utf8.end());
    if (w.text.empty()) continue;
    poppler::rectf r = b.bbox();
    w.box = {r.left(), r.top(), r.right(), r.bottom()};
    if (b.has_font_info()) {
      w.font_size = b.get_font_size();
      w.font_name = b.get_font_name(0);
    }
    w.space_after = b.has_space_after();
    w.rotation = run_direction(b);
    layer.words.push_back(std::move(w));
  }
  return layer;
}

PageDrawing PdfDocument::drawing(int index) const {
  const PageGeometry g = geometry(index);  // throws for a page index out of range
  if (!impl_->core) {
    // The stream only reads the buffer, which outlives the document.
    auto* stream =
        new MemStream(impl_->bytes->data(), 0, Goffset(impl_->bytes->size()), Object(objNull));
    impl_->core = std::make_unique<PDFDoc>(stream);
  }
  if (!impl_->core->isOk()) {
    PageDrawing none;
    none.incomplete = true;
    return none;
  }
  return read_drawing(*impl_->core, index, g.width, g.height);
}

cv::Mat PdfDocument::render_grey(int index, double dpi, bool antialias) const {
  const poppler::page& p = impl_->page(index);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, antialias);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, antialias);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image img = renderer.render_page(&p, dpi, dpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    throw InputError("page " + std::to_string(index + 1) + " cannot be rendered");
  }
  // When Poppler cannot allocate a page's bitmap it says "Bogus memory
  // allocation size" and returns a tiny valid image: an empty page, were
  // it believed.
  poppler::rectf r = p.page_rect(poppler::crop_box);
  double expected = std::max(r.width(), r.height()) * dpi / 72;
  if (expected >= 8 && std::max(img.width(), img.height()) < expected / 2) {
    throw InputError("page " + std::to_string(index + 1) + " cannot be rendered (no memory for " +
                     std::to_string(long(r.width() * dpi / 72)) + " x " +
                     std::to_string(long(r.height() * dpi / 72)) + " pixels)");
  }
  cv::Mat view(img.height(), img.width(), CV_8UC1, const_cast<char*>(img.const_data()),
               size_t(img.bytes_per_row()));
  return view.clone();  // the poppler::image owns its pixels
}

}  // namespace pdfrecon
