// Writing and reading table fault_firings (schema step 4), and reading table
// fault_counts (step 10; the indexer writes it). Runs once per server run, so it
// prepares its statements per call rather than keeping them.
#include "store/fault_firing_log.hpp"

#include "store/schema.hpp"
#include "store/sqlite_handle.hpp"
#include "store/timestamp.hpp"

namespace exomock::store {

namespace {

constexpr std::string_view insert_sql =
    "INSERT INTO fault_firings (recorded, rule, name, occurrences, firings) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

bool insert_all(sqlite3* db, const std::string& recorded, const std::vector<fault_firing_row>& rows,
                std::string& error) {
  const statement insert = prepare(db, insert_sql, error);
  if (!insert) {
    return false;
  }
  for (const fault_firing_row& r : rows) {
    const statement_use use(insert.get());
    bind_text(insert.get(), 1, recorded);
    sqlite3_bind_int64(insert.get(), 2, r.rule);
    bind_text(insert.get(), 3, r.name);
    sqlite3_bind_int64(insert.get(), 4, static_cast<sqlite3_int64>(r.occurrences));
    sqlite3_bind_int64(insert.get(), 5, static_cast<sqlite3_int64>(r.firings));
    if (sqlite3_step(insert.get()) != SQLITE_DONE) {
      error = error_text(db);
      return false;
    }
  }
  return true;
}

}  // namespace

bool record_fault_firings(const std::filesystem::path& dir,
                          std::chrono::system_clock::time_point recorded,
                          const std::vector<fault_firing_row>& rows, std::string& error) {
  database db = open_database(dir / "exomock.sqlite3", false, error);
  if (!db || !migrate(db.get(), error)) {
    return false;
  }
  if (!exec(db.get(), "BEGIN IMMEDIATE", error)) {
    return false;
  }
  if (insert_all(db.get(), iso8601_utc_ms(recorded), rows, error) &&
      exec(db.get(), "COMMIT", error)) {
    return true;
  }
  std::string ignored;
  exec(db.get(), "ROLLBACK", ignored);
  return false;
}

namespace {

// Rows of `sql`, whose columns are recorded, rule, name, occurrences, firings.
std::optional<std::vector<fault_firing_row>> read_rows(const std::filesystem::path& dir,
                                                       std::string_view sql, std::string& error) {
  database db = open_capture(dir, error);
  if (!db) {
    return std::nullopt;
  }
  const statement select = prepare(db.get(), sql, error);
  if (!select) {
    return std::nullopt;
  }
  std::vector<fault_firing_row> out;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    fault_firing_row r;
    r.recorded = column_bytes(select.get(), 0);
    r.rule = sqlite3_column_int64(select.get(), 1);
    r.name = column_bytes(select.get(), 2);
    r.occurrences = static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 3));
    r.firings = static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 4));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::optional<std::vector<fault_firing_row>> read_fault_counts(const std::filesystem::path& dir,
                                                               std::string& error) {
  return read_rows(
      dir, "SELECT '', rule, name, occurrences, firings FROM fault_counts ORDER BY rule", error);
}

std::optional<std::vector<fault_firing_row>> read_fault_firings(const std::filesystem::path& dir,
                                                                std::string& error) {
  return read_rows(
      dir, "SELECT recorded, rule, name, occurrences, firings FROM fault_firings ORDER BY row",
      error);
}

}  // namespace exomock::store
