#include "http/http_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <stdexcept>
#include <utility>

#include "http/use_tuple.hpp"

namespace exomock::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;

request to_request(const beast_request& in, bool& target_ok) {
  request out;
  out.method = std::string(in.method_string());
  target_ok = parse_target(in.target(), out);
  for (const auto& field : in) {
    out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  out.body = in.body();
  return out;
}

bhttp::response<bhttp::string_body> to_beast(const response& r, unsigned version, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  if (!r.content_type.empty()) {
    out.set(bhttp::field::content_type, r.content_type);
  }
  for (const header_field& h : r.headers) {
    out.insert(h.name, h.value);
  }
  out.body() = r.body;
  out.prepare_payload();
  if (head) {
    out.body().clear();  // Content-Length stays: what a GET would have sent
  }
  return out;
}

// The status for a request that could not be read; 0 when the peer simply went away.
int read_failure_status(const boost::system::error_code& ec) {
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted) {
    return 0;
  }
  if (ec == bhttp::error::header_limit) {
    return 431;
  }
  if (ec == bhttp::error::body_limit) {
    return 413;
  }
  return 400;
}

std::string status_body(int status) {
  switch (status) {
    case 413:
      return "413 Request Entity Too Large";
    case 431:
      return "431 Request Header Fields Too Large";
    default:
      return "400 Bad Request";
  }
}

// Mailpit's send API answers an oversized body in JSON, as its clients expect.
response failure_response(int status, const beast_request& head) {
  if (status == 413 && head.method() == bhttp::verb::post &&
      head.target().starts_with("/api/v1/send")) {
    return json(413, R"({"Error":"http: request body too large"})");
  }
  return text(status, status_body(status));
}

}  // namespace

struct http_server::impl : std::enable_shared_from_this<impl> {
  impl(asio::io_context& io, request_handler h, store::commit_signal& c, http_limits l)
      : io(io), handler(std::move(h)), commits(c), limits(l), acceptor(io) {}

  asio::io_context& io;
  request_handler handler;
  store::commit_signal& commits;
  http_limits limits;
  tcp::acceptor acceptor;
  std::string upgrade_path;
  std::function<std::optional<response>(const request&)> upgrade_gate;
  upgrade_handler upgrade;
  std::function<void(const request&, int)> answered = [](const request&, int) {};
  std::atomic<bool> stopping{false};

  asio::awaitable<void> accept_loop();
  std::shared_ptr<asio::ssl::context> tls;  // set: every connection is HTTPS

  asio::awaitable<void> serve(tcp::socket socket);
  template <class Stream>
  asio::awaitable<void> serve_requests(Stream& stream, std::string client_ip);
  asio::awaitable<response> settle(route_result result);
  template <class Stream>
  asio::awaitable<bool> write(Stream& stream, const response& r, unsigned version, bool head,
                              bool keep_alive);
};

asio::awaitable<void> http_server::impl::accept_loop() {
  auto self = shared_from_this();
  while (!stopping) {
    auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
    if (ec == asio::error::operation_aborted || stopping) {
      break;
    }
    if (ec) {
      spdlog::warn("http accept failed error={:?}", ec.message());
      continue;
    }
    asio::co_spawn(io, serve(std::move(socket)), asio::detached);
  }
}

// Polls a deferred response after every commit. The counter closes the race
// between a poll and the wait that follows it: a commit that lands in between
// either bumps the counter before it is compared (so we poll again at once) or
// posts its wake-up after the wait has started (which it then cancels).
asio::awaitable<response> http_server::impl::settle(route_result result) {
  if (auto* ready = std::get_if<response>(&result)) {
    co_return std::move(*ready);
  }
  auto& deferred = std::get<deferred_response>(result);
  const auto deadline =
      std::chrono::steady_clock::now() + std::min(deferred.timeout, limits.longest_wait);
  auto timer = std::make_shared<asio::steady_timer>(io);
  auto commits_seen = std::make_shared<std::atomic<std::uint64_t>>(0);
  const auto subscription = commits.subscribe([timer, commits_seen, ex = io.get_executor()] {
    commits_seen->fetch_add(1);
    asio::post(ex, [timer] { timer->cancel(); });
  });
  std::optional<response> answer;
  for (;;) {
    const std::uint64_t before = commits_seen->load();
    answer = deferred.poll();
    if (answer || std::chrono::steady_clock::now() >= deadline) {
      break;
    }
    if (commits_seen->load() != before) {
      continue;
    }
    timer->expires_at(deadline);
    auto [ec] = co_await timer->async_wait(use_tuple);
    (void)ec;  // cancelled by a commit, or the deadline: either way poll again
  }
  commits.unsubscribe(subscription);
  if (answer) {
    co_return std::move(*answer);
  }
  co_return deferred.expired();
}

