// The session state machine's spine: the input loop (framing, then one command
// at a time, in order, as RFC 2920 pipelining requires), the legality check,
// and the one exit through which every reply reaches the transcript and the
// actions (OpenSMTPD's smtp_reply()). Decisions that are not RFC grammar go to
// the session_handler.
#include "smtp/session.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "smtp/session_impl.hpp"

namespace exomock::smtp {

session::impl::impl(session_config c, connection_info connection, session_handler& h,
                    reply_filter* f)
    : config(std::move(c)),
      handler(h),
      filter(f),
      text(config.max_text_line),
      content(config.max_message_size) {
  // Line framing needs to see "AUTH " before the limit; no real limit is this small.
  config.max_command_line = std::max<std::size_t>(config.max_command_line, 16);
  facts.connection = std::move(connection);
}

std::vector<action> session::impl::take() {
  return std::exchange(out, {});
}

std::size_t session::impl::run(std::string_view in) {
  std::size_t pos = 0;
  while (!closed && !waiting_tls && !waiting_store) {
    step_result r = step(in.substr(pos));
    pos += r.consumed;
    if (!r.again) {
      break;
    }
  }
  return pos;
}

session::impl::step_result session::impl::step(std::string_view in) {
  switch (reading) {
    case mode::command:
    case mode::auth:
      return read_lines(in);
    case mode::data:
      return read_data(in);
    case mode::chunk:
      return read_chunk(in);
  }
  return {};
}

session::impl::step_result session::impl::read_lines(std::string_view in) {
  std::size_t limit = reading == mode::auth ? auth_line_limit : config.max_command_line;
  line_reader::result r = lines.next(in, limit, auth_line_limit);
  switch (r.what) {
    case line_reader::kind::need_more:
      return {r.consumed, false};
    case line_reader::kind::too_long:
      on_line_too_long();
      break;
    case line_reader::kind::line:
      if (reading == mode::auth) {
        on_auth_line(r.text);
      } else {
        on_line(r.text);
      }
      break;
  }
  return {r.consumed, true};
}

void session::impl::on_line_too_long() {
  // The line is not recorded (it may be binary or a secret); its size is. The reply
  // goes out when the limit is reached, so a split line and a whole one agree.
  log.note("<command line above " +
           std::to_string(reading == mode::auth ? auth_line_limit : config.max_command_line) +
           " octets discarded>");
  reading = mode::command;  // an over-long SASL response ends the AUTH dialogue
  refuse(protocol_error::command_too_long, "");
}

void session::impl::on_line(std::string_view line) {
  command_line cl = split_command(line);
  if (!cl.verb) {
    // Not a command, so not recorded: a client that goes on with its AUTH dialogue
    // after a 504 or a cancel sends its base64 user name and password as such lines.
    log.client(masked(line));
    // Binary input (a TLS ClientHello on the plaintext port, say) has no first word
    // worth quoting back: detail "" (Exchange answers 'unknown').
    refuse(protocol_error::unknown_command, is_binary(line) ? std::string_view{} : cl.word);
    return;
  }
  command c = *cl.verb;
  if (c == command::auth) {
    log.client(printable(redact_auth(line)));
    in_auth = true;
  } else {
    hear(line);
  }
  std::optional<protocol_error> refusal = check(c, stage, gates());
  if (c == command::bdat) {
    on_bdat(cl.argument, refusal);  // refused or not, the chunk is read (RFC 3030 section 2)
    return;
  }
  if (refusal) {
    std::string_view detail = verb_name(c);
    if (*refusal == protocol_error::auth_mechanism_unsupported) {
      std::string_view arg = trim(cl.argument);
      detail = arg.substr(0, arg.find(' '));
    }
    refuse(*refusal, detail);
    return;
  }
  dispatch(c, cl.argument);
}

void session::impl::dispatch(command c, std::string_view argument) {
  switch (c) {
    case command::ehlo:
    case command::helo:
      return on_hello(argument, c == command::ehlo);
    case command::starttls:
      return on_starttls(argument);
    case command::auth:
      return on_auth(argument);
    case command::mail:
      return on_mail(argument);
    case command::rcpt:
      return on_rcpt(argument);
    case command::data:
      return on_data(argument);
    case command::bdat:
      return;  // handled before dispatch
    case command::rset:
      reset_transaction();  // RFC 5321 section 4.1.1.5
      return send_fixed(reply_kind::reset, filter_phase::rset);
    case command::noop:
      return send_fixed(reply_kind::noop);
    case command::quit:
      return on_quit();
    case command::vrfy:
      return send_fixed(reply_kind::vrfy);
    case command::expn:
      return send_fixed(reply_kind::expn);
    case command::help:
      return send_fixed(reply_kind::help);
  }
}

void session::impl::on_hello(std::string_view argument, bool extended) {
  std::string_view name = trim(argument);
  if (name.empty() || is_binary(name)) {
    refuse(protocol_error::syntax_error, extended ? "EHLO" : "HELO");
    return;
  }
  std::string previous_name = std::exchange(facts.hello_name, std::string(name));
  bool previous_extended = std::exchange(facts.extended, extended);
  reply r = filtered(filter_phase::hello, handler.hello(facts));
  if (r.positive()) {
    reset_transaction();  // EHLO implies RSET (RFC 5321 section 4.1.4)
    stage = phase::ready;
  } else {
    // "The SMTP server MUST stay in the same state" after refusing EHLO (section 4.1.4).
    facts.hello_name = std::move(previous_name);
    facts.extended = previous_extended;
  }
  send(std::move(r));
}

void session::impl::on_starttls(std::string_view argument) {
  if (!trim(argument).empty()) {
    refuse(protocol_error::syntax_error, "STARTTLS");  // RFC 3207 section 4: no parameters
    return;
  }
  reply r = filtered(filter_phase::starttls, handler.fixed(reply_kind::starttls_ready, facts));
  bool go = r.code / 100 == 2;
  send(std::move(r));
  if (go && !closed) {
    out.emplace_back(start_tls{});
    // Everything after the STARTTLS line is dropped by the caller of run()
    // (RFC 3207 section 5, CVE-2011-0411 command injection).
    waiting_tls = true;
  }
}

void session::impl::on_quit() {
  reply r = filtered(filter_phase::quit, handler.fixed(reply_kind::quit, facts));
  r.close_after = true;  // RFC 5321 section 4.1.1.10: the server closes after replying
  send(std::move(r), true);
}

gate_state session::impl::gates() const {
  gate_state g;
  g.tls = facts.tls.has_value();
  g.authenticated = facts.login.has_value();
  g.starttls_available = config.starttls_available;
  g.auth_available = config.auth_available;
  g.mail_requires_tls = config.mail_requires_tls;
  g.mail_requires_auth = config.mail_requires_auth;
  return g;
}

void session::impl::reset_transaction() {
  tx = {};
  content.clear();
  chunk = {};
  if (stage == phase::mail || stage == phase::rcpt || stage == phase::bdat) {
    stage = phase::ready;
  }
}

void session::impl::send(reply r, bool ends_session) {
  if (r.how != delivery::normal) {
    withhold(std::move(r));
    return;
  }
  if (in_auth && r.code != 334) {  // 334 continues the dialogue; anything else ends it
    in_auth = false;
    facts.auth_refusals += r.code == 235 ? 0 : 1;
  }
  if (!ends_session) {
    facts.last_reply_code = r.code;
  }
  std::string wire = r.wire();
  std::string_view rest = wire;
  while (!rest.empty()) {
    std::size_t end = rest.find("\r\n");
    log.server(std::string(rest.substr(0, end)));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
  }
  bool close = r.close_after;
  out.emplace_back(send_reply{std::move(r)});
  if (close) {
    out.emplace_back(close_connection{});
    closed = true;
  }
}

// A reply the transport will not send (silent close, stall): the transcript says so,
// and the session takes no further input, as the transport reads none for it.
void session::impl::withhold(reply r) {
  std::string first = r.wire();
  first = first.substr(0, first.find("\r\n"));
  const bool stall = r.how == delivery::stall;
  log.note(std::string(stall ? "<stalled instead of replying: " : "<closed instead of replying: ") +
           first + ">");
  out.emplace_back(send_reply{std::move(r)});
  if (!stall) {
    out.emplace_back(close_connection{});
  }
  closed = true;
}

void session::impl::send_fixed(reply_kind kind) {
  send(handler.fixed(kind, facts));
}

void session::impl::send_fixed(reply_kind kind, filter_phase phase, const envelope* transaction) {
  send(filtered(phase, handler.fixed(kind, facts), transaction));
}

reply session::impl::filtered(filter_phase phase, reply r, const envelope* transaction,
                              const recipient* added, std::optional<std::string_view> identity) {
  if (filter == nullptr) {
    return r;
  }
  filter_event e;
  e.phase = phase;
  e.facts = &facts;
  e.transaction = transaction;
  e.added = added;
  e.login = identity.value_or(facts.login ? std::string_view(*facts.login) : std::string_view{});
  return filter->at_exit(e, std::move(r));
}

void session::impl::refuse(protocol_error error, std::string_view detail) {
  send(handler.refuse(error, detail, facts));
}

bool session::impl::prompt(reply_kind kind, std::optional<filter_phase> phase) {
  reply r = handler.fixed(kind, facts);
  if (phase) {
    r = filtered(*phase, std::move(r), &tx);
  }
  bool go = r.code / 100 == 3;
  send(std::move(r));
  return go && !closed;
}

void session::impl::hear(std::string_view line) {
  log.client(printable(line));
}

std::string masked(std::string_view line) {
  return "******** <" + std::to_string(line.size()) + " octets, not a command>";
}

std::string printable(std::string_view line) {
  if (!is_binary(line)) {
    return std::string(line);
  }
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string s;
  s.reserve(line.size() * 2);
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) {
      s += "\\x";
      s += hex[c >> 4];
      s += hex[c & 0xF];
    } else {
      s += ch;
    }
  }
  return s;
}

