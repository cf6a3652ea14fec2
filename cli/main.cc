// pdfrecon command line: parses arguments, calls the pipeline, writes the
// result. All the work lives in the libraries; this file only talks to users.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "pdfrecon/atomic_file.h"
#include "pdfrecon/batch.h"
#include "pdfrecon/batch_progress.h"
#include "pdfrecon/dictionary.h"
#include "pdfrecon/ocr_engine.h"
#include "pdfrecon/pdf_document.h"
#include "pdfrecon/pipeline.h"
#include "pdfrecon/record_store.h"
#include "pdfrecon/report_profile.h"
#include "pdfrecon/review_page.h"
#include "pdfrecon/verify.h"
#include "pdfrecon/writers.h"
#include "version.h"

namespace po = boost::program_options;
using namespace pdfrecon;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;
constexpr int kExitUsage = 2;
// Each job holds a document and an OCR engine: more than this is a mistake.
constexpr int kMaxJobs = 256;

const char* kMainHelp = R"(pdfrecon - recover clean tables and records from published PDFs

Usage:
  pdfrecon extract INPUT.pdf [options]     one document to JSON, CSV or Markdown
  pdfrecon batch INPUT... -o OUTDIR        many files/folders to JSON + CSV (+ SQLite)
  pdfrecon merge-db ALL.sqlite SHARD.sqlite...   combine the stores of batch shards
  pdfrecon verify INPUT.pdf --expected F   compare extracted records with expected ones
  pdfrecon --version
  pdfrecon COMMAND --help                  options of a command, with examples

Examples:
  pdfrecon extract report.pdf                      JSON on stdout
  pdfrecon extract report.pdf -o report.csv        records (or grids) as CSV
  pdfrecon extract report.pdf --pages 2-3 --format md
  pdfrecon batch archive/ -o out/ --db out/lotaip.sqlite
  pdfrecon verify report.pdf --expected report.records.csv

Exit status: 0 success, 1 the input could not be processed (the reason is on
stderr), 2 bad usage.
)";

const char* kExtractExamples = R"(
Examples:
  pdfrecon extract report.pdf                       JSON document on stdout
  pdfrecon extract report.pdf -o report.json        written atomically
  pdfrecon extract report.pdf -o report.csv         format taken from the name
  pdfrecon extract report.pdf --format csv --excel  CSV with a BOM for Excel
  pdfrecon extract report.pdf --pages 1,3-5 --format md
  pdfrecon extract report.pdf --profile generic     grids only, no records
  pdfrecon extract stats.pdf --tables stream        unruled tables only (columns from alignment)
  pdfrecon extract report.pdf --dict my-institution/ also know these units and indicators
  pdfrecon extract pay.pdf --profile-file lotaip-a6.json   a report of another kind
  pdfrecon extract scan.pdf --review scan.html        see what was read, page by page
  pdfrecon extract scan.pdf --debug-dir dbg/          the images each page went through

Output (described in the README): "pages[].tables[].cells[]" hold every
cell, ruled or found from the words' alignment ("ruled" says which), with
its row, column, spans, box (PDF points, top-left origin) and text;
"records" hold one row per indicator when a profile such as lotaip-a4
applies. CSV holds the records, or every table's grid when there are none.

Cleaning: OCR damage is undone against the bundled dictionary (known units,
objectives, indicators), then word by word against the Spanish lexicon
(hunspell-es); every change is listed in the cell's "corrections" with the
raw text kept in "raw_text". Records built from changed cells are flagged
"corrected"; records a person should check "needs_review", with the reasons
in "review_reasons" (unsure_reading, readings_disagree, no_sequence, ...;
see the README).
)";

const char* kBatchExamples = R"(
Inputs are PDF files, folders (searched recursively for *.pdf in any letter
case) or - (one path a line on stdin). For each file, OUTDIR gets
STEM.json (the extract JSON, with the input's sha256, the tool version and
the options hash) and STEM.csv (its records), where STEM is the file's path
without .pdf relative to the folder it was found in, or, for a file named
directly or on stdin, relative to the current folder: the same in every run
and every shard. OUTDIR/summary.jsonl gets one JSON line per file as it ends.

