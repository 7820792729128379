// Scripted faults ([[fault]] rules) around the Exchange session: a session_handler
// that asks the one it wraps, then lets the first rule that fires rewrite the reply.
// Transport-level effects travel as reply fields (delay, trickle, silent close,
// stall) or, for the TLS handshake, as a handshake_fault the transport asks for.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/clock.hpp"
#include "policy/fault_rules.hpp"
#include "policy/model.hpp"
#include "policy/shared_state.hpp"
#include "smtp/session_handler.hpp"

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

/// The counts of every rule of `model`, read under shared.mutex.
[[nodiscard]] std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                                  shared_state& shared);

class fault_injector final : public smtp::session_handler {
 public:
  /// `diag` gives the wrapped session's DIAG suffix at the current time.
  fault_injector(smtp::session_handler& inner, std::shared_ptr<const scenario_model> model,
                 shared_state& shared, const clock& clk, std::function<std::string()> diag);

  /// Asked by the transport just before a TLS handshake (stage tls-handshake).
  [[nodiscard]] handshake_fault before_tls_handshake(const smtp::session_facts& s);

  smtp::reply fixed(smtp::reply_kind kind, const smtp::session_facts& s) override;
  smtp::reply refuse(smtp::protocol_error error, std::string_view detail,
                     const smtp::session_facts& s) override;
  smtp::reply hello(const smtp::session_facts& s) override;
  smtp::auth_verdict authenticate(const smtp::credentials& c,
                                  const smtp::session_facts& s) override;
  smtp::reply mail(const smtp::envelope& e, const smtp::session_facts& s) override;
  smtp::reply rcpt(const smtp::recipient& r, const smtp::envelope& e,
                   const smtp::session_facts& s) override;
  smtp::message_verdict message(const smtp::message_content& m, const smtp::envelope& e,
                                const smtp::session_facts& s) override;
  smtp::reply stored(const smtp::message_verdict& v, const smtp::envelope& e,
                     const smtp::session_facts& s) override;

 private:
  /// The action of the rule that takes this event, or nullptr.
  const fault_action* take(fault_stage stage, const smtp::session_facts& s, std::string_view login,
                           const smtp::envelope* e, const smtp::recipient* r);
  smtp::reply faulted(fault_stage stage, const smtp::session_facts& s, smtp::reply original,
                      const smtp::envelope* e = nullptr, const smtp::recipient* r = nullptr);
  smtp::reply rewrite(const fault_action& a, smtp::reply original) const;

  smtp::session_handler& inner_;
  std::shared_ptr<const scenario_model> model_;
  shared_state* shared_;
  const clock* clock_;
  std::function<std::string()> diag_;
  const fault_action* after_store_ = nullptr;  ///< an end-of-data action for the final 250
  /// The transaction so far, for rules on DATA and BDAT (whose questions carry no envelope).
  smtp::envelope transaction_;
};

}  // namespace exomock::policy
