// The fake handler and the transport-like driver used by all core tests.
#include "fake_handler.hpp"

#include <array>

namespace exomock::smtp::testing {

std::string_view name(reply_kind k) {
  static constexpr std::array<std::string_view, 16> names = {"greeting",
                                                             "starttls_ready",
                                                             "auth_login_username",
                                                             "auth_login_password",
                                                             "auth_xoauth2_challenge",
                                                             "auth_plain_challenge",
                                                             "data_start",
                                                             "bdat_chunk_accepted",
                                                             "reset",
                                                             "noop",
                                                             "quit",
                                                             "vrfy",
                                                             "expn",
                                                             "help",
                                                             "idle_timeout",
                                                             "shutting_down"};
  return names.at(static_cast<std::size_t>(k));
}

std::string_view name(protocol_error e) {
  static constexpr std::array<std::string_view, 25> names = {"unknown_command",
                                                             "command_too_long",
                                                             "syntax_error",
                                                             "parameter_not_recognized",
                                                             "parameter_invalid",
                                                             "non_ascii_address",
                                                             "need_hello",
                                                             "need_mail",
                                                             "need_rcpt",
                                                             "sender_already_specified",
                                                             "bad_sequence",
                                                             "starttls_not_available",
                                                             "auth_mechanism_unsupported",
                                                             "already_authenticated",
                                                             "auth_in_transaction",
                                                             "auth_cancelled",
                                                             "auth_invalid_base64",
                                                             "auth_malformed",
                                                             "tls_required",
                                                             "auth_required",
                                                             "size_exceeds_fixed_maximum",
                                                             "message_too_big",
                                                             "text_line_too_long",
                                                             "binarymime_requires_bdat",
                                                             "storage_failed"};
  return names.at(static_cast<std::size_t>(e));
}

namespace {

int code_for(reply_kind k) {
  switch (k) {
    case reply_kind::greeting:
    case reply_kind::starttls_ready:
      return 220;
    case reply_kind::auth_login_username:
    case reply_kind::auth_login_password:
    case reply_kind::auth_xoauth2_challenge:
    case reply_kind::auth_plain_challenge:
      return 334;
    case reply_kind::data_start:
      return 354;
    case reply_kind::quit:
      return 221;
    case reply_kind::idle_timeout:
    case reply_kind::shutting_down:
      return 421;
    case reply_kind::vrfy:
    case reply_kind::expn:
      return 252;
    case reply_kind::help:
      return 214;
    default:
      return 250;
  }
}

}  // namespace

reply fake_handler::fixed(reply_kind kind, const session_facts&) {
  calls.push_back("fixed:" + std::string(name(kind)));
  if (kind == reply_kind::auth_xoauth2_challenge || kind == reply_kind::auth_plain_challenge) {
    return reply{334, {}, {}, false};  // "334 " as Exchange sends it
  }
  return reply::single(code_for(kind), "fixed:" + std::string(name(kind)));
}

reply fake_handler::refuse(protocol_error error, std::string_view detail, const session_facts&) {
  std::string text = "refuse:" + std::string(name(error)) + ":" + std::string(detail);
  calls.push_back(text);
  return reply::single(error == protocol_error::tls_required ? 451 : 500, text);
}

reply fake_handler::hello(const session_facts& s) {
  calls.push_back("hello:" + s.hello_name);
  if (refuse_hello) return reply::single(550, "hello-refused:" + s.hello_name);
  std::string tls = s.tls ? "tls" : "plain";
  return reply{250, {"hello:" + s.hello_name, s.extended ? "EHLO" : "HELO", tls}, {}, false};
}

auth_verdict fake_handler::authenticate(const credentials& c, const session_facts&) {
  calls.push_back("authenticate:" + c.mechanism + ":" + c.identity);
  credentials_seen.push_back(c);
  auth_verdict v;
  v.authenticated = c.secret == password;
  v.login = c.identity;
  v.answer = v.authenticated ? reply::single(235, "auth-ok:" + c.identity)
                             : reply::single(535, "auth-bad:" + c.identity);
  return v;
}

reply fake_handler::mail(const envelope& e, const session_facts&) {
  calls.push_back("mail:" + e.reverse_path);
  if (e.reverse_path.starts_with("reject")) return reply::single(550, "mail-bad:" + e.reverse_path);
  return reply::single(250, "mail-ok:" + e.reverse_path);
}

reply fake_handler::rcpt(const recipient& r, const envelope& e, const session_facts&) {
  calls.push_back("rcpt:" + r.forward_path);
  if (r.forward_path.starts_with("reject")) return reply::single(550, "rcpt-bad:" + r.forward_path);
  if (r.forward_path.starts_with("drop")) return reply{421, {"rcpt-drop"}, {}, true};
  return reply::single(250,
                       "rcpt-ok:" + r.forward_path + ":" + std::to_string(e.recipients.size()));
}

message_allowance fake_handler::allowance(const envelope& /*e*/, const session_facts& /*s*/) {
  calls.emplace_back("allowance");
  return allowance_given;
}

message_verdict fake_handler::message(const message_content& m, const envelope& e,
                                      const session_facts& s) {
  calls.push_back("message:" + std::to_string(m.bytes.size()));
  messages_seen.push_back(m);
  message_verdict v;
  v.accept = accept_messages;
  v.message_id = "<id" + std::to_string(messages_seen.size()) + "@" + e.reverse_path + ">";
  // The 250 goes out once stored: it names the count the session will have by then.
  v.answer = accept_messages ? reply::single(250, "stored:" + v.message_id + ":" +
                                                      std::to_string(s.messages_accepted + 1))
                             : reply::single(554, "message-bad");
  return v;
}

std::string describe(const action& a) {
  if (const auto* r = std::get_if<send_reply>(&a)) {
    std::string s = "reply " + std::to_string(r->answer.code);
    for (const auto& l : r->answer.lines) s += " " + l;
    if (r->answer.close_after) s += " [close_after]";
    return s;
  }
  if (std::holds_alternative<start_tls>(a)) return "start_tls";
  if (std::holds_alternative<close_connection>(a)) return "close";
  const auto& m = std::get<store_message>(a);
  std::string s = "store from=" + m.transaction.reverse_path + " to=";
  for (const auto& r : m.transaction.recipients) s += r.forward_path + ",";
  s += " bdat=" + std::to_string(m.bdat) + " id=" + m.message_id +
       " login=" + m.facts.login.value_or("-") + " content=[" + m.content + "]";
  return s;
}

std::string describe(const std::vector<action>& actions) {
  std::string s;
  for (const auto& a : actions) s += describe(a) + "\n";
  return s;
}

std::string first_reply(const std::vector<action>& actions) {
  for (const auto& a : actions) {
    if (const auto* r = std::get_if<send_reply>(&a)) {
      return r->answer.lines.empty() ? "" : r->answer.lines.front();
    }
  }
  return "";
}

std::vector<std::string> replies(const std::vector<action>& actions) {
  std::vector<std::string> out;
  for (const auto& a : actions) {
    if (const auto* r = std::get_if<send_reply>(&a)) {
      out.push_back(r->answer.lines.empty() ? std::to_string(r->answer.code) + " "
                                            : r->answer.lines.front());
    }
  }
  return out;
}

session_config submission_config() {
  session_config c;
  c.auth_mechanisms = {"LOGIN", "PLAIN", "XOAUTH2"};
  return c;
}

session_config open_config() {
  session_config c = submission_config();
  c.mail_requires_tls = false;
  c.mail_requires_auth = false;
  c.auth_requires_tls = false;
  return c;
}

driver::driver(session_config config, connection_info c)
    : session_(std::make_unique<session>(std::move(config), std::move(c), handler)) {
  follow(session_->start(), all_);
}

std::vector<action> driver::feed(std::string_view bytes) {
  std::vector<action> now;
  follow(session_->receive(bytes), now);
  all_.insert(all_.end(), now.begin(), now.end());
  return now;
}

void driver::follow(std::vector<action> actions, std::vector<action>& into) {
  for (auto& a : actions) {
    bool tls = std::holds_alternative<start_tls>(a);
    bool store = std::holds_alternative<store_message>(a);
    into.push_back(std::move(a));
    if (!auto_events) continue;
    if (tls) follow(session_->tls_established({"TLSv1.3", "TLS_AES_256_GCM_SHA384"}), into);
    if (store) follow(session_->message_stored(store_ok), into);
  }
}

}  // namespace exomock::smtp::testing
