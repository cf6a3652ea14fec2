#include "pdfrecon/batch.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "pdfrecon/atomic_file.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/record_store.h"
#include "pdfrecon/review_page.h"
#include "pdfrecon/sha256.h"
#include "pdfrecon/writers.h"

namespace pdfrecon {

namespace fs = std::filesystem;

namespace {

bool is_pdf_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return ext == ".pdf";
}

std::string stem_of(const fs::path& relative) {
  fs::path p = relative;
  if (is_pdf_name(p)) p.replace_extension();
  return p.generic_string();
}

uint64_t size_of(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : uint64_t(n);
}

void add_input(const std::string& arg, std::vector<BatchInput>& out) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec),
        end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (it->is_regular_file(ec2) && is_pdf_name(it->path())) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) {
      out.push_back({p.string(), stem_of(p.lexically_relative(arg)), size_of(p)});
    }
    return;
  }
  out.push_back({arg, stem_of(fs::path(arg).filename()), size_of(arg)});
}

// The sha256 recorded in an existing JSON output, or empty.
std::string sha256_in_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    if (j.is_object() && j.contains("sha256") && j["sha256"].is_string()) {
      return j["sha256"].get<std::string>();
    }
  } catch (const nlohmann::json::exception&) {
  }
  return "";
}

int count_needs_review(const DocumentResult& doc) {
  if (!doc.records) return 0;
  return int(std::count_if(doc.records->begin(), doc.records->end(),
                           [](const Record& r) { return r.has_flag("needs_review"); }));
}

}  // namespace

std::vector<BatchInput> collect_inputs(const std::vector<std::string>& args, std::istream* list) {
  std::vector<BatchInput> out;
  for (const std::string& a : args) {
    if (a == "-" && list) {
      for (std::string line; std::getline(*list, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        add_input(line, out);
      }
    } else {
      add_input(a, out);
    }
  }
  // The same file named twice is processed once; two files that map to the
  // same output name get a numbered suffix.
  std::vector<BatchInput> unique;
  std::map<std::string, int> stems;
  std::vector<std::string> seen;
  for (BatchInput& in : out) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(in.path, ec).string();
    if (ec) key = in.path;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    std::string stem = in.output_stem;
    for (int n = 2; stems.count(stem); ++n) stem = in.output_stem + "-" + std::to_string(n);
    stems[stem] = 1;
    in.output_stem = stem;
    unique.push_back(std::move(in));
  }
  return unique;
}

std::string json_output_path(const std::string& out_dir, const BatchInput& input) {
  return (fs::path(out_dir) / (input.output_stem + ".json")).string();
}

std::string csv_output_path(const std::string& out_dir, const BatchInput& input) {
  return (fs::path(out_dir) / (input.output_stem + ".csv")).string();
}

std::string review_output_path(const std::string& out_dir, const BatchInput& input) {
  return (fs::path(out_dir) / (input.output_stem + ".review.html")).string();
}

std::string review_index_path(const std::string& out_dir) {
  return (fs::path(out_dir) / "index.html").string();
}

int remove_stale_temps(const std::string& out_dir) {
  int removed = 0;
  std::error_code ec;
  const std::string suffix = kTempSuffix;
  const std::string host = temp_host_name();
  std::vector<fs::path> stale;
  fs::recursive_directory_iterator it(out_dir, fs::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    // Keep what another host wrote (shared storage: it may still be at
    // work) and what a live process on this host is writing.
    TempOwner owner = temp_file_owner(name);
    if (!owner.host.empty() && owner.host != host) continue;
    if (owner.pid > 0 && owner.pid != long(::getpid()) &&
        (::kill(pid_t(owner.pid), 0) == 0 || errno == EPERM)) {
      continue;
    }
    stale.push_back(it->path());
  }
  for (const fs::path& p : stale) {
    std::error_code ec2;
    if (fs::remove(p, ec2)) ++removed;
  }
  return removed;
}

