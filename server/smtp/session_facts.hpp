// What the core knows about a session and its mail transaction, handed read-only
// to the session_handler at each decision point (aiosmtpd's Session vs Envelope).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace exomock::smtp {

struct tls_info {
  tls_info() = default;
  // A constructor rather than aggregate initialisation, so {version, cipher} stays valid
  // and warning-free now that a client certificate subject may follow.
  tls_info(std::string v, std::string c, std::string subject = {})
      : version(std::move(v)), cipher(std::move(c)), peer_subject(std::move(subject)) {}

  std::string version;       ///< "TLSv1.2", "TLSv1.3", ... as OpenSSL names it
  std::string cipher;        ///< OpenSSL cipher name
  std::string peer_subject;  ///< client certificate subject (RFC 2253); "" when none was sent
};

struct connection_info {
  std::string listener;   ///< scenario listener name
  std::string client_ip;  ///< textual, without brackets
  std::uint16_t client_port = 0;
  std::string local_ip;
  std::uint16_t local_port = 0;
};

/// MAIL FROM parameters (RFC 1870 SIZE, RFC 6152/3030 BODY, RFC 6531 SMTPUTF8, RFC 3461 RET/ENVID,
/// RFC 4954 AUTH).
struct mail_parameters {
  std::optional<std::uint64_t> size;
  std::string body;  ///< "", "7BIT", "8BITMIME" or "BINARYMIME" (upper-cased)
  bool smtputf8 = false;
  std::string ret;    ///< "", "FULL", "HDRS"
  std::string envid;  ///< xtext as received
  std::string auth;   ///< AUTH=<mailbox> as received
};

/// RCPT TO parameters (RFC 3461 NOTIFY/ORCPT).
struct recipient {
  std::string forward_path;  ///< address without angle brackets
  std::string notify;        ///< as received, e.g. "SUCCESS,FAILURE"; "" when absent
  std::string orcpt;         ///< as received; "" when absent
};

/// The mail transaction (RFC 5321 section 3.3): reset by RSET, EHLO, STARTTLS and each completed
/// message.
struct envelope {
  std::string reverse_path;  ///< address without angle brackets; "" for the null path <>
  mail_parameters mail;
  std::vector<recipient> recipients;
};

/// Session-wide facts (survive RSET; STARTTLS clears hello and auth as RFC 3207 section 4.2 asks).
struct session_facts {
  connection_info connection;
  std::optional<tls_info> tls;       ///< set once a handshake completed
  std::string hello_name;            ///< argument of the last EHLO/HELO; "" before one
  bool extended = false;             ///< EHLO (true) or HELO (false)
  std::optional<std::string> login;  ///< the authenticated identity
  std::string auth_mechanism;        ///< "LOGIN", "XOAUTH2"... for the authenticated identity
  std::uint32_t messages_accepted = 0;
  /// AUTH commands whose dialogue ended in a final reply other than 235.
  std::uint32_t auth_refusals = 0;
  /// The code of the last reply sent (the greeting included), the answer to QUIT and
  /// the server's own goodbye (session::give_up) aside; 0 before any.
  int last_reply_code = 0;
};

}  // namespace exomock::smtp
