// The records the store keeps: captured messages and finished sessions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace exomock::store {

struct captured_message {
  std::string session_id;  ///< the SID of the session (16 hex digits)
  std::string listener;
  std::string client_ip;
  std::uint16_t client_port = 0;
  std::string helo;
  std::string login;  ///< "" when unauthenticated
  std::string auth_mechanism;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string mail_parameters;  ///< e.g. "SIZE=123 BODY=8BITMIME", for inspection
  std::string message_id;       ///< "<...>" as reported in the 250
  std::string tls_version;      ///< "" when plaintext
  std::string tls_cipher;
  bool bdat = false;
  std::string path;  ///< how it arrived: "submission", "direct-send", "connector:NAME"
  std::string raw;   ///< the message bytes exactly as received (after dot-unstuffing)
  std::chrono::system_clock::time_point session_started;
  std::chrono::system_clock::time_point received;
  /// When delivery may start (the sending rate can delay it); the epoch means `received`.
  std::chrono::system_clock::time_point released;
};

struct session_record {
  std::string session_id;
  std::string listener;
  std::string client_ip;
  std::uint16_t client_port = 0;
  std::string login;
  std::string tls_version;
  std::string tls_cipher;
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point ended;
  std::string transcript;  ///< "C:/S:" lines, AUTH secrets already redacted by the core
  /// "delivered", "auth-failed", "refused", "timed-out", "closed" (smtp/session_outcome.hpp);
  /// "" for sessions recorded before outcomes were.
  std::string outcome;
};

/// A session record as read back, with its position in the sessions table
/// (rows only grow, so a reader can ask for those after the last it saw).
struct session_row {
  std::int64_t row = 0;
  session_record record;
};

/// A captured message as listed by `exomock messages` (without the raw bytes).
struct message_summary {
  std::int64_t id = 0;
  std::string received;  ///< ISO 8601 UTC with milliseconds
  std::string session_id;
  std::string listener;
  std::string client_ip;
  std::string login;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::uint64_t size = 0;
  std::string tls_version;
  std::string message_id;
  std::string path;      ///< "submission", "direct-send", "connector:NAME"
  std::string released;  ///< ISO 8601 UTC with milliseconds; "" for rows from before
};

}  // namespace exomock::store
