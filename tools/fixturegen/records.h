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

// The records CSV's header for a literal a4 report; a report of another
// profile names its six fields itself (fixturegen --fields).
inline const Record kA4Fields = {"section", "no", "unit", "objective", "indicator", "target"};

// RFC 4180: CRLF line ends, UTF-8 without BOM, a field quoted only when it
// holds a comma, a quote or a line break.
std::string records_csv(const std::vector<Record>& records, const Record& fields = kA4Fields);

void write_file(const std::string& path, const std::string& bytes);

}  // namespace fixturegen
