// exchange_session: maps each question of the protocol core to the reply
// catalogue and the pure checks (auth_checks, submission_checks). It owns the
// per-session state only: SID, seeded generator, sign-in events.
#include "policy/exchange_session.hpp"

#include <algorithm>
#include <optional>
#include <random>

#include "policy/address.hpp"
#include "policy/endpoint_names.hpp"
#include "policy/join.hpp"
#include "policy/mx_checks.hpp"
#include "policy/sending_limits.hpp"
#include "policy/sign_in_attempt.hpp"
#include "policy/splitmix64.hpp"
#include "policy/submission_checks.hpp"
#include "smtp/message_header.hpp"

namespace exomock::policy {

smtp::session_config session_config_for(const listener_config& listener) {
  smtp::session_config c;
  // SIZE advertised by the endpoint, whatever the mailbox limit.
  c.max_message_size = names_for({}, listener.kind).advertised_size;
  c.tls_from_start = listener.kind == listener_kind::implicit_tls;
  c.starttls_available = !c.tls_from_start;
  c.auth_available = listener.kind != listener_kind::mx;
  c.auth_requires_tls = true;
  c.mail_requires_tls = listener.require_tls;
  c.mail_requires_auth = listener.require_auth;
  c.auth_mechanisms =
      c.auth_available ? std::vector<std::string>{"LOGIN", "XOAUTH2"} : std::vector<std::string>{};
  return c;
}

struct exchange_session::impl {
  impl(std::shared_ptr<const scenario_model> m, const listener_config& l, const clock& clk,
       std::uint64_t session_number, live_scenario* shared_with, const token_verifier* verifier)
      : own_state(shared_with ? nullptr : std::make_unique<live_scenario>()),
        shared(shared_with ? shared_with : own_state.get()),
        tokens(verifier),
        model(std::move(m)),
        listener(l),
        config(session_config_for(l)),
        now(&clk),
        replies(model->server.identity,
                make_session_id(clk.now(), model->server.seed, session_number), clk,
                model->server.error_delay, l.kind),
        rng_seed(splitmix64(model->server.seed ^ splitmix64(session_number))),
        limits(model, *shared, clk, session_number) {}

  const mailbox* login(const smtp::session_facts& s) const {
    return s.login ? model->find_mailbox(*s.login) : nullptr;
  }

