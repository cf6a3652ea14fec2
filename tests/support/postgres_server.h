// A throwaway PostgreSQL server for tests: initdb into a temporary folder,
// listening only on a Unix socket there, stopped and removed on exit.
// PostgreSQL refuses to run as root, so as root the server runs as `nobody`
// (runuser), its folder handed to that user. `skip_reason` is set, and
// nothing started, when the server binaries (Debian: postgresql) are absent.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "run_command.h"

namespace pdfrecon::testing {

class PostgresServer {
 public:
  PostgresServer() {
    namespace fs = std::filesystem;
    for (const char* root : {"/usr/lib/postgresql"}) {
      std::error_code ec;
      for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        fs::path bin = it->path() / "bin";
        if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl")) bin_ = bin.string();
      }
    }
    if (bin_.empty()) {
      skip_reason =
          "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb; "
          "Debian package postgresql, installed by scripts/install-deps.sh --tests)";
      return;
    }
    dir_ = fs::temp_directory_path() / ("pdfrecon-pg-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string as_user;
    if (::geteuid() == 0) {
      // Root may not run the server: hand the folder to nobody.
      if (std::system(("chown nobody " + sh_quote(dir_.string())).c_str()) != 0) {
        skip_reason = "running as root and cannot hand " + dir_.string() + " to nobody";
        return;
      }
      as_user = "runuser -u nobody -- ";
    }
    // initdb's output goes through this (root's) shell; the server writes
    // its own log, as the server's user.
    const std::string data = (dir_ / "data").string(), log = (dir_ / "initdb.log").string(),
                      server_log = (dir_ / "server.log").string();
    std::string init = "cd / && " + as_user + sh_quote(bin_ + "/initdb") + " -D " + sh_quote(data) +
                       " -A trust -U pdfrecon --no-sync -E UTF8 --locale=C.UTF-8 >" +
                       sh_quote(log) + " 2>&1";
    if (std::system(init.c_str()) != 0) {
      error = "initdb failed: " + slurp(log);
      return;
    }
    std::string start = "cd / && " + as_user + sh_quote(bin_ + "/pg_ctl") + " -D " +
                        sh_quote(data) + " -l " + sh_quote(server_log) + " -w -t 60 -o " +
                        sh_quote("-k " + dir_.string() + " -h '' -F") + " start >/dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
      error = "pg_ctl start failed: " + slurp(server_log);
      return;
    }
    stop_ = "cd / && " + as_user + sh_quote(bin_ + "/pg_ctl") + " -D " + sh_quote(data) +
            " -m immediate -w stop >/dev/null 2>&1";
    url = "postgresql:///postgres?host=" + dir_.string() + "&user=pdfrecon";
  }
  ~PostgresServer() {
    if (!stop_.empty()) (void)std::system(stop_.c_str());
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  std::string skip_reason;  // set: no server binaries, skip
  std::string error;        // set: the binaries are there but the server did not start
  std::string url;          // libpq URL of the running server

 private:
  std::string bin_, stop_;
  std::filesystem::path dir_;
};

}  // namespace pdfrecon::testing
