// The SQLite record store behind `pdfrecon batch --db FILE.sqlite`.
//
// Every processed file becomes one row in `documents`; its pages, tables,
// cells, records and cell corrections go to tables of those names, each row
// with its provenance (document, page, box in PDF points) and confidence.
// The schema, with a comment on every column, is store/schema.sql; it is
// compiled into the program.
//
// - Storing a file again (same absolute path) replaces all of its rows.
// - Each document row says which tool version and options made it.
// - merge_from combines the stores of shards (batch --shard) into one.
// - Each document is written in one transaction: a reader (or a crash) sees
//   all of it or none of it.
// - The database runs in WAL mode, so queries can run during a batch.
// - A file that could not be processed gets a `documents` row with status
//   'failed' and the reason in `error`.
//
// A RecordStore is one SQLite connection: use it from one thread at a time
// (the batch runner serialises its writes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "pdfrecon/document_result.h"

namespace pdfrecon {

// The database cannot be opened or written; what() names the file and the
// SQLite reason.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What made a stored document (StoredStamp of RecordStore::stored_stamp).
struct StoredStamp {
  std::string sha256, tool_version, options_hash;
};

class RecordStore {
 public:
  // Opens (creating if needed) the SQLite database at `path` and applies the
  // schema; a "postgresql://..." URL opens that PostgreSQL database instead
  // (the same schema, created when missing).
  static RecordStore open(const std::string& path);

  RecordStore(RecordStore&&) noexcept;
  RecordStore& operator=(RecordStore&&) noexcept;
  ~RecordStore();

  // Stores `doc`, read from the file at `path`, replacing whatever was stored
  // for that path. Returns the new documents.id.
  int64_t put_document(const std::string& path, const DocumentResult& doc);

  // Records that `path` could not be processed (`sha256` may be empty when
  // the file could not even be read). Replaces earlier rows for the path.
  int64_t put_failure(const std::string& path, const std::string& sha256, const std::string& error,
                      const std::string& tool_version = "", const std::string& options_hash = "");

  // The sha256, tool version and options hash stored for `path` with status
  // 'ok', if any: lets --resume tell whether the database already holds what
  // this run would write.
  std::optional<StoredStamp> stored_stamp(const std::string& path);
  std::optional<std::string> stored_sha256(const std::string& path);

  // Copies every document of the store at `shard_path` (with its pages,
  // tables, cells, records and corrections) into this one, replacing rows
  // this one holds for the same paths, in one transaction: merging a shard
  // twice leaves the rows merging it once did. Returns the documents copied.
  int merge_from(const std::string& shard_path);

  // A database behind the store (store/store_backend.h: SQLite, PostgreSQL).
  struct Impl;

 private:
  explicit RecordStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The schema (store/schema.sql) as compiled in.
const char* record_store_schema();

// "30/11/2023" -> "2023-11"; empty when the date is not day/month/year.
std::string period_from_date(const std::string& fecha);

}  // namespace pdfrecon
