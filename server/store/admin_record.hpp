// The admin audit's record: one change made through the admin API, the file
// watch or a reload, with the fields it changed as a JSON object whose secret
// values (passwords, app passwords) are already masked by the caller.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace exomock::store {

struct admin_record {
  std::chrono::system_clock::time_point recorded;  ///< scenario time
  std::string operation;                           ///< "Set-CASMailbox"
  std::string target;                              ///< "printer@contoso.com"
  std::string fields;                              ///< JSON object text, secrets masked
};

/// A record as read back: the time already in ISO 8601 UTC form.
struct admin_row {
  std::int64_t row = 0;
  std::string recorded;
  admin_record record;
};

}  // namespace exomock::store
