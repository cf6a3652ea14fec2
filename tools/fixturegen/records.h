// Flattens a truth file into records (one per indicator, merged cells filled
// down) and writes them as the CSV a clean extraction must produce.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "truth.h"

namespace fixturegen {

// section, no, unit, objective, indicator, target
using Record = std::array<std::string, 6>;

std::vector<Record> flatten_records(const Truth& truth);

// RFC 4180: CRLF line ends, UTF-8 without BOM, a field quoted only when it
// holds a comma, a quote or a line break.
std::string records_csv(const std::vector<Record>& records);

void write_file(const std::string& path, const std::string& bytes);

}  // namespace fixturegen
