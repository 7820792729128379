// Order at end of DATA (after header size, MaxSendSize and send-as, which
// exchange_session checks): concurrency (432, transient, so first), mailbox full,
// throttling, the mailbox's 24-hour recipient quota, the tenant's external quota.
// A refused message counts toward no quota; an accepted one books its release minute.
#include "policy/sending_limits.hpp"

#include <mutex>
#include <utility>

namespace exomock::policy {

namespace {

const sending_limit_settings default_settings{};

std::vector<std::string> forward_paths(const smtp::envelope& e) {
  std::vector<std::string> out;
  out.reserve(e.recipients.size());
  for (const smtp::recipient& r : e.recipients) {
    out.push_back(r.forward_path);
  }
  return out;
}

// Counts a sending limit's refusal (every one but mailbox full, which is no limit).
std::optional<reply_id> counted(live_scenario& shared, std::optional<reply_id> refusal) {
  if (refusal && *refusal != reply_id::mailbox_full) {
    shared.traffic.messages_throttled.add();
  }
  return refusal;
}

}  // namespace

reply_id throttled_text(error_class c) {
  switch (c) {
    case error_class::mailbox_full:
      return reply_id::throttled_mailbox_full;
    case error_class::send_as_denied:
      return reply_id::throttled_send_as_denied;
    case error_class::invalid_license:
      return reply_id::throttled_invalid_license;
    case error_class::too_many_recipients:
      return reply_id::throttled_too_many_recipients;
    case error_class::invalid_recipients:
      return reply_id::throttled_invalid_recipients;
  }
  return reply_id::throttled_mailbox_full;
}

sending_limits::sending_limits(const std::shared_ptr<const scenario_model>& model,
                               live_scenario& shared, const clock& clk,
                               std::uint64_t session_number)
    : model_(&model), shared_(&shared), clock_(&clk), session_(session_number) {}

sending_limits::~sending_limits() {
  ended();
}

void sending_limits::ended() {
  if (submitting_as_.empty()) {
    return;
  }
  const std::lock_guard lock(shared_->mutex);
  unregister_submitter(counters_of(shared_->sending, submitting_as_), session_);
  submitting_as_.clear();
}

const sending_limit_settings& sending_limits::settings_for(const mailbox& login) const {
  const tenant* owner = (*model_)->tenant_for(login.address);
  return owner != nullptr ? owner->limits : default_settings;
}

void sending_limits::authenticated(const mailbox& login) {
  const std::lock_guard lock(shared_->mutex);
  if (!submitting_as_.empty()) {
    unregister_submitter(counters_of(shared_->sending, submitting_as_), session_);
  }
  submitting_as_ = login.address;
  register_submitter(counters_of(shared_->sending, login.address), session_);
}

std::optional<reply_id> sending_limits::at_mail(const mailbox& login) {
  recipient_error_noted_ = false;
  const sending_limit_settings& s = settings_for(login);
  const time_point now = clock_->now();
  const std::lock_guard lock(shared_->mutex);
  mailbox_counters& m = counters_of(shared_->sending, login.address);
  if (s.throttling.reply_at == throttle_reply_stage::mail) {
    if (const auto c = throttled(m, now)) {
      return counted(*shared_, throttled_text(*c));
    }
  }
  if (s.rate_action == message_rate_action::reject && minute_full(m, s.messages_per_minute, now)) {
    return counted(*shared_, reply_id::submission_rate_exceeded);
  }
  return std::nullopt;
}

void sending_limits::recipient_refused(const mailbox& login) {
  if (!std::exchange(recipient_error_noted_, true)) {
    refused(login, error_class::too_many_recipients);
  }
}

void sending_limits::refused(const mailbox& login, error_class c) {
  const throttling_settings& s = settings_for(login).throttling;
  const time_point now = clock_->now();
  const std::lock_guard lock(shared_->mutex);
  record_error(counters_of(shared_->sending, login.address), c, s, now);
}

std::optional<reply_id> sending_limits::at_end_of_data(const mailbox& login,
                                                       const smtp::envelope& e) {
  const sending_limit_settings& s = settings_for(login);
  const time_point now = clock_->now();
  std::optional<error_class> error;
  std::optional<reply_id> refusal;
  {
    const std::lock_guard lock(shared_->mutex);
    mailbox_counters& m = counters_of(shared_->sending, login.address);
    if (concurrency_exceeded(m, session_, s.concurrent_connections)) {
      return counted(*shared_, reply_id::concurrent_connections_exceeded);
    }
    if (login.mailbox_full) {
      error = error_class::mailbox_full;
      refusal = reply_id::mailbox_full;
    } else {
      refusal = quotas(login, m, e, now);
    }
    if (!refusal) {
      release_ = reserve_release(m, s.messages_per_minute, now);
      if (release_ > now) {
        shared_->traffic.messages_delayed.add();
      }
      return std::nullopt;
    }
  }
  if (error) {
    refused(login, *error);
  }
  return counted(*shared_, refusal);
}

// Called with the mutex held.
std::optional<reply_id> sending_limits::quotas(const mailbox& login, mailbox_counters& m,
                                               const smtp::envelope& e, time_point now) {
  const sending_limit_settings& s = settings_for(login);
  if (s.throttling.reply_at == throttle_reply_stage::end_of_data) {
    if (const auto c = throttled(m, now)) {
      return throttled_text(*c);
    }
  }
  const auto recipients = static_cast<std::uint32_t>(e.recipients.size());
  if (day_quota_exceeded(m.recipients, s.recipients_per_day, recipients, now)) {
    return reply_id::submission_quota_exceeded;
  }
  const tenant* owner = (*model_)->tenant_for(login.address);
  std::uint32_t external = 0;
  tenant_counters* t = nullptr;
  if (owner != nullptr) {
    external = count_external(forward_paths(e), owner->domains);
    t = &shared_->sending.tenants[owner->name];
    if (day_quota_exceeded(t->external_recipients, s.external_recipients_per_day, external, now)) {
      return reply_id::tenant_external_limit;
    }
  }
  record_day_count(m.recipients, recipients, now);
  if (t != nullptr) {
    record_day_count(t->external_recipients, external, now);
  }
  return std::nullopt;
}

}  // namespace exomock::policy
