#include "pdf_render.h"

#include <cairo-pdf.h>

#include <memory>
#include <stdexcept>

namespace fixturegen {
namespace {

void check(cairo_status_t status, const std::string& what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(what + ": " + cairo_status_to_string(status));
  }
}

void set_metadata(cairo_surface_t* surface, const PdfMetadata& m) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, m.author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, m.subject.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, m.creator.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, m.date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, m.date.c_str());
}

}  // namespace

void draw_page(cairo_t* cr, const PageLayout& page, const FontSet& fonts) {
  for (const auto& f : page.fills) {
    cairo_set_source_rgb(cr, f.gray, f.gray, f.gray);
    cairo_rectangle(cr, f.rect.x0, f.rect.y0, f.rect.width(), f.rect.height());
    cairo_fill(cr);
  }
  // Square caps close the corners where separate segments meet.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, page.rule_width);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  for (const auto& s : page.rules) {
    cairo_move_to(cr, s.x0, s.y0);
    cairo_line_to(cr, s.x1, s.y1);
  }
  cairo_stroke(cr);
  for (const auto& line : page.lines) {
    fonts.select(cr, line.font);
    cairo_move_to(cr, line.x, line.baseline);
    cairo_show_text(cr, line.text.c_str());
  }
}

void render_pdf(const DocumentLayout& doc, const FontSet& fonts, const std::string& path) {
  if (doc.pages.empty()) throw std::runtime_error("nothing to render");
  const auto& first = doc.pages.front();
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create(path.c_str(), first.width, first.height), &cairo_surface_destroy);
  check(cairo_surface_status(surface.get()), path);
  set_metadata(surface.get(), doc.metadata);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        &cairo_destroy);
  for (const auto& page : doc.pages) {
    cairo_pdf_surface_set_size(surface.get(), page.width, page.height);
    draw_page(cr.get(), page, fonts);
    cairo_show_page(cr.get());
  }
  check(cairo_status(cr.get()), path);
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()), path);
}

}  // namespace fixturegen
