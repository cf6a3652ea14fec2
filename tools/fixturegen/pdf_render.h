// Draws laid-out pages. draw_page works on any Cairo context, so a later
// scan variant can rasterise the very same pages before degrading them.
#pragma once

#include <cairo.h>

#include <string>

#include "fonts.h"
#include "page_model.h"

namespace fixturegen {

void draw_page(cairo_t* cr, const PageLayout& page, const FontSet& fonts);

// Writes a born-digital PDF with fixed metadata: the same bytes every run.
void render_pdf(const DocumentLayout& doc, const FontSet& fonts, const std::string& path);

}  // namespace fixturegen
