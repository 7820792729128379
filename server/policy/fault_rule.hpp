// A fault-injection rule as a scenario writes it ([[fault]]): what it matches and
// what it does. Data only: fault_rules.* decides, the transport performs delays,
// closes, trickles, stalls and handshake failures.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exomock::policy {

/// The points of a session a rule can act on.
enum class fault_stage : std::uint8_t {
  connect,        ///< the greeting
  tls_handshake,  ///< before the handshake (after STARTTLS's 220, or at connect for implicit TLS)
  hello,          ///< EHLO or HELO
  starttls,       ///< the 220 to STARTTLS
  auth,           ///< the final AUTH reply
  mail,
  rcpt,
  data,         ///< the 354
  end_of_data,  ///< the reply after the message (end of DATA or BDAT LAST)
  bdat,         ///< the reply to a BDAT chunk that is not the last
  rset,
  quit,
};

/// How often a rule fires among the events it matches (counted per rule, server-wide).
enum class occurrence_kind : std::uint8_t {
  always,
  nth,    ///< only the nth matching event
  every,  ///< the nth, 2nth, 3nth...
  after,  ///< every event after the first n
};

struct fault_match {
  std::vector<fault_stage> stages;            ///< required, at least one
  std::string listener;                       ///< "" for any
  std::string login;                          ///< "" for any; "-" for unauthenticated sessions
  std::string sender;                         ///< glob over the MAIL FROM address; "" for any
  std::string recipient;                      ///< glob; some recipient must match; "" for any
  std::vector<std::string> client_ip_ranges;  ///< CIDR; empty for any
  occurrence_kind occurrence = occurrence_kind::always;
  std::uint64_t n = 0;
  double probability = 1.0;  ///< drawn from the scenario seed, the rule and the occurrence number
  std::optional<std::chrono::system_clock::time_point> from;   ///< on the scenario clock
  std::optional<std::chrono::system_clock::time_point> until;  ///< exclusive
};

enum class fault_kind : std::uint8_t {
  reply,               ///< replace the reply
  delay,               ///< the reply (original or replaced) after `delay`
  close,               ///< close without replying
  reply_and_close,     ///< the reply (original or replaced), then close
  fail_tls_handshake,  ///< a handshake_failure alert instead of the ServerHello
  trickle,             ///< the reply written `trickle_bytes` at a time
  stall,               ///< never answer; hold the connection until the client gives up
};

struct fault_action {
  fault_kind kind = fault_kind::reply;
  int code = 0;                        ///< 0: keep the original reply
  std::string enhanced;                ///< "4.7.0", prefixed to every line; "" for none
  std::vector<std::string> lines;      ///< the replacement text, one entry per line
  bool diag = false;                   ///< append Exchange's DIAG suffix to the last line
  std::chrono::milliseconds delay{0};  ///< before replying, for any kind
  std::uint32_t trickle_bytes = 1;
  std::chrono::milliseconds trickle_interval{100};
};

struct fault_rule {
  std::string name;  ///< for logs and the store; "fault N" when the file gives none
  fault_match match;
  fault_action action;
};

}  // namespace exomock::policy
