// What the protocol core asks the transport to do, in order. The transport
// performs each action and reports back through session's event methods.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "smtp/reply.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::smtp {

/// Write this reply (after reply.delay) and close if reply.close_after.
struct send_reply {
  reply answer;
};

/// Perform the TLS server handshake now, then call session::tls_established()
/// (or session::peer_closed() if it fails). Plaintext received after the
/// STARTTLS line has already been discarded (RFC 3207 section 5, CVE-2011-0411).
struct start_tls {};

/// Close the connection (after the replies before it are written).
struct close_connection {};

/// Store this message durably, then call session::message_stored(). The core
/// reads no further input until then, so pipelined commands wait.
struct store_message {
  envelope transaction;
  std::string content;
  bool bdat = false;
  std::string message_id;  ///< as decided by the handler
  session_facts facts;     ///< snapshot at end of data (login, TLS, hello)
};

using action = std::variant<send_reply, start_tls, close_connection, store_message>;

}  // namespace exomock::smtp
