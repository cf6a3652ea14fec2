// Small file and process helpers the batch and archive tests share.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

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

// JSON files under `dir`, at any depth.
inline int count_json(const std::filesystem::path& dir) {
  int n = 0;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".json") ++n;
  }
  return n;
}

// `pdfrecon batch ARGS...` started in the background, its output to
// /dev/null (for a test that kills it); its pid, or -1.
inline pid_t spawn_batch(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {PDFRECON_BINARY, "batch"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, PDFRECON_BINARY, &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

}  // namespace pdfrecon::testing
