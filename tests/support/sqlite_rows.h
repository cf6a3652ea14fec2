// The rows of a query on an SQLite file, as text: for tests that compare
// stores.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace pdfrecon::testing {

// The rows of `sql` on `db` (opened read-only), each row's columns joined
// by '|', NULL as "NULL".
inline std::vector<std::string> sqlite_rows(const std::filesystem::path& db,
                                            const std::string& sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  std::vector<std::string> out;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      if (c) row += '|';
      row += t ? t : "NULL";
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

}  // namespace pdfrecon::testing
