// Headless Chromium for tests of pages meant for people (the review page):
// the DOM after the page's script ran, a screenshot, and what the page
// logged to the console. Chromium is a test-only dependency
// (scripts/install-deps.sh --tests); tests skip when it is missing.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "run_command.h"

namespace pdfrecon::testing {

// The browser's path, or "" when none is installed. $CHROMIUM, when set,
// is the only candidate (CHROMIUM=none: see the tests skip).
inline std::string chromium_path() {
  std::vector<std::string> candidates = {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                                         "/usr/bin/google-chrome"};
  if (const char* env = std::getenv("CHROMIUM")) candidates = {env};
  for (const std::string& c : candidates) {
    if (!c.empty() && ::access(c.c_str(), X_OK) == 0) return c;
  }
  return "";
}

inline constexpr const char* kNoChromium =
    "chromium is not installed (or $CHROMIUM names no program): the browser checks of the "
    "review page are skipped "
    "(scripts/install-deps.sh --tests installs it)";

struct BrowserRun {
  int status = -1;
  std::string out;  // the DOM, with --dump-dom
  std::string err;  // Chromium's log
  // The page's console messages (errors, uncaught exceptions), one a line.
  std::string console;
};

// Runs headless Chromium on `file` (a local path, opened as a file URL)
// with `mode`: "--dump-dom" or "--screenshot=PATH". Its profile lives in a
// folder of its own, so tests run side by side.
// `fragment` ("#r-3") is appended to the URL.
inline BrowserRun run_chromium(const std::string& file, const std::string& mode,
                               const std::string& window = "1400,900",
                               const std::string& fragment = "") {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("pdfrecon-chromium-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
  fs::create_directories(dir);
  std::string url = "file://" + fs::absolute(file).string() + fragment;
  std::string cmd = sh_quote(chromium_path()) +
                    " --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars"
                    " --disable-extensions --enable-logging=stderr --v=0 --window-size=" +
                    window + " --user-data-dir=" + sh_quote((dir / "profile").string()) + " " +
                    sh_quote(mode) + " " + sh_quote(url) + " >" + sh_quote((dir / "out").string()) +
                    " 2>" + sh_quote((dir / "err").string()) + " </dev/null";
  int raw = std::system(cmd.c_str());
  BrowserRun r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  // Chromium logs a page's console as ":INFO:CONSOLE(LINE)] "message"", and
  // an uncaught exception as such a line holding "Uncaught".
  static const std::regex console(R"([^\n]*(CONSOLE\(\d+\)|Uncaught)[^\n]*)");
  for (std::sregex_iterator i(r.err.begin(), r.err.end(), console), end; i != end; ++i) {
    r.console += i->str() + "\n";
  }
  return r;
}

// Occurrences of `needle` in `haystack`.
inline int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace pdfrecon::testing
