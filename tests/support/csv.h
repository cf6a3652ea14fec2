// Tests read CSV outputs with the same RFC 4180 reader `verify` uses.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/verify.h"

namespace pdfrecon::testing {

using pdfrecon::parse_csv;

}  // namespace pdfrecon::testing