namespace {

// OUTDIR/index.html: this run's files, a skipped one with its earlier
// outputs. A failure to write it is the summary's index_error.
void write_review_index(const std::string& out_dir, BatchSummary& summary) {
  std::vector<ReviewIndexEntry> entries;
  for (const FileOutcome& o : summary.files) {
    ReviewIndexEntry e;
    e.file = o.input.path;
    e.pages = o.pages;
    e.records = o.records;
    e.needs_review = o.needs_review;
    e.seconds = o.seconds;
    e.error = o.error;
    e.status = o.status == FileStatus::failed    ? "failed"
               : o.status == FileStatus::skipped ? "skipped"
               : o.unread_pages > 0              ? "partial"
                                                 : "complete";
    if (o.status != FileStatus::failed) {
      e.json = o.input.output_stem + ".json";
      if (fs::exists(review_output_path(out_dir, o.input))) {
        e.review = o.input.output_stem + ".review.html";
      }
    }
    entries.push_back(std::move(e));
  }
  try {
    write_file_atomically(review_index_path(out_dir), pdfrecon::write_review_index(entries));
  } catch (const std::runtime_error& e) {
    summary.index_error = e.what();
  }
}

}  // namespace

BatchSummary run_batch(const std::vector<BatchInput>& inputs, const BatchOptions& options,
                       const BatchEvents& events) {
  auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec || !fs::is_directory(options.out_dir)) {
    throw BatchSetupError(options.out_dir + ": cannot create output folder" +
                          (ec ? ": " + ec.message() : std::string()));
  }
  summary.stale_temps_removed = remove_stale_temps(options.out_dir);

  std::optional<RecordStore> store;
  if (!options.db_path.empty()) {
    try {
      store.emplace(RecordStore::open(options.db_path));
    } catch (const StoreError& e) {
      throw BatchSetupError(e.what());
    }
  }

  const int total = int(inputs.size());
  const int jobs =
      options.jobs > 0 ? options.jobs : std::max(1, int(std::thread::hardware_concurrency()));
  const int file_workers = std::clamp(jobs, 1, std::max(1, total));
  summary.files.resize(size_t(total));
  std::atomic<int> next{0};
  std::mutex events_mutex, store_mutex;

  // Largest files first (bytes as a proxy for pages), so the batch does not
  // end waiting on one large file that started late.
  std::vector<int> order(static_cast<size_t>(total));
  for (int i = 0; i < total; ++i) order[size_t(i)] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return inputs[size_t(a)].bytes > inputs[size_t(b)].bytes; });

  auto process = [&](int index, int position) {
    const BatchInput& in = inputs[size_t(index)];
    FileOutcome outcome;
    outcome.input = in;
    auto t0 = std::chrono::steady_clock::now();
    const std::string json_path = json_output_path(options.out_dir, in);
    const std::string csv_path = csv_output_path(options.out_dir, in);
    const std::string review_path = review_output_path(options.out_dir, in);
    std::string sha;
    // An output that is the input (a hard link to it) is never written or
    // removed.
    std::string input_as_output;
    for (const std::string& p : {json_path, csv_path, review_path}) {
      if (input_as_output.empty() && same_file(in.path, p)) input_as_output = p;
    }
    const bool output_is_input = !input_as_output.empty();
    try {
      if (output_is_input) {
        throw InputError("an output (" + input_as_output +
                         ") is the input file itself; not overwriting it");
      }
      if (options.resume && fs::exists(json_path) && fs::exists(csv_path) &&
          (!options.review || fs::exists(review_path))) {
        sha = sha256_file(in.path);
        bool up_to_date = sha256_in_json(json_path) == sha;
        if (up_to_date && store) {
          std::lock_guard lock(store_mutex);
          up_to_date = store->stored_sha256(in.path) == sha;
        }
        if (up_to_date) {
          outcome.status = FileStatus::skipped;
          return outcome;
        }
      }
      // Files in flight share the workers; each may use up to twice its
      // share, so a large file keeps the cores busy once the small ones
      // around it are done (at most 2 x jobs threads, bounded memory).
      int in_flight = std::clamp(total - position, 1, file_workers);
      ExtractOptions eo = options.extract;
      eo.jobs = std::clamp(2 * jobs / in_flight, 1, jobs);
      ProgressFn progress;
      if (events.page_done) {
        progress = [&](int, int) {
          std::lock_guard lock(events_mutex);
          events.page_done();
        };
      }
      PageImageCollector images;
      if (options.review) {
        eo.page_view = [&images](int page, const cv::Mat& grey, double px_per_pt) {
          images.add(page, grey, px_per_pt);
        };
      }
      DocumentResult doc = extract_document(in.path, eo, progress);
      outcome.pages = int(doc.pages.size());
      outcome.unread_pages = doc.unread_pages;
      outcome.records = doc.records ? int(doc.records->size()) : 0;
      outcome.needs_review = count_needs_review(doc);

      // CSV, then JSON, then the store: a JSON means its CSV is of the same
      // run, and the store says "ok" only once both are on disk.
      fs::create_directories(fs::path(json_path).parent_path());
      fs::remove(json_path);
      if (options.review) fs::remove(review_path);
      write_file_atomically(csv_path, write_csv(doc));
      write_file_atomically(json_path, write_json(doc));
      if (options.review) write_file_atomically(review_path, write_review_page(doc, images.take()));
      if (store) {
        std::lock_guard lock(store_mutex);
        store->put_document(in.path, doc);
      }
      outcome.status = FileStatus::done;
    } catch (const InputError& e) {
      outcome.error = e.what();
    } catch (const std::invalid_argument& e) {
      outcome.error = e.what();
    } catch (const std::exception& e) {
      outcome.error = std::string("cannot be processed: ") + e.what();
    }
    if (outcome.status == FileStatus::failed && !output_is_input) {
      // Outputs of an earlier version of the file would now mislead.
      std::error_code ignored;
      fs::remove(json_path, ignored);
      fs::remove(csv_path, ignored);
      if (options.review) fs::remove(review_path, ignored);
    }
    if (outcome.status == FileStatus::failed && store) {
      if (sha.empty()) {
        try {
          sha = sha256_file(in.path);
        } catch (const std::exception&) {
        }
      }
      try {
        std::lock_guard lock(store_mutex);
        store->put_failure(in.path, sha, outcome.error);
      } catch (const std::exception& e) {
        outcome.error += std::string(" (and the database: ") + e.what() + ")";
      }
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return outcome;
  };

  auto worker = [&] {
    for (int position; (position = next.fetch_add(1)) < total;) {
      int i = order[size_t(position)];
      if (events.file_started) {
        std::lock_guard lock(events_mutex);
        events.file_started(inputs[size_t(i)]);
      }
      FileOutcome o = process(i, position);
      std::lock_guard lock(events_mutex);
      if (events.file_finished) events.file_finished(o);
      summary.files[size_t(i)] = std::move(o);
    }
  };
  // Poppler's global state must be set up before files run side by side.
  if (file_workers > 1) PdfDocument::warm_up();
  {
    std::vector<std::jthread> threads;
    for (int w = 1; w < file_workers; ++w) threads.emplace_back(worker);
    worker();
  }

  for (const FileOutcome& o : summary.files) {
    if (o.status == FileStatus::done) ++summary.done;
    if (o.status == FileStatus::done && o.unread_pages > 0) ++summary.partial;
    if (o.status == FileStatus::skipped) ++summary.skipped;
    if (o.status == FileStatus::failed) ++summary.failed;
    summary.pages += o.pages;
    summary.needs_review += o.needs_review;
  }
  if (options.review) write_review_index(options.out_dir, summary);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace pdfrecon
