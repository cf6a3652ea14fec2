// What a database behind RecordStore implements (record_store.h), and the
// values both backends store, computed once. Private to store/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "pdfrecon/record_store.h"

namespace pdfrecon {

// Paths are absolute and normalised by RecordStore before they get here.
struct RecordStore::Impl {
  virtual ~Impl() = default;
  // Each call is one transaction that replaces the rows of `path`.
  virtual int64_t put_document(const std::string& path, const std::string& file,
                               const DocumentResult& doc) = 0;
  virtual int64_t put_failure(const std::string& path, const std::string& file,
                              const std::string& sha256, const std::string& error,
                              const std::string& tool_version, const std::string& options_hash) = 0;
  virtual std::optional<StoredStamp> stored_stamp(const std::string& path) = 0;
  virtual int merge_from(const std::string& shard_path) = 0;
};

namespace detail {

// A documents row's values for a processed document.
struct DocumentValues {
  std::string fecha, period, periodicidad, unidad, metadata_json, warnings_json;
};
DocumentValues document_values(const DocumentResult& doc);

// A record's profile fields as a JSON object, and ';'-joined lists.
std::string record_fields_json(const DocumentResult& doc, const Record& r);
std::string join_flags(const std::vector<std::string>& flags);

// Now, UTC, ISO 8601 ("2026-12-01T18:40:00Z").
std::string utc_now();

// True for a --db that names a PostgreSQL server ("postgresql://...",
// "postgres://..."), not a file.
bool is_postgres_url(const std::string& db);

// Connects to PostgreSQL and creates the schema (schema.sql, translated)
// when missing. Throws StoreError.
std::unique_ptr<RecordStore::Impl> open_postgres_store(const std::string& url);

}  // namespace detail
}  // namespace pdfrecon
