// What the routes that change the mailbox tell live clients: Mailpit's
// websocket events (reference §1.12) as values. The event stream
// (event_stream.hpp) sends them to every connected client as
// {"Type": ..., "Data": ...} text frames; a route context without live
// clients gets no_mailbox_events(). Called on the HTTP server's thread only.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace exomock::http {

struct mailbox_event {
  std::string type;  ///< "new", "update", "delete", "prune", "truncate", "signin", "session"
  boost::json::value data;
};

class mailbox_events {
 public:
  virtual ~mailbox_events() = default;
  /// Sent to every client now, in the order published.
  virtual void publish(mailbox_event event) = 0;
  /// The counts may have changed: a `stats` frame follows within 250 ms
  /// (one for any number of changes in that time, as Mailpit debounces it).
  virtual void changed() = 0;
};

/// A sink that drops every event.
[[nodiscard]] mailbox_events& no_mailbox_events();

/// Mailpit's Data for each event a route emits.
[[nodiscard]] mailbox_event read_event(std::int64_t id, bool read);  ///< update {ID, Read}
[[nodiscard]] mailbox_event tags_event(
    std::int64_t id,
    const std::vector<std::string>& tags);                  ///< update {ID, Tags}
[[nodiscard]] mailbox_event delete_event(std::int64_t id);  ///< delete {ID}
[[nodiscard]] mailbox_event prune_event();                  ///< prune null
[[nodiscard]] mailbox_event truncate_event();               ///< truncate null

/// Publishes one `delete` per id, or a single `prune` when there are more than
/// PRUNE_ABOVE (Mailpit's delete by search: 200), then announces the change
/// (when anything went).
void publish_deleted(mailbox_events& events, const std::vector<std::int64_t>& ids,
                     std::size_t prune_above = static_cast<std::size_t>(-1));

}  // namespace exomock::http
