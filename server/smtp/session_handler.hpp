// The port through which the protocol core asks every question that is not
// RFC grammar: reply wording, authentication, acceptance of senders, recipients
// and messages. exomock's implementation is the Exchange Online emulation in
// policy/; tests supply small fakes. Calls are synchronous and must not block.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "smtp/reply.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::smtp {

/// Fixed replies whose wording belongs to the server personality.
enum class reply_kind {
  greeting,                ///< on connect
  starttls_ready,          ///< 220 before the handshake
  auth_login_username,     ///< 334 prompt for the user name
  auth_login_password,     ///< 334 prompt for the password
  auth_xoauth2_challenge,  ///< 334 with empty text
  auth_plain_challenge,    ///< 334 with empty text, PLAIN without initial response
  data_start,              ///< 354
  bdat_chunk_accepted,     ///< 250 after a non-LAST BDAT chunk
  reset,                   ///< RSET
  noop,                    ///< NOOP
  quit,                    ///< QUIT: the core closes after it
  vrfy,                    ///< VRFY (never discloses)
  expn,                    ///< EXPN
  help,                    ///< HELP
  idle_timeout,            ///< the server gives up on a silent client (421); the core closes
  shutting_down,           ///< the server stops (421); the core closes
};

/// Every refusal the core decides on its own (grammar, sequence, limits).
enum class protocol_error {
  unknown_command,   ///< detail: the first word as received, or "" when it held binary bytes
  command_too_long,  ///< a command line above the limit
  syntax_error,      ///< detail: the command verb
  parameter_not_recognized,  ///< detail: the parameter keyword
  parameter_invalid,         ///< a known parameter repeated or with a bad value; detail: keyword
  non_ascii_address,         ///< a UTF-8 path without SMTPUTF8 (RFC 6531); detail: MAIL or RCPT
  need_hello,                ///< command before EHLO/HELO
  need_mail,                 ///< RCPT before MAIL
  need_rcpt,                 ///< DATA/BDAT before any accepted RCPT
  sender_already_specified,  ///< a second MAIL in one transaction
  bad_sequence,              ///< any other command out of order (e.g. DATA after BDAT)
  starttls_not_available,    ///< second STARTTLS, STARTTLS after TLS, or on a listener without TLS
  auth_mechanism_unsupported,  ///< AUTH before TLS or with a mechanism not offered; detail:
                               ///< mechanism
  already_authenticated,       ///< AUTH after a successful AUTH
  auth_in_transaction,         ///< AUTH during a mail transaction
  auth_cancelled,              ///< the client answered a 334 with "*"
  auth_invalid_base64,         ///< an AUTH line that is not base64
  auth_malformed,              ///< valid base64 whose content breaks the mechanism's grammar
  tls_required,                ///< MAIL before STARTTLS on a listener that requires TLS
  auth_required,               ///< MAIL before AUTH on a listener that requires it
  size_exceeds_fixed_maximum,  ///< SIZE= above the advertised maximum
  message_too_big,             ///< DATA/BDAT content above the maximum
  text_line_too_long,          ///< a DATA line above 1000 octets, reported at end of DATA
  binarymime_requires_bdat,    ///< DATA in a BODY=BINARYMIME transaction (RFC 3030 section 3)
  storage_failed,              ///< the transport could not store the message durably
};

/// The outcome of an AUTH exchange.
struct auth_verdict {
  reply answer;  ///< 235 on success, else the refusal
  bool authenticated = false;
  std::string login;  ///< the identity to record on success
};

/// What the client sent, decoded. For LOGIN and PLAIN `identity` is the user
/// name and `secret` the password; for XOAUTH2 `identity` is user= and `secret`
/// the bearer token. Never logged.
struct credentials {
  std::string mechanism;  ///< upper-case: "LOGIN", "PLAIN", "XOAUTH2"
  std::string identity;
  std::string secret;
  std::string authzid;  ///< PLAIN only
};

/// A complete message, as handed over at end of DATA or at BDAT LAST.
struct message_content {
  std::string bytes;  ///< after dot-unstuffing (DATA) or the concatenated chunks (BDAT)
  bool bdat = false;
  bool has_long_line = false;  ///< a line above the text-line limit was seen
  /// Octets received past the handler's allowance and not kept (`bytes` then holds
  /// the first `keep_prefix` octets only); 0 for a whole message.
  std::uint64_t dropped = 0;
  /// Every octet received, kept or not.
  [[nodiscard]] std::uint64_t size() const { return bytes.size() + dropped; }
};

/// How much of a transaction's message the handler could accept, asked when the
/// content starts (after 354, at the first BDAT chunk): octets past `max_size`
/// are counted but not kept, except the first `keep_prefix` (enough for the
/// checks that come before size in the handler's verdict, say the header's).
struct message_allowance {
  std::uint64_t max_size = UINT64_MAX;
  std::size_t keep_prefix = 0;
};

/// The handler's decision on a message before it is stored.
struct message_verdict {
  bool accept = false;
  reply answer;            ///< the refusal, or the final 250 sent once the message is stored
  std::string message_id;  ///< "<...>" to report and store: the client's own or a generated one
};

class session_handler {
 public:
  virtual ~session_handler() = default;

  virtual reply fixed(reply_kind kind, const session_facts& s) = 0;
  virtual reply refuse(protocol_error error, std::string_view detail, const session_facts& s) = 0;
  /// EHLO (extended) or HELO; `s.hello_name` already holds the new name and `s.tls` the TLS state.
  virtual reply hello(const session_facts& s) = 0;
  virtual auth_verdict authenticate(const credentials& c, const session_facts& s) = 0;
  /// The reply that went out for the authenticate() just made, after the fault filter:
  /// what the client reads (a sign-in log keeps it beside the attempt).
  virtual void auth_answered(const reply& /*sent*/) {}
  /// MAIL FROM after the core's checks; a positive reply starts the transaction.
  virtual reply mail(const envelope& e, const session_facts& s) = 0;
  /// RCPT TO; `e.recipients` holds the recipients accepted so far, `r` the new one.
  virtual reply rcpt(const recipient& r, const envelope& e, const session_facts& s) = 0;
  /// The largest message this transaction could be accepted with (default: any up
  /// to the advertised SIZE, which the core enforces itself).
  virtual message_allowance allowance(const envelope& /*e*/, const session_facts& /*s*/) {
    return {};
  }
  /// End of DATA or BDAT LAST, before storage; an accepted message's 250 is sent
  /// only after the transport stored it durably. A message with `dropped` octets
  /// must be refused (the core refuses it as too big if the verdict accepts it).
  virtual message_verdict message(const message_content& m, const envelope& e,
                                  const session_facts& s) = 0;
};

}  // namespace exomock::smtp
