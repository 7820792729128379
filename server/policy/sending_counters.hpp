// The counters behind Exchange Online's sending limits, one set per mailbox and
// per tenant, and the pure functions that read and advance them. They live in
// live_scenario (every session sees them); callers hold live_scenario::mutex.
// Every function takes `now` from the injected clock, so tests cross minutes and days at will.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/limit_settings.hpp"

namespace exomock::policy {

using time_point = std::chrono::system_clock::time_point;

/// The error classes of continuous-error throttling, in 5.2.251-5.2.255 order.
enum class error_class : std::uint8_t {
  mailbox_full,
  send_as_denied,
  invalid_license,
  too_many_recipients,
  invalid_recipients,
};
inline constexpr std::size_t error_class_count = 5;

/// A count at a moment, for the sliding 24-hour windows.
struct dated_count {
  time_point at;
  std::uint32_t count = 0;
};

struct mailbox_counters {
  /// Messages released per clock minute (minutes since the epoch), for 30 per minute.
  std::map<std::int64_t, std::uint32_t> released_per_minute;
  std::deque<dated_count> recipients;     ///< accepted messages, oldest first
  std::vector<std::uint64_t> submitting;  ///< session numbers from AUTH to close, AUTH order
  std::array<std::deque<time_point>, error_class_count> errors;  ///< per class, oldest first
  std::optional<error_class> throttled_for;
  time_point throttled_until{};
};

struct tenant_counters {
  std::deque<dated_count> external_recipients;  ///< accepted messages, oldest first
};

struct sending_counters {
  std::map<std::string, mailbox_counters, std::less<>> mailboxes;  ///< by lower-case address
  std::map<std::string, tenant_counters, std::less<>> tenants;     ///< by tenant name
};

/// Counters of a mailbox (created empty on first use).
[[nodiscard]] mailbox_counters& counters_of(sending_counters& all, std::string_view mailbox);

/// A connection starts (AUTH) or stops (close) counting as submitting for the mailbox.
void register_submitter(mailbox_counters& m, std::uint64_t session);
void unregister_submitter(mailbox_counters& m, std::uint64_t session);
/// The session is not among the first `limit` submitting connections (432 4.3.2).
[[nodiscard]] bool concurrency_exceeded(const mailbox_counters& m, std::uint64_t session,
                                        std::uint32_t limit);

/// The current minute already released `limit` messages (the reject behaviour's test).
[[nodiscard]] bool minute_full(mailbox_counters& m, std::uint32_t limit, time_point now);
/// Books a message into the first minute from now with room and returns its release
/// time: `now` when the current minute has room, else the start of a later minute.
[[nodiscard]] time_point reserve_release(mailbox_counters& m, std::uint32_t limit, time_point now);

/// Sum of the counts within the 24 hours before `now`; older entries are dropped.
[[nodiscard]] std::uint64_t sum_last_day(std::deque<dated_count>& window, time_point now);
/// `sum_last_day + more` is above `limit` (0: no limit).
[[nodiscard]] bool day_quota_exceeded(std::deque<dated_count>& window, std::uint32_t limit,
                                      std::uint32_t more, time_point now);
void record_day_count(std::deque<dated_count>& window, std::uint32_t count, time_point now);

/// The class the sender is throttled for at `now`, if any.
[[nodiscard]] std::optional<error_class> throttled(const mailbox_counters& m, time_point now);
/// Notes one error of class `c`; the `errors`th within `window` throttles the sender for `period`.
void record_error(mailbox_counters& m, error_class c, const throttling_settings& s, time_point now);

/// How many of `recipients` are outside `accepted_domains` (the tenant's).
[[nodiscard]] std::uint32_t count_external(const std::vector<std::string>& recipients,
                                           const std::vector<std::string>& accepted_domains);

}  // namespace exomock::policy
