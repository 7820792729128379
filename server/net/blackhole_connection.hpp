// A connection that is accepted and never answered, like a port where nothing
// useful listens (reference section 2: "the connection times out").
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "net/connection_setup.hpp"

namespace exomock::net {

/// Reads and discards until the peer leaves, the idle timeout or shutdown; never writes.
void start_blackhole_connection(boost::asio::ip::tcp::socket socket, connection_setup setup);

}  // namespace exomock::net
