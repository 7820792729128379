// Which command may come when (RFC 5321 sections 3.3 and 4.1.4, RFC 3207, RFC 4954,
// RFC 3030): one table of command × phase, plus a few gates on the TLS and
// authentication state. Data, not if-chains: session.cpp only looks things up.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "smtp/command_parser.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::smtp {

/// Where the session stands. In `data` and `auth_dialogue` input lines are not
/// commands (message text, SASL responses); the table says so explicitly.
enum class phase {
  fresh,          ///< no successful EHLO/HELO yet (or again, after STARTTLS)
  ready,          ///< greeted, no mail transaction
  mail,           ///< MAIL accepted, no recipient yet
  rcpt,           ///< at least one recipient accepted
  bdat,           ///< inside a BDAT sequence (a non-LAST chunk was accepted)
  data,           ///< reading DATA text
  auth_dialogue,  ///< reading SASL responses after a 334
};
inline constexpr std::size_t phase_count = 7;

/// A table cell.
struct legality {
  enum class kind { allowed, refused, content } verdict = kind::allowed;
  protocol_error error{};  ///< when refused
};

/// What the gates look at, taken from session_facts and session_config.
struct gate_state {
  bool tls = false;
  bool authenticated = false;
  bool starttls_available = true;
  bool auth_available = true;
  bool mail_requires_tls = false;
  bool mail_requires_auth = false;
};

/// The raw table cell for `c` in `p`.
[[nodiscard]] legality table_cell(command c, phase p);

/// The refusal for `c` in `p` under `g`, or nullopt when the command may proceed
/// to its own grammar. Order: need_hello first (nothing is checked before EHLO),
/// then the TLS/auth gates (Exchange refuses MAIL before STARTTLS whatever the
/// syntax), then the phase. Must not be asked for `data` or `auth_dialogue`.
[[nodiscard]] std::optional<protocol_error> check(command c, phase p, const gate_state& g);

}  // namespace exomock::smtp
