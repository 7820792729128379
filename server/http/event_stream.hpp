// The WebSocket of /api/events (reference §1.12), Beast I/O only: each client
// gets every event as a {"Type","Data"} text frame, in order. The events come
// from the routes (mailbox_events, which this implements) and from the store:
// after every commit the feed (event_feed.hpp) is asked for `new`, `signin`
// and `session` events. `stats` follows 250 ms after a change (once for any
// number of changes in that time) and goes to everyone whenever a client
// connects. Clients are pinged after 54 s without traffic and dropped after
// 108 s without an answer, or when they fall 4096 frames behind. What clients
// send is read and ignored. Everything runs on the HTTP server's io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>
#include <optional>
#include <string>

#include "http/http_server.hpp"
#include "http/mailbox_events.hpp"
#include "http/tenant_scope.hpp"
#include "store/commit_signal.hpp"
#include "store/mailbox_reader.hpp"
#include "store/message_reader.hpp"

namespace exomock::http {

class event_stream final : public mailbox_events {
 public:
  /// VERSION is what `stats` reports. Subscribes to COMMITS until destroyed;
  /// destroy it only once IO no longer runs.
  event_stream(boost::asio::io_context& io, const store::mailbox_reader& mailbox,
               const store::message_reader& reader, store::commit_signal& commits,
               std::string version);
  ~event_stream() override;
  event_stream(const event_stream&) = delete;
  event_stream& operator=(const event_stream&) = delete;

  /// Takes over a connection whose request asks for the upgrade (what
  /// http_server::on_upgrade hands over) until the client goes.
  /// With a SCOPE (?tenant=), the client is told only of that tenant's messages,
  /// sign-ins and sessions (tenant_scope.hpp).
  boost::asio::awaitable<void> serve(boost::beast::tcp_stream stream, beast_request request,
                                     std::optional<tenant_scope> scope = std::nullopt);

  void publish(mailbox_event event) override;
  void changed() override;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;  // shared with the coroutines and the commit callback
  store::commit_signal& commits_;
  store::commit_signal::subscription subscription_ = 0;
};

}  // namespace exomock::http
