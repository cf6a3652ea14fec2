// Lays out a whole report: title, the main table across pages, the footer
// metadata table and the notes.
#pragma once

#include <string>
#include <vector>

#include "fonts.h"
#include "page_model.h"
#include "style.h"
#include "truth.h"

namespace fixturegen {

struct LayoutResult {
  DocumentLayout document;
  std::vector<std::string> splits;  // merged cells cut by a page break
};

LayoutResult layout_document(const Truth& truth, const FontSet& fonts, const Style& style);

}  // namespace fixturegen
