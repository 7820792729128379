// The SMTP server: binds every SMTP listener of the scenario, accepts, and
// starts one connection coroutine per client; stops gracefully on request.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "net/certificate_cache.hpp"
#include "net/connection_limits.hpp"
#include "net/connection_registry.hpp"
#include "net/transport_settings.hpp"
#include "policy/access_token.hpp"
#include "policy/clock.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "store/message_store.hpp"

namespace exomock::net {

/// A listener as bound: its scenario name and the actual address (port 0 resolved).
struct bound_listener {
  std::string name;
  boost::asio::ip::tcp::endpoint endpoint;
};

class server {
 public:
  /// `clock` and `store` must outlive the server and every connection (until stop() completes).
  server(boost::asio::io_context& io, std::shared_ptr<const policy::scenario_model> model,
         const policy::clock& clock, store::message_store& store, transport_settings settings = {});
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// XOAUTH2 JWTs are checked with `verifier` (which must outlive the server); call
  /// before start(). Without it only the scenario's opaque tokens are accepted.
  void accept_tokens(const policy::token_verifier& verifier) { tokens_ = &verifier; }
  /// The live scenario and the counters every session shares (sending limits, fault-rule
  /// firings): for the exit report, and for the layers that read or change the scenario.
  [[nodiscard]] policy::live_scenario& live() { return live_; }
  /// The generated certificates of listeners that name no certificate file, for the
  /// HTTP listeners to share (one key, one certificate per server name).
  [[nodiscard]] certificate_cache& certificates() { return certificates_; }
  /// Binds the SMTP listeners (kind http is served elsewhere) and starts accepting.
  /// Throws std::runtime_error naming the listener when one cannot be set up or bound.
  std::vector<bound_listener> start();
  /// Stops accepting, lets sessions run on for the shutdown grace, closes the rest,
  /// and completes when every connection has ended.
  boost::asio::awaitable<void> stop();

 private:
  struct open_listener {
    const policy::listener_config* config;
    boost::asio::ip::tcp::acceptor acceptor;
    std::shared_ptr<boost::asio::ssl::context> tls;
    std::shared_ptr<connection_limits> limits;
  };

  void open(const policy::listener_config& listener);
  boost::asio::awaitable<void> accept_loop(open_listener& listener);
  void dispatch(boost::asio::ip::tcp::socket socket, open_listener& listener);
  boost::asio::awaitable<void> drain();
  boost::asio::awaitable<void> wait_until_empty(std::chrono::steady_clock::duration limit);

  boost::asio::io_context& io_;
  std::shared_ptr<const policy::scenario_model> model_;
  const policy::clock& clock_;
  policy::live_scenario live_;  // new sessions' snapshot, and counters every session shares
  const policy::token_verifier* tokens_ = nullptr;
  store::message_store& store_;
  transport_settings settings_;
  certificate_cache certificates_;
  connection_registry registry_;
  std::vector<std::unique_ptr<open_listener>> listeners_;
  std::atomic<std::uint64_t> sessions_{0};
};

}  // namespace exomock::net
