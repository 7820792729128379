// The SMTP sessions open right now, for the web page and GET /api/v1/sessions/live: each
// connection adds itself when it starts, says what changed as the dialogue goes on, and
// leaves once its record is stored. Only what the finished session's record also shows is
// kept: its facts and its transcript so far, whose AUTH secrets the core masked before
// writing them (smtp/transcript.hpp), so nothing here can leak a secret.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exomock::policy {

struct live_session {
  std::string id;  ///< the SID, as in the finished session's record
  std::string listener;
  std::string client_ip;
  std::uint16_t client_port = 0;
  std::chrono::system_clock::time_point started;
  std::string hello_name;   ///< the last EHLO/HELO argument; "" before one
  std::string tls_version;  ///< "" in plain text
  std::string login;        ///< the authenticated identity; "" before AUTH succeeds
  std::uint32_t messages = 0;
  std::uint32_t auth_refusals = 0;

  bool operator==(const live_session&) const = default;
};

/// "connected" (no EHLO yet), "greeted" (EHLO or HELO answered) or "authenticated".
[[nodiscard]] const char* live_state(const live_session& s);

/// Synchronised on its own: connections run on the I/O threads, the HTTP routes on theirs.
class live_session_book {
 public:
  /// Adds `s`, or replaces the facts kept under its id (its transcript stays).
  void put(const live_session& s);
  /// Adds `lines` ("C: ...\n" each, smtp::transcript::lines_from) to the transcript of `id`.
  void append(const std::string& id, std::string_view lines);
  void remove(const std::string& id);
  /// Every open session, oldest first (then by id).
  [[nodiscard]] std::vector<live_session> list() const;
  /// One open session with its transcript so far; nullopt when it is not open.
  [[nodiscard]] std::optional<std::pair<live_session, std::string>> find(std::string_view id) const;

 private:
  struct kept {
    live_session facts;
    std::string transcript;
  };
  mutable std::mutex mutex_;
  std::map<std::string, kept, std::less<>> sessions_;
};

}  // namespace exomock::policy
