// A session_handler for the core's tests: every reply names what produced it
// ("fixed:noop", "refuse:need_hello:MAIL", "hello:client.example"), so a test
// asserts exactly which decision the core took; every call is recorded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "smtp/session.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::smtp::testing {

std::string_view name(reply_kind k);
std::string_view name(protocol_error e);

class fake_handler : public session_handler {
 public:
  std::vector<std::string> calls;
  std::vector<credentials> credentials_seen;
  std::vector<message_content> messages_seen;
  bool accept_messages = true;
  bool refuse_hello = false;
  message_allowance allowance_given;  ///< what allowance() answers (default: no limit)
  std::string password = "secret";    ///< LOGIN/PLAIN secret, XOAUTH2 token that authenticate

  reply fixed(reply_kind kind, const session_facts& s) override;
  reply refuse(protocol_error error, std::string_view detail, const session_facts& s) override;
  reply hello(const session_facts& s) override;
  auth_verdict authenticate(const credentials& c, const session_facts& s) override;
  reply mail(const envelope& e, const session_facts& s) override;
  reply rcpt(const recipient& r, const envelope& e, const session_facts& s) override;
  message_allowance allowance(const envelope& e, const session_facts& s) override;
  message_verdict message(const message_content& m, const envelope& e,
                          const session_facts& s) override;
};

/// One line per action: "reply 250 fixed:noop", "start_tls", "close", "store ...".
std::string describe(const action& a);
std::string describe(const std::vector<action>& actions);

/// The first reply text of `actions` ("" if none).
std::string first_reply(const std::vector<action>& actions);

/// All reply texts (first line) of `actions`, one per reply.
std::vector<std::string> replies(const std::vector<action>& actions);

/// A configuration with everything on, TLS and AUTH required for MAIL (the submission default).
session_config submission_config();

/// submission_config() with nothing requiring TLS or AUTH: a dialogue reaches DATA (or
/// AUTH) in plain text without STARTTLS.
session_config open_config();

/// Drives one session the way a transport does: on start_tls it calls tls_established,
/// on store_message it calls message_stored(store_ok). Records every action.
class driver {
 public:
  explicit driver(session_config config = submission_config(), connection_info c = {});
  /// Feeds bytes; returns the actions they caused (including the follow-ups).
  std::vector<action> feed(std::string_view bytes);
  /// Everything so far.
  const std::vector<action>& all() const { return all_; }
  fake_handler handler;
  session& core() { return *session_; }
  bool store_ok = true;
  bool auto_events = true;  ///< call tls_established/message_stored automatically

 private:
  void follow(std::vector<action> actions, std::vector<action>& into);
  std::unique_ptr<session> session_;
  std::vector<action> all_;
};

}  // namespace exomock::smtp::testing
