#include "pdfrecon/batch_progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace pdfrecon {

namespace {

std::string seconds_text(double s) {
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, int(s) % 3600 / 60);
  }
  return buf;
}

}  // namespace

BatchProgress::BatchProgress(const std::vector<BatchInput>& inputs, bool terminal, bool quiet,
                             std::ostream& err)
    : err_(err), terminal_(terminal), quiet_(quiet), total_files_(int(inputs.size())) {
  for (const BatchInput& in : inputs) total_bytes_ += in.bytes;
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

void BatchProgress::clear_line() {
  if (drawn_) err_ << "\r\033[K";
  drawn_ = false;
}

void BatchProgress::draw(bool force) {
  if (!terminal_ || quiet_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double fraction = total_bytes_   ? double(bytes_done_) / double(total_bytes_)
                    : total_files_ ? double(files_) / total_files_
                                   : 1;
  constexpr int kWidth = 24;
  int filled = std::clamp(int(std::lround(fraction * kWidth)), 0, kWidth);
  std::ostringstream line;
  line << "[" << std::string(size_t(filled), '#') << std::string(size_t(kWidth - filled), '.')
       << "] " << files_ << "/" << total_files_ << " files, " << pages_ << " pages";
  if (elapsed > 0.5) {
    char rate[32];
    std::snprintf(rate, sizeof rate, ", %.1f pages/s", pages_ / elapsed);
    line << rate;
  }
  if (fraction > 0.01 && fraction < 1) {
    line << ", ETA " << seconds_text(elapsed * (1 - fraction) / fraction);
  }
  err_ << "\r\033[K" << line.str() << std::flush;
  drawn_ = true;
}

BatchEvents BatchProgress::events() {
  BatchEvents ev;
  ev.page_done = [this] {
    std::lock_guard lock(mutex_);
    ++pages_;
    draw(false);
  };
  ev.file_finished = [this](const FileOutcome& o) {
    std::lock_guard lock(mutex_);
    ++files_;
    bytes_done_ += o.input.bytes;
    if (o.status == FileStatus::failed) {
      clear_line();
      err_ << "pdfrecon: " << o.input.path << ": " << o.error << "\n";
    } else if (!terminal_ && !quiet_) {
      err_ << "pdfrecon: [" << files_ << "/" << total_files_ << "] ";
      if (o.status == FileStatus::skipped) {
        err_ << "skipped " << o.input.path << " (output up to date)\n";
      } else {
        err_ << "done " << o.input.path << " (" << o.pages << " pages, " << o.records
             << " records, " << seconds_text(o.seconds)
             << (o.reread != RereadReason::none && o.reread != RereadReason::no_output
                     ? std::string(", read again: ") + reread_reason_name(o.reread)
                     : std::string())
             << ")";
        if (o.unread_pages) err_ << ": partial, " << o.unread_pages << " pages not read";
        err_ << "\n";
      }
    }
    draw(true);
    err_ << std::flush;
  };
  return ev;
}

void BatchProgress::finish(const BatchSummary& summary) {
  std::lock_guard lock(mutex_);
  clear_line();
  err_ << format_summary(summary) << std::flush;
}

std::string format_summary(const BatchSummary& s) {
  std::ostringstream out;
  char rate[48] = "";
  if (s.seconds > 0 && s.pages > 0)
    std::snprintf(rate, sizeof rate, ", %.1f pages/s", s.pages / s.seconds);
  out << "pdfrecon: batch: " << s.files.size() << " files in " << seconds_text(s.seconds) << ": "
      << s.done << " done" << (s.partial ? " (" + std::to_string(s.partial) + " partial)" : "")
      << ", " << s.skipped << " skipped (up to date), " << s.failed << " failed; " << s.pages
      << " pages" << rate << "; " << s.needs_review << " records need review\n";
  if (s.resume) {
    // Why the files not skipped were read again.
    out << "pdfrecon: resume: " << s.skipped << " skipped (same file, version and options)";
    std::string why;
    for (int r = 1; r < int(std::size(s.reread)); ++r) {
      if (s.reread[r] == 0) continue;
      why += (why.empty() ? "" : ", ") + std::to_string(s.reread[r]) + " " +
             reread_reason_name(RereadReason(r));
    }
    out << (why.empty() ? "" : "; read again: " + why) << "\n";
  }
  if (s.stale_temps_removed > 0) {
    out << "pdfrecon: removed " << s.stale_temps_removed
        << " temporary file(s) left by an interrupted run\n";
  }
  for (const FileOutcome& o : s.files) {
    if (o.status == FileStatus::failed) {
      out << "pdfrecon: failed: " << o.input.path << ": " << o.error << "\n";
    } else if (o.unread_pages) {
      out << "pdfrecon: partial: " << o.input.path << ": " << o.unread_pages
          << " pages not read (see its warnings)\n";
    }
  }
  return out.str();
}

}  // namespace pdfrecon
