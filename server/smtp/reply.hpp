// One SMTP reply as the core hands it to the transport.
// The core never invents wording: every reply comes from the session_handler
// (in exomock, the Exchange reply catalogue in policy/).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace exomock::smtp {

/// How the transport delivers a reply; anything but `normal` is scripted fault injection.
enum class delivery : unsigned char {
  normal,
  silent_close,  ///< close the connection without sending the reply
  stall,         ///< never send it; hold the connection until the peer gives up
};

/// An SMTP reply, possibly multi-line (RFC 5321 section 4.2).
struct reply {
  int code = 0;
  /// The text of each line, without the "NNN-"/"NNN " prefix and without CRLF.
  std::vector<std::string> lines;
  /// How long the transport waits before sending it (Exchange delays errors by about 5 s).
  std::chrono::milliseconds delay{0};
  /// The server closes the connection once this reply is sent (421, QUIT).
  bool close_after = false;
  delivery how = delivery::normal;
  /// Write the reply `trickle_bytes` octets at a time, `trickle_interval` apart (0: at once).
  std::size_t trickle_bytes = 0;
  std::chrono::milliseconds trickle_interval{0};

  /// "250-a\r\n250 b\r\n"; an empty `lines` gives "NNN \r\n" (used by "334 " for XOAUTH2).
  [[nodiscard]] std::string wire() const;
  [[nodiscard]] bool positive() const { return code >= 200 && code < 400; }
  [[nodiscard]] static reply single(int code, std::string text);
};

}  // namespace exomock::smtp