// ---- public API ----

session::session(session_config config, connection_info connection, session_handler& handler,
                 reply_filter* filter)
    : impl_(std::make_unique<impl>(std::move(config), std::move(connection), handler, filter)) {}

session::~session() = default;

std::vector<action> session::start() {
  assert(!impl_->started);
  impl_->started = true;
  impl_->send_fixed(reply_kind::greeting, filter_phase::connect);
  return impl_->take();
}

std::vector<action> session::receive(std::string_view bytes) {
  impl& s = *impl_;
  assert(s.started);
  if (s.closed || s.waiting_tls) {
    return {};  // after STARTTLS: plaintext is discarded
  }
  if (s.waiting_store) {
    s.buffered.append(bytes);
    return {};
  }
  if (s.buffered.empty()) {
    // The common case: work on the caller's bytes and keep only an unfinished tail.
    std::size_t used = s.run(bytes);
    s.buffered.assign(bytes.substr(used));
  } else {
    s.buffered.append(bytes);
    std::size_t used = s.run(s.buffered);
    s.buffered.erase(0, used);
  }
  if (s.closed || s.waiting_tls) {
    s.buffered.clear();
  }
  return s.take();
}

std::vector<action> session::tls_established(const tls_info& tls) {
  impl& s = *impl_;
  assert(s.waiting_tls || !s.started);
  s.waiting_tls = false;
  // RFC 3207 section 4.2: forget everything learnt from the client before TLS.
  s.facts.tls = tls;
  s.facts.hello_name.clear();
  s.facts.extended = false;
  s.facts.login.reset();
  s.facts.auth_mechanism.clear();
  s.reset_transaction();
  s.stage = phase::fresh;
  s.reading = session::impl::mode::command;
  s.lines = {};
  s.buffered.clear();
  s.log.note("TLS established: " + tls.version + " " + tls.cipher);
  return s.take();
}

std::vector<action> session::message_stored(bool ok) {
  impl& s = *impl_;
  assert(s.waiting_store);
  s.waiting_store = false;
  s.after_store(ok);
  if (!s.closed) {
    std::size_t used = s.run(s.buffered);
    s.buffered.erase(0, used);
  }
  if (s.closed || s.waiting_tls) {
    s.buffered.clear();
  }
  return s.take();
}

std::vector<action> session::give_up(reply_kind why) {
  impl& s = *impl_;
  if (!s.started || s.closed || s.waiting_tls) {
    return {};
  }
  reply r = s.handler.fixed(why, s.facts);
  r.close_after = true;
  r.delay = std::chrono::milliseconds{0};  // the client has waited long enough
  s.send(std::move(r), true);
  return s.take();
}

void session::peer_closed() {
  impl_->closed = true;
  impl_->buffered.clear();
}

const session_facts& session::facts() const {
  return impl_->facts;
}

const class transcript& session::transcript() const {
  return impl_->log;
}

bool session::closed() const {
  return impl_->closed;
}

bool session::reading_message() const {
  return impl_->reading == impl::mode::data || impl_->reading == impl::mode::chunk;
}

}  // namespace exomock::smtp
