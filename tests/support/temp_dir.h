// A fresh folder under the system's temporary one for a test, removed when
// the test ends: pdfrecon-KIND-PID-NAME.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace pdfrecon::testing {

struct TempDir {
  std::filesystem::path path;
  TempDir(const std::string& kind, const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("pdfrecon-" + kind + "-" + std::to_string(::getpid()) + "-" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& rel) const { return path / rel; }
};

}  // namespace pdfrecon::testing
