#include "store/match_counter.hpp"

#include <utility>

namespace exomock::store {

match_counter::match_counter(mailbox_query query)
    : query_(std::move(query)), incremental_(!reads_changing_fields(query_)) {}

std::int64_t match_counter::count(const mailbox_reader& mailbox) {
  if (!incremental_) {
    return mailbox.search(query_, 0, 0).matched.total;
  }
  const mailbox_growth now = mailbox.growth_since(seen_id_);
  const bool old_rows_intact = counted_ && now.rows_through_seen == rows_;
  if (old_rows_intact && now.latest_id <= seen_id_) {
    return matched_;
  }
  // The window ends at the newest id of the snapshot `now` came from, so a
  // message stored meanwhile is left for the next count, not counted twice. A
  // deletion after `now` shows in the next count's old-rows figure: it then
  // counts everything again.
  mailbox_query window = query_;
  window.id_at_most = now.latest_id;
  if (old_rows_intact) {
    window.id_above = seen_id_;
  } else {
    matched_ = 0;
  }
  matched_ += mailbox.search(window, 0, 0).matched.total;
  seen_id_ = now.latest_id;
  rows_ = now.rows;
  counted_ = true;
  return matched_;
}

}  // namespace exomock::store