Examples:
  pdfrecon batch archive/ -o out/                    every PDF under archive/
  pdfrecon batch a.pdf b.pdf 2023/ -o out/ --jobs 2
  find /srv/lotaip -name '*.pdf' -mtime -30 | pdfrecon batch - -o out/
  pdfrecon batch archive/ -o out/ --resume           skip files already done
                                 (same file, same version, same options)
  pdfrecon batch archive/ -o out/ --shard 0/4 --resume --db out/shard-0.sqlite
      one of 4 shards (0/4 .. 3/4), e.g. on 4 machines sharing out/; then
      pdfrecon merge-db out/all.sqlite out/shard-*.sqlite
  pdfrecon batch archive/ -o out/ --review            out/index.html: every file, its review page
  pdfrecon batch archive/ -o out/ --db out/lotaip.sqlite
      sqlite3 out/lotaip.sqlite "select period, unit, indicator, target from
      records join documents d on d.id = document_id where indicator like
      '%ejecución presupuestaria%' order by unit, period"

Files that cannot be processed get one line each (file and reason) and never
stop the others. Writes are atomic; an interrupted run leaves no partial
output (its temporary files are removed by the next run), and --resume
continues where it stopped. Exit status: 0 every file succeeded, 1 some
failed (after all others were processed), 2 bad usage.
)";

const char* kVerifyExamples = R"(
EXPECTED is a pdfrecon JSON document (every record field is compared,
including target_kind and target_value) or a records CSV with a header row
(section,no,unit,objective,indicator,target[,target_kind,target_value]).
Records are aligned first (a lost or added record shows alone), then compared
field by field; the diff names the record number, the field,
the expected and the extracted value, then missing and extra records.

Examples:
  pdfrecon verify report.pdf --expected report.records.csv
  pdfrecon verify report.pdf --expected last-month.json --ocr never

Exit status: 0 the records match, 1 they differ or an input cannot be read
(one line says why), 2 bad usage.
)";

// Options every command that runs the pipeline shares.
struct PipelineArgs {
  std::string profile, profile_file, ocr, lang, tables;
  std::vector<std::string> dicts;
  bool no_bundled_dict = false;
  int max_input_mib = 512;
  int max_pages = 50000;
  double max_page_mpix = 50;
  double page_seconds = 300;
  double dpi = 150;
  std::string rulings = "auto";
  int jobs = 0;
};

void add_pipeline_options(po::options_description& opts, PipelineArgs& a, const char* jobs_help) {
  // clang-format off
  opts.add_options()
    ("profile", po::value(&a.profile)->default_value("auto"),
     "auto (the report profile when the document reads as one) | generic (tables only) | "
     "lotaip-a4")
    ("profile-file", po::value(&a.profile_file),
     "a report profile of your own (JSON; see reconcile/profiles/README.md), used instead of "
     "the bundled one")
    ("ocr", po::value(&a.ocr)->default_value("auto"), "auto | always | never")
    ("tables", po::value(&a.tables)->default_value("auto"),
     "which tables to find on pages with a text layer: lattice (ruled: cells drawn with "
     "rulings) | stream (unruled: columns from how the words line up, rows from the lines "
     "and any horizontal rules; ruled grids are not looked for) | auto (both: ruled tables, "
     "then unruled ones among the words outside them). Scanned pages always use rulings")
    ("lang", po::value(&a.lang)->default_value("spa"), "OCR language (Tesseract code)")
    ("dict", po::value(&a.dicts)->composing(),
     "add a dictionary folder (units.txt, indicators.txt, ...; see reconcile/data/README.md); repeatable")
    ("no-bundled-dict", po::bool_switch(&a.no_bundled_dict),
     "leave the bundled vocabulary out (--dict folders still count): see what OCR reads unaided")
    ("dpi", po::value(&a.dpi)->default_value(150), "rendering resolution for grid detection (50-600)")
    ("rulings", po::value(&a.rulings)->default_value("auto"),
     "where table rulings come from: auto (the lines a born-digital page draws, read without "
     "rendering it; the rendered page too where it paints images) | image (only lines seen on "
     "the rendered page)")
    ("max-input-mib", po::value(&a.max_input_mib)->default_value(512),
     "refuse an input larger than this many MiB (1-2047)")
    ("max-pages", po::value(&a.max_pages)->default_value(50000),
     "refuse a document with more pages to read than this (after --pages)")
    ("max-page-mpix", po::value(&a.max_page_mpix)->default_value(50),
     "render a page in at most this many megapixels (lower resolution, with a warning)")
    ("page-seconds", po::value(&a.page_seconds)->default_value(300),
     "give up a page still being read after this many seconds (a warning; 0: no limit)")
    ("jobs,j", po::value(&a.jobs)->default_value(0), jobs_help);
  // clang-format on
}

