#include "http/message_submission.hpp"

#include <future>
#include <memory>

namespace exomock::http {

std::optional<std::int64_t> submit_and_wait(store::message_store& store,
                                            store::captured_message message,
                                            std::chrono::steady_clock::duration timeout) {
  // Shared: after a time-out the store may still call back, into a live promise.
  auto outcome = std::make_shared<std::promise<std::optional<std::int64_t>>>();
  auto future = outcome->get_future();
  const bool write_now = store.submit(std::move(message), [outcome](bool ok, std::int64_t id) {
    outcome->set_value(ok ? std::optional<std::int64_t>(id) : std::nullopt);
  });
  if (write_now) {
    store.write_queued();  // nothing else was queued: no event loop will write this group
  }
  if (future.wait_for(timeout) != std::future_status::ready) {
    return std::nullopt;
  }
  return future.get();
}

}  // namespace exomock::http
