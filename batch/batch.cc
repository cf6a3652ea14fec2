#include "pdfrecon/batch.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
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

// A file named directly or on a list: its path relative to the current
// folder, or, outside it, its absolute path without the leading '/'. Lexical,
// so "./r.pdf", "r.pdf" and "$PWD/r.pdf" get one name.
std::string stem_of_named_file(const std::string& arg) {
  std::error_code ec;
  fs::path abs = fs::absolute(arg, ec).lexically_normal();
  if (ec) return stem_of(fs::path(arg).lexically_normal());
  fs::path rel = abs.lexically_relative(fs::current_path(ec));
  if (ec || rel.empty() || *rel.begin() == "..") rel = abs.relative_path();
  return stem_of(rel);
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
      out.push_back({p.string(), stem_of(p.lexically_relative(arg)), size_of(p), ""});
    }
    return;
  }
  out.push_back({arg, stem_of_named_file(arg), size_of(arg), ""});
}

// What an earlier run wrote into a JSON output: the input's sha256 and what
// made the output. Empty fields when the file is missing or unreadable.
struct OutputStamp {
  std::string sha256, tool_version, options_hash;
};

OutputStamp stamp_in_json(const std::string& path) {
  OutputStamp stamp;
  std::ifstream in(path, std::ios::binary);
  if (!in) return stamp;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    auto text = [&j](const char* key) {
      return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
    };
    if (j.is_object()) stamp = {text("sha256"), text("tool_version"), text("options_hash")};
  } catch (const nlohmann::json::exception&) {
  }
  return stamp;
}

// Holds the byte of kOutputLockName that stands for one output name
// (batch.h). Without a lock file (`fd` < 0), holds nothing.
class OutputLock {
 public:
  OutputLock(int fd, const std::string& stem) : fd_(fd) {
    if (fd_ < 0) return;
    lock_.l_whence = SEEK_SET;
    lock_.l_start = off_t(stable_hash(stem) % kOutputLockSpan);
    lock_.l_len = 1;
    lock_.l_type = F_WRLCK;
    while (::fcntl(fd_, F_OFD_SETLKW, &lock_) != 0) {
      if (errno != EINTR) {
        fd_ = -1;  // a file system without locks: go on unlocked
        return;
      }
    }
  }
  ~OutputLock() {
    if (fd_ < 0) return;
    lock_.l_type = F_UNLCK;
    ::fcntl(fd_, F_OFD_SETLK, &lock_);
  }
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int fd_;
  struct flock lock_ = {};
};

// Why an output stamped `old` is not up to date for `now`; none when it is.
RereadReason compare_stamps(const OutputStamp& old, const OutputStamp& now, bool any_version) {
  if (old.sha256 != now.sha256) return RereadReason::changed;
  if (any_version) return RereadReason::none;
  if (old.tool_version != now.tool_version) return RereadReason::other_version;
  if (old.options_hash != now.options_hash) return RereadReason::other_options;
  return RereadReason::none;
}

// Appends `line` and a newline to `path` in one write(2) with O_APPEND, so
// lines of processes sharing the file never interleave (on a local file
// system; NFS does not promise O_APPEND).
void append_line(const std::string& path, std::string line) {
  line += '\n';
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) throw std::runtime_error(path + ": cannot append: " + std::strerror(errno));
  ssize_t n;
  do {
    n = ::write(fd, line.data(), line.size());
  } while (n < 0 && errno == EINTR);
  int err = n < 0 ? errno : 0;
  ::close(fd);
  if (err) throw std::runtime_error(path + ": cannot append: " + std::strerror(err));
  if (size_t(n) != line.size()) throw std::runtime_error(path + ": short append");
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The path of this process's cgroup (v2: the "0::" line; v1: the line that
// names `controller`), or empty.
std::string cgroup_path(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    size_t a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::string names = line.substr(a + 1, b - a - 1);
    if (controller.empty()
            ? names.empty()
            : ("," + names + ",").find("," + controller + ",") != std::string::npos) {
      return line.substr(b + 1);
    }
  }
  return "";
}

// The smaller non-zero of `a` and `b`, or 0 when both are 0.
int tighter(int a, int b) { return a == 0 ? b : b == 0 ? a : std::min(a, b); }

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
  // The same file named twice is processed once. Two files with one output
  // name: the one whose path sorts first keeps it, whatever the order given.
  std::vector<BatchInput> unique;
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (BatchInput& in : out) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(in.path, ec).string();
    if (ec) key = in.path;
    if (!seen.insert(key).second) continue;
    keys.push_back(key);
    unique.push_back(std::move(in));
  }
  std::map<std::string, size_t> owner;  // output stem -> index of the input keeping it
  for (size_t i = 0; i < unique.size(); ++i) {
    auto [it, fresh] = owner.emplace(unique[i].output_stem, i);
    if (!fresh && keys[i] < keys[it->second]) it->second = i;
  }
  for (size_t i = 0; i < unique.size(); ++i) {
    size_t keeper = owner[unique[i].output_stem];
    if (keeper != i) {
      unique[i].conflict = "its output name '" + unique[i].output_stem + "' is that of " +
                           unique[keeper].path +
                           " too; give the folder that holds both, or rename one";
    }
  }
  return unique;
}

