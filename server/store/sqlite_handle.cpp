// Opening connections and running statements: the error handling every SQLite
// call needs, written once. Connections are opened NOMUTEX because each one is
// used by a single thread at a time (the writer thread, or under a reader's lock).
#include "store/sqlite_handle.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace exomock::store {

namespace {
constexpr int busy_timeout_ms = 5000;
}

std::string error_text(sqlite3* db) {
  return db == nullptr ? std::string("out of memory") : std::string(sqlite3_errmsg(db));
}

database open_database(const std::filesystem::path& file, bool read_only, std::string& error) {
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (!read_only) {
    // SQLite would create the file 0644; captured mail is for its owner only, and
    // SQLite gives the -wal and -shm files the main file's mode. O_EXCL: only a
    // file that does not exist yet is touched, because closing any descriptor of a
    // file drops every POSIX lock this process holds on it, the locks of the other
    // connections open on it included (a later close could then delete the WAL
    // from under them).
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
    }
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.string().c_str(), &raw, flags, nullptr);
  database db(raw);
  if (rc != SQLITE_OK) {
    error = "cannot open " + file.string() + ": " + error_text(db.get());
    return nullptr;
  }
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  return db;
}

bool exec(sqlite3* db, const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) {
    return true;
  }
  error = message != nullptr ? message : error_text(db);
  sqlite3_free(message);
  return false;
}

statement prepare(sqlite3* db, std::string_view sql, std::string& error) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &raw, nullptr) != SQLITE_OK) {
    error = error_text(db);
    return nullptr;
  }
  return statement(raw);
}

bool query_int(sqlite3* db, const char* sql, std::int64_t& value, std::string& error) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    error = error_text(db);
    return false;
  }
  const statement s(raw);
  const int rc = sqlite3_step(s.get());
  if (rc != SQLITE_ROW) {
    error = rc == SQLITE_DONE ? std::string("no row from: ") + sql : error_text(db);
    return false;
  }
  value = sqlite3_column_int64(s.get(), 0);
  return true;
}

}  // namespace exomock::store
