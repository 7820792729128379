// Everything a connection needs from the server that accepted it. Pointers
// refer to objects the server keeps alive until every connection has ended.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>

#include "net/connection_limits.hpp"
#include "net/connection_registry.hpp"
#include "net/transport_settings.hpp"
#include "policy/clock.hpp"
#include "policy/model.hpp"
#include "policy/shared_state.hpp"
#include "store/message_store.hpp"

namespace exomock::net {

struct connection_setup {
  std::shared_ptr<const policy::scenario_model> model;  ///< the snapshot this session keeps
  const policy::listener_config* listener = nullptr;    ///< an element of model->listeners
  std::shared_ptr<boost::asio::ssl::context> tls;       ///< the listener's context
  const policy::clock* clock = nullptr;
  policy::shared_state* shared = nullptr;  ///< counters every session of the server shares
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
