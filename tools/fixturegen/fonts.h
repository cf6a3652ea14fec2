// DejaVu Sans (regular and bold) through Cairo's toy font API, plus the text
// measurements layout needs. Measuring uses the same unhinted metrics the PDF
// surface uses, so wrapped lines fit exactly when drawn.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>

namespace fixturegen {

enum class Weight { Regular, Bold };

struct FontSpec {
  Weight weight = Weight::Regular;
  double size = 7;
};

class FontSet {
 public:
  // Throws when fontconfig does not resolve the faces to DejaVu Sans: a
  // silent substitute would change every fixture.
  FontSet();

  double text_width(const std::string& text, FontSpec font) const;
  double ascent(FontSpec font) const;   // above the baseline, points
  double descent(FontSpec font) const;  // below the baseline, points

  // Selects the face, size and font options on any context (PDF or raster).
  void select(cairo_t* cr, FontSpec font) const;

 private:
  struct CairoDeleter {
    void operator()(cairo_t* p) const { cairo_destroy(p); }
    void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
    void operator()(cairo_font_face_t* p) const { cairo_font_face_destroy(p); }
    void operator()(cairo_font_options_t* p) const { cairo_font_options_destroy(p); }
  };

  cairo_font_face_t* face(Weight w) const;
  void verify_face(Weight w, const char* style) const;

  std::unique_ptr<cairo_font_face_t, CairoDeleter> regular_;
  std::unique_ptr<cairo_font_face_t, CairoDeleter> bold_;
  std::unique_ptr<cairo_font_options_t, CairoDeleter> options_;
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface_;
  std::unique_ptr<cairo_t, CairoDeleter> cr_;  // measuring context
};

}  // namespace fixturegen
