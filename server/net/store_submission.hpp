// Hands a message (or a session's record) to the store and completes on the caller's executor: the
// store may call back on its sync thread, so the result is posted back to the
// strand of the connection that awaits it (any Asio completion token works).
// The first message queued after a write also posts the next write: it runs
// once the handlers already ready in the event loop have run, so every message
// those connections complete meanwhile joins the same journal write and fsync.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <cstdint>
#include <memory>
#include <utility>

#include "store/captured_message.hpp"
#include "store/message_store.hpp"

namespace exomock::net {

namespace detail {

// Queues with `queue(callback)` (the store's submit or record, which returns
// whether a write must be posted) and completes the handler on its executor
// with the callback's arguments.
template <typename Signature, typename Queue, typename CompletionToken>
auto async_queue(store::message_store& store, Queue queue, CompletionToken&& token) {
  auto initiation = [&store](auto handler, Queue queue) {
    using handler_type = decltype(handler);
    // The work guard keeps io_context::run() alive while the store holds the entry.
    struct pending {
      handler_type handler;
      boost::asio::executor_work_guard<boost::asio::associated_executor_t<handler_type>> work;
    };
    auto work = boost::asio::make_work_guard(handler);  // before the handler is moved from
    auto state = std::make_shared<pending>(pending{std::move(handler), std::move(work)});
    auto executor = state->work.get_executor();
    const bool first = std::move(queue)([state](auto... results) {
      boost::asio::post(state->work.get_executor(), [state, results...]() mutable {
        state->work.reset();
        std::move(state->handler)(results...);
      });
    });
    if (first) {
      boost::asio::post(executor, [&store] { store.write_queued(); });
    }
  };
  return boost::asio::async_initiate<CompletionToken, Signature>(std::move(initiation), token,
                                                                 std::move(queue));
}

}  // namespace detail

/// Completes with (bool ok, std::int64_t id) once the store committed or failed.
template <typename CompletionToken>
auto async_submit(store::message_store& store, store::captured_message message,
                  CompletionToken&& token) {
  return detail::async_queue<void(bool, std::int64_t)>(
      store,
      [&store, msg = std::move(message)](auto done) mutable {
        return store.submit(std::move(msg),
                            [done](bool ok, std::int64_t id) mutable { done(ok, id); });
      },
      std::forward<CompletionToken>(token));
}

/// Completes with (bool ok) once the session record is in the journal (readers see it).
template <typename CompletionToken>
auto async_record(store::message_store& store, store::session_record record,
                  CompletionToken&& token) {
  return detail::async_queue<void(bool)>(
      store,
      [&store, rec = std::move(record)](auto done) mutable {
        return store.record(rec, [done](bool ok) mutable { done(ok); });
      },
      std::forward<CompletionToken>(token));
}

}  // namespace exomock::net
