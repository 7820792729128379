// The Exchange Online personality of one SMTP session: the session_handler
// the core asks for every reply and decision. Pure: it reads the scenario
// snapshot, the injected clock and its own seeded generator, nothing else.
// The snapshot is the one the session started with until its first AUTH; each
// AUTH takes the live scenario's current one, so admin changes apply at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "policy/access_token.hpp"
#include "policy/auth_checks.hpp"
#include "policy/clock.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "smtp/session.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::policy {

/// The core's configuration for a listener of the scenario (TLS, AUTH, limits).
[[nodiscard]] smtp::session_config session_config_for(const listener_config& listener);

class exchange_session final : public smtp::session_handler {
 public:
  /// `session_number` counts connections per process; with the scenario seed it
  /// makes the session id and generated Message-IDs reproducible. `tokens` verifies
  /// XOAUTH2 JWTs; nullptr: only the scenario's opaque tokens are accepted.
  exchange_session(std::shared_ptr<const scenario_model> model, const listener_config& listener,
                   const clock& clk, std::uint64_t session_number, live_scenario& shared,
                   const token_verifier* tokens = nullptr);
  /// A session with state of its own, for tests and tools that run one session.
  exchange_session(std::shared_ptr<const scenario_model> model, const listener_config& listener,
                   const clock& clk, std::uint64_t session_number);
  ~exchange_session() override;

  /// The SID: 16 upper-case hex digits, shown in the banner and every DIAG suffix.
  [[nodiscard]] const std::string& session_id() const;
  /// Entra sign-in events of this session's AUTH attempts (LOGIN and XOAUTH2), oldest first.
  [[nodiscard]] const std::vector<sign_in_event>& sign_in_events() const;
  /// When the last accepted message is released for delivery: its receipt time, or a
  /// later minute when the 30-per-minute rate delayed it (stored with the message).
  [[nodiscard]] std::chrono::system_clock::time_point release_time() const;
  /// The DIAG suffix at the clock's now, for replies scripted by fault rules.
  [[nodiscard]] std::string diag_suffix() const;
  /// The reply for a connection the transport refuses past a listener's connection
  /// limits (421 4.3.2, then close); sent instead of the greeting.
  [[nodiscard]] smtp::reply refuse_connection() const;
  /// How the message of envelope `e` arrived, for the store: "submission",
  /// "direct-send" or "connector:NAME" (policy/mx_checks.hpp).
  [[nodiscard]] std::string arrival_path(const smtp::envelope& e,
                                         const smtp::session_facts& s) const;

  smtp::reply fixed(smtp::reply_kind kind, const smtp::session_facts& s) override;
  smtp::reply refuse(smtp::protocol_error error, std::string_view detail,
                     const smtp::session_facts& s) override;
  smtp::reply hello(const smtp::session_facts& s) override;
  smtp::auth_verdict authenticate(const smtp::credentials& c,
                                  const smtp::session_facts& s) override;
  void auth_answered(const smtp::reply& sent) override;
  smtp::reply mail(const smtp::envelope& e, const smtp::session_facts& s) override;
  smtp::reply rcpt(const smtp::recipient& r, const smtp::envelope& e,
                   const smtp::session_facts& s) override;
  smtp::message_allowance allowance(const smtp::envelope& e, const smtp::session_facts& s) override;
  smtp::message_verdict message(const smtp::message_content& m, const smtp::envelope& e,
                                const smtp::session_facts& s) override;

 private:
  /// The end-of-DATA checks in Exchange's order, then the 250 (message() counts refusals).
  [[nodiscard]] smtp::message_verdict judge(const smtp::message_content& m, const smtp::envelope& e,
                                            const smtp::session_facts& s);
  /// The 250 of an accepted message, sent once the transport has stored it.
  [[nodiscard]] smtp::reply accepted(const std::string& message_id);

  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::policy
