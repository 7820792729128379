// One SMTP connection: feeds the protocol core the bytes it reads and performs
// the actions it gets back, on plain TCP, after STARTTLS, or with implicit TLS.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "net/connection_setup.hpp"

namespace exomock::net {

/// Serves the accepted `socket` to its end on the socket's executor (a strand);
/// returns at once. With `implicit_tls` the handshake comes before the greeting.
void start_smtp_connection(boost::asio::ip::tcp::socket socket, connection_setup setup,
                           bool implicit_tls);

}  // namespace exomock::net
