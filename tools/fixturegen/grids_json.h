// The expected grids: per page, the ruled tables a perfect extraction must
// return (same shape as the pages[].tables of the output contract).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "page_model.h"

namespace fixturegen {

nlohmann::ordered_json grids_json(const DocumentLayout& doc, const std::string& source);

// Indented JSON text with each cell (any object or array holding no further
// object) on one line: small, and readable in a diff.
std::string format_json(const nlohmann::ordered_json& j, int indent = 0);

}  // namespace fixturegen
