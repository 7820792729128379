// Mapping from the core's session facts and actions to the store's records.
#include "net/message_capture.hpp"

#include <utility>

namespace exomock::net {

std::string mail_parameters_text(const smtp::mail_parameters& p) {
  std::string text;
  auto add = [&text](const std::string& item) {
    if (!text.empty()) {
      text += ' ';
    }
    text += item;
  };
  if (p.size) {
    add("SIZE=" + std::to_string(*p.size));
  }
  if (!p.body.empty()) {
    add("BODY=" + p.body);
  }
  if (p.smtputf8) {
    add("SMTPUTF8");
  }
  if (!p.ret.empty()) {
    add("RET=" + p.ret);
  }
  if (!p.envid.empty()) {
    add("ENVID=" + p.envid);
  }
  if (!p.auth.empty()) {
    add("AUTH=" + p.auth);
  }
  return text;
}

store::captured_message make_captured_message(smtp::store_message&& action,
                                              const capture_context& context) {
  const smtp::session_facts& facts = action.facts;
  store::captured_message m;
  m.session_id = context.session_id;
  m.listener = facts.connection.listener;
  m.client_ip = facts.connection.client_ip;
  m.client_port = facts.connection.client_port;
  m.helo = facts.hello_name;
  m.login = facts.login.value_or("");
  m.auth_mechanism = facts.auth_mechanism;
  m.mail_from = action.transaction.reverse_path;
  for (const smtp::recipient& r : action.transaction.recipients) {
    m.rcpt_to.push_back(r.forward_path);
  }
  m.mail_parameters = mail_parameters_text(action.transaction.mail);
  m.message_id = action.message_id;
  if (facts.tls) {
    m.tls_version = facts.tls->version;
    m.tls_cipher = facts.tls->cipher;
  }
  m.bdat = action.bdat;
  m.raw = std::move(action.content);
  m.session_started = context.session_started;
  m.received = context.now;
  return m;
}

store::session_record make_session_record(const smtp::session_facts& facts,
                                          const smtp::transcript& transcript,
                                          const capture_context& context) {
  store::session_record r;
  r.session_id = context.session_id;
  r.listener = facts.connection.listener;
  r.client_ip = facts.connection.client_ip;
  r.client_port = facts.connection.client_port;
  r.login = facts.login.value_or("");
  if (facts.tls) {
    r.tls_version = facts.tls->version;
    r.tls_cipher = facts.tls->cipher;
  }
  r.started = context.session_started;
  r.ended = context.now;
  r.transcript = transcript.text();
  return r;
}

}  // namespace exomock::net
