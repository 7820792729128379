// What the SMTP side of a server has done, for /metrics: sessions, AUTH
// outcomes, replies, and what became of messages. live_scenario holds one for
// the whole server; each count is made where its event happens (exchange_session,
// exchange_connection, sending_limits, and net for sessions), never by I/O here.
#pragma once

#include <string>

#include "policy/event_counter.hpp"

namespace exomock::policy {

struct auth_decision;

struct traffic_counters {
  /// listener, tls_version ("none" in plain text); counted when a session ends.
  labelled_counter<2> sessions;
  /// outcome ("success", "failure"), reason (see auth_reason).
  labelled_counter<2> auth_attempts;
  /// Every reply written to a client, fault rules' rewrites included.
  reply_code_counter replies;
  /// Messages stored durably after end of DATA, and their bytes.
  event_counter messages_accepted;
  event_counter accepted_bytes;
  /// Messages refused at end of DATA, or whose store failed.
  event_counter messages_rejected;
  /// Messages refused by a sending limit (throttling, rate, quota, concurrency).
  event_counter messages_throttled;
  /// Messages accepted but released in a later minute by the per-minute rate.
  event_counter messages_delayed;
};

/// The reason label of an AUTH decision: "ok" for a success; "AADSTS" and the
/// code when Entra refused the sign-in; otherwise Exchange's own refusal, named
/// after its reply ("disabled_for_tenant", "basic_retired", "tls_legacy_unsupported"...).
[[nodiscard]] std::string auth_reason(const auth_decision& d);

}  // namespace exomock::policy