  std::unique_ptr<live_scenario> own_state;  // only when no server-wide state was given
  live_scenario* shared;
  const token_verifier* tokens;  // nullptr: only the scenario's opaque tokens are accepted
  std::shared_ptr<const scenario_model> model;
  listener_config listener;
  smtp::session_config config;
  const clock* now;
  reply_catalogue replies;
  // Seeding a Mersenne Twister fills 2.5 KB of state: done on first use, since
  // most sessions never generate an id (the client sends its own Message-ID).
  std::uint64_t rng_seed;
  std::optional<std::mt19937_64> rng_state;
  std::mt19937_64& rng() {
    if (!rng_state) {
      rng_state.emplace(rng_seed);
    }
    return *rng_state;
  }
  std::vector<sign_in_event> sign_ins;
  bool sign_in_awaits_reply = false;  // the last sign-in's AUTH has not been answered yet
  sending_limits limits;              // last: it unregisters from `shared` before that may go
};

exchange_session::exchange_session(std::shared_ptr<const scenario_model> model,
                                   const listener_config& listener, const clock& clk,
                                   std::uint64_t session_number, live_scenario& shared,
                                   const token_verifier* tokens)
    : impl_(std::make_unique<impl>(std::move(model), listener, clk, session_number, &shared,
                                   tokens)) {}

exchange_session::exchange_session(std::shared_ptr<const scenario_model> model,
                                   const listener_config& listener, const clock& clk,
                                   std::uint64_t session_number)
    : impl_(std::make_unique<impl>(std::move(model), listener, clk, session_number, nullptr,
                                   nullptr)) {}

exchange_session::~exchange_session() = default;

const std::string& exchange_session::session_id() const {
  return impl_->replies.session_id();
}

const std::vector<sign_in_event>& exchange_session::sign_in_events() const {
  return impl_->sign_ins;
}

std::chrono::system_clock::time_point exchange_session::release_time() const {
  return impl_->limits.release_time();
}

std::string exchange_session::diag_suffix() const {
  return impl_->replies.diag_suffix();
}

smtp::reply exchange_session::fixed(smtp::reply_kind kind, const smtp::session_facts& /*s*/) {
  using smtp::reply_kind;
  const reply_catalogue& r = impl_->replies;
  switch (kind) {
    case reply_kind::greeting:
      return r.make(reply_id::greeting);
    case reply_kind::starttls_ready:
      return r.make(reply_id::starttls_ready);
    case reply_kind::auth_login_username:
      return r.make(reply_id::auth_username_prompt);
    case reply_kind::auth_login_password:
      return r.make(reply_id::auth_password_prompt);
    case reply_kind::auth_xoauth2_challenge:
    case reply_kind::auth_plain_challenge:
      return r.make(reply_id::auth_empty_challenge);
    case reply_kind::data_start:
      return r.make(reply_id::data_start);
    case reply_kind::bdat_chunk_accepted:
      return r.make(reply_id::bdat_chunk_received);
    case reply_kind::reset:
      return r.make(reply_id::resetting);
    case reply_kind::noop:
      return r.make(reply_id::noop_ok);
    // The core closes after each of these three: the connection stops counting as
    // submitting before its client reads the reply, so a client that closes one
    // connection and reuses another never meets its own closed one's 432.
    case reply_kind::quit:
      impl_->limits.ended();
      return r.make(reply_id::closing);
    case reply_kind::idle_timeout:
      impl_->limits.ended();
      return r.make(reply_id::connection_timed_out);
    case reply_kind::shutting_down:
      impl_->limits.ended();
      return r.make(reply_id::service_not_active);
    case reply_kind::vrfy:
      return r.make(reply_id::cannot_vrfy);
    case reply_kind::expn:
      return r.make(reply_id::expn_not_implemented);
    case reply_kind::help:
      return r.make(reply_id::help);
  }
  return r.make(reply_id::bad_sequence);
}

namespace {

reply_id syntax_error_text(std::string_view verb) {
  if (iequals(verb, "EHLO") || iequals(verb, "HELO")) {
    return reply_id::invalid_domain_name;
  }
  if (iequals(verb, "MAIL")) {
    return reply_id::invalid_sender_address;
  }
  if (iequals(verb, "RCPT")) {
    return reply_id::invalid_recipient_address;
  }
  return reply_id::invalid_arguments;
}

// Errors whose reply takes no argument.
reply_id plain_refusal(smtp::protocol_error error) {
  using smtp::protocol_error;
  switch (error) {
    case protocol_error::command_too_long:
      return reply_id::command_too_long;
    case protocol_error::parameter_not_recognized:
      return reply_id::unrecognized_parameter;
    case protocol_error::parameter_invalid:
      return reply_id::invalid_arguments;
    case protocol_error::need_hello:
      return reply_id::need_hello;
    case protocol_error::need_mail:
      return reply_id::need_mail;
    case protocol_error::need_rcpt:
      return reply_id::need_rcpt;
    case protocol_error::sender_already_specified:
      return reply_id::sender_already_specified;
    case protocol_error::auth_mechanism_unsupported:
      return reply_id::auth_unrecognized_type;
    case protocol_error::already_authenticated:
      return reply_id::auth_already_specified;
    case protocol_error::auth_cancelled:
      return reply_id::auth_cancelled;
    case protocol_error::auth_invalid_base64:
      return reply_id::auth_cannot_decode;
    case protocol_error::auth_malformed:
      return reply_id::auth_unsuccessful;
    case protocol_error::tls_required:
      return reply_id::starttls_required;
    case protocol_error::auth_required:
      return reply_id::not_authenticated;
    case protocol_error::size_exceeds_fixed_maximum:
    case protocol_error::message_too_big:
      return reply_id::size_exceeds_fixed_maximum;
    case protocol_error::text_line_too_long:
      return reply_id::invalid_content;
    // The front end's proxy-failure text, which Exchange also gives at end of DATA
    // (reference section 2) *(chosen for a failed durable store)*.
    case protocol_error::storage_failed:
      return reply_id::temporary_server_error;
    // (chosen) generic on-prem sequence texts.
    case protocol_error::auth_in_transaction:
    case protocol_error::binarymime_requires_bdat:
    case protocol_error::bad_sequence:
    default:
      return reply_id::bad_sequence;
  }
}

// A client's Message-ID is echoed only when it is printable ASCII, as reply text must be
// (RFC 5321 section 4.2, textstring): a bare CR, an ESC or any other control octet would
// reach the client's log or terminal and `exomock messages`. The generated id replaces it,
// not a cleaned copy, which would look like the client's own yet name no message anywhere.
bool echoable_message_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
  });
}

// RFC 5321 section 4.5.3.1.5: a reply line is at most 512 octets, "NNN " and CRLF included.
bool fits_reply_lines(const smtp::reply& r) {
  constexpr std::size_t max_reply_line = 512;
  return std::all_of(r.lines.begin(), r.lines.end(),
                     [](const std::string& line) { return line.size() + 6 <= max_reply_line; });
}

