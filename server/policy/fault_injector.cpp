// Stages map onto the handler's questions: the greeting is connect, the 220 to
// STARTTLS is starttls, the 354 is data, the final AUTH reply is auth, and so on.
// The core's own refusals (grammar, sequence) pass untouched. With no rules the
// injector only forwards, without taking the shared mutex.
#include "policy/fault_injector.hpp"

#include <mutex>
#include <utility>

namespace exomock::policy {

namespace {

std::optional<fault_stage> stage_of(smtp::reply_kind kind) {
  using smtp::reply_kind;
  switch (kind) {
    case reply_kind::greeting:
      return fault_stage::connect;
    case reply_kind::starttls_ready:
      return fault_stage::starttls;
    case reply_kind::data_start:
      return fault_stage::data;
    case reply_kind::bdat_chunk_accepted:
      return fault_stage::bdat;
    case reply_kind::reset:
      return fault_stage::rset;
    case reply_kind::quit:
      return fault_stage::quit;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<fault_firing_count> fault_firing_counts(const scenario_model& model,
                                                    shared_state& shared) {
  std::vector<fault_firing_count> out;
  const std::lock_guard lock(shared.mutex);
  for (std::size_t i = 0; i < model.faults.size(); ++i) {
    fault_firing_count c;
    c.rule = i + 1;
    c.name = model.faults[i].name;
    c.occurrences = i < shared.faults.occurrences.size() ? shared.faults.occurrences[i] : 0;
    c.firings = i < shared.faults.firings.size() ? shared.faults.firings[i] : 0;
    out.push_back(std::move(c));
  }
  return out;
}

fault_injector::fault_injector(smtp::session_handler& inner,
                               std::shared_ptr<const scenario_model> model, shared_state& shared,
                               const clock& clk, std::function<std::string()> diag)
    : inner_(inner),
      model_(std::move(model)),
      shared_(&shared),
      clock_(&clk),
      diag_(std::move(diag)) {}

const fault_action* fault_injector::take(fault_stage stage, const smtp::session_facts& s,
                                         std::string_view login, const smtp::envelope* e,
                                         const smtp::recipient* r) {
  if (model_->faults.empty()) {
    return nullptr;
  }
  fault_event event;
  event.stage = stage;
  event.listener = s.connection.listener;
  event.login = login;
  event.client_ip = s.connection.client_ip;
  if (e != nullptr) {
    event.sender = e->reverse_path;
    for (const smtp::recipient& each : e->recipients) {
      event.recipients.push_back(each.forward_path);
    }
  }
  if (r != nullptr) {
    event.recipients = {r->forward_path};  // at RCPT the rule looks at the new recipient
  }
  event.now = clock_->now();
  const std::lock_guard lock(shared_->mutex);
  const auto index = select_fault(model_->faults, shared_->faults, event, model_->server.seed);
  return index ? &model_->faults[*index].action : nullptr;
}

smtp::reply fault_injector::rewrite(const fault_action& a, smtp::reply original) const {
  return apply_fault(a, std::move(original), a.diag ? diag_() : std::string{},
                     model_->server.error_delay);
}

smtp::reply fault_injector::faulted(fault_stage stage, const smtp::session_facts& s,
                                    smtp::reply original, const smtp::envelope* e,
                                    const smtp::recipient* r) {
  const fault_action* a = take(stage, s, s.login.value_or(""), e, r);
  return a != nullptr ? rewrite(*a, std::move(original)) : original;
}

handshake_fault fault_injector::before_tls_handshake(const smtp::session_facts& s) {
  handshake_fault out;
  if (const fault_action* a =
          take(fault_stage::tls_handshake, s, s.login.value_or(""), nullptr, nullptr)) {
    out.fail = a->kind == fault_kind::fail_tls_handshake;
    out.close = a->kind == fault_kind::close;
    out.stall = a->kind == fault_kind::stall;
    out.delay = a->delay;
  }
  return out;
}

smtp::reply fault_injector::fixed(smtp::reply_kind kind, const smtp::session_facts& s) {
  smtp::reply r = inner_.fixed(kind, s);
  const auto stage = stage_of(kind);
  if (!stage) {
    return r;
  }
  if (*stage == fault_stage::rset) {
    transaction_ = {};
  }
  const bool in_transaction = *stage == fault_stage::data || *stage == fault_stage::bdat;
  return faulted(*stage, s, std::move(r), in_transaction ? &transaction_ : nullptr);
}

smtp::reply fault_injector::refuse(smtp::protocol_error error, std::string_view detail,
                                   const smtp::session_facts& s) {
  if (error == smtp::protocol_error::storage_failed) {
    after_store_ = nullptr;  // the 250 the action was meant for never comes
  }
  return inner_.refuse(error, detail, s);
}

smtp::reply fault_injector::hello(const smtp::session_facts& s) {
  transaction_ = {};
  return faulted(fault_stage::hello, s, inner_.hello(s));
}

smtp::auth_verdict fault_injector::authenticate(const smtp::credentials& c,
                                                const smtp::session_facts& s) {
  smtp::auth_verdict v = inner_.authenticate(c, s);
  // Before AUTH succeeds the session has no login: rules match the identity offered.
  if (const fault_action* a = take(fault_stage::auth, s, c.identity, nullptr, nullptr)) {
    v.answer = rewrite(*a, std::move(v.answer));
    if (v.answer.code / 100 != 2) {
      v.authenticated = false;  // a refusal replacing 235 leaves the client logged out
    }
  }
  return v;
}

smtp::reply fault_injector::mail(const smtp::envelope& e, const smtp::session_facts& s) {
  smtp::reply r = faulted(fault_stage::mail, s, inner_.mail(e, s), &e);
  if (r.positive()) {
    transaction_ = e;
  }
  return r;
}

smtp::reply fault_injector::rcpt(const smtp::recipient& r, const smtp::envelope& e,
                                 const smtp::session_facts& s) {
  smtp::reply out = faulted(fault_stage::rcpt, s, inner_.rcpt(r, e, s), &e, &r);
  if (out.positive()) {
    transaction_.recipients.push_back(r);
  }
  return out;
}

// A replacement with a 4xx/5xx code refuses the message (it is not stored); any other
// action waits for the 250 after storage, so a withheld 250 still leaves the message
// captured, as when a real server commits before the connection drops.
smtp::message_verdict fault_injector::message(const smtp::message_content& m,
                                              const smtp::envelope& e,
                                              const smtp::session_facts& s) {
  smtp::message_verdict v = inner_.message(m, e, s);
  after_store_ = nullptr;
  transaction_ = {};  // the transaction ends here, accepted or not
  const fault_action* a = take(fault_stage::end_of_data, s, s.login.value_or(""), &e, nullptr);
  if (a == nullptr) {
    return v;
  }
  if (!v.accept) {
    v.refusal = rewrite(*a, std::move(v.refusal));
  } else if (a->code >= 400) {
    v.accept = false;
    v.refusal = rewrite(*a, smtp::reply{});
  } else {
    after_store_ = a;
  }
  return v;
}

smtp::reply fault_injector::stored(const smtp::message_verdict& v, const smtp::envelope& e,
                                   const smtp::session_facts& s) {
  smtp::reply r = inner_.stored(v, e, s);
  const fault_action* a = std::exchange(after_store_, nullptr);
  return a != nullptr ? rewrite(*a, std::move(r)) : r;
}

}  // namespace exomock::policy
