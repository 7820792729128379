// The command × phase table and the gates. Reading a row tells what a command
// may do in each phase; adding a command is adding a row, never a branch in
// session.cpp (h11's _state.py and Postfix's smtpd command table do the same).
#include "smtp/legality_table.hpp"

#include <cassert>

namespace exomock::smtp {

namespace {

using kind = legality::kind;
using pe = protocol_error;

constexpr legality ok{kind::allowed, {}};
constexpr legality text{kind::content, {}};
constexpr legality no(pe e) {
  return {kind::refused, e};
}

using row = std::array<legality, phase_count>;

// clang-format off
// Columns: fresh, ready, mail, rcpt, bdat, data, auth_dialogue.
constexpr std::array<row, command_count> table = {{
  /* EHLO     */ {ok, ok, ok, ok, ok, text, text},  // EHLO may restart anywhere (RFC 5321 4.1.4)
  /* HELO     */ {ok, ok, ok, ok, ok, text, text},
  /* STARTTLS */ {no(pe::need_hello), ok, no(pe::bad_sequence), no(pe::bad_sequence),
                  no(pe::bad_sequence), text, text},
  /* AUTH     */ {no(pe::need_hello), ok, no(pe::auth_in_transaction), no(pe::auth_in_transaction),
                  no(pe::auth_in_transaction), text, text},  // RFC 4954 section 4
  /* MAIL     */ {no(pe::need_hello), ok, no(pe::sender_already_specified),
                  no(pe::sender_already_specified), no(pe::sender_already_specified), text, text},
  /* RCPT     */ {no(pe::need_hello), no(pe::need_mail), ok, ok, no(pe::bad_sequence), text, text},
  /* DATA     */ {no(pe::need_hello), no(pe::need_mail), no(pe::need_rcpt), ok,
                  no(pe::bad_sequence), text, text},  // no DATA after BDAT (RFC 3030 section 2)
  /* BDAT     */ {no(pe::need_hello), no(pe::need_mail), no(pe::need_rcpt), ok, ok, text, text},
  /* RSET     */ {ok, ok, ok, ok, ok, text, text},
  /* NOOP     */ {ok, ok, ok, ok, ok, text, text},
  /* QUIT     */ {ok, ok, ok, ok, ok, text, text},
  /* VRFY     */ {ok, ok, ok, ok, ok, text, text},
  /* EXPN     */ {ok, ok, ok, ok, ok, text, text},
  /* HELP     */ {ok, ok, ok, ok, ok, text, text},
}};
// clang-format on

// A condition on the TLS/auth state and the error it causes for one command.
enum class condition {
  tls_active,
  starttls_off,
  auth_off,
  authenticated,
  mail_needs_tls,
  mail_needs_auth
};

struct gate {
  command for_command;
  condition when;
  protocol_error error;
};

// In order of evaluation for each command.
constexpr std::array<gate, 6> gates = {{
    {command::starttls, condition::tls_active, pe::starttls_not_available},  // RFC 3207 section 4.2
    {command::starttls, condition::starttls_off, pe::starttls_not_available},
    {command::auth, condition::auth_off, pe::auth_mechanism_unsupported},
    {command::auth, condition::authenticated, pe::already_authenticated},  // RFC 4954 section 4
    {command::mail, condition::mail_needs_tls, pe::tls_required},
    {command::mail, condition::mail_needs_auth, pe::auth_required},
}};

bool holds(condition c, const gate_state& g) {
  switch (c) {
    case condition::tls_active:
      return g.tls;
    case condition::starttls_off:
      return !g.starttls_available;
    case condition::auth_off:
      return !g.auth_available;
    case condition::authenticated:
      return g.authenticated;
    case condition::mail_needs_tls:
      return g.mail_requires_tls && !g.tls;
    case condition::mail_needs_auth:
      return g.mail_requires_auth && !g.authenticated;
  }
  return false;
}

}  // namespace

legality table_cell(command c, phase p) {
  return table[static_cast<std::size_t>(c)][static_cast<std::size_t>(p)];
}

std::optional<protocol_error> check(command c, phase p, const gate_state& g) {
  legality cell = table_cell(c, p);
  assert(cell.verdict != kind::content);
  if (cell.verdict == kind::refused && cell.error == pe::need_hello) {
    return cell.error;
  }
  for (const gate& gt : gates) {
    if (gt.for_command == c && holds(gt.when, g)) {
      return gt.error;
    }
  }
  if (cell.verdict == kind::refused) {
    return cell.error;
  }
  return std::nullopt;
}

}  // namespace exomock::smtp
