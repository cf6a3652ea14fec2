#pragma once

#include <string>
#include <string_view>

namespace pdfrecon {

// Lower-case hex SHA-256 of `data` (OpenSSL's vetted implementation).
std::string sha256_hex(std::string_view data);
// Of a file's bytes; throws std::runtime_error when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace pdfrecon
