// What a route may read and change: the capture (through its reader), the live
// scenario and the clock, and whom to tell about changes (the live events).
// Built once per HTTP server and used from its one thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "http/mailbox_events.hpp"
#include "http/scenario_admin.hpp"
#include "http/token_endpoint.hpp"
#include "policy/clock.hpp"
#include "policy/event_counter.hpp"
#include "policy/live_scenario.hpp"
#include "store/audit_reader.hpp"
#include "store/latency_histogram.hpp"
#include "store/mailbox_editor.hpp"
#include "store/mailbox_reader.hpp"
#include "store/message_reader.hpp"
#include "store/message_store.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::http {

/// Facts about this process that /api/v1/info and /readyz report.
struct server_facts {
  std::string version;  ///< e.g. "v0.1.0"
  std::filesystem::path database;
  std::chrono::steady_clock::time_point started;
  /// The process's resident memory in bytes (the app reads /proc); unset reads as 0.
  std::function<std::uint64_t()> resident_memory;
};

struct route_context {
  store::message_reader& reader;   ///< SMTP facts: envelope, sessions, sign-ins, raw bytes
  store::mailbox_reader& mailbox;  ///< Mailpit's view: summaries, counts, tags
  store::mailbox_editor& editor;   ///< read flags, tags, deletions
  policy::live_scenario& live;
  const policy::clock& clock;
  server_facts facts;
  /// The sign-in log and the finished sessions (the Graph and sessions routes).
  store::audit_reader& audit;
  /// Each stored message's commit latency (the store's), for /metrics.
  const store::latency_histogram& commit_latency;
  /// Requests answered, by route pattern and status, for /metrics.
  policy::labelled_counter<2>& http_requests;
  /// Where POST /api/v1/send stores its message.
  store::message_store& store;
  mailbox_events& events = no_mailbox_events();  ///< live clients (/api/events)
  /// The admin API's way to change the scenario; nullptr: the admin routes answer 503.
  scenario_admin* admin = nullptr;
  /// The Entra-shaped token and discovery routes; nullptr: they answer 404.
  const token_endpoint* tokens = nullptr;
  /// Ids of what routes create (a tenant's id, generated domains and passwords):
  /// random GUIDs; tests fix them.
  std::function<std::string()> new_id = [] { return store::new_guid(); };
};

}  // namespace exomock::http
