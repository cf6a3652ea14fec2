#include "hostile_pdfs.h"

#include <cstdio>
#include <fstream>
#include <functional>
#include <qpdf/Pl_DCT.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <stdexcept>

#include "raw_pdf.h"

namespace pdfrecon::hostile {
namespace {

// Flate-compresses what `produce` writes, chunk by chunk, so a bomb of
// gigabytes never exists uncompressed.
std::string deflate(const std::function<void(Pipeline&)>& produce) {
  std::string out;
  Pl_String sink("deflated", nullptr, out);
  Pl_Flate flate("deflate", &sink, Pl_Flate::a_deflate);
  produce(flate);
  flate.finish();
  return out;
}

void repeat(Pipeline& p, const std::string& unit, std::size_t count) {
  std::string chunk;
  const std::size_t per_chunk = std::max<std::size_t>(1, (1u << 20) / unit.size());
  for (std::size_t i = 0; i < per_chunk; ++i) chunk += unit;
  for (std::size_t done = 0; done < count; done += per_chunk) {
    std::size_t n = std::min(per_chunk, count - done);
    p.write(reinterpret_cast<const unsigned char*>(chunk.data()), n * unit.size());
  }
}

const char* kA4 = "[0 0 595 842]";
const char* kText = "BT /F1 12 Tf 72 700 Td (a hostile page) Tj ET";

// A catalogue and one-level page tree over `contents` (one stream per page),
// each page `media_box`, with Helvetica as /F1 and `xobjects` as resources.
int pages_of(RawPdf& pdf, const std::vector<int>& contents, const std::string& media_box,
             const std::string& xobjects = "", const std::string& extra = "") {
  int font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  int tree = pdf.reserve();
  std::string kids;
  for (int c : contents) {
    int page = pdf.add("<< /Type /Page /Parent " + ref(tree) + " /MediaBox " + media_box +
                       " /Resources << /Font << /F1 " + ref(font) + " >> " +
                       (xobjects.empty() ? "" : "/XObject << " + xobjects + " >> ") + ">> " +
                       "/Contents " + ref(c) + " " + extra + " >>");
    kids += ref(page) + " ";
  }
  pdf.set(tree,
          "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>");
  return pdf.add("<< /Type /Catalog /Pages " + ref(tree) + " >>");
}

int text_page(RawPdf& pdf, const std::string& media_box, const std::string& extra = "") {
  return pages_of(pdf, {pdf.add_stream("", kText)}, media_box, "", extra);
}

// An image XObject drawn over the whole A4 page.
const char* kDrawImage = "q 595 0 0 842 0 0 cm /Im1 Do Q";

}  // namespace

void huge_page(const fs::path& out, double width, double height, double user_unit) {
  RawPdf pdf;
  std::string extra = user_unit != 1 ? "/UserUnit " + std::to_string(user_unit) : "";
  int root =
      text_page(pdf, "[0 0 " + std::to_string(width) + " " + std::to_string(height) + "]", extra);
  pdf.write(out, root);
}

void huge_image(const fs::path& out, int width, int height) {
  RawPdf pdf;
  std::string row(std::size_t(width), char(0xF0));
  std::string data = deflate([&](Pipeline& p) { repeat(p, row, std::size_t(height)); });
  int image = pdf.add_stream("/Type /XObject /Subtype /Image /Width " + std::to_string(width) +
                                 " /Height " + std::to_string(height) +
                                 " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter "
                                 "/FlateDecode",
                             data);
  int root = pages_of(pdf, {pdf.add_stream("", kDrawImage)}, kA4, "/Im1 " + ref(image));
  pdf.write(out, root);
}

void lying_jpeg(const fs::path& out, int width, int height) {
  std::string jpeg;
  {
    Pl_String sink("jpeg", nullptr, jpeg);
    Pl_DCT dct("dct", &sink, 8, 8, 1, JCS_GRAYSCALE);
    std::string pixels(64, char(0x80));
    dct.write(reinterpret_cast<const unsigned char*>(pixels.data()), pixels.size());
    dct.finish();
  }
  // The baseline frame header (FFC0): length(2) precision(1) height(2) width(2).
  std::size_t sof = jpeg.find("\xFF\xC0");
  if (sof == std::string::npos) throw std::runtime_error("no SOF0 in the JPEG");
  jpeg[sof + 5] = char(height >> 8), jpeg[sof + 6] = char(height & 0xFF);
  jpeg[sof + 7] = char(width >> 8), jpeg[sof + 8] = char(width & 0xFF);
  RawPdf pdf;
  int image = pdf.add_stream("/Type /XObject /Subtype /Image /Width " + std::to_string(width) +
                                 " /Height " + std::to_string(height) +
                                 " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                             jpeg);
  int root = pages_of(pdf, {pdf.add_stream("", kDrawImage)}, kA4, "/Im1 " + ref(image));
  pdf.write(out, root);
}

void unbalanced_saves(const fs::path& out, std::size_t count) {
  RawPdf pdf;
  std::string data = deflate([&](Pipeline& p) {
    repeat(p, "q ", count);
    std::string tail = std::string("\n") + kText;
    p.write(reinterpret_cast<const unsigned char*>(tail.data()), tail.size());
  });
  int root = pages_of(pdf, {pdf.add_stream("/Filter /FlateDecode", data)}, kA4);
  pdf.write(out, root);
}

void operator_bomb(const fs::path& out, std::size_t count) {
  RawPdf pdf;
  std::string data = deflate([&](Pipeline& p) { repeat(p, "1 1 m 2 2 l ", count / 2); });
  int root = pages_of(pdf, {pdf.add_stream("/Filter /FlateDecode", data)}, kA4);
  pdf.write(out, root);
}

void whitespace_bomb(const fs::path& out, std::size_t bytes) {
  RawPdf pdf;
  std::string row(600, char(0xF0));
  std::string image_data = deflate([&](Pipeline& p) { repeat(p, row, 840); });
  int image = pdf.add_stream(
      "/Type /XObject /Subtype /Image /Width 600 /Height 840 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8 /Filter /FlateDecode",
      image_data);
  std::string data = deflate([&](Pipeline& p) {
    repeat(p, " ", bytes);
    std::string tail = kDrawImage;
    p.write(reinterpret_cast<const unsigned char*>(tail.data()), tail.size());
  });
  int root =
      pages_of(pdf, {pdf.add_stream("/Filter /FlateDecode", data)}, kA4, "/Im1 " + ref(image));
  pdf.write(out, root);
}

void blank_pages(const fs::path& out, int pages) {
  RawPdf pdf;
  int empty = pdf.add_stream("", "");
  int root = pages_of(pdf, std::vector<int>(std::size_t(pages), empty), kA4);
  pdf.write(out, root);
}

void dense_grid(const fs::path& out, int rows, int cols) {
  const double cell_w = 18, cell_h = 12, margin = 20;
  const double w = margin * 2 + cols * cell_w, h = margin * 2 + rows * cell_h;
  std::string c = "0.4 w\n";
  char buf[128];
  for (int r = 0; r <= rows; ++r) {
    std::snprintf(buf, sizeof buf, "%.2f %.2f m %.2f %.2f l S\n", margin, margin + r * cell_h,
                  w - margin, margin + r * cell_h);
    c += buf;
  }
  for (int k = 0; k <= cols; ++k) {
    std::snprintf(buf, sizeof buf, "%.2f %.2f m %.2f %.2f l S\n", margin + k * cell_w, margin,
                  margin + k * cell_w, h - margin);
    c += buf;
  }
  c += "BT /F1 6 Tf\n";
  for (int r = 0; r < rows; ++r) {
    for (int k = 0; k < cols; ++k) {
      std::snprintf(buf, sizeof buf, "1 0 0 1 %.2f %.2f Tm (%d) Tj\n", margin + k * cell_w + 2,
                    margin + r * cell_h + 3, (r * cols + k) % 1000);
      c += buf;
    }
  }
  c += "ET\n";
  RawPdf pdf;
  int root = pages_of(pdf, {pdf.add_stream("", c)},
                      "[0 0 " + std::to_string(int(w)) + " " + std::to_string(int(h)) + "]");
  pdf.write(out, root);
}

void nested_forms(const fs::path& out, int depth) {
  RawPdf pdf;
  // Form k draws form k+1; the last one draws text.
  std::vector<int> ids(static_cast<std::size_t>(depth));
  for (int& id : ids) id = pdf.reserve();
  for (int k = 0; k < depth; ++k) {
    std::string body = k + 1 < depth ? "/Fx Do" : "0 0 1 rg 10 10 5 5 re f";
    std::string res =
        k + 1 < depth ? "/Resources << /XObject << /Fx " + ref(ids[k + 1]) + " >> >>" : "";
    pdf.set(ids[k], "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] " + res + " /Length " +
                        std::to_string(body.size()) + " >>\nstream\n" + body + "\nendstream");
  }
  int root = pages_of(pdf, {pdf.add_stream("", std::string(kText) + " /Fx Do")}, kA4,
                      "/Fx " + ref(ids[0]));
  pdf.write(out, root);
}

void form_cycle(const fs::path& out) {
  RawPdf pdf;
  int form = pdf.reserve();
  std::string body = "/Fx Do";
  pdf.set(form,
          "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << "
          "/Fx " +
              ref(form) + " >> >> /Length " + std::to_string(body.size()) + " >>\nstream\n" + body +
              "\nendstream");
  int root =
      pages_of(pdf, {pdf.add_stream("", std::string(kText) + " /Fx Do")}, kA4, "/Fx " + ref(form));
  pdf.write(out, root);
}

void page_tree_cycle(const fs::path& out) {
  RawPdf pdf;
  int font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  int content = pdf.add_stream("", kText);
  int tree = pdf.reserve();
  int inner = pdf.reserve();
  int page = pdf.add("<< /Type /Page /Parent " + ref(inner) + " /MediaBox " + kA4 +
                     " /Resources << /Font << /F1 " + ref(font) + " >> >> /Contents " +
                     ref(content) + " >>");
  // The inner node lists itself and its parent.
  pdf.set(inner, "<< /Type /Pages /Parent " + ref(tree) + " /Kids [" + ref(page) + " " +
                     ref(inner) + " " + ref(tree) + "] /Count 3 >>");
  pdf.set(tree, "<< /Type /Pages /Kids [" + ref(inner) + "] /Count 3 >>");
  int root = pdf.add("<< /Type /Catalog /Pages " + ref(tree) + " >>");
  pdf.write(out, root);
}

void deep_arrays(const fs::path& out, int depth) {
  RawPdf pdf;
  std::string nest = std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
  int root = text_page(pdf, kA4, "/Deep " + nest);
  pdf.write(out, root);
}

void broken_xref(const fs::path& out) {
  RawPdf pdf;
  int root = text_page(pdf, kA4);
  pdf.write(out, root, 37);
}

void junk_after_eof(const fs::path& out, std::size_t bytes) {
  RawPdf pdf;
  int root = text_page(pdf, kA4);
  std::string junk;
  for (std::size_t i = 0; i < bytes; ++i) junk += char("junk after the end\n"[i % 19]);
  pdf.write(out, root, 0, junk);
}

std::vector<Case> write_all(const fs::path& dir) {
  fs::create_directories(dir);
  std::vector<Case> all;
  auto add = [&](std::string name, std::string what,
                 const std::function<void(const fs::path&)>& f) {
    f(dir / (name + ".pdf"));
    all.push_back({std::move(name), std::move(what)});
  };
  add("huge-page", "one page of 14400 x 14400 pt with text",
      [](const fs::path& p) { huge_page(p, 14400, 14400); });
  add("user-unit", "a 595 x 842 page with /UserUnit 75000",
      [](const fs::path& p) { huge_page(p, 595, 842, 75000); });
  add("huge-image", "a 60000 x 60000 px Flate image on a page without text",
      [](const fs::path& p) { huge_image(p, 60000, 60000); });
  add("lying-jpeg", "a JPEG whose header says 60000 x 60000 px",
      [](const fs::path& p) { lying_jpeg(p, 60000, 60000); });
  add("unbalanced-q", "20 million unrestored q",
      [](const fs::path& p) { unbalanced_saves(p, 20'000'000); });
  add("operator-bomb", "20 million path operators",
      [](const fs::path& p) { operator_bomb(p, 20'000'000); });
  add("whitespace-bomb", "1.5 GB of whitespace in a scan page's content",
      [](const fs::path& p) { whitespace_bomb(p, std::size_t(1500) << 20); });
  add("blank-pages", "20000 blank pages", [](const fs::path& p) { blank_pages(p, 20000); });
  add("dense-grid", "one page of 200 x 140 ruled cells (28000), a number in each",
      [](const fs::path& p) { dense_grid(p, 200, 140); });
  add("nested-forms", "forms nested 10000 deep", [](const fs::path& p) { nested_forms(p, 10000); });
  add("form-cycle", "a form that draws itself", [](const fs::path& p) { form_cycle(p); });
  add("page-tree-cycle", "a page tree node among its own kids",
      [](const fs::path& p) { page_tree_cycle(p); });
  add("deep-arrays", "an object nested 100000 arrays deep",
      [](const fs::path& p) { deep_arrays(p, 100000); });
  add("broken-xref", "every cross-reference offset wrong",
      [](const fs::path& p) { broken_xref(p); });
  add("junk-after-eof", "1 MiB of junk after %%EOF",
      [](const fs::path& p) { junk_after_eof(p, 1u << 20); });
  return all;
}

}  // namespace pdfrecon::hostile
