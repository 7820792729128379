// One SMTP connection as Exchange Online serves it: the protocol core, the
// Exchange personality it asks, and the fault rules at its reply exit, built
// from the live scenario's snapshot when the connection opens. The transport
// feeds it the connection's events and performs the actions it returns; it asks
// nothing else (OpenSMTPD's smtp_session seen from its I/O side).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "policy/access_token.hpp"
#include "policy/auth_checks.hpp"
#include "policy/clock.hpp"
#include "policy/exchange_session.hpp"
#include "policy/fault_filter.hpp"
#include "policy/live_scenario.hpp"
#include "smtp/action.hpp"
#include "smtp/session.hpp"

namespace exomock::policy {

/// What every connection of a server is built with; all outlive the connections.
struct connection_services {
  live_scenario* live = nullptr;
  const clock* clk = nullptr;
  const token_verifier* tokens = nullptr;  ///< nullptr: only the scenario's opaque tokens
};

/// Store this message durably, then call message_stored().
struct capture_message {
  smtp::store_message message;
  std::string path;  ///< "submission", "direct-send" or "connector:NAME"
  /// When it is released for delivery (a later minute when the 30-per-minute rate delayed it).
  std::chrono::system_clock::time_point released;
};

/// Record this AUTH attempt in the sign-in log now (before any delayed reply:
/// a client that hangs up is still logged).
struct record_sign_in {
  sign_in_event event;
};

using connection_action = std::variant<smtp::send_reply, smtp::start_tls, smtp::close_connection,
                                       capture_message, record_sign_in>;

class exchange_connection {
 public:
  /// A connection to `listener` of the live snapshot. `admitted` is false when the
  /// transport counted it past the listener's connection limits: start() then
  /// refuses it (421 4.3.2, close) instead of greeting.
  exchange_connection(const connection_services& services, std::string_view listener,
                      std::uint64_t session_number, smtp::connection_info connection,
                      bool admitted = true);
  ~exchange_connection();
  exchange_connection(const exchange_connection&) = delete;
  exchange_connection& operator=(const exchange_connection&) = delete;

  /// The greeting (or the refusal past a limit). For implicit TLS, after tls_established().
  std::vector<connection_action> start();
  std::vector<connection_action> receive(std::string_view bytes);
  std::vector<connection_action> tls_established(const smtp::tls_info& tls);
  std::vector<connection_action> message_stored(bool ok);
  /// Whether the client is sending a message's octets (DATA text or a BDAT chunk).
  [[nodiscard]] bool reading_message() const { return session_.reading_message(); }
  /// The server ends the session (idle timeout, shutdown): its 421 and the close.
  std::vector<connection_action> give_up(smtp::reply_kind why);
  /// The peer closed or the transport gave up.
  void peer_closed();

  /// What the transport does before the TLS handshake ([[fault]] stage tls-handshake).
  [[nodiscard]] handshake_fault before_tls_handshake();

  /// The SID shown in the banner and every DIAG suffix.
  [[nodiscard]] const std::string& session_id() const;
  [[nodiscard]] const smtp::session_facts& facts() const;
  [[nodiscard]] const smtp::transcript& transcript() const;

 private:
  std::vector<connection_action> performed(std::vector<smtp::action> actions);
  void count_reply(const smtp::reply& r);

  std::shared_ptr<const scenario_model> model_;  // the snapshot kept to the connection's end
  const listener_config* listener_;
  bool admitted_;
  traffic_counters* traffic_;  // the live scenario's, for /metrics
  exchange_session personality_;
  fault_filter faults_;
  smtp::session session_;
  std::size_t sign_ins_reported_ = 0;
  std::size_t storing_bytes_ = 0;  // the size of the message being stored
};

}  // namespace exomock::policy
