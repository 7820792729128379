// A tenant's sending limits as a scenario sets them (reference section 4 and
// evidence/policy-and-limits.md section 1). Data only: sending_limits.* decides
// with it, scenario/limits_reader.cpp fills it; defaults are Exchange Online's.
#pragma once

#include <chrono>
#include <cstdint>

namespace exomock::policy {

/// What happens to a message above the per-minute rate.
enum class message_rate_action : std::uint8_t {
  delay,   ///< accepted; released in a following minute (Exchange since 2021)
  reject,  ///< refused at MAIL, the older documented behaviour
};

/// Where a throttled sender hears about it (the evidence names both).
enum class throttle_reply_stage : std::uint8_t { mail, end_of_data };

/// Continuous-error throttling (5.2.251-5.2.255): after `errors` replies of one error
/// class within `window`, the sender is refused for `period`. Microsoft publishes
/// no numbers: the defaults are *(chosen)*. `errors` = 0 turns it off.
struct throttling_settings {
  std::uint32_t errors = 10;
  std::chrono::seconds window{600};
  std::chrono::seconds period{3600};
  throttle_reply_stage reply_at = throttle_reply_stage::mail;
};

/// Per-mailbox limits except the tenant external recipient limit. 0 turns a limit off.
struct sending_limit_settings {
  std::uint32_t messages_per_minute = 30;
  message_rate_action rate_action = message_rate_action::delay;
  std::uint32_t recipients_per_day = 10000;  ///< sliding 24 h (recipient rate limit)
  std::uint32_t concurrent_connections = 3;  ///< submitting connections, from AUTH to close
  /// Tenant external recipient rate limit (TERRL), sliding 24 h: 500 x licenses^0.7 + 9500,
  /// which is 10,000 for one license.
  std::uint32_t external_recipients_per_day = 10000;
  throttling_settings throttling;
};

}  // namespace exomock::policy