// The author SendAsDenied names comes from a header field, not an SMTP path the command
// grammar checked: its control and non-ASCII octets (a NUL, a bare CR, an ESC) become '?',
// and past 200 octets it is cut with "...", so that the reply stays printable text and its
// one line within 512 octets (RFC 5321 sections 4.2 and 4.5.3.1.5; the rest of the line
// and a login take at most 306). Found by fuzz/smtp_core.
std::string echoed_author(std::string_view address) {
  constexpr std::size_t most = 200;
  std::string out;
  for (const char c : address.substr(0, most)) {
    const auto octet = static_cast<unsigned char>(c);
    out += octet >= 0x20 && octet < 0x7F ? c : '?';
  }
  if (address.size() > most) {
    out.replace(most - 3, 3, "...");
  }
  return out;
}

std::string unrecognized(std::string_view first_word) {
  return first_word.empty() ? "unknown" : "Length: " + std::to_string(first_word.size());
}

}  // namespace

smtp::reply exchange_session::refuse(smtp::protocol_error error, std::string_view detail,
                                     const smtp::session_facts& s) {
  using smtp::protocol_error;
  const reply_catalogue& r = impl_->replies;
  switch (error) {
    case protocol_error::unknown_command:
      return r.make(reply_id::unrecognized_command, {{"command", unrecognized(detail)}});
    case protocol_error::syntax_error:
      return r.make(syntax_error_text(detail));
    case protocol_error::non_ascii_address:
      return r.make(iequals(detail, "MAIL") ? reply_id::non_ascii_sender
                                            : reply_id::non_ascii_recipient);
    case protocol_error::starttls_not_available:
      // After TLS: on-prem's text. Without TLS on the listener: an unadvertised verb
      // is an unknown one *(chosen)*.
      return s.tls
                 ? r.make(reply_id::starttls_twice)
                 : r.make(reply_id::unrecognized_command, {{"command", unrecognized("STARTTLS")}});
    default:
      return r.make(plain_refusal(error));
  }
}

smtp::reply exchange_session::hello(const smtp::session_facts& s) {
  const smtp::session_config& c = impl_->config;
  const std::string& ip = s.connection.client_ip;
  if (!s.extended) {
    return impl_->replies.make(reply_id::hello_line, {{"client_ip", ip}});
  }
  const bool offer_starttls = c.starttls_available && !s.tls;
  const bool offer_auth = c.auth_available && (s.tls || !c.auth_requires_tls);
  return impl_->replies.ehlo(ip, offer_starttls, offer_auth ? join(c.auth_mechanisms, " ") : "");
}

smtp::auth_verdict exchange_session::authenticate(const smtp::credentials& c,
                                                  const smtp::session_facts& s) {
  // Each AUTH reads the live scenario as it is now, so an admin's change (admin
  // API, reload) decides the very next attempt, even in a session already open;
  // from there on the session goes on with that snapshot (send-as, sizes,
  // recipients), as one that started after the change would.
  if (auto current = impl_->shared->snapshot()) {
    impl_->model = std::move(current);
  }
  auto request = make_auth_request(*impl_->model, impl_->listener, c, s, impl_->now->now());
  const auth_decision decision = attempt_sign_in(request, *impl_->shared, impl_->tokens);
  impl_->shared->traffic.auth_attempts.add(
      {decision.authenticated ? "success" : "failure", auth_reason(decision)});
  impl_->sign_in_awaits_reply = decision.sign_in.has_value();
  if (decision.sign_in) {
    impl_->sign_ins.push_back(*decision.sign_in);
  }
  smtp::auth_verdict verdict;
  verdict.answer = impl_->replies.make(decision.reply);
  verdict.authenticated = decision.authenticated;
  if (decision.authenticated) {
    verdict.login = request.account->address;
    if (const mailbox* account = impl_->model->find_mailbox(verdict.login)) {
      impl_->limits.authenticated(*account);
    }
  } else if (impl_->model->server.close_after_auth_failure) {
    verdict.answer.close_after = true;
  }
  return verdict;
}

// The sign-in keeps the reply as the client read it: the wire form without CRLF, lines
// joined by LF; nothing when a fault rule closed or stalled instead of sending it.
void exchange_session::auth_answered(const smtp::reply& sent) {
  if (!impl_->sign_in_awaits_reply) {
    return;
  }
  impl_->sign_in_awaits_reply = false;
  if (sent.how != smtp::delivery::normal) {
    return;
  }
  std::string text = sent.wire();
  text.erase(text.size() - 2);  // the last CRLF
  std::erase(text, '\r');
  impl_->sign_ins.back().smtp_reply = std::move(text);
}

smtp::reply exchange_session::mail(const smtp::envelope& /*e*/, const smtp::session_facts& s) {
  // Send-as is checked after DATA, not here (reference section 2); throttling and the
  // per-minute rate in its reject form are.
  if (const mailbox* login = impl_->login(s)) {
    if (const auto refusal = impl_->limits.at_mail(*login)) {
      return impl_->replies.make(*refusal);
    }
  }
  return impl_->replies.make(reply_id::sender_ok);
}

