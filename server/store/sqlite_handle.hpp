// RAII owners for SQLite connections and statements, plus the few call
// wrappers the store needs. Internal to store/: the only header that includes
// sqlite3.h, so nothing outside this folder ever sees SQLite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace exomock::store {

struct database_closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using database = std::unique_ptr<sqlite3, database_closer>;

struct statement_finalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using statement = std::unique_ptr<sqlite3_stmt, statement_finalizer>;

/// Resets a reused statement on scope exit. A statement left mid-step keeps its
/// read snapshot open, which would stop WAL checkpoints, so every use ends here.
class statement_use {
 public:
  explicit statement_use(sqlite3_stmt* s) noexcept : s_(s) {}
  ~statement_use() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  statement_use(const statement_use&) = delete;
  statement_use& operator=(const statement_use&) = delete;
  [[nodiscard]] sqlite3_stmt* get() const noexcept { return s_; }

 private:
  sqlite3_stmt* s_;
};

/// Opens FILE read-write (creating it) or read-only, with a busy timeout.
database open_database(const std::filesystem::path& file, bool read_only, std::string& error);
/// Runs one or more statements that return no rows.
bool exec(sqlite3* db, const char* sql, std::string& error);
/// Prepares a statement meant to be kept and reused.
statement prepare(sqlite3* db, std::string_view sql, std::string& error);
/// The integer result of a one-row, one-column query such as "PRAGMA user_version".
bool query_int(sqlite3* db, const char* sql, std::int64_t& value, std::string& error);
/// The connection's current error text, for messages to the operator.
std::string error_text(sqlite3* db);

/// Binds a string that outlives the statement's step: SQLite does not copy it.
/// The pointer is never null (std::string::data()), so "" stays "" and not NULL.
inline int bind_text(sqlite3_stmt* s, int index, std::string_view text) {
  return sqlite3_bind_text64(s, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}
inline int bind_blob(sqlite3_stmt* s, int index, std::string_view bytes) {
  return bytes.empty() ? sqlite3_bind_zeroblob(s, index, 0)
                       : sqlite3_bind_blob64(s, index, bytes.data(), bytes.size(), SQLITE_STATIC);
}

/// A TEXT or BLOB column as bytes, embedded NULs included; NULL reads as "".
inline std::string column_bytes(sqlite3_stmt* s, int column) {
  const void* p = sqlite3_column_blob(s, column);
  const int n = sqlite3_column_bytes(s, column);
  return p == nullptr ? std::string{} : std::string(static_cast<const char*>(p), n);
}

}  // namespace exomock::store