template <class Stream>
asio::awaitable<bool> http_server::impl::write(Stream& stream, const response& r, unsigned version,
                                               bool head, bool keep_alive) {
  auto out = to_beast(r, version, head);
  out.keep_alive(keep_alive);
  beast::get_lowest_layer(stream).expires_after(limits.request);
  auto [ec, n] = co_await bhttp::async_write(stream, out, use_tuple);
  (void)n;
  co_return !ec;
}

// HTTPS: the handshake within the request limit, then the same request loop.
asio::awaitable<void> http_server::impl::serve(tcp::socket socket) {
  auto self = shared_from_this();
  boost::system::error_code peer_ec;
  const auto peer = socket.remote_endpoint(peer_ec);
  std::string client_ip = peer_ec ? std::string() : peer.address().to_string();
  if (!tls) {
    beast::tcp_stream stream(std::move(socket));
    co_await serve_requests(stream, std::move(client_ip));
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
  beast::get_lowest_layer(stream).expires_after(limits.request);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
  if (ec) {
    spdlog::debug("https handshake failed client={} error={:?}", client_ip, ec.message());
    co_return;
  }
  co_await serve_requests(stream, std::move(client_ip));
}

template <class Stream>
asio::awaitable<void> http_server::impl::serve_requests(Stream& stream, std::string client_ip) {
  constexpr bool plain = std::is_same_v<Stream, beast::tcp_stream>;
  beast::flat_buffer buffer;
  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
    parser.body_limit(limits.body_bytes);
    beast::get_lowest_layer(stream).expires_after(limits.idle);
    auto [header_ec, header_n] =
        co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    (void)header_n;
    if (!header_ec) {
      const auto& head = parser.get();
      if (head.method() == bhttp::verb::post && head.target().starts_with("/api/v1/send")) {
        parser.body_limit(limits.send_body_bytes);
      }
      // WebSockets are served on plain listeners only *(chosen)*.
      if constexpr (plain) {
        if (beast::websocket::is_upgrade(head) && !upgrade_path.empty()) {
          bool target_ok = false;
          const request probe = to_request(head, target_ok);
          if (target_ok && probe.path == upgrade_path) {
            if (auto refusal = upgrade_gate(probe)) {
              co_await write(stream, *refusal, head.version(), false, false);
              co_return;
            }
            stream.expires_never();
            co_await upgrade(std::move(stream), parser.release());
            co_return;
          }
        }
      }
    }
    boost::system::error_code read_ec = header_ec;
    if (!read_ec) {
      beast::get_lowest_layer(stream).expires_after(limits.request);
      auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      (void)body_n;
      read_ec = body_ec;
    }
    if (read_ec) {
      if (const int status = read_failure_status(read_ec); status != 0) {
        answered(request{}, status);
        co_await write(stream, failure_response(status, parser.get()), 11, false, false);
      }
      break;
    }
    const beast_request& in = parser.get();
    bool target_ok = false;
    request r = to_request(in, target_ok);
    r.client_ip = client_ip;
    r.secure = !plain;
    response answer;
    if (!target_ok) {
      answer = text(400, "400 Bad Request");
    } else {
      answer = co_await settle(handler(r));
    }
    answered(r, answer.status);
    const bool keep_alive = in.keep_alive() && target_ok;
    if (!co_await write(stream, answer, in.version(), in.method() == bhttp::verb::head,
                        keep_alive) ||
        !keep_alive) {
      break;
    }
  }
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
}

http_server::http_server(asio::io_context& io, request_handler handler,
                         store::commit_signal& commits, http_limits limits)
    : impl_(std::make_shared<impl>(io, std::move(handler), commits, limits)) {}

http_server::~http_server() {
  stop();
}

void http_server::on_upgrade(std::string path,
                             std::function<std::optional<response>(const request&)> gate,
                             upgrade_handler handler) {
  impl_->upgrade_path = std::move(path);
  impl_->upgrade_gate = std::move(gate);
  impl_->upgrade = std::move(handler);
}

void http_server::serve_tls(std::shared_ptr<asio::ssl::context> context) {
  impl_->tls = std::move(context);
}

void http_server::on_answered(std::function<void(const request&, int status)> observer) {
  impl_->answered = std::move(observer);
}

tcp::endpoint http_server::start(const tcp::endpoint& at) {
  boost::system::error_code ec;
  auto& acceptor = impl_->acceptor;
  acceptor.open(at.protocol(), ec);
  if (!ec) {
    acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    acceptor.bind(at, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    throw std::runtime_error("cannot listen on " + at.address().to_string() + ":" +
                             std::to_string(at.port()) + ": " + ec.message());
  }
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  return acceptor.local_endpoint();
}

void http_server::stop() {
  impl_->stopping = true;
  asio::post(impl_->io, [self = impl_] {
    boost::system::error_code ignored;
    self->acceptor.close(ignored);
  });
}

}  // namespace exomock::http
