// `pdfrecon batch`: runs the pipeline over many PDFs into an output folder.
//
// - Inputs are files, folders (searched recursively for .pdf in any letter
//   case) or "-" (one path a line on a stream). An output's name is a
//   function of the input's path alone, never of the order of processing,
//   so runs and shards agree on it: a file found in a folder mirrors its path
//   relative to that folder (OUTDIR/2023/11/reporte.json); a file named
//   directly or on the stream, its path relative to the current folder
//   (outside it: its absolute path without the leading '/'). Two different
//   files that still map to one name: the one whose path sorts first keeps
//   it, the other fails with the reason (BatchInput::conflict).
// - Per file: STEM.csv (records, or grids: write_csv) then STEM.json (the
//   extract contract: write_json, with the input's sha256). Both are written
//   atomically; the JSON is removed first and written after the CSV, so a
//   JSON present means its CSV belongs to the same run, and the database row
//   is written last: it says "ok" only once both files are on disk. Other
//   processes writing the same name wait meanwhile (kOutputLockName).
// - An output that is the input file itself (a hard link) fails that file;
//   nothing is written or removed.
// - `resume` skips a file whose JSON exists with the input's current sha256,
//   this tool version and this options hash (and, with a database, whose
//   stored row says the same); `resume_any_version` asks only for the sha256.
// - Each finished file appends one line to OUTDIR/summary.jsonl (one write
//   with O_APPEND: shards sharing OUTDIR do not interleave lines).
// - A file that cannot be processed is reported and never stops the others;
//   outputs an earlier run wrote for it are removed.
// - Memory stays bounded: at most `jobs` files are in flight (largest
//   first); their pages share the `jobs` workers, each file using at most
//   twice its share.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pdfrecon/pipeline.h"

namespace pdfrecon {

struct BatchInput {
  std::string path;         // as given or found (folder + relative path)
  std::string output_stem;  // relative to OUTDIR, '/'-separated, without extension
  uint64_t bytes = 0;       // file size (0 when it cannot be read)
  // Set when another input has the same output_stem and keeps it: this one
  // fails with this reason, and the other's outputs are left alone.
  std::string conflict;
};

// Expands `args` in order: a folder gives its PDFs sorted by path, "-" reads
// one path a line from `list` (each may be a file or a folder; blank lines
// are ignored), anything else is taken as a file (a missing one fails later,
// with its reason, like any bad input).
std::vector<BatchInput> collect_inputs(const std::vector<std::string>& args, std::istream* list);

// A 64-bit FNV-1a hash of `text`: the same on every machine and in every
// version, so it can place a file in a shard.
uint64_t stable_hash(std::string_view text);

// Shard `index` (0-based) of `count`: the inputs whose output_stem hashes to
// it (stable_hash % count), in their order. The `count` shards of one input
// list are disjoint and together hold all of it; adding inputs never moves
// an existing one to another shard.
std::vector<BatchInput> select_shard(const std::vector<BatchInput>& inputs, int index, int count);

// The CPUs this process may use: its affinity mask (taskset, Slurm's -c),
// capped by its cgroup's CPU quota (cgroup v2 cpu.max, v1
// cpu.cfs_quota_us / cpu.cfs_period_us; a fraction rounds up). At least 1.
int available_cpus();

// The CPU quota stated by a cgroup v2 cpu.max ("max 100000", "150000
// 100000") or v1 quota and period texts, rounded up; 0 when unlimited or
// unreadable. For tests and available_cpus().
int cpus_from_cpu_max(const std::string& cpu_max);
int cpus_from_cfs(const std::string& quota_us, const std::string& period_us);

// A sha256 (hex) of the options that change what a file's outputs hold
// (profile and profile file's bytes, OCR, language, dictionaries' bytes,
// resolution, rulings, limits); not of those that only change speed
// (jobs, debug images).
std::string options_hash(const ExtractOptions& options);

struct BatchOptions {
  ExtractOptions extract;  // its `jobs` is set per file by the runner
  std::string out_dir;
  int jobs = 0;  // workers in all; 0 = available_cpus()
  bool resume = false;
  bool resume_any_version = false;  // with resume: the sha256 alone decides
  std::string db_path;              // empty: no database
  // Written into every JSON, the store and summary.jsonl; resume compares
  // them with an earlier run's. The CLI sets the build's version
  // (cli/version.cmake); options_hash empty: options_hash(extract).
  std::string tool_version;
  std::string options_hash;
  // Appends each file's line to OUTDIR/summary.jsonl.
  bool summary_jsonl = true;
  bool review = false;  // STEM.review.html per file and OUTDIR/index.html
};

enum class FileStatus { done, skipped, failed };

// Why a file was read although --resume was given.
enum class RereadReason { none, no_output, changed, other_version, other_options, not_stored };
const char* reread_reason_name(RereadReason reason);

struct FileOutcome {
  BatchInput input;
  FileStatus status = FileStatus::failed;
  std::string error;  // one-line reason when failed
  int pages = 0;
  int records = 0;
  int needs_review = 0;
  double seconds = 0;
  int unread_pages = 0;  // done, but these pages could not be read: a partial document
  std::string sha256;    // of the input, when it was read
  RereadReason reread = RereadReason::none;  // with resume, why it was not skipped
};

// Called from worker threads, one call at a time.
struct BatchEvents {
  std::function<void(const BatchInput&)> file_started;
  std::function<void()> page_done;
  std::function<void(const FileOutcome&)> file_finished;
};

struct BatchSummary {
  std::vector<FileOutcome> files;  // in input order
  int done = 0, skipped = 0, failed = 0;
  int partial = 0;       // done with unread pages (counted in done too)
  int pages = 0;         // pages processed (skipped files not counted)
  int needs_review = 0;  // records flagged needs_review in processed files
  int stale_temps_removed = 0;
  // With resume: how many files were read again, by reason (index: RereadReason).
  bool resume = false;
  int reread[6] = {};
  double seconds = 0;
  std::string index_error;  // with `review`: why index.html could not be written
};

// Thrown before any file is processed when the output folder or the
// database cannot be used; what() is a one-line reason.
class BatchSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

BatchSummary run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options,
                       const BatchEvents& events = {});

