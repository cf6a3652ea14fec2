// `pdfrecon batch`: runs the pipeline over many PDFs into an output folder.
//
// - Inputs are files, folders (searched recursively for .pdf in any letter
//   case) or "-" (one path a line on a stream). Outputs mirror each file's
//   path relative to the folder it was found in (a file named directly: its
//   base name), so OUTDIR/2023/11/reporte.json and OUTDIR/2023/12/reporte.json
//   never collide; two inputs that would still map to the same name get
//   "-2", "-3"... appended.
// - Per file: STEM.csv (records, or grids: write_csv) then STEM.json (the
//   extract contract: write_json, with the input's sha256). Both are written
//   atomically; the JSON is removed first and written after the CSV, so a
//   JSON present means its CSV belongs to the same run, and the database row
//   is written last: it says "ok" only once both files are on disk.
// - An output that is the input file itself (a hard link) fails that file;
//   nothing is written or removed.
// - `resume` skips a file whose JSON exists with the input's current sha256
//   (and, with a database, whose stored row has that sha256 too).
// - A file that cannot be processed is reported and never stops the others;
//   outputs an earlier run wrote for it are removed.
// - Memory stays bounded: at most `jobs` files are in flight (largest
//   first); their pages share the `jobs` workers, each file using at most
//   twice its share.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "pdfrecon/pipeline.h"

namespace pdfrecon {

struct BatchInput {
  std::string path;         // as given or found (folder + relative path)
  std::string output_stem;  // relative to OUTDIR, '/'-separated, without extension
  uint64_t bytes = 0;       // file size (0 when it cannot be read)
};

// Expands `args` in order: a folder gives its PDFs sorted by path, "-" reads
// one path a line from `list` (each may be a file or a folder; blank lines
// are ignored), anything else is taken as a file (a missing one fails later,
// with its reason, like any bad input).
std::vector<BatchInput> collect_inputs(const std::vector<std::string>& args, std::istream* list);

struct BatchOptions {
  ExtractOptions extract;  // its `jobs` is set per file by the runner
  std::string out_dir;
  int jobs = 0;  // workers in all; 0 = one per core
  bool resume = false;
  std::string db_path;  // empty: no database
  bool review = false;  // STEM.review.html per file and OUTDIR/index.html
};

enum class FileStatus { done, skipped, failed };

struct FileOutcome {
  BatchInput input;
  FileStatus status = FileStatus::failed;
  std::string error;  // one-line reason when failed
  int pages = 0;
  int records = 0;
  int needs_review = 0;
  double seconds = 0;
  int unread_pages = 0;  // done, but these pages could not be read: a partial document
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

// The output paths of one input.
std::string json_output_path(const std::string& out_dir, const BatchInput& input);
std::string csv_output_path(const std::string& out_dir, const BatchInput& input);
std::string review_output_path(const std::string& out_dir, const BatchInput& input);
// OUTDIR/index.html, written with `review`.
std::string review_index_path(const std::string& out_dir);

}  // namespace pdfrecon
