// The one hook at the core's reply exit, keyed by phase (OpenSMTPD's filter
// phases): every answer the handler gives at one of these phases passes through
// it before the core acts on it, so a rewritten answer is the one the session's
// state follows (a 250 to MAIL turned into 451 starts no transaction). The core's
// own refusals (grammar, sequence, limits) and the AUTH prompts never pass here.
#pragma once

#include <cstdint>
#include <string_view>

#include "smtp/reply.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::smtp {

enum class filter_phase : std::uint8_t {
  connect,     ///< the greeting
  hello,       ///< EHLO or HELO
  starttls,    ///< the 220 to STARTTLS
  auth,        ///< the final AUTH reply
  mail_from,   ///< MAIL
  rcpt_to,     ///< RCPT
  data,        ///< the 354
  bdat_chunk,  ///< the reply to a BDAT chunk that is not the last
  commit,      ///< the message's final reply, asked before it is stored
  rset,        ///< RSET
  quit,        ///< QUIT
};

/// What the core knows at the phase; pointers refer to the core's own state.
struct filter_event {
  filter_phase phase = filter_phase::connect;
  const session_facts* facts = nullptr;
  /// mail_from: the envelope MAIL proposes; rcpt_to, data, bdat_chunk, commit: the
  /// transaction so far; other phases: nullptr.
  const envelope* transaction = nullptr;
  const recipient* added = nullptr;  ///< rcpt_to: the recipient being judged
  /// The account the phase concerns: at auth the identity offered, else the login ("" none).
  std::string_view login;
};

class reply_filter {
 public:
  virtual ~reply_filter() = default;
  /// The answer to send instead of `answer` (often `answer` itself). At commit a
  /// negative result refuses the message, which is then not stored.
  virtual reply at_exit(const filter_event& event, reply answer) = 0;
};

}  // namespace exomock::smtp
