// The fault-rule matcher: which [[fault]] rule takes an event of a session, and
// what the rule makes of the reply. Pure: the event carries the clock's time, the
// per-rule counts are passed in (live_scenario holds them, under its mutex), and
// probabilities come from the scenario seed, the rule and the occurrence number.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/fault_rule.hpp"
#include "smtp/reply.hpp"

namespace exomock::policy {

/// One event a rule may act on.
struct fault_event {
  fault_stage stage = fault_stage::connect;
  std::string_view listener;
  std::string_view login;                    ///< "" when unauthenticated
  std::string_view client_ip;                ///< textual
  std::optional<std::string_view> sender;    ///< MAIL FROM ("" for <>), unset before MAIL
  std::vector<std::string_view> recipients;  ///< RCPT: the new one; later stages: all accepted
  std::chrono::system_clock::time_point now;
};

/// Per rule, by index in the scenario: events that met the conditions, and firings.
struct fault_tally {
  std::vector<std::uint64_t> occurrences;
  std::vector<std::uint64_t> firings;
  std::uint64_t changes = 0;  ///< how many times select_fault() counted anything
};

/// Shell-style pattern, ASCII case-insensitive: '*' any run, '?' one character.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);
/// Everything but occurrence and probability: stage, listener, login, sender,
/// recipient, client IP range, time window.
[[nodiscard]] bool conditions_hold(const fault_match& m, const fault_event& e);
/// A uniform draw in [0, 1), a function of its arguments only.
[[nodiscard]] double fault_draw(std::uint64_t seed, std::size_t rule, std::uint64_t occurrence);
/// Whether the rule fires at its `occurrence`th (1-based) matching event.
[[nodiscard]] bool occurrence_fires(const fault_match& m, std::uint64_t occurrence,
                                    std::uint64_t seed, std::size_t rule);
/// Rules are tried in order; each whose conditions hold counts an occurrence, and the
/// first that fires takes the event (later rules do not see it). Returns its index.
[[nodiscard]] std::optional<std::size_t> select_fault(const std::vector<fault_rule>& rules,
                                                      fault_tally& tally, const fault_event& e,
                                                      std::uint64_t seed);

/// The reply a fired rule gives instead of `original`. A replacement (code set) is
/// timed like Exchange's own replies: `error_delay` on 4xx/5xx, plus the rule's delay.
/// `diag` is the DIAG suffix to append when the action asks for it.
[[nodiscard]] smtp::reply apply_fault(const fault_action& a, smtp::reply original,
                                      std::string_view diag, std::chrono::milliseconds error_delay);

/// Whether an action kind makes sense at a stage (fail-tls-handshake only at
/// tls-handshake, which has no reply to replace, trickle or withhold).
[[nodiscard]] bool fault_allowed(fault_kind kind, fault_stage stage);

/// Scenario spellings: "end-of-data", "tls-handshake", "reply-and-close"...
[[nodiscard]] std::string_view stage_name(fault_stage s);
[[nodiscard]] std::optional<fault_stage> parse_stage(std::string_view name);
[[nodiscard]] std::string_view kind_name(fault_kind k);
[[nodiscard]] std::optional<fault_kind> parse_kind(std::string_view name);

}  // namespace exomock::policy
