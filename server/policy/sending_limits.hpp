// One session's view of Exchange Online's sending limits (reference section 2,
// evidence/policy-and-limits.md section 1): it registers the connection as
// submitting from AUTH until it ends, and answers at MAIL, RCPT and end of DATA
// with a catalogue text or nothing. Counters live in live_scenario, under its mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "policy/clock.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "policy/reply_catalogue.hpp"
#include "policy/sending_counters.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::policy {

class sending_limits {
 public:
  /// `model` is the session's own pointer, which outlives this: each AUTH may point
  /// it at the live scenario of the moment, and the limits follow (settings, domains).
  sending_limits(const std::shared_ptr<const scenario_model>& model, live_scenario& shared,
                 const clock& clk, std::uint64_t session_number);
  /// Stops counting the connection as submitting.
  ~sending_limits();
  sending_limits(const sending_limits&) = delete;
  sending_limits& operator=(const sending_limits&) = delete;

  /// AUTH succeeded: from now on the connection counts toward concurrent connections.
  void authenticated(const mailbox& login);
  /// The session is closing: it no longer counts toward concurrent connections.
  void ended();
  /// MAIL: continuous-error throttling (when it answers at MAIL) and the per-minute
  /// rate in its reject form. Starts a new transaction for the RCPT error count.
  [[nodiscard]] std::optional<reply_id> at_mail(const mailbox& login);
  /// A RCPT above RecipientLimits was refused: one too-many-recipients error per message.
  void recipient_refused(const mailbox& login);
  /// A message was refused for a reason that feeds continuous-error throttling.
  void refused(const mailbox& login, error_class c);
  /// End of DATA after the size and send-as checks: concurrency, mailbox full,
  /// throttling, the 24-hour recipient quota, the tenant external limit. On acceptance
  /// the message is counted and its release time booked (see release_time()).
  [[nodiscard]] std::optional<reply_id> at_end_of_data(const mailbox& login,
                                                       const smtp::envelope& e);
  /// When the last accepted message is released for delivery (its receipt time unless
  /// the per-minute rate delayed it).
  [[nodiscard]] time_point release_time() const { return release_; }
  /// The release time of a message accepted without limits (unauthenticated sessions).
  void released_now() { release_ = clock_->now(); }

 private:
  [[nodiscard]] const sending_limit_settings& settings_for(const mailbox& login) const;
  [[nodiscard]] std::optional<reply_id> quotas(const mailbox& login, mailbox_counters& m,
                                               const smtp::envelope& e, time_point now);

  const std::shared_ptr<const scenario_model>* model_;
  live_scenario* shared_;
  const clock* clock_;
  std::uint64_t session_;
  std::string submitting_as_;  // the login registered as submitting, "" before AUTH
  bool recipient_error_noted_ = false;
  time_point release_{};
};

/// The 5.2.25x text for an error class.
[[nodiscard]] reply_id throttled_text(error_class c);

}  // namespace exomock::policy
