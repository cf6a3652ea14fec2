#include "fonts.h"

#include <cairo-ft.h>

#include <stdexcept>
#include <string>

namespace fixturegen {

FontSet::FontSet()
    : regular_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                          CAIRO_FONT_WEIGHT_NORMAL)),
      bold_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                       CAIRO_FONT_WEIGHT_BOLD)),
      options_(cairo_font_options_create()),
      surface_(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)),
      cr_(cairo_create(surface_.get())) {
  // Vector output: no hinting, fractional advances.
  cairo_font_options_set_hint_style(options_.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options_.get(), CAIRO_HINT_METRICS_OFF);
  verify_face(Weight::Regular, "Book");
  verify_face(Weight::Bold, "Bold");
}

cairo_font_face_t* FontSet::face(Weight w) const {
  return w == Weight::Bold ? bold_.get() : regular_.get();
}

void FontSet::select(cairo_t* cr, FontSpec font) const {
  cairo_set_font_face(cr, face(font.weight));
  cairo_set_font_size(cr, font.size);
  cairo_set_font_options(cr, options_.get());
}

void FontSet::verify_face(Weight w, const char* style) const {
  select(cr_.get(), {w, 10});
  cairo_scaled_font_t* scaled = cairo_get_scaled_font(cr_.get());
  std::string family, found_style;
  if (cairo_scaled_font_get_type(scaled) == CAIRO_FONT_TYPE_FT) {
    if (FT_Face ft = cairo_ft_scaled_font_lock_face(scaled)) {
      family = ft->family_name ? ft->family_name : "";
      found_style = ft->style_name ? ft->style_name : "";
      cairo_ft_scaled_font_unlock_face(scaled);
    }
  }
  if (family != "DejaVu Sans" || found_style != style) {
    throw std::runtime_error("font \"DejaVu Sans " + std::string(style) + "\" not found (got \"" +
                             family + " " + found_style + "\"); install fonts-dejavu-core");
  }
}

double FontSet::text_width(const std::string& text, FontSpec font) const {
  select(cr_.get(), font);
  cairo_text_extents_t ext;
  cairo_text_extents(cr_.get(), text.c_str(), &ext);
  return ext.x_advance;
}

double FontSet::ascent(FontSpec font) const {
  select(cr_.get(), font);
  cairo_font_extents_t ext;
  cairo_font_extents(cr_.get(), &ext);
  return ext.ascent;
}

double FontSet::descent(FontSpec font) const {
  select(cr_.get(), font);
  cairo_font_extents_t ext;
  cairo_font_extents(cr_.get(), &ext);
  return ext.descent;
}

}  // namespace fixturegen
