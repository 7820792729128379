// The live scenario of a server: the snapshot each new session starts from, and
// the counters every session shares (smart lockout, sending limits, fault-rule
// firings). The server owns one; the SMTP connections, and later the HTTP and
// admin layers, read and change the scenario through it. Decisions stay pure
// functions of (snapshot, session facts, clock, these counters), so tests build
// their own. Ports such as the token verifier are not kept here.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "policy/chaos_triggers.hpp"
#include "policy/device_codes.hpp"
#include "policy/fault_rules.hpp"
#include "policy/live_sessions.hpp"
#include "policy/lockout_book.hpp"
#include "policy/model.hpp"
#include "policy/sending_counters.hpp"
#include "policy/traffic_counters.hpp"

namespace exomock::policy {

struct live_scenario {
  live_scenario() = default;
  explicit live_scenario(std::shared_ptr<const scenario_model> model) : model_(std::move(model)) {}

  /// The scenario new sessions start from; a session keeps the one it started with.
  [[nodiscard]] std::shared_ptr<const scenario_model> snapshot() const {
    const std::lock_guard lock(model_mutex_);
    return model_;
  }
  /// Makes `model` the scenario of every session that starts from now on.
  void replace(std::shared_ptr<const scenario_model> model) {
    const std::lock_guard lock(model_mutex_);
    model_ = std::move(model);
  }

  /// Guards the counters below: connections may run on several threads.
  std::mutex mutex;
  /// Smart lockout of every account, across sessions.
  lockout_book lockouts;
  /// Sending-limit counters per mailbox and tenant (sending_limits.*).
  sending_counters sending;
  /// Per [[fault]] rule: matching events and firings.
  fault_tally faults;
  /// Told each change of `faults` with the rules it counts and a copy of the counts,
  /// after `mutex` is released but before the reply the change belongs to goes out,
  /// so a server can keep them durably (unset: nobody). Set before connections start;
  /// the sessions that count run on the server's one I/O thread, so the hook hears
  /// the changes in the order they were counted.
  using fault_counts_hook = std::function<void(const scenario_model&, const fault_tally&)>;
  fault_counts_hook fault_counts_changed;
  /// Mailpit's chaos triggers, once enabled (serve --enable-chaos); nullopt while disabled.
  std::optional<chaos_triggers> chaos;
  /// What the sessions did, for /metrics; synchronised on its own, not by `mutex`.
  traffic_counters traffic;
  /// The token endpoint's device codes; synchronised on its own.
  device_code_book device_codes;
  /// The SMTP sessions open now (GET /api/v1/sessions/live); synchronised on its own.
  live_session_book sessions;

 private:
  mutable std::mutex model_mutex_;
  std::shared_ptr<const scenario_model> model_;
};

}  // namespace exomock::policy
