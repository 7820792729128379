// What live clients are told about what the store gained, as events without
// any socket: `new` for each message that became visible (Mailpit's frame),
// and exomock's own `signin` for each sign-in row and `session` for each
// finished session. The event stream asks after every commit; the feed keeps
// where it got to, so each row is told once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "http/mailbox_events.hpp"
#include "store/mailbox_reader.hpp"
#include "store/message_reader.hpp"

namespace exomock::http {

class event_feed {
 public:
  /// VERSION is what `stats` reports (Mailpit's own version there).
  event_feed(const store::mailbox_reader& mailbox, const store::message_reader& reader,
             std::string version);

  /// Passes over everything stored so far: only what comes later is told.
  void skip_to_now();
  /// The events for rows stored since the last call (or skip_to_now), each
  /// kind oldest first: `new` {MessageSummary}, then `signin` {UserPrincipalName,
  /// ErrorCode, FailureReason, IPAddress, SessionID, Created}, then `session`
  /// {SessionID, Listener, ClientIP, Login, Started, Ended}.
  [[nodiscard]] std::vector<mailbox_event> committed();
  /// `stats` {Total, Unread, Version}.
  [[nodiscard]] mailbox_event stats() const;

 private:
  const store::mailbox_reader& mailbox_;
  const store::message_reader& reader_;
  std::string version_;
  std::int64_t last_message_ = 0;
  std::int64_t last_sign_in_ = 0;
  std::int64_t last_session_ = 0;
};

/// The text frame: {"Type": TYPE, "Data": DATA}.
[[nodiscard]] std::string frame_text(const mailbox_event& event);

}  // namespace exomock::http
