// GET, PUT and DELETE /api/v1/messages (reference §1.1, §1.4, §1.5): the
// list, read status, deletion. Each change is told to live clients as Mailpit
// tells it: `update` per flag that changed, `delete` per message or one
// `truncate` for all, then `stats`.
#include <boost/json/serialize.hpp>

#include "http/api_routes.hpp"
#include "http/go_json.hpp"
#include "http/mailbox_search.hpp"

namespace exomock::http {
namespace {

std::vector<std::int64_t> known_ids(const std::vector<std::string>& ids) {
  std::vector<std::int64_t> out;
  for (const std::string& id : ids) {
    if (const auto n = parse_id(id)) {
      out.push_back(*n);
    }
  }
  return out;
}

// limit=0 lists every message, and then start does not apply either; the
// counts are always the whole mailbox's, whatever ?before= leaves out.
route_result list_messages(request& r, route_context& c) {
  const paging page = paging_of(r);
  store::mailbox_query q;
  q.received_before = before_of(r);
  const bool all = page.limit == 0;
  store::mailbox_page found = c.mailbox.search(
      q, all ? 0 : page.start, all ? std::nullopt : std::optional<std::int64_t>(page.limit));
  messages_envelope e;
  e.start = page.start;
  e.messages = std::move(found.messages);
  fill_mailbox(c, e);
  e.matched = e.mailbox;
  return json(200, boost::json::serialize(envelope_json(e)));
}

void tell_read(route_context& c, const std::vector<std::int64_t>& changed, bool read) {
  for (const std::int64_t id : changed) {
    c.events.publish(read_event(id, read));
  }
  c.events.changed();
}

// Body {Read, IDs, Search}, all optional: a Search marks its matches, IDs
// those messages, neither every message; a missing Read means unread.
route_result set_read(request& r, route_context& c) {
  bool read = false;
  std::vector<std::string> ids;
  std::string search;
  if (auto error =
          go_decoder().field("Read", read).field("IDs", ids).field("Search", search).decode(r.body);
      !error.empty()) {
    return text(400, std::move(error));
  }
  if (!ids.empty() && !search.empty()) {
    return text(400, "You may specify either IDs or a search query, not both");
  }
  if (!search.empty()) {
    const auto tz = r.parameter("tz").value_or("");
    tell_read(c, c.editor.set_read(c.mailbox.matching_ids(mailbox_query_for(c, search, tz)), read),
              read);
  } else if (ids.empty()) {
    c.editor.set_read_all(read);  // Mailpit sends no update per message for this
    c.events.changed();
  } else {
    tell_read(c, c.editor.set_read(known_ids(ids), read), read);
  }
  return text(200, "ok");
}

// Body {IDs}: a missing, malformed or empty body deletes every message.
route_result delete_messages(request& r, route_context& c) {
  std::vector<std::string> ids;
  const std::string error = go_decoder().field("IDs", ids).decode(r.body);
  if (!error.empty() || ids.empty()) {
    c.editor.delete_all();
    c.events.publish(truncate_event());
    c.events.changed();
  } else {
    publish_deleted(c.events, c.editor.delete_messages(known_ids(ids)));
  }
  return text(200, "ok");
}

}  // namespace

void add_mailbox_routes(router& routes) {
  routes.add("GET", "/api/v1/messages", list_messages);
  routes.add("PUT", "/api/v1/messages", set_read);
  routes.add("DELETE", "/api/v1/messages", delete_messages);
}

}  // namespace exomock::http