uint64_t stable_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<BatchInput> select_shard(const std::vector<BatchInput>& inputs, int index, int count) {
  std::vector<BatchInput> out;
  for (const BatchInput& in : inputs) {
    if (stable_hash(in.output_stem) % uint64_t(count) == uint64_t(index)) out.push_back(in);
  }
  return out;
}

int cpus_from_cpu_max(const std::string& cpu_max) {
  std::istringstream in(cpu_max);
  std::string quota;
  double period = 100000;
  if (!(in >> quota) || quota == "max") return 0;
  in >> period;
  return cpus_from_cfs(quota, std::to_string(period));
}

int cpus_from_cfs(const std::string& quota_us, const std::string& period_us) {
  try {
    double quota = std::stod(quota_us), period = std::stod(period_us);
    if (quota <= 0 || period <= 0) return 0;  // -1: unlimited
    return std::max(1, int(std::ceil(quota / period - 1e-9)));
  } catch (const std::exception&) {
    return 0;
  }
}

int available_cpus() {
  int cpus = int(std::thread::hardware_concurrency());
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) cpus = tighter(cpus, CPU_COUNT(&set));
  // cgroup v2: every cpu.max from this cgroup up to the root limits it.
  const fs::path v2 = "/sys/fs/cgroup";
  std::string own = cgroup_path("");
  if (!own.empty()) {
    for (fs::path p = fs::path(own).relative_path();; p = p.parent_path()) {
      std::string max = read_text((v2 / p / "cpu.max").string());
      if (!max.empty()) cpus = tighter(cpus, cpus_from_cpu_max(max));
      if (p.empty()) break;
    }
  }
  // cgroup v1.
  std::string v1 = cgroup_path("cpu");
  for (const char* dir : {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"}) {
    fs::path base = fs::path(dir) / fs::path(v1).relative_path();
    std::string quota = read_text((base / "cpu.cfs_quota_us").string());
    if (!quota.empty() && !v1.empty()) {
      cpus = tighter(cpus, cpus_from_cfs(quota, read_text((base / "cpu.cfs_period_us").string())));
    }
  }
  return std::max(1, cpus);
}

std::string options_hash(const ExtractOptions& o) {
  std::ostringstream s;
  auto file_hash = [](const fs::path& p) {
    try {
      return sha256_file(p.string());
    } catch (const std::exception&) {
      return std::string("unreadable");
    }
  };
  s << "pdfrecon options 1\n"
    << "profile=" << o.profile << "\n"
    << "profile_file=" << (o.profile_file.empty() ? "" : file_hash(o.profile_file)) << "\n"
    << "ocr=" << o.ocr << "\nrulings=" << o.rulings << "\ntables=" << o.tables
    << "\nlang=" << o.lang << "\n"
    << "bundled_dict=" << o.bundled_dict << "\nlexicon=" << o.lexicon << "\n"
    << "dpi=" << o.dpi << "\nmax_input_bytes=" << o.max_input_bytes << "\nmax_pages=" << o.max_pages
    << "\nmax_page_pixels=" << o.max_page_pixels << "\npage_seconds=" << o.page_seconds
    << "\npages=";
  for (const auto& r : o.pages.ranges) s << r.first << "-" << r.second << ",";
  s << "\n";
  // A dictionary folder counts by its files' names and bytes, not its path.
  for (const std::string& dir : o.dict_dirs) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    s << "dict\n";
    for (const fs::path& f : files) s << f.filename().string() << "=" << file_hash(f) << "\n";
  }
  return sha256_hex(s.str());
}

const char* reread_reason_name(RereadReason reason) {
  switch (reason) {
    case RereadReason::none:
      return "";
    case RereadReason::no_output:
      return "new";
    case RereadReason::changed:
      return "changed";
    case RereadReason::other_version:
      return "other version";
    case RereadReason::other_options:
      return "other options";
    case RereadReason::not_stored:
      return "not in the database";
  }
  return "";
}

namespace {

// The rows of CSV text, each without its line end; a quoted field may hold
// line ends.
std::vector<std::string_view> csv_rows(std::string_view text) {
  std::vector<std::string_view> rows;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (!quoted && text[i] == '\n') {
      size_t end = i > start && text[i - 1] == '\r' ? i - 1 : i;
      rows.push_back(text.substr(start, end - start));
      start = i + 1;
    }
  }
  if (start < text.size()) rows.push_back(text.substr(start));
  return rows;
}

}  // namespace