// A "K/N" shard: K from 0 to N-1.
std::pair<int, int> parse_shard(const std::string& text) {
  size_t slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      size_t used_k = 0, used_n = 0;
      int k = std::stoi(text.substr(0, slash), &used_k);
      int n = std::stoi(text.substr(slash + 1), &used_n);
      if (used_k == slash && used_n == text.size() - slash - 1 && n >= 1 && k >= 0 && k < n) {
        return {k, n};
      }
    }
  } catch (const std::exception&) {
  }
  throw po::error("--shard must be K/N with N >= 1 and K from 0 to N-1 (e.g. 0/4 .. 3/4), not '" +
                  text + "'");
}

ExtractOptions pipeline_options(const PipelineArgs& a) {
  std::vector<std::string> names = ReportProfile::bundled_names();
  bool known = a.profile == "auto" || a.profile == "generic" ||
               std::find(names.begin(), names.end(), a.profile) != names.end();
  if (!known && a.profile_file.empty()) {
    std::string list;
    for (const std::string& n : names) list += ", " + n;
    throw po::error("--profile must be auto, generic" + list + ", not '" + a.profile + "'");
  }
  if (a.ocr != "auto" && a.ocr != "always" && a.ocr != "never") {
    throw po::error("--ocr must be auto, always or never, not '" + a.ocr + "'");
  }
  if (a.rulings != "auto" && a.rulings != "image") {
    throw po::error("--rulings must be auto or image, not '" + a.rulings + "'");
  }
  if (a.tables != "auto" && a.tables != "lattice" && a.tables != "stream") {
    throw po::error("--tables must be auto, lattice or stream, not '" + a.tables + "'");
  }
  if (!(a.dpi >= 50 && a.dpi <= 600)) throw po::error("--dpi must be between 50 and 600");
  if (a.jobs < 0 || a.jobs > kMaxJobs) {
    throw po::error("--jobs must be 0 (the CPUs this process may use) to " +
                    std::to_string(kMaxJobs));
  }
  // A bad folder is a usage error, found before any file is read.
  for (const std::string& dir : a.dicts) {
    try {
      Dictionary().add_folder(dir);
    } catch (const DictionaryError& e) {
      throw po::error(std::string("--dict ") + e.what());
    }
  }
  ExtractOptions options;
  options.profile_file = a.profile_file;
  if (!a.profile_file.empty()) {
    // A bad profile file is a usage error, found before any file is read.
    try {
      ReportProfile p = ReportProfile::load(a.profile_file);
      if (a.profile != "auto" && a.profile != "generic" && a.profile != p.name) {
        throw po::error("--profile " + a.profile + " but --profile-file " + a.profile_file +
                        " is profile '" + p.name + "'");
      }
    } catch (const ProfileError& e) {
      throw po::error(std::string("--profile-file ") + e.what());
    }
  }
  if (a.max_input_mib < 1 || a.max_input_mib > 2047) {
    throw po::error("--max-input-mib must be between 1 and 2047");
  }
  options.max_input_bytes = uint64_t(a.max_input_mib) << 20;
  if (a.max_pages < 1) throw po::error("--max-pages must be at least 1");
  options.max_pages = a.max_pages;
  if (!(a.max_page_mpix >= 1 && a.max_page_mpix <= 2000)) {
    throw po::error("--max-page-mpix must be between 1 and 2000");
  }
  options.max_page_pixels = a.max_page_mpix * 1e6;
  if (!(a.page_seconds >= 0 && a.page_seconds <= 86400)) {
    throw po::error("--page-seconds must be between 0 (no limit) and 86400");
  }
  options.page_seconds = a.page_seconds;
  // A language Tesseract does not have is found now, not after rendering.
  if (a.ocr != "never") {
    if (std::string why = OcrEngine::check_languages(a.lang); !why.empty()) {
      throw po::error("--lang " + why);
    }
  }
  options.bundled_dict = !a.no_bundled_dict;
  options.dict_dirs = a.dicts;
  options.dpi = a.dpi;
  options.profile = a.profile;
  options.ocr = a.ocr;
  options.rulings = a.rulings;
  options.tables = a.tables;
  options.lang = a.lang;
  options.jobs = a.jobs > 0 ? a.jobs : available_cpus();
  return options;
}

