// Counts a query's matches again and again, as a wait-for-message does after
// every commit, without reading the whole mailbox each time. Ids only grow, and
// most of what a term compares is fixed when a message arrives, so after the
// first full count only the messages since need reading: the old ones keep
// their answer unless one was deleted (the old rows' count tells) or the query
// reads read status or tags (which change: every count is then a full one).
#pragma once

#include <cstdint>

#include "store/mailbox_query.hpp"
#include "store/mailbox_reader.hpp"

namespace exomock::store {

class match_counter {
 public:
  explicit match_counter(mailbox_query query);
  /// How many messages match now: the same figure as search(query).matched.total.
  [[nodiscard]] std::int64_t count(const mailbox_reader& mailbox);

 private:
  mailbox_query query_;
  bool incremental_;
  bool counted_ = false;
  std::int64_t seen_id_ = 0;  // messages up to this id are counted in matched_
  std::int64_t rows_ = 0;     // how many messages had an id up to seen_id_ then
  std::int64_t matched_ = 0;
};

}  // namespace exomock::store
