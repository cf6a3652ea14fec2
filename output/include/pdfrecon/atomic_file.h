// Outputs appear whole or not at all, and never over something they should
// not replace.
//
// write_file_atomically writes to a new temporary file beside the target
// (a unique name created with O_EXCL, so a file or symlink planted at a
// guessable path is never opened), flushes it to disk, renames it over the
// target and flushes the folder. A crash or a kill leaves at most the
// temporary file, named so that it is recognisable and attributable:
//
//   TARGET.HOST.PID.RANDOM.pdfrecon-tmp
//
// HOST and PID say which process wrote it, so a later run removes only the
// temporaries of dead processes on its own host (batch.h).
#pragma once

#include <string>
#include <string_view>

namespace pdfrecon {

// Throws std::runtime_error with a one-line reason on failure; the temporary
// file is removed. A target that exists and is not a regular file (a FIFO,
// /dev/stdout) is written in place: renaming over it would replace the
// device itself.
void write_file_atomically(const std::string& path, std::string_view content);

// Suffix of temporary files, so cleanup and --resume can recognise them.
inline constexpr const char* kTempSuffix = ".pdfrecon-tmp";

// This host's name as it appears in temporary file names ('.' and '/'
// replaced by '_', never empty).
std::string temp_host_name();

// Who wrote a temporary file, parsed from its name; pid is 0 when the name
// does not say (an older format without the host: host is then empty).
struct TempOwner {
  std::string host;
  long pid = 0;
};
TempOwner temp_file_owner(const std::string& file_name);

// True when `a` and `b` name the same existing file (same device and inode),
// however they are spelt: "./r.pdf", "dir/../r.pdf", a hard link.
bool same_file(const std::string& a, const std::string& b);

// On SIGINT, SIGTERM, SIGHUP and SIGPIPE, removes the temporary files being
// written at that moment, then lets the signal end the process as it would
// have. Installed once per process; later calls do nothing.
void remove_temp_files_on_signals();

}  // namespace pdfrecon
