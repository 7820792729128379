#include "http/message_lookup.hpp"

#include <charconv>

#include "http/mailbox_search.hpp"

namespace exomock::http {

void mark_fetched(route_context& context, std::int64_t id) {
  for (const std::int64_t changed : context.editor.set_read({id}, true)) {
    context.events.publish(read_event(changed, true));
    context.events.changed();
  }
}

response page_not_found() {
  return text(404, "404 page not found");
}

response message_not_found() {
  // Mailpit sets no Content-Type here; Go's sniffing then sends this one.
  return text(404, "Message not found", "text/plain; charset=utf-8");
}

std::variant<std::int64_t, response> resolve_message_id(const request& r, route_context& context,
                                                        std::string_view id_text,
                                                        const response& unknown) {
  if (id_text == "latest") {
    const auto query = r.parameter("query");
    std::string_view trimmed = query.value_or("");
    while (!trimmed.empty() && trimmed.front() == ' ') {
      trimmed.remove_prefix(1);
    }
    while (!trimmed.empty() && trimmed.back() == ' ') {
      trimmed.remove_suffix(1);
    }
    std::optional<std::int64_t> id;
    if (trimmed.empty()) {
      id = context.mailbox.latest_id();
    } else {
      id = latest_matching(context, trimmed, r.parameter("tz").value_or(""));
    }
    if (!id) {
      return message_not_found();
    }
    return *id;
  }
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc{} || end != id_text.data() + id_text.size() || id <= 0) {
    return unknown;
  }
  return id;
}

}  // namespace exomock::http
