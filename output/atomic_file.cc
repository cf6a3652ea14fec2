#include "pdfrecon/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace pdfrecon {

namespace {

// Writes all of `content` to `fd`; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view content) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    p += n;
    left -= size_t(n);
  }
  return 0;
}

void write_in_place(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  int err = write_all(fd, content);
  if (::close(fd) != 0 && !err) err = errno;
  if (err) throw std::runtime_error(path + ": cannot write: " + std::strerror(err));
}

// The process's umask, read without changing it (umask(2) can only be read
// by setting it, which would race with other threads creating files).
mode_t current_umask() {
  static const mode_t mask = [] {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("Umask:", 0) == 0) return mode_t(std::strtoul(line.c_str() + 6, nullptr, 8));
    }
    return mode_t(022);
  }();
  return mask;
}

// Temporary files being written, for the signal handler: fixed slots, no
// allocation, so the handler only reads and calls unlink(2).
struct TempSlot {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 holds a path
  char path[PATH_MAX];
};
std::array<TempSlot, 64> temp_slots;

class RegisteredTemp {
 public:
  explicit RegisteredTemp(const std::string& path) {
    if (path.size() >= PATH_MAX) return;
    for (TempSlot& s : temp_slots) {
      int expected = 0;
      if (s.state.compare_exchange_strong(expected, 1)) {
        std::memcpy(s.path, path.c_str(), path.size() + 1);
        s.state.store(2);
        slot_ = &s;
        return;
      }
    }
  }
  ~RegisteredTemp() {
    if (slot_) slot_->state.store(0);
  }
  RegisteredTemp(const RegisteredTemp&) = delete;
  RegisteredTemp& operator=(const RegisteredTemp&) = delete;

 private:
  TempSlot* slot_ = nullptr;
};

extern "C" void remove_temps_and_die(int sig) {
  for (TempSlot& s : temp_slots) {
    if (s.state.load() == 2) ::unlink(s.path);
  }
  // SA_RESETHAND restored the default action: the signal now ends the
  // process with its usual status.
  ::raise(sig);
}

void fsync_folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems cannot sync a folder
  ::close(fd);
}

}  // namespace

std::string temp_host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string host = buf;
  for (char& c : host) {
    if (c == '.' || c == '/') c = '_';
  }
  return host;
}

TempOwner temp_file_owner(const std::string& file_name) {
  TempOwner owner;
  const std::string suffix = kTempSuffix;
  if (file_name.size() <= suffix.size() ||
      file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return owner;
  }
  std::string rest = file_name.substr(0, file_name.size() - suffix.size());
  // Splits off the last '.'-separated part of `rest`.
  auto pop = [&rest](std::string& part) {
    size_t dot = rest.rfind('.');
    if (dot == std::string::npos) return false;
    part = rest.substr(dot + 1);
    rest.erase(dot);
    return true;
  };
  auto as_pid = [](const std::string& s) -> long {
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos) {
      return 0;
    }
    return std::stol(s);
  };
  std::string random, pid, host;
  if (!pop(random)) return owner;
  if (random.size() == 6 && pop(pid) && pop(host) && as_pid(pid) > 0 && !host.empty()) {
    owner.pid = as_pid(pid);
    owner.host = host;
    return owner;
  }
  owner.pid = as_pid(random);
  return owner;
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void remove_temp_files_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa = {};
    sa.sa_handler = remove_temps_and_die;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old = {};
      // A signal the caller chose to ignore (nohup) stays ignored.
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
      ::sigaction(sig, &sa, nullptr);
    }
  });
}

void write_file_atomically(const std::string& path, std::string_view content) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw std::runtime_error(path + ": is a directory");
    write_in_place(path, content);
    return;
  }
  static const std::string host = temp_host_name();
  std::string tmp = path + "." + host + "." + std::to_string(::getpid()) + ".XXXXXX" + kTempSuffix;
  // mkostemps creates the file with O_CREAT | O_EXCL: never an existing
  // file, never through a symlink.
  int fd = ::mkostemps(tmp.data(), int(std::strlen(kTempSuffix)), O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  RegisteredTemp registered(tmp);
  int err = 0;
  // mkostemps makes the file 0600; an output gets the usual 0666 & ~umask.
  if (::fchmod(fd, 0666 & ~current_umask()) != 0) err = errno;
  if (!err) err = write_all(fd, content);
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    throw std::runtime_error(path + ": cannot write: " + std::strerror(err));
  }
  fsync_folder_of(path);
}

}  // namespace pdfrecon
