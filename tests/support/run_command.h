// Runs the pdfrecon binary in a shell for end-to-end tests and captures what
// a user would see: exit status, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pdfrecon::testing {

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Quotes one argument for /bin/sh.
inline std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `args` is appended to the binary's path verbatim (quote paths with sh_quote).
inline CommandResult run_pdfrecon(const std::string& args) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("pdfrecon-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path out = dir / ("out" + std::to_string(counter));
  fs::path err = dir / ("err" + std::to_string(counter++));
  std::string cmd = sh_quote(PDFRECON_BINARY) + " " + args + " >" + sh_quote(out.string()) + " 2>" +
                    sh_quote(err.string()) + " </dev/null";
  int raw = std::system(cmd.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

inline std::string source_path(const std::string& rel) {
  return std::string(PDFRECON_SOURCE_DIR) + "/" + rel;
}

}  // namespace pdfrecon::testing
