// The SMTP server protocol core: bytes in, actions out, no I/O (in the style
// of h11 and Beast's basic_parser). It frames lines, parses commands, enforces
// RFC 5321/3207/4954/2920/3030 sequencing through the legality table, and asks
// the session_handler for every reply and decision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "smtp/action.hpp"
#include "smtp/reply_filter.hpp"
#include "smtp/session_facts.hpp"
#include "smtp/session_handler.hpp"
#include "smtp/transcript.hpp"

namespace exomock::smtp {

struct session_config {
  std::size_t max_command_line = 512;  ///< octets including CRLF (RFC 5321 section 4.5.3.1.4)
  std::size_t max_text_line = 1000;    ///< octets including CRLF (section 4.5.3.1.6)
  std::uint64_t max_message_size =
      157286400;                   ///< advertised SIZE; SIZE= above it is refused at MAIL
  bool starttls_available = true;  ///< STARTTLS accepted (false for plaintext-only listeners)
  bool tls_from_start = false;     ///< implicit TLS: the transport handshakes before start()
  bool auth_requires_tls = true;   ///< AUTH before TLS is refused as an unsupported mechanism
  bool mail_requires_tls = true;   ///< MAIL before TLS gets protocol_error::tls_required
  bool mail_requires_auth = true;  ///< MAIL before AUTH gets protocol_error::auth_required
  bool auth_available = true;      ///< AUTH accepted at all (false on MX)
  std::vector<std::string> auth_mechanisms{"LOGIN", "XOAUTH2"};  ///< upper-case
};

class session {
 public:
  /// `filter`, when given, sees every answer of `handler` at a filter phase first.
  session(session_config config, connection_info connection, session_handler& handler,
          reply_filter* filter = nullptr);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  /// The greeting. For implicit TLS, call tls_established() first.
  std::vector<action> start();
  /// Bytes from the peer, in any split. Bytes that arrive while the core waits
  /// (for a store result or a TLS handshake) are buffered or, after STARTTLS, discarded.
  std::vector<action> receive(std::string_view bytes);
  /// The TLS handshake completed (after start_tls, or before start() for implicit TLS).
  std::vector<action> tls_established(const tls_info& tls);
  /// The transport stored (ok) or failed to store the message of the last store_message.
  std::vector<action> message_stored(bool ok);
  /// The server ends the session itself (`why`: idle_timeout or shutting_down):
  /// the handler's reply, recorded and sent with a close. Nothing when the
  /// session is closed already or waits for a TLS handshake.
  std::vector<action> give_up(reply_kind why);
  /// The peer closed or the transport gave up; no further actions.
  void peer_closed();

  [[nodiscard]] const session_facts& facts() const;
  [[nodiscard]] const class transcript& transcript() const;
  [[nodiscard]] bool closed() const;
  /// Between a 354 (or a BDAT command) and the end of the message's octets.
  [[nodiscard]] bool reading_message() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::smtp
