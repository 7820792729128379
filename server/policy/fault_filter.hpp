// Scripted faults ([[fault]] rules) at the core's reply exit: a reply_filter that
// lets the first rule that fires at a phase rewrite the answer. It reads the
// core's own transaction state from the event, so it keeps none of its own.
// Transport-level effects travel as reply fields (delay, trickle, silent close,
// stall) or, for the TLS handshake, as a handshake_fault the transport asks for.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policy/clock.hpp"
#include "policy/fault_rules.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "smtp/reply_filter.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::policy {

/// What the transport does before a TLS handshake.
struct handshake_fault {
  bool fail = false;   ///< answer the ClientHello with a handshake_failure alert, then close
  bool close = false;  ///< close without a word
  bool stall = false;  ///< never answer
  std::chrono::milliseconds delay{0};  ///< before any of the above, or before the handshake
};

/// A rule's firings, for the log at exit and the store.
struct fault_firing_count {
  std::size_t rule = 0;  ///< 1-based position in the scenario
  std::string name;
  std::uint64_t occurrences = 0;  ///< events that met the rule's conditions
  std::uint64_t firings = 0;
};

/// The counts of every rule of `model` in `tally` (the caller holds the lock it needs).
[[nodiscard]] std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                                  const fault_tally& tally);
/// The same, read under live.mutex.
[[nodiscard]] std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                                  live_scenario& live);

class fault_filter final : public smtp::reply_filter {
 public:
  /// `diag` gives the session's DIAG suffix at the current time.
  fault_filter(std::shared_ptr<const scenario_model> model, live_scenario& live, const clock& clk,
               std::function<std::string()> diag);

  /// Asked by the transport just before a TLS handshake (stage tls-handshake).
  [[nodiscard]] handshake_fault before_tls_handshake(const smtp::session_facts& s);

  smtp::reply at_exit(const smtp::filter_event& event, smtp::reply answer) override;

 private:
  // Completes `event` from the session and returns the action of the rule that takes it.
  const fault_action* take(fault_event& event, const smtp::session_facts& s);

  std::shared_ptr<const scenario_model> model_;
  live_scenario* live_;
  const clock* clock_;
  std::function<std::string()> diag_;
};

}  // namespace exomock::policy
