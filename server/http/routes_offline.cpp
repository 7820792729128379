// Mailpit routes whose work needs what an offline mock does not have: relaying
// to a real server, fetching links, HTML compatibility data, thumbnails. Each
// answers as Mailpit does for an unknown message, and otherwise with a 400
// that says why exomock does not do it, never with a made-up result.
// (sa-check is not registered, as in a Mailpit without SpamAssassin: the path
// then gets the router's 404 "File not found".)
#include "http/api_routes.hpp"
#include "http/go_json.hpp"
#include "http/mailbox_json.hpp"
#include "http/mailbox_search.hpp"

namespace exomock::http {
namespace {

response not_found() {
  return text(404, "404 page not found");
}

// The stored message {id} names; `latest` only where Mailpit resolves it.
std::optional<std::int64_t> named_message(const request& r, route_context& c, bool latest) {
  const std::string& id = r.captures.at(0);
  if (latest && id == "latest") {
    return latest_matching(c, r.parameter("query").value_or(""), r.parameter("tz").value_or(""));
  }
  const auto n = parse_id(id);
  if (!n || !c.mailbox.summary(*n)) {
    return std::nullopt;
  }
  return n;
}

// POST .../release, body {To}: Mailpit checks the body, then fails to reach
// the relay it has no configuration for.
route_result release(request& r, route_context& c) {
  if (!named_message(r, c, false)) {
    return not_found();
  }
  std::vector<std::string> to;
  if (auto error = go_decoder().field("To", to).decode(r.body); !error.empty()) {
    return text(400, std::move(error));
  }
  if (to.empty()) {
    return text(400, "No valid addresses found");
  }
  return text(400,
              "SMTP error: relay not configured: exomock keeps captured mail offline and never "
              "releases it to another server");
}

// html-check and link-check: a 404 for a message Mailpit would not find, else why not.
route_handler refused_check(std::string why) {
  return [why = std::move(why)](request& r, route_context& c) -> route_result {
    if (!named_message(r, c, true)) {
      return not_found();
    }
    return text(400, why);
  };
}

// Mailpit answers an unknown message here with its SQL error, as a 400.
route_result thumbnail(request& r, route_context& c) {
  if (!named_message(r, c, false)) {
    return text(400, "sql: no rows in result set");
  }
  return text(400,
              "thumbnails are not rendered by exomock: fetch the part itself from "
              "/api/v1/message/" +
                  r.captures.at(0) + "/part/" + r.captures.at(1));
}

}  // namespace

void add_offline_routes(router& routes) {
  routes.add("POST", "/api/v1/message/{id}/release", release);
  routes.add("GET", "/api/v1/message/{id}/html-check",
             refused_check("html-check is not run by exomock: it scores HTML against e-mail "
                           "client support data that an offline mock does not carry"));
  routes.add("GET", "/api/v1/message/{id}/link-check",
             refused_check("link-check is not run by exomock: checking a link means fetching it, "
                           "and exomock makes no network calls"));
  routes.add("GET", "/api/v1/message/{id}/part/{part}/thumb", thumbnail);
}

}  // namespace exomock::http