int write_combined_csv(const std::string& path, const BatchSummary& summary,
                       const std::string& out_dir) {
  std::string out, header;
  int left_out = 0;
  for (const FileOutcome& o : summary.files) {
    if (o.status == FileStatus::failed) continue;
    const std::string text = read_text(csv_output_path(out_dir, o.input));
    std::vector<std::string_view> rows = csv_rows(text);
    // A grids CSV starts with "# page P table T"; records, with their header.
    if (rows.empty() || rows[0].rfind("# page ", 0) == 0) {
      ++left_out;
      continue;
    }
    if (header.empty()) {
      header = rows[0];
      out = header + ",file,sha256\r\n";
    } else if (rows[0] != header) {
      ++left_out;
      continue;
    }
    const std::string tail = "," + csv_field(o.input.path) + "," + o.sha256 + "\r\n";
    for (size_t i = 1; i < rows.size(); ++i) out.append(rows[i]).append(tail);
  }
  write_file_atomically(path, out);
  return left_out;
}

std::string summary_line(const FileOutcome& o, const BatchOptions& options) {
  nlohmann::ordered_json j;
  j["input"] = o.input.path;
  j["output"] = o.input.output_stem;
  j["sha256"] = o.sha256;
  const char* status = o.status == FileStatus::done      ? (o.unread_pages ? "partial" : "done")
                       : o.status == FileStatus::skipped ? "skipped"
                                                         : "failed";
  j["status"] = status;
  j["error"] = o.error;
  j["pages"] = o.pages;
  j["records"] = o.records;
  j["needs_review"] = o.needs_review;
  j["seconds"] = std::round(o.seconds * 1000) / 1000;
  j["tool_version"] = options.tool_version;
  j["options_hash"] = options.options_hash;
  if (o.reread != RereadReason::none) j["reread"] = reread_reason_name(o.reread);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
  const std::string options_digest =
      options.options_hash.empty() ? options_hash(options.extract) : options.options_hash;
  BatchOptions stamped = options;
  stamped.options_hash = options_digest;
  const OutputStamp current_stamp{"", options.tool_version, options_digest};
  const std::string summary_path = (fs::path(options.out_dir) / "summary.jsonl").string();
  const int lock_fd = ::open((fs::path(options.out_dir) / kOutputLockName).c_str(),
                             O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  struct CloseLock {
    int fd;
    ~CloseLock() {
      if (fd >= 0) ::close(fd);
    }
  } close_lock{lock_fd};

  std::optional<RecordStore> store;
  if (!options.db_path.empty()) {
    try {
      store.emplace(RecordStore::open(options.db_path));
    } catch (const StoreError& e) {
      throw BatchSetupError(e.what());
    }
  }

  const int total = int(inputs.size());
  const int jobs = options.jobs > 0 ? options.jobs : available_cpus();
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
      if (!in.conflict.empty()) throw InputError(in.conflict);
      if (output_is_input) {
        throw InputError("an output (" + input_as_output +
                         ") is the input file itself; not overwriting it");
      }
      if (options.resume) {
        outcome.reread = RereadReason::no_output;
        if (fs::exists(json_path) && fs::exists(csv_path) &&
            (!options.review || fs::exists(review_path))) {
          sha = sha256_file(in.path);
          OutputStamp now = current_stamp;
          now.sha256 = sha;
          outcome.reread =
              compare_stamps(stamp_in_json(json_path), now, options.resume_any_version);
          if (outcome.reread == RereadReason::none && store) {
            std::lock_guard lock(store_mutex);
            std::optional<StoredStamp> stored = store->stored_stamp(in.path);
            outcome.reread =
                !stored
                    ? RereadReason::not_stored
                    : compare_stamps({stored->sha256, stored->tool_version, stored->options_hash},
                                     now, options.resume_any_version);
          }
          if (outcome.reread == RereadReason::none) {
            outcome.status = FileStatus::skipped;
            outcome.sha256 = sha;
            return outcome;
          }
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
      doc.tool_version = options.tool_version;
      doc.options_hash = options_digest;
      sha = doc.sha256;
      outcome.pages = int(doc.pages.size());
      outcome.unread_pages = doc.unread_pages;
      outcome.records = doc.records ? int(doc.records->size()) : 0;
      outcome.needs_review = count_needs_review(doc);

      // CSV, then JSON, then the store: a JSON means its CSV is of the same
      // run, and the store says "ok" only once both are on disk.
      fs::create_directories(fs::path(json_path).parent_path());
      OutputLock writing(lock_fd, in.output_stem);
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
    if (outcome.status == FileStatus::failed && !output_is_input && in.conflict.empty()) {
      // Outputs of an earlier version of the file would now mislead.
      OutputLock removing(lock_fd, in.output_stem);
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
        store->put_failure(in.path, sha, outcome.error, options.tool_version, options_digest);
      } catch (const std::exception& e) {
        outcome.error += std::string(" (and the database: ") + e.what() + ")";
      }
    }
    outcome.sha256 = sha;
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
      if (options.summary_jsonl) {
        try {
          append_line(summary_path, summary_line(o, stamped));
        } catch (const std::exception& e) {
          if (o.status != FileStatus::failed) o.status = FileStatus::failed;
          o.error += (o.error.empty() ? "" : "; ") + std::string(e.what());
        }
      }
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
    if (o.status != FileStatus::skipped && o.reread != RereadReason::none) {
      ++summary.reread[int(o.reread)];
    }
  }
  summary.resume = options.resume;
  if (options.review) write_review_index(options.out_dir, summary);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace pdfrecon
