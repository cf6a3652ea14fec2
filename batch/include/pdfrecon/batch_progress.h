// What `pdfrecon batch` shows on stderr while it runs.
//
// On a terminal: one redrawn line with a bar, files done, pages, pages per
// second and an ETA (estimated from the bytes still to read); failures are
// printed above it as they happen. Elsewhere (a log file, a pipe): one plain
// line per file. Always: each failure as one line naming the file and the
// reason, and a summary at the end.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>

#include "pdfrecon/batch.h"

namespace pdfrecon {

class BatchProgress {
 public:
  // `quiet`: only failures and the summary.
  BatchProgress(const std::vector<BatchInput>& inputs, bool terminal, bool quiet,
                std::ostream& err);

  // Events to hand to run_batch; they refer to this object.
  BatchEvents events();

  // Clears the bar and prints the summary.
  void finish(const BatchSummary& summary);

 private:
  void draw(bool force);
  void clear_line();

  std::ostream& err_;
  bool terminal_, quiet_;
  int total_files_ = 0, files_ = 0, pages_ = 0;
  uint64_t total_bytes_ = 0, bytes_done_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
  std::mutex mutex_;
};

// The summary lines, also used when nothing is shown while running.
std::string format_summary(const BatchSummary& summary);

}  // namespace pdfrecon
