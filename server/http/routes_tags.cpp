// The tag routes (reference §1.9): list, set per message, rename, delete.
// Setting tells live clients `update` {ID, Tags} per message; a rename or
// delete changes many messages at once, which Mailpit tells as `prune`.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_routes.hpp"
#include "http/go_json.hpp"
#include "http/mailbox_json.hpp"
#include "smtp/ascii.hpp"
#include "store/tag_name.hpp"

namespace exomock::http {
namespace {

route_result list_tags(request&, route_context& c) {
  boost::json::array names;
  for (const auto& [name, count] : c.mailbox.tags()) {
    (void)count;
    names.emplace_back(name);
  }
  return json(200, boost::json::serialize(names));
}

// Cleaned as Mailpit cleans them: invalid ones dropped, repeats (ASCII case
// ignored) kept once, in the order given.
std::vector<std::string> cleaned_tags(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const std::string& t : raw) {
    const auto tag = store::clean_tag(t);
    if (!tag) {
      continue;
    }
    const bool repeated = std::any_of(out.begin(), out.end(), [&](const std::string& seen) {
      return smtp::ascii::iequals(seen, *tag);
    });
    if (!repeated) {
      out.push_back(*tag);
    }
  }
  return out;
}

// Body {Tags, IDs}: replaces each message's tags; no IDs, nothing to do.
route_result set_tags(request& r, route_context& c) {
  std::vector<std::string> tags;
  std::vector<std::string> ids;
  if (auto error = go_decoder().field("Tags", tags).field("IDs", ids).decode(r.body);
      !error.empty()) {
    return text(400, std::move(error));
  }
  const std::vector<std::string> clean = cleaned_tags(tags);
  for (const std::string& id : ids) {
    const auto n = parse_id(id);
    if (n && c.editor.set_tags(*n, clean)) {
      c.events.publish(tags_event(*n, clean));
    }
  }
  return text(200, "ok");
}

// PUT /api/v1/tags/{tag}, body {Name}.
route_result rename_tag(request& r, route_context& c) {
  std::string name;
  if (auto error = go_decoder().field("Name", name).decode(r.body); !error.empty()) {
    return text(400, std::move(error));
  }
  const std::string& from = r.captures.at(0);
  const auto to = store::clean_tag(name);
  if (!to) {
    return text(400, "invalid tag name: ");  // Mailpit names the cleaned name: nothing was left
  }
  if (*to == from) {
    return text(200, "ok");  // Mailpit answers before looking the tag up
  }
  if (auto problem = c.editor.rename_tag(from, *to)) {
    return text(400, std::move(*problem));
  }
  c.events.publish(prune_event());
  return text(200, "ok");
}

route_result delete_tag(request& r, route_context& c) {
  if (auto problem = c.editor.delete_tag(r.captures.at(0))) {
    return text(400, std::move(*problem));
  }
  c.events.publish(prune_event());
  return text(200, "ok");
}

}  // namespace

void add_tag_routes(router& routes) {
  routes.add("GET", "/api/v1/tags", list_tags);
  routes.add("PUT", "/api/v1/tags", set_tags);
  routes.add("PUT", "/api/v1/tags/{tag}", rename_tag);
  routes.add("DELETE", "/api/v1/tags/{tag}", delete_tag);
}

}  // namespace exomock::http
