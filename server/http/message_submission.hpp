// Storing a message from the HTTP side (POST /api/v1/send): handed to the
// store like an SMTP message, and waited for until it is durable. The send is
// one journal write (and one fdatasync with durability fsync): a synchronous
// wait is exact, where a deferred response would have to close the gap between
// the store's commit notification and the callback that carries the id.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "store/captured_message.hpp"
#include "store/message_store.hpp"

namespace exomock::http {

/// MESSAGE's id once it is durable; nullopt when the store failed it, or did
/// not answer within TIMEOUT.
[[nodiscard]] std::optional<std::int64_t> submit_and_wait(
    store::message_store& store, store::captured_message message,
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(30));

}  // namespace exomock::http
