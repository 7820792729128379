// AUTH (RFC 4954): the mechanism checks, the 334 dialogue and its cancellation,
// base64 and SASL decoding, then the handler's verdict. Secrets never reach the
// transcript: session.cpp records the AUTH line redacted, this file the
// continuation lines as "********".
#include <algorithm>

#include "smtp/base64.hpp"
#include "smtp/session_impl.hpp"

namespace exomock::smtp {

std::string redact_auth(std::string_view line) {
  // "AUTH" SP mechanism [SP initial-response]: keep the first two words.
  std::size_t sp = line.find(' ');
  if (sp == std::string_view::npos) {
    return std::string(line);
  }
  std::size_t mech = line.find_first_not_of(' ', sp);
  if (mech == std::string_view::npos) {
    return std::string(line);
  }
  std::size_t mech_end = line.find(' ', mech);
  if (mech_end == std::string_view::npos) {
    return std::string(line);
  }
  if (line.find_first_not_of(' ', mech_end) == std::string_view::npos) {
    return std::string(line);
  }
  return std::string(line.substr(0, mech_end)) + " ********";
}

namespace {

reply_kind challenge_for(sasl_mechanism m) {
  switch (m) {
    case sasl_mechanism::login:
      return reply_kind::auth_login_username;
    case sasl_mechanism::plain:
      return reply_kind::auth_plain_challenge;
    case sasl_mechanism::xoauth2:
      return reply_kind::auth_xoauth2_challenge;
  }
  return reply_kind::auth_login_username;
}

}  // namespace

void session::impl::on_auth(std::string_view argument) {
  std::optional<auth_command> a = parse_auth(argument);
  if (!a) {
    refuse(protocol_error::syntax_error, "AUTH");
    return;
  }
  std::optional<sasl_mechanism> mech = find_mechanism(a->mechanism);
  bool offered = mech && std::find(config.auth_mechanisms.begin(), config.auth_mechanisms.end(),
                                   mechanism_name(*mech)) != config.auth_mechanisms.end();
  // Exchange answers AUTH before STARTTLS as an unknown mechanism (504 5.7.4).
  if (!offered || (config.auth_requires_tls && !facts.tls)) {
    refuse(protocol_error::auth_mechanism_unsupported, a->mechanism);
    return;
  }
  std::optional<std::string> initial;
  if (a->initial_response) {
    // RFC 4954 section 4: "=" is an initial response of zero length.
    initial = *a->initial_response == "=" ? std::optional<std::string>("")
                                          : base64_decode(*a->initial_response);
    if (!initial) {
      refuse(protocol_error::auth_invalid_base64, "");
      return;
    }
  }
  sasl = {*mech, false, {}};
  if (initial) {
    on_sasl_response(std::move(*initial));
    return;
  }
  if (prompt(challenge_for(*mech))) {
    reading = mode::auth;
  }
}

void session::impl::on_auth_line(std::string_view line) {
  hear(line == "*" ? "*" : "********");
  reading = mode::command;
  if (line == "*") {
    refuse(protocol_error::auth_cancelled, "");  // RFC 4954 section 4
    return;
  }
  std::optional<std::string> decoded = base64_decode(line);
  if (!decoded) {
    refuse(protocol_error::auth_invalid_base64, "");
    return;
  }
  on_sasl_response(std::move(*decoded));
}

void session::impl::on_sasl_response(std::string decoded) {
  switch (sasl.mechanism) {
    case sasl_mechanism::login:
      if (!sasl.want_password) {
        sasl.user = std::move(decoded);
        sasl.want_password = true;
        if (prompt(reply_kind::auth_login_password)) {
          reading = mode::auth;
        }
        return;
      } else {
        credentials c;
        c.mechanism = "LOGIN";
        c.identity = std::move(sasl.user);
        c.secret = std::move(decoded);
        return finish_sasl(std::move(c));
      }
    case sasl_mechanism::plain:
      return finish_sasl(decode_plain(decoded));
    case sasl_mechanism::xoauth2:
      return finish_sasl(decode_xoauth2(decoded));
  }
}

void session::impl::finish_sasl(std::optional<credentials> c) {
  sasl = {};
  if (!c) {
    refuse(protocol_error::auth_malformed, "");
    return;
  }
  auth_verdict v = handler.authenticate(*c, facts);
  // Before AUTH succeeds the session has no login: the filter sees the identity offered.
  reply answer = filtered(filter_phase::auth, std::move(v.answer), nullptr, nullptr, c->identity);
  if (v.authenticated && answer.code / 100 == 2) {
    facts.login = std::move(v.login);
    facts.auth_mechanism = c->mechanism;
  }
  handler.auth_answered(answer);
  send(std::move(answer));
}

}  // namespace exomock::smtp
