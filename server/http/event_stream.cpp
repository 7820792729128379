// One coroutine reads each client (Beast needs a read in flight for control
// frames and its idle pings), another writes its queue; broadcasting only
// appends to the queues. The store's writer thread only posts here, and the
// flag keeps a burst of commits to one feed query.
#include "http/event_stream.hpp"

#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <deque>
#include <vector>

#include "http/event_feed.hpp"
#include "http/use_tuple.hpp"

namespace exomock::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr auto stats_delay = std::chrono::milliseconds(250);
// Beast pings a client after half the idle time without traffic: 54 s, Mailpit's period.
constexpr auto idle_limit = std::chrono::seconds(108);
constexpr std::size_t most_queued = 4096;

struct client {
  client(beast::tcp_stream s, std::optional<tenant_scope> only)
      : ws(std::move(s)), wake(ws.get_executor()), scope(std::move(only)) {}
  websocket::stream<beast::tcp_stream> ws;
  std::deque<std::string> queue;
  asio::steady_timer wake;            // cancelled when the queue gains a frame
  std::optional<tenant_scope> scope;  // ?tenant=: only that tenant's events
  bool closed = false;

  void enqueue(const std::string& frame) {
    if (closed) {
      return;
    }
    if (queue.size() >= most_queued) {  // too far behind: let it go (Mailpit drops it too)
      closed = true;
      beast::get_lowest_layer(ws).close();
    } else {
      queue.push_back(frame);
    }
    wake.cancel();
  }
};

asio::awaitable<void> write_loop(std::shared_ptr<client> c) {
  while (!c->closed) {
    if (c->queue.empty()) {
      c->wake.expires_at(asio::steady_timer::time_point::max());
      co_await c->wake.async_wait(use_tuple);
      continue;
    }
    const std::string frame = std::move(c->queue.front());
    c->queue.pop_front();
    c->ws.text(true);
    auto [ec, n] = co_await c->ws.async_write(asio::buffer(frame), use_tuple);
    (void)n;
    if (ec) {
      c->closed = true;
    }
  }
}

}  // namespace

struct event_stream::impl {
  impl(asio::io_context& io, const store::mailbox_reader& mailbox,
       const store::message_reader& reader, std::string version)
      : io(io), feed(mailbox, reader, std::move(version)), stats_timer(io) {}

  asio::io_context& io;
  event_feed feed;
  std::vector<std::shared_ptr<client>> clients;
  asio::steady_timer stats_timer;
  bool stats_due = false;
  std::atomic<bool> poll_posted{false};

  void broadcast(const mailbox_event& event) {
    const std::string frame = frame_text(event);
    for (const auto& c : clients) {
      if (!c->scope || event_in_scope(event, *c->scope)) {
        c->enqueue(frame);
      }
    }
  }
  void after_commit() {
    poll_posted = false;
    if (clients.empty()) {
      return;  // the feed is moved to "now" when the next client comes
    }
    bool gained = false;
    for (const mailbox_event& e : feed.committed()) {
      gained = gained || e.type == "new";
      broadcast(e);
    }
    if (gained) {
      changed();
    }
  }
  void changed() {
    if (clients.empty() || stats_due) {
      return;
    }
    stats_due = true;
    stats_timer.expires_after(stats_delay);
    stats_timer.async_wait([this](boost::system::error_code ec) {
      stats_due = false;
      if (!ec) {
        broadcast(feed.stats());
      }
    });
  }
  void join(const std::shared_ptr<client>& c) {
    if (clients.empty()) {
      feed.skip_to_now();
    }
    clients.push_back(c);
    broadcast(feed.stats());  // Mailpit tells everyone on each new connection
  }
  void leave(const std::shared_ptr<client>& c) { std::erase(clients, c); }
};

event_stream::event_stream(asio::io_context& io, const store::mailbox_reader& mailbox,
                           const store::message_reader& reader, store::commit_signal& commits,
                           std::string version)
    : impl_(std::make_shared<impl>(io, mailbox, reader, std::move(version))), commits_(commits) {
  subscription_ = commits_.subscribe([weak = std::weak_ptr<impl>(impl_)] {
    const auto self = weak.lock();
    if (self && !self->poll_posted.exchange(true)) {
      asio::post(self->io, [self] { self->after_commit(); });
    }
  });
}

event_stream::~event_stream() {
  commits_.unsubscribe(subscription_);
}

asio::awaitable<void> event_stream::serve(beast::tcp_stream stream, beast_request request,
                                          std::optional<tenant_scope> scope) {
  auto c = std::make_shared<client>(std::move(stream), std::move(scope));
  c->ws.set_option(websocket::stream_base::timeout{std::chrono::seconds(30), idle_limit, true});
  auto [accept_ec] = co_await c->ws.async_accept(request, use_tuple);
  if (accept_ec) {
    co_return;
  }
  std::shared_ptr<impl> self = impl_;
  self->join(c);
  asio::co_spawn(self->io, write_loop(c), asio::detached);
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await c->ws.async_read(buffer, use_tuple);
    (void)n;
    if (ec) {
      break;
    }
    buffer.clear();  // what a client sends means nothing here
  }
  self->leave(c);
  c->closed = true;
  c->wake.cancel();
}

void event_stream::publish(mailbox_event event) {
  if (!impl_->clients.empty()) {
    impl_->broadcast(event);
  }
}

void event_stream::changed() {
  impl_->changed();
}

}  // namespace exomock::http