// Parses `args` against `opts`; the positional arguments (at most
// `count`, -1 for any number) go to `inputs`.
template <typename Inputs>
po::variables_map parse_command_line(const std::vector<std::string>& args,
                                     const po::options_description& opts, Inputs& inputs,
                                     int count) {
  po::options_description hidden;
  hidden.add_options()("input", po::value(&inputs));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("input", count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  return vm;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void fail_line(const std::string& file, const std::string& reason) {
  std::cerr << "pdfrecon: " << (file.empty() ? "" : file + ": ") << reason << "\n";
}

// Writes `text` to standard output and closes it, so that a full disk or a
// closed pipe is an error (exit 1), not a silent loss.
int write_stdout(std::string_view text) {
  std::cout.flush();
  const char* p = text.data();
  size_t left = text.size();
  int err = 0;
  while (left > 0) {
    ssize_t n = ::write(STDOUT_FILENO, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    p += n;
    left -= size_t(n);
  }
  if (::close(STDOUT_FILENO) != 0 && !err && errno != EINVAL) err = errno;
  if (err) {
    fail_line("", std::string("cannot write to standard output: ") + std::strerror(err));
    return kExitInput;
  }
  return kExitOk;
}

// The format an output's name asks for, in any letter case: "json", "csv",
// "md" (a name without extension: "json"), or "" for an extension pdfrecon
// does not write.
std::string format_from_name(const std::string& out) {
  std::string ext = std::filesystem::path(out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (ext == ".json") return "json";
  if (ext == ".csv") return "csv";
  if (ext == ".md" || ext == ".markdown") return "md";
  return ext.empty() ? "json" : "";  // /dev/null, a FIFO: JSON
}

int run_extract(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string output, format, pages, debug_dir, review;
  PipelineArgs pa;
  // clang-format off
  opts.add_options()
    ("help,h", "show this help")
    ("output,o", po::value(&output), "write to this file (atomically); - or none: stdout")
    ("format,f", po::value(&format), "json | csv | md (default: from -o's extension, else json)")
    ("excel", "with csv: for a spreadsheet: a UTF-8 BOM so older Excel reads accents right, "
     "and an apostrophe before any cell that starts with = + - @ so it never runs as a formula")
    ("pages,p", po::value(&pages), "pages to read, e.g. 1,3-5 (default: all)");
  add_pipeline_options(opts, pa, "pages read in parallel (0: the CPUs this process may use)");
  opts.add_options()
    ("review", po::value(&review),
     "also write a review page here (OUT.html): every page with the cells read drawn over it, "
     "the records to check beside; one self-contained file that opens offline in a browser")
    ("debug-dir", po::value(&debug_dir),
     "write each page's working images here as PNG (page-NNN-STAGE.png: render or levelled, "
     "binary, hmask, vmask, rulings, grid, stack-K)")
    ("quiet,q", "no progress on stderr");
  // clang-format on
  std::string input;
  po::variables_map vm = parse_command_line(args, opts, input, 1);
  if (vm.count("help")) {
    std::cout << "Usage: pdfrecon extract INPUT.pdf [options]\n\n" << opts << kExtractExamples;
    return kExitOk;
  }
  if (input.empty()) throw po::error("extract needs an INPUT.pdf (see pdfrecon extract --help)");
  // An output over its input would destroy the one thing that cannot be
  // made again: refuse it whatever the spelling (same device and inode).
  if (!output.empty() && output != "-" && same_file(input, output)) {
    throw po::error("-o " + output + " is the input file " + input + "; refusing to overwrite it");
  }

  if (!review.empty()) {
    if (review == "-") throw po::error("--review needs a file name, not standard output");
    if (same_file(input, review)) {
      throw po::error("--review " + review + " is the input file " + input +
                      "; refusing to overwrite it");
    }
    if (!output.empty() && output != "-" && (output == review || same_file(output, review))) {
      throw po::error("--review " + review + " is also the -o output");
    }
  }

  const bool to_stdout = output.empty() || output == "-";
  if (format.empty()) {
    format = to_stdout ? "json" : format_from_name(output);
    if (format.empty()) {
      throw po::error("cannot tell the format from -o " + output +
                      " (.json, .csv or .md); give --format json|csv|md");
    }
  }
  if (format != "json" && format != "csv" && format != "md") {
    throw po::error("--format must be json, csv or md, not '" + format + "'");
  }

  ExtractOptions options = pipeline_options(pa);
  if (!pages.empty()) {
    try {
      options.pages = parse_page_ranges(pages);
    } catch (const std::invalid_argument& e) {
      throw po::error(e.what());
    }
  }
  options.debug_dir = debug_dir;
  PageImageCollector images;
  if (!review.empty()) {
    options.page_view = [&images](int page, const cv::Mat& grey, double px_per_pt) {
      images.add(page, grey, px_per_pt);
    };
  }

  bool show_progress = !vm.count("quiet") && stderr_is_terminal();
  ProgressFn progress;
  if (show_progress) {
    progress = [&input](int done, int total) {
      std::cerr << "\r" << input << ": page " << done << "/" << total << (done == total ? "\n" : "")
                << std::flush;
    };
  }

  DocumentResult doc;
  try {
    doc = extract_document(input, options, progress);
    // The same stamp as batch's, so the two give the same bytes.
    doc.tool_version = kVersion;
    doc.options_hash = options_hash(options);
  } catch (const InputError& e) {
    fail_line(input, e.what());
    return kExitInput;
  } catch (const std::invalid_argument& e) {
    fail_line(input, e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    // A failure we did not foresee is still one line naming the file.
    fail_line(input, std::string("cannot be processed: ") + e.what());
    return kExitInput;
  }

  std::string text = format == "csv"  ? write_csv(doc, vm.count("excel") > 0)
                     : format == "md" ? write_markdown(doc)
                                      : write_json(doc);
  int written = kExitOk;
  if (to_stdout) {
    written = write_stdout(text);
  } else {
    try {
      write_file_atomically(output, text);
    } catch (const std::runtime_error& e) {
      fail_line("", e.what());
      written = kExitInput;
    }
  }
  if (written != kExitOk) return written;
  if (!review.empty()) {
    try {
      write_file_atomically(review, write_review_page(doc, images.take()));
    } catch (const std::runtime_error& e) {
      fail_line("", e.what());
      return kExitInput;
    }
  }
  if (doc.unread_pages > 0) {
    // The output holds what could be read; success it is not.
    fail_line(input, std::to_string(doc.unread_pages) + " of " + std::to_string(doc.pages.size()) +
                         " pages could not be read (see the warnings); the output is partial");
    return kExitInput;
  }
  return kExitOk;
}

int run_batch_command(std::vector<std::string> args) {
  // --resume takes no value ("--resume archive/" names an input), so its one
  // variant is read here: --resume=any-version.
  bool any_version = false;
  for (std::string& a : args) {
    if (a.rfind("--resume=", 0) != 0) continue;
    if (a != "--resume=any-version") {
      throw po::error("--resume takes no value, or =any-version; not '" + a + "'");
    }
    a = "--resume";
    any_version = true;
  }
  po::options_description opts("Options");
  std::string out_dir, db, shard, combined_csv;
  PipelineArgs pa;
  // clang-format off
  opts.add_options()
    ("help,h", "show this help")
    ("output,o", po::value(&out_dir), "output folder (created if missing); required")
    ("resume",
     "skip files whose JSON and CSV in OUTDIR (and --db row) hold the file's sha256, this "
     "version and these options; --resume=any-version: the sha256 alone")
    ("shard", po::value(&shard),
     "K/N: process only shard K (0 to N-1) of N, by a stable hash of each output name; the N "
     "shards together write what one run would")
    ("db", po::value(&db),
     "also store everything in this SQLite database, or a PostgreSQL one (postgresql://...); "
     "see store/schema.sql")
    ("csv", po::value(&combined_csv),
     "also write one records CSV of every file done or up to date, with the columns file "
     "(the input) and sha256 added at the end")
    ("review", "also write STEM.review.html per file (pages, cells and records to check; see "
     "extract --help) and OUTDIR/index.html listing every file")
    ("quiet,q", "no progress or per-file lines; failures and the summary only");
  // clang-format on
  add_pipeline_options(opts, pa,
                       "workers for pages and files together (0: the CPUs this process may use: "
                       "its affinity mask and cgroup quota)");
  std::vector<std::string> inputs;
  po::variables_map vm = parse_command_line(args, opts, inputs, -1);
  if (vm.count("help")) {
    std::cout << "Usage: pdfrecon batch INPUT... -o OUTDIR [options]\n\n" << opts << kBatchExamples;
    return kExitOk;
  }
  if (inputs.empty()) throw po::error("batch needs at least one INPUT (see pdfrecon batch --help)");
  if (out_dir.empty()) throw po::error("batch needs -o OUTDIR (see pdfrecon batch --help)");

  BatchOptions options;
  options.extract = pipeline_options(pa);
  options.jobs = pa.jobs;
  options.out_dir = out_dir;
  options.resume = vm.count("resume") > 0;
  options.resume_any_version = any_version;
  options.db_path = db;
  options.tool_version = kVersion;
  std::pair<int, int> slice{0, 1};
  if (vm.count("shard")) slice = parse_shard(shard);
  options.review = vm.count("review") > 0;

  std::vector<BatchInput> files = collect_inputs(inputs, &std::cin);
  if (vm.count("shard")) {
    size_t all = files.size();
    files = select_shard(files, slice.first, slice.second);
    if (!vm.count("quiet"))
      std::cerr << "pdfrecon: shard " << slice.first << "/" << slice.second << ": " << files.size()
                << " of " << all << " files\n";
  }
  if (files.empty()) std::cerr << "pdfrecon: note: no PDF files found in the inputs\n";
  BatchProgress progress(files, stderr_is_terminal(), vm.count("quiet") > 0, std::cerr);
  BatchSummary summary;
  try {
    summary = run_batch(files, options, progress.events());
  } catch (const BatchSetupError& e) {
    fail_line("", e.what());
    return kExitInput;
  }
  progress.finish(summary);
  if (!summary.index_error.empty()) {
    fail_line("", summary.index_error);
    return kExitInput;
  }
  if (!combined_csv.empty()) {
    try {
      int left_out = write_combined_csv(combined_csv, summary, out_dir);
      if (left_out > 0) {
        std::cerr << "pdfrecon: --csv " << combined_csv << ": " << left_out
                  << " file(s) without records, or of another profile, left out (their own CSVs "
                     "hold them)\n";
      }
    } catch (const std::exception& e) {
      fail_line("", e.what());
      return kExitInput;
    }
  }
  return summary.failed == 0 && summary.partial == 0 ? kExitOk : kExitInput;
}

int run_merge_db(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "show this help");
  std::vector<std::string> stores;
  po::variables_map vm = parse_command_line(args, opts, stores, -1);
  if (vm.count("help")) {
    std::cout << "Usage: pdfrecon merge-db ALL.sqlite SHARD.sqlite...\n\n"
              << opts
              << "\nCopies every document of each SHARD store (batch --db of one --shard) into\n"
                 "ALL (created if missing), replacing what ALL holds for the same paths: merging\n"
                 "a shard again, or after it was re-run, leaves one copy of each document.\n\n"
                 "Example:\n  pdfrecon merge-db out/all.sqlite out/shard-*.sqlite\n";
    return kExitOk;
  }
  if (stores.size() < 2) {
    throw po::error("merge-db needs ALL.sqlite and at least one SHARD.sqlite (see --help)");
  }
  try {
    RecordStore all = RecordStore::open(stores[0]);
    int documents = 0;
    for (size_t i = 1; i < stores.size(); ++i) documents += all.merge_from(stores[i]);
    std::cerr << "pdfrecon: merge-db: " << documents << " documents from " << stores.size() - 1
              << " stores into " << stores[0] << "\n";
  } catch (const StoreError& e) {
    fail_line("", e.what());
    return kExitInput;
  }
  return kExitOk;
}

int run_verify(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string expected_path;
  PipelineArgs pa;
  // clang-format off
  opts.add_options()
    ("help,h", "show this help")
    ("expected,e", po::value(&expected_path), "expected records: pdfrecon JSON or records CSV; required");
  // clang-format on
  add_pipeline_options(opts, pa, "pages read in parallel (0: the CPUs this process may use)");
  std::string input;
  po::variables_map vm = parse_command_line(args, opts, input, 1);
  if (vm.count("help")) {
    std::cout << "Usage: pdfrecon verify INPUT.pdf --expected FILE [options]\n\n"
              << opts << kVerifyExamples;
    return kExitOk;
  }
  if (input.empty()) throw po::error("verify needs an INPUT.pdf (see pdfrecon verify --help)");
  if (expected_path.empty())
    throw po::error("verify needs --expected FILE (see pdfrecon verify --help)");
  ExtractOptions options = pipeline_options(pa);

  ExpectedRecords expected;
  try {
    expected = load_expected(expected_path, compared_columns(report_profile(options)));
  } catch (const std::exception& e) {
    fail_line("", e.what());
    return kExitInput;
  }
  DocumentResult doc;
  try {
    doc = extract_document(input, options);
  } catch (const InputError& e) {
    fail_line(input, e.what());
    return kExitInput;
  } catch (const std::exception& e) {
    fail_line(input, std::string("cannot be processed: ") + e.what());
    return kExitInput;
  }
  std::vector<Record> got = flat_records(doc);
  if (!doc.records) {
    std::cout << input << ": no records extracted (profile " << doc.profile << ")\n";
  }
  VerifyResult result = compare_records(expected, got);
  std::cout << format_verify(result, expected, got, input) << std::flush;
  return result.ok() ? kExitOk : kExitInput;
}

}  // namespace

// Debian's Tesseract runs on OpenMP, which makes a page several times slower
// on small machines (measured: 13.8 s against 2.9 s for one 300 dpi page on
// 2 cores); pdfrecon parallelises with its own workers instead. OpenMP reads
// OMP_THREAD_LIMIT when the process starts, so the program sets it and runs
// itself again, once. A user's own setting is respected.
static void limit_openmp(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);
  // exec failed (no /proc?): go on, only slower.
}

int main(int argc, char** argv) {
  limit_openmp(argv);
  // A closed pipe is a write error to report, not a silent death.
  ::signal(SIGPIPE, SIG_IGN);
  remove_temp_files_on_signals();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kMainHelp;  // a usage error: the help, on stderr
    return kExitUsage;
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kMainHelp;
    return kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "pdfrecon " << kVersion << "\n";
    return kExitOk;
  }
  std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "extract") return run_extract(args);
    if (command == "batch") return run_batch_command(args);
    if (command == "merge-db") return run_merge_db(args);
    if (command == "verify") return run_verify(args);
    fail_line("", "unknown command '" + command + "' (try pdfrecon --help)");
    return kExitUsage;
  } catch (const po::error& e) {
    fail_line("", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    // Last resort: an unexpected failure is still one line and status 1.
    fail_line("", std::string("internal error: ") + e.what());
    return kExitInput;
  }
}
