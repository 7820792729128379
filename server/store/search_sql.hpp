// A mailbox_query as a WHERE clause over the messages table and the values to
// bind to its parameters, in order. Internal to store/: the clause holds only
// text written here, every value from a request travels as a parameter.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/mailbox_query.hpp"

namespace exomock::store {

struct search_sql {
  std::string where;  ///< "1" when the query has no terms
  std::vector<std::variant<std::int64_t, std::string>> values;

  /// Binds the values to parameters 1..N of `st` (the clause's own "?"s, in order).
  void bind(sqlite3_stmt* st) const;
};

[[nodiscard]] search_sql compile_search(const mailbox_query& query);

}  // namespace exomock::store
