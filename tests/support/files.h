// Small file helpers the batch and archive tests share.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace pdfrecon::testing {

// Writes `text` to `p`, creating its folders.
inline void touch(const std::filesystem::path& p, const std::string& text = "x") {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Copies `from` to `to` (replaced if there), creating its folders.
inline void copy(const std::string& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace pdfrecon::testing
