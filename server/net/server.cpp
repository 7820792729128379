// Listener set-up, the accept loops and graceful shutdown. Each accepted
// socket gets its own strand, so connections may run on several threads.
#include "net/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>

#include "net/blackhole_connection.hpp"
#include "net/endpoint_text.hpp"
#include "net/logged_spawn.hpp"
#include "net/repeat_limiter.hpp"
#include "net/smtp_connection.hpp"
#include "net/tls_context.hpp"
#include "net/use_tuple.hpp"

namespace exomock::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

bool is_smtp(policy::listener_kind kind) {
  return kind != policy::listener_kind::http;
}

[[noreturn]] void fail(const policy::listener_config& listener, const std::string& what) {
  throw std::runtime_error("listener " + listener.name + " (" + listener.host + ":" +
                           std::to_string(listener.port) + "): " + what);
}

tcp::endpoint resolve(asio::io_context& io, const policy::listener_config& listener) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(listener.host, ec);
  if (!ec) {
    return {address, listener.port};
  }
  tcp::resolver resolver(io);
  const auto results = resolver.resolve(listener.host, std::to_string(listener.port),
                                        tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    fail(listener, "cannot resolve host: " + ec.message());
  }
  return results.begin()->endpoint();
}

}  // namespace

server::server(asio::io_context& io, std::shared_ptr<const policy::scenario_model> model,
               const policy::clock& clock, store::message_store& store, transport_settings settings)
    : io_(io),
      model_(std::move(model)),
      clock_(clock),
      live_(model_),
      store_(store),
      settings_(settings) {}

server::~server() = default;

std::vector<bound_listener> server::start() {
  std::vector<bound_listener> bound;
  for (const policy::listener_config& listener : model_->listeners) {
    if (!is_smtp(listener.kind)) {
      spdlog::info("listener not served by the SMTP server listener={} kind=http", listener.name);
      continue;
    }
    open(listener);
    open_listener& opened = *listeners_.back();
    bound.push_back({listener.name, opened.acceptor.local_endpoint()});
    logged_spawn(io_.get_executor(), accept_loop(opened), "accept loop " + listener.name);
    spdlog::info("listening listener={} address={}", listener.name,
                 endpoint_text(bound.back().endpoint));
  }
  return bound;
}

void server::open(const policy::listener_config& listener) {
  std::shared_ptr<asio::ssl::context> tls;
  if (listener.kind != policy::listener_kind::blackhole) {
    tls = make_tls_context(listener, certificates_);
  }
  const tcp::endpoint endpoint = resolve(io_, listener);
  tcp::acceptor acceptor(io_);
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    fail(listener, "cannot listen: " + ec.message());
  }
  auto limits = std::make_shared<connection_limits>(listener.max_connections,
                                                    listener.max_connections_per_ip);
  listeners_.push_back(std::make_unique<open_listener>(
      open_listener{&listener, std::move(acceptor), tls, std::move(limits)}));
}

asio::awaitable<void> server::accept_loop(open_listener& listener) {
  // Out of descriptors, accept fails every 100 ms until one frees: one line a second.
  repeat_limiter failures(std::chrono::seconds(1));
  for (;;) {
    tcp::socket socket(asio::make_strand(io_));
    auto [ec] = co_await listener.acceptor.async_accept(socket, use_tuple);
    if (!listener.acceptor.is_open() || ec == asio::error::operation_aborted) {
      co_return;
    }
    if (ec) {
      // Out of descriptors or a peer that reset before accept: back off briefly and go on.
      if (const auto left_out = failures.occurred(std::chrono::steady_clock::now())) {
        spdlog::warn("accept failed listener={} error={:?} repeats_not_logged={}",
                     listener.config->name, ec.message(), *left_out);
      }
      asio::steady_timer backoff(io_, std::chrono::milliseconds(100));
      co_await backoff.async_wait(use_tuple);
      continue;
    }
    if (const std::uint64_t left_out = failures.ended(); left_out > 0) {
      spdlog::warn("accept failures ended listener={} repeats_not_logged={}", listener.config->name,
                   left_out);
    }
    dispatch(std::move(socket), listener);
  }
}

void server::dispatch(tcp::socket socket, open_listener& listener) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  auto slot = listener.limits->admit(ec ? std::string() : address_text(remote.address()));
  if (!slot) {
    spdlog::info("connection over the limit listener={} client={} live={}", listener.config->name,
                 ec ? "-" : endpoint_text(remote), listener.limits->live());
  }
  connection_setup setup{
      .services = {.live = &live_, .clk = &clock_, .tokens = tokens_},
      .listener = listener.config->name,
      .tls = listener.tls,
      .store = &store_,
      .registry = &registry_,
      .settings = settings_,
      .session_number = ++sessions_,
      .remote = ec ? tcp::endpoint() : remote,
      .slot = std::move(slot),
  };
  if (listener.config->idle_timeout) {
    setup.settings.idle_timeout = *listener.config->idle_timeout;
  }
  switch (listener.config->kind) {
    case policy::listener_kind::blackhole:
      // Past its limits a black hole closes at once: there is no reply to refuse with.
      if (setup.slot) {
        start_blackhole_connection(std::move(socket), std::move(setup));
      }
      return;
    case policy::listener_kind::implicit_tls:
      start_smtp_connection(std::move(socket), std::move(setup), true);
      return;
    default:
      start_smtp_connection(std::move(socket), std::move(setup), false);
      return;
  }
}

asio::awaitable<void> server::stop() {
  // On a strand, so the registry's posted cancel cannot overtake the wait it cancels.
  co_await asio::co_spawn(asio::make_strand(io_), drain(), asio::use_awaitable);
}

asio::awaitable<void> server::drain() {
  for (auto& listener : listeners_) {
    boost::system::error_code ignored;
    listener->acceptor.close(ignored);
  }
  if (registry_.size() > 0) {
    spdlog::info("stopping connections={} grace_ms={}", registry_.size(),
                 settings_.shutdown_grace.count());
  }
  co_await wait_until_empty(settings_.shutdown_grace);
  registry_.close_all();
  co_await wait_until_empty(std::chrono::steady_clock::duration::max());
}

// The registry's callback may run on any connection's strand: it only posts a
// cancel to the timer's strand (this coroutine's), and the shared_ptr keeps the timer alive.
asio::awaitable<void> server::wait_until_empty(std::chrono::steady_clock::duration limit) {
  auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
  if (limit == std::chrono::steady_clock::duration::max()) {
    timer->expires_at(std::chrono::steady_clock::time_point::max());
  } else {
    timer->expires_after(limit);
  }
  registry_.when_empty(
      [timer] { asio::post(timer->get_executor(), [timer] { timer->cancel(); }); });
  co_await timer->async_wait(use_tuple);
}

}  // namespace exomock::net
