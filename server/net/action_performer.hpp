// Performs one batch of a connection's actions on a stream (plain TCP or TLS):
// replies without delay are gathered into one write (RFC 2920 pipelining), a
// delayed reply first flushes what precedes it, fault rules' trickles, silent
// closes and stalls are carried out, a message goes to the store and the
// replies that follow it are spliced in after it. It decides nothing: what to
// wait, store and record comes from the actions, how from the connection.
// Each co_await stands in a statement of its own: GCC 12 compiled a first
// version, with co_await inside || and co_return expressions, into a coroutine
// that never finished (tests/unit/net caught it).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "net/use_tuple.hpp"
#include "policy/exchange_connection.hpp"

namespace exomock::net {

/// What the connection does after a batch of actions.
enum class next_step { read_more, upgrade_tls, close };

/// The connection's side of performing: time, the store, the sign-in log, the end.
class performer_port {
 public:
  virtual ~performer_port() = default;
  /// Waits `delay`; false when the connection is being closed meanwhile.
  virtual boost::asio::awaitable<bool> pause(std::chrono::milliseconds delay) = 0;
  /// Stores the message durably; whether it was stored.
  virtual boost::asio::awaitable<bool> store(policy::capture_message&& message) = 0;
  /// The connection's actions after the store answered `ok`.
  virtual std::vector<policy::connection_action> stored(bool ok) = 0;
  virtual void record(const policy::sign_in_event& event) = 0;
  /// Before the reply that ends the session (221, or a 421 that closes) is written:
  /// the session's record goes to the store first, so a client that has read the
  /// reply can query its session and sign-ins at once.
  virtual boost::asio::awaitable<void> ending_reply(int code) = 0;
  /// Holds the connection without answering until the peer or the idle timeout ends it.
  virtual boost::asio::awaitable<void> stall() = 0;
  /// Before each write: the idle deadline covers writes too.
  virtual void writing() = 0;
  /// A write failed: no polite TLS close afterwards.
  virtual void broken() = 0;
  /// Why the connection ends (the first reason given is kept).
  virtual void ending(std::string reason) = 0;
  /// The server or the watchdog is closing the connection.
  [[nodiscard]] virtual bool closing() const = 0;
};

template <typename Stream>
class action_performer {
 public:
  /// `out` is the connection's write buffer, kept from batch to batch for its capacity.
  action_performer(Stream& stream, performer_port& port, std::string& out)
      : stream_(stream), port_(port), out_(out) {}

  boost::asio::awaitable<next_step> perform(std::vector<policy::connection_action> actions) {
    out_.clear();
    for (std::size_t at = 0; at < actions.size() && !port_.closing(); ++at) {
      policy::connection_action next = std::move(actions[at]);
      if (auto* sign_in = std::get_if<policy::record_sign_in>(&next)) {
        port_.record(sign_in->event);
        continue;
      }
      if (auto* send = std::get_if<smtp::send_reply>(&next)) {
        const std::optional<next_step> end = co_await deliver(send->answer);
        if (end) {
          co_return *end;
        }
        continue;
      }
      if (auto* message = std::get_if<policy::capture_message>(&next)) {
        const bool flushed = co_await flush();
        if (!flushed) {
          co_return next_step::close;
        }
        const bool ok = co_await port_.store(std::move(*message));
        std::vector<policy::connection_action> more = port_.stored(ok);
        actions.insert(actions.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                       std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        continue;
      }
      const bool upgrade = std::holds_alternative<smtp::start_tls>(next);
      const bool flushed = co_await flush();
      if (!flushed || !upgrade) {
        port_.ending("closed by server");
        co_return next_step::close;
      }
      co_return next_step::upgrade_tls;
    }
    if (port_.closing()) {
      co_return next_step::close;
    }
    const bool flushed = co_await flush();
    co_return flushed ? next_step::read_more : next_step::close;
  }

 private:
  // Gathers or writes one reply; the step that ends the batch, or nullopt to go on.
  boost::asio::awaitable<std::optional<next_step>> deliver(const smtp::reply& answer) {
    if (answer.delay.count() > 0) {
      const bool flushed = co_await flush();
      if (!flushed) {
        co_return next_step::close;
      }
      const bool waited = co_await port_.pause(answer.delay);
      if (!waited) {
        co_return next_step::close;
      }
    }
    if (answer.how != smtp::delivery::normal || answer.trickle_bytes > 0) {
      const std::optional<next_step> end = co_await scripted(answer);
      co_return end;
    }
    out_ += answer.wire();
    if (!answer.close_after) {
      co_return std::nullopt;
    }
    port_.ending("closed by server after " + std::to_string(answer.code));
    co_await port_.ending_reply(answer.code);
    co_await flush();
    co_return next_step::close;
  }

  // A fault rule's way of writing a reply: trickled, withheld with a close, or
  // withheld while the connection stalls.
  boost::asio::awaitable<std::optional<next_step>> scripted(const smtp::reply& answer) {
    const bool flushed = co_await flush();
    if (!flushed) {
      co_return next_step::close;
    }
    if (answer.how == smtp::delivery::silent_close) {
      port_.ending("closed without reply by a fault rule");
      co_return next_step::close;
    }
    if (answer.how == smtp::delivery::stall) {
      port_.ending("stalled by a fault rule");
      co_await port_.stall();
      co_return next_step::close;
    }
    if (answer.close_after) {
      port_.ending("closed by server after " + std::to_string(answer.code));
      co_await port_.ending_reply(answer.code);
    }
    const std::string wire = answer.wire();
    for (std::size_t at = 0; at < wire.size(); at += answer.trickle_bytes) {
      if (at > 0) {
        const bool waited = co_await port_.pause(answer.trickle_interval);
        if (!waited) {
          co_return next_step::close;
        }
      }
      out_ = wire.substr(at, answer.trickle_bytes);
      const bool written = co_await flush();
      if (!written) {
        co_return next_step::close;
      }
    }
    if (answer.close_after) {
      co_return next_step::close;
    }
    co_return std::nullopt;
  }

  // Writes what was gathered; false when the write failed or the connection is closing.
  boost::asio::awaitable<bool> flush() {
    if (out_.empty()) {
      co_return !port_.closing();
    }
    port_.writing();
    auto [ec, n] = co_await boost::asio::async_write(stream_, boost::asio::buffer(out_), use_tuple);
    out_.clear();
    if (ec) {
      port_.broken();
      port_.ending("write: " + ec.message());
    }
    co_return !ec && !port_.closing();
  }

  Stream& stream_;
  performer_port& port_;
  std::string& out_;
};

}  // namespace exomock::net
