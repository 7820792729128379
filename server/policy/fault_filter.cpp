// Each filter phase of the core is one fault stage; the greeting is connect, the
// 220 to STARTTLS is starttls, the 354 is data, the final AUTH reply is auth, and
// the message's final reply is end-of-data. The core's own refusals never reach
// the filter. Before AUTH succeeds the event's login is the identity offered.
#include "policy/fault_filter.hpp"

#include <mutex>
#include <utility>

namespace exomock::policy {

namespace {

fault_stage stage_of(smtp::filter_phase phase) {
  using smtp::filter_phase;
  switch (phase) {
    case filter_phase::connect:
      return fault_stage::connect;
    case filter_phase::hello:
      return fault_stage::hello;
    case filter_phase::starttls:
      return fault_stage::starttls;
    case filter_phase::auth:
      return fault_stage::auth;
    case filter_phase::mail_from:
      return fault_stage::mail;
    case filter_phase::rcpt_to:
      return fault_stage::rcpt;
    case filter_phase::data:
      return fault_stage::data;
    case filter_phase::bdat_chunk:
      return fault_stage::bdat;
    case filter_phase::commit:
      return fault_stage::end_of_data;
    case filter_phase::rset:
      return fault_stage::rset;
    case filter_phase::quit:
      return fault_stage::quit;
  }
  return fault_stage::connect;
}

}  // namespace

std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                    const fault_tally& tally) {
  std::vector<fault_firing_count> out;
  for (std::size_t i = 0; i < model.faults.size(); ++i) {
    fault_firing_count c;
    c.rule = i + 1;
    c.name = model.faults[i].name;
    c.occurrences = i < tally.occurrences.size() ? tally.occurrences[i] : 0;
    c.firings = i < tally.firings.size() ? tally.firings[i] : 0;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                    live_scenario& live) {
  const std::lock_guard lock(live.mutex);
  return fault_firing_counts(model, live.faults);
}

fault_filter::fault_filter(std::shared_ptr<const scenario_model> model, live_scenario& live,
                           const clock& clk, std::function<std::string()> diag)
    : model_(std::move(model)), live_(&live), clock_(&clk), diag_(std::move(diag)) {}

const fault_action* fault_filter::take(fault_event& event, const smtp::session_facts& s) {
  event.listener = s.connection.listener;
  event.client_ip = s.connection.client_ip;
  event.now = clock_->now();
  std::optional<std::size_t> index;
  std::optional<fault_tally> changed;  // copied under the lock, told after it
  live_scenario::fault_counts_hook tell;
  {
    const std::lock_guard lock(live_->mutex);
    const std::uint64_t before = live_->faults.changes;
    index = select_fault(model_->faults, live_->faults, event, model_->server.seed);
    if (live_->faults.changes != before && live_->fault_counts_changed) {
      changed = live_->faults;
      tell = live_->fault_counts_changed;
    }
  }
  // Outside the lock every session, AUTH and admin call shares: the hook may write
  // to disk. Still before this reply goes out, and with the rules this session
  // counts by (an admin change or reload may have replaced the scenario's).
  if (changed) {
    tell(*model_, *changed);
  }
  return index ? &model_->faults[*index].action : nullptr;
}

smtp::reply fault_filter::at_exit(const smtp::filter_event& e, smtp::reply answer) {
  if (model_->faults.empty()) {
    return answer;
  }
  fault_event event;
  event.stage = stage_of(e.phase);
  event.login = e.login;
  if (e.transaction != nullptr) {
    event.sender = e.transaction->reverse_path;
    for (const smtp::recipient& each : e.transaction->recipients) {
      event.recipients.push_back(each.forward_path);
    }
  }
  if (e.added != nullptr) {
    event.recipients = {e.added->forward_path};  // at RCPT the rule looks at the new recipient
  }
  const fault_action* a = take(event, *e.facts);
  if (a == nullptr) {
    return answer;
  }
  return apply_fault(*a, std::move(answer), a->diag ? diag_() : std::string{},
                     model_->server.error_delay);
}

handshake_fault fault_filter::before_tls_handshake(const smtp::session_facts& s) {
  handshake_fault out;
  if (model_->faults.empty()) {
    return out;
  }
  fault_event event;
  event.stage = fault_stage::tls_handshake;
  event.login = s.login.value_or("");
  if (const fault_action* a = take(event, s)) {
    out.fail = a->kind == fault_kind::fail_tls_handshake;
    out.close = a->kind == fault_kind::close;
    out.stall = a->kind == fault_kind::stall;
    out.delay = a->delay;
  }
  return out;
}

}  // namespace exomock::policy
