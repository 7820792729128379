// Everything a connection needs from the server that accepted it. Pointers
// refer to objects the server keeps alive until every connection has ended.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "net/connection_limits.hpp"
#include "net/connection_registry.hpp"
#include "net/transport_settings.hpp"
#include "policy/exchange_connection.hpp"
#include "store/message_store.hpp"

namespace exomock::net {

struct connection_setup {
  policy::connection_services services;  ///< the live scenario, the clock, the token verifier
  std::string listener;                  ///< the scenario's name for the listener
  std::shared_ptr<boost::asio::ssl::context> tls;  ///< the listener's context
  store::message_store* store = nullptr;
  connection_registry* registry = nullptr;
  transport_settings settings;
  std::uint64_t session_number = 0;
  /// The peer as accept() saw it (asked once: every getpeername is a system call).
  boost::asio::ip::tcp::endpoint remote;
  /// The connection's place under the listener's limits; null: refused past a limit.
  std::unique_ptr<connection_limits::slot> slot;
};

}  // namespace exomock::net