// Removes temporary files (atomic_file.h's kTempSuffix) that a killed run
// left anywhere under `out_dir`, unless the process that wrote them still
// runs or ran on another host (shared storage: it may be at work there).
// Returns how many were removed.
int remove_stale_temps(const std::string& out_dir);

// Writes (atomically) one records CSV of every file of `summary` that is
// done or skipped and has records: the rows of each STEM.csv under
// `out_dir`, in input order, each with two columns added at the end, `file`
// (the input's path) and `sha256`, under the first such file's header plus
// those two. A file whose CSV has other columns (another profile) or no
// records (grids) is left out; returns how many files were left out.
// Throws std::runtime_error when `path` cannot be written.
int write_combined_csv(const std::string& path, const BatchSummary& summary,
                       const std::string& out_dir);

// Processes writing one OUTDIR (two batches, two shards) take turns on each
// output name: the byte at stable_hash(stem) % kOutputLockSpan of
// OUTDIR/.pdfrecon-lock is locked (an OFD lock, fcntl(2)) while a file's
// JSON, CSV and store row are written or removed, so a JSON and its CSV are
// always of one run.
inline constexpr const char* kOutputLockName = ".pdfrecon-lock";
inline constexpr uint64_t kOutputLockSpan = uint64_t(1) << 20;

// One line of summary.jsonl for `outcome` (no newline).
std::string summary_line(const FileOutcome& outcome, const BatchOptions& options);

// The output paths of one input.
std::string json_output_path(const std::string& out_dir, const BatchInput& input);
std::string csv_output_path(const std::string& out_dir, const BatchInput& input);
std::string review_output_path(const std::string& out_dir, const BatchInput& input);
// OUTDIR/index.html, written with `review`.
std::string review_index_path(const std::string& out_dir);

}  // namespace pdfrecon