smtp::reply exchange_session::rcpt(const smtp::recipient& r, const smtp::envelope& e,
                                   const smtp::session_facts& s) {
  if (impl_->listener.kind == listener_kind::mx) {
    const auto refusal = mx_recipient_refusal(*impl_->model, s, e.reverse_path, r.forward_path);
    return impl_->replies.make(refusal.value_or(reply_id::recipient_ok));
  }
  const mailbox* login = impl_->login(s);
  if (login != nullptr && too_many_recipients(*login, e.recipients.size())) {
    impl_->limits.recipient_refused(*login);
    return impl_->replies.make(reply_id::too_many_recipients);
  }
  return impl_->replies.make(reply_id::recipient_ok);
}

smtp::message_allowance exchange_session::allowance(const smtp::envelope& /*e*/,
                                                    const smtp::session_facts& s) {
  // A login's MaxSendSize is the largest message judge() can accept; the header is
  // kept beyond it, as header_too_large() is judged first. Sessions without a login
  // (MX, sink listeners) have no mailbox limit: the endpoint's SIZE bounds them.
  if (const mailbox* login = impl_->login(s)) {
    return {login->max_send_size, max_header_size + 4};
  }
  return {};
}

smtp::message_verdict exchange_session::message(const smtp::message_content& m,
                                                const smtp::envelope& e,
                                                const smtp::session_facts& s) {
  smtp::message_verdict v = judge(m, e, s);
  if (!v.accept) {
    impl_->shared->traffic.messages_rejected.add();
  }
  return v;
}

smtp::message_verdict exchange_session::judge(const smtp::message_content& m,
                                              const smtp::envelope& e,
                                              const smtp::session_facts& s) {
  smtp::message_verdict v;
  const reply_catalogue& r = impl_->replies;
  if (header_too_large(m.bytes)) {
    v.answer = r.make(reply_id::header_too_large);
    return v;
  }
  // Unauthenticated sessions (sink listeners) have no mailbox limits or rights.
  if (const mailbox* login = impl_->login(s)) {
    if (exceeds_send_size(*login, m.size())) {
      v.answer = r.make(reply_id::max_submission_exceeded);
      return v;
    }
    const std::vector<std::string> from_fields = smtp::find_headers(m.bytes, "From");
    std::vector<std::string> authors;
    for (const std::string& field : from_fields) {
      for (std::string& address : smtp::all_addresses(field)) {
        authors.push_back(std::move(address));
      }
    }
    const auto denied =
        send_as_violation(*login, e.reverse_path, authors, smtp::find_header(m.bytes, "Sender"));
    if (denied) {
      impl_->limits.refused(*login, error_class::send_as_denied);
      v.answer = r.make(reply_id::send_as_denied,
                        {{"login", login->address}, {"from", echoed_author(*denied)}});
      return v;
    }
    // RFC 5322 section 3.6 allows one From field; see invalid_content in the catalogue.
    if (from_fields.size() > 1) {
      v.answer = r.make(reply_id::invalid_content);
      return v;
    }
    if (const auto refusal = impl_->limits.at_end_of_data(*login, e)) {
      v.answer = r.make(*refusal);
      return v;
    }
  } else {
    impl_->limits.released_now();
  }
  v.accept = true;
  const auto own_id = smtp::find_header(m.bytes, "Message-ID");
  if (own_id && echoable_message_id(*own_id)) {
    v.message_id = own_id->front() == '<' ? *own_id : "<" + *own_id + ">";
    v.answer = accepted(v.message_id);
    if (fits_reply_lines(v.answer)) {
      return v;
    }
  }
  // No Message-ID, or one that cannot be echoed: the id Exchange generates for a message
  // without one, in the reply and in the store alike (the message's bytes keep the header).
  v.message_id = r.generated_message_id(impl_->rng());
  v.answer = accepted(v.message_id);
  return v;
}

smtp::reply exchange_session::accepted(const std::string& message_id) {
  if (impl_->listener.kind == listener_kind::mx) {
    // Transport's queue id: 14 digits, as in the InternalId of real replies.
    const std::string internal_id =
        std::to_string(10'000'000'000'000ULL + impl_->rng()() % 90'000'000'000'000ULL);
    return impl_->replies.make(reply_id::mx_message_queued,
                               {{"message_id", message_id}, {"internal_id", internal_id}});
  }
  return impl_->replies.make(reply_id::message_accepted, {{"message_id", message_id}});
}

smtp::reply exchange_session::refuse_connection() const {
  return impl_->replies.make(reply_id::too_many_connections);
}

std::string exchange_session::arrival_path(const smtp::envelope& e,
                                           const smtp::session_facts& s) const {
  return policy::arrival_path(*impl_->model, impl_->listener, s, e.reverse_path);
}

}  // namespace exomock::policy
