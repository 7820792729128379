// Limits the transport enforces on every connection, whatever the scenario says.
// Defaults follow Exchange Online where it is known (about 10 minutes idle).
#pragma once

#include <chrono>
#include <cstddef>

namespace exomock::net {

struct transport_settings {
  /// A connection that completes no command for this long is closed (Exchange drops idle
  /// clients after ~10 min). Bytes that complete nothing do not count: a client trickling a
  /// line one byte at a time is timed from its last command.
  std::chrono::milliseconds idle_timeout{600'000};
  /// A message's octets (DATA text or BDAT chunks) may keep a connection alive, each read
  /// restarting the idle time, but only this long after the message began (Exchange's
  /// receive connector ConnectionTimeout, 10 minutes).
  std::chrono::milliseconds message_timeout{600'000};
  /// Bytes read per receive() call; the core does its own framing, so this caps net's buffer.
  /// 16 KiB is one full TLS record, and keeps many idle connections cheap.
  std::size_t read_buffer_size = std::size_t{16} * 1024;
  /// At shutdown, how long live sessions may run on before they are closed.
  std::chrono::milliseconds shutdown_grace{2000};
  /// Upper bound on a TLS close_notify exchange before the socket is simply closed.
  std::chrono::milliseconds tls_shutdown_timeout{1000};
};

}  // namespace exomock::net
