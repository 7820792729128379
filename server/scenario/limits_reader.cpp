// [tenant.limits]: Exchange Online's defaults unless the file says otherwise;
// 0 turns a count limit off. Durations of the throttling window are whole seconds.
#include "scenario/limits_reader.hpp"

#include "policy/time_text.hpp"

namespace exomock::scenario {

namespace {

std::uint32_t count_or(table_reader& t, std::string_view key, std::uint32_t fallback,
                       std::int64_t max) {
  const auto value = t.integer(key, 0, max);
  return value ? static_cast<std::uint32_t>(*value) : fallback;
}

// A duration of at least one second, for windows and periods.
std::chrono::seconds seconds_or(table_reader& t, std::string_view key,
                                std::chrono::seconds fallback) {
  const auto value = t.duration(key);
  if (!value) {
    return fallback;
  }
  if (*value < std::chrono::seconds{1}) {
    t.report(key, "'" + std::string(key) + "' in " + t.context() + " must be at least \"1s\"");
    return fallback;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(*value);
}

policy::throttling_settings read_throttling(table_reader& t) {
  policy::throttling_settings out;
  out.errors = count_or(t, "errors", out.errors, 1'000'000);
  out.window = seconds_or(t, "window", out.window);
  out.period = seconds_or(t, "period", out.period);
  out.reply_at = t.choice<policy::throttle_reply_stage>(
                      "reply_at", {{"mail", policy::throttle_reply_stage::mail},
                                   {"end-of-data", policy::throttle_reply_stage::end_of_data}})
                     .value_or(out.reply_at);
  t.finish();
  return out;
}

}  // namespace

void read_clock(table_reader& t, policy::server_settings& out) {
  if (const auto start = t.string("clock_start")) {
    out.clock_start = policy::parse_utc_time(*start);
    if (!out.clock_start) {
      t.report("clock_start",
               "'clock_start' in [server] must be a UTC date-time such as "
               "\"2026-11-28T09:00:00Z\"");
    }
  }
  // Above a million the steady clock's nanoseconds would overflow within hours.
  if (const auto rate = t.number("clock_rate", 0.001)) {
    if (*rate > 1'000'000.0) {
      t.report("clock_rate", "'clock_rate' in [server] must be at most 1000000");
    } else {
      out.clock_rate = *rate;
    }
  }
}

policy::sending_limit_settings read_limits(table_reader& t) {
  policy::sending_limit_settings out;
  out.messages_per_minute = count_or(t, "messages_per_minute", out.messages_per_minute, 1'000'000);
  out.rate_action = t.choice<policy::message_rate_action>(
                         "message_rate", {{"delay", policy::message_rate_action::delay},
                                          {"reject", policy::message_rate_action::reject}})
                        .value_or(out.rate_action);
  out.recipients_per_day = count_or(t, "recipients_per_day", out.recipients_per_day, 100'000'000);
  out.concurrent_connections =
      count_or(t, "concurrent_connections", out.concurrent_connections, 100'000);
  out.external_recipients_per_day =
      count_or(t, "external_recipients_per_day", out.external_recipients_per_day, 100'000'000);
  if (const toml::table* throttling = t.table("throttling")) {
    table_reader r(*throttling, "[tenant.limits.throttling]", t.problems());
    out.throttling = read_throttling(r);
  }
  t.finish();
  return out;
}

}  // namespace exomock::scenario
