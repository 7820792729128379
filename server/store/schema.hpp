// The database layout and its migrations. PRAGMA user_version records how many
// migration steps a file has had; opening applies the missing ones in order.
// Internal to store/.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/sqlite_handle.hpp"

namespace exomock::store {

/// The user_version this build writes: the number of migration steps it knows.
std::int64_t schema_version();
/// Brings DB up to schema_version() in one transaction; refuses a newer file.
bool migrate(sqlite3* db, std::string& error);
/// For read-only connections: the file must hold a schema this build understands.
bool check_readable(sqlite3* db, std::string& error);
/// A read-only connection to DIR's capture file, checked with check_readable();
/// null with `error` naming the file when there is none or it is not readable.
database open_capture(const std::filesystem::path& dir, std::string& error);

}  // namespace exomock::store
