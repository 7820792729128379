// The HTTP listener (Beast I/O only): accepts, reads one request at a time per
// connection within the limits below, hands it to the request handler and
// writes what comes back. A deferred response is re-polled after every store
// commit until it is ready or times out. Runs on its own io_context and thread,
// so no request, however slow its SQLite query, can delay an SMTP reply.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "store/commit_signal.hpp"

namespace exomock::http {

struct http_limits {
  std::size_t header_bytes = std::size_t{16} << 10;     ///< request line and headers together
  std::size_t body_bytes = std::size_t{5} << 20;        ///< Mailpit's cap on every route...
  std::size_t send_body_bytes = std::size_t{64} << 20;  ///< ...but POST /api/v1/send
  std::chrono::steady_clock::duration idle = std::chrono::seconds(60);     ///< between requests
  std::chrono::steady_clock::duration request = std::chrono::seconds(30);  ///< to read one
  std::chrono::steady_clock::duration longest_wait = std::chrono::minutes(5);
};

using beast_request = boost::beast::http::request<boost::beast::http::string_body>;
/// Takes over a connection whose request asked for a WebSocket upgrade.
using upgrade_handler =
    std::function<boost::asio::awaitable<void>(boost::beast::tcp_stream, beast_request)>;
/// Answers one request (auth, routing and all); must not throw.
using request_handler = std::function<route_result(request&)>;

class http_server {
 public:
  http_server(boost::asio::io_context& io, request_handler handler, store::commit_signal& commits,
              http_limits limits = {});
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// WebSocket upgrades for `path` go to `handler` once `gate` (the same access
  /// check as for any request) returns no refusal.
  void on_upgrade(std::string path, std::function<std::optional<response>(const request&)> gate,
                  upgrade_handler handler);
  /// Serves HTTPS with `context` (the listener's certificate) instead of HTTP;
  /// before start().
  void serve_tls(std::shared_ptr<boost::asio::ssl::context> context);
  /// `observer` sees every request answered (a request that could not be read as an
  /// empty one) and its final status, once any deferred response has settled.
  void on_answered(std::function<void(const request&, int status)> observer);
  /// Binds and starts accepting; returns the bound address (port 0 resolved).
  /// Throws std::runtime_error when the address cannot be bound.
  boost::asio::ip::tcp::endpoint start(const boost::asio::ip::tcp::endpoint& at);
  /// Stops accepting; connections still open end when the owner stops the io_context.
  void stop();

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace exomock::http
