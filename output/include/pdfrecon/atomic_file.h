// Outputs appear whole or not at all: write to a temporary file beside the
// target, flush it to disk, then rename over the target. A crash or a kill
// leaves at most the temporary file, named so it is recognisable.
#pragma once

#include <string>
#include <string_view>

namespace pdfrecon {

// Throws std::runtime_error with a one-line reason on failure; the temporary
// file is removed.
void write_file_atomically(const std::string& path, std::string_view content);

// Suffix of temporary files, so cleanup and --resume can recognise them.
inline constexpr const char* kTempSuffix = ".pdfrecon-tmp";

}  // namespace pdfrecon
