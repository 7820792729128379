// GET /api/v1/wait?query=Q&count=N&timeout=T: exomock's own long poll, so a
// CI job waits for mail instead of sleeping. The answer is held until at
// least N messages match Q, re-checked after every store commit (never on a
// timer), and is then exactly what GET /api/v1/search?query=Q answers (with
// ?start=, ?limit= and ?tz= read as there).
//
//   query    optional; absent or blank waits on every message
//   count    default 1; a whole number >= 1, else 400
//   timeout  default 10s; a Go duration ("10s", "500ms", "1m30s") from 0 to
//            5m, else 400; 0 checks once and answers at once
//
// When the time runs out first the answer is 408 with application/json
//   {"Error":"timed out after 10s: 1 of 2 messages match","messages_count":1,"wanted":2}
// where messages_count is the number matching at that moment (the search
// envelope's own key) and wanted is N. Only a store commit (a message, session
// or sign-in stored) wakes a wait: a change made through this API (a read
// flag, a tag) is seen at the next commit or when the wait times out.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <memory>

#include "http/api_routes.hpp"
#include "http/go_duration.hpp"
#include "http/mailbox_search.hpp"
#include "store/match_counter.hpp"

namespace exomock::http {
namespace {

// The server holds no request longer (http_limits::longest_wait).
constexpr auto longest_timeout = std::chrono::minutes(5);

std::optional<std::int64_t> wanted_count(const request& r) {
  const auto text = r.parameter("count");
  if (!text) {
    return 1;
  }
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || n < 1) {
    return std::nullopt;
  }
  return n;
}

std::optional<std::chrono::nanoseconds> wait_timeout(const request& r) {
  const auto text = r.parameter("timeout");
  if (!text) {
    return std::chrono::seconds(10);
  }
  const auto t = parse_go_duration(*text);
  if (!t || *t < std::chrono::nanoseconds(0) || *t > longest_timeout) {
    return std::nullopt;
  }
  return t;
}

route_result wait(request& r, route_context& c) {
  const auto wanted = wanted_count(r);
  if (!wanted) {
    return text(400, "count must be a whole number of messages, at least 1");
  }
  const auto timeout = wait_timeout(r);
  if (!timeout) {
    return text(400, "timeout must be a duration such as 10s, 500ms or 1m30s, at most 5m");
  }
  const std::string timeout_text(r.parameter("timeout").value_or("10s"));
  auto query = std::make_shared<const store::mailbox_query>(
      mailbox_query_for(c, r.parameter("query").value_or(""), r.parameter("tz").value_or("")));
  const paging page = paging_of(r);
  // Re-checked after every commit: after the first count only the messages
  // since are read, so a wait in a large mailbox costs little per commit.
  auto counter = std::make_shared<store::match_counter>(*query);
  const auto matching = [&c, counter] { return counter->count(c.mailbox); };

  deferred_response d;
  d.timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(*timeout);
  d.poll = [&c, query, page, matching, n = *wanted]() -> std::optional<response> {
    if (matching() < n) {
      return std::nullopt;
    }
    return json(200, boost::json::serialize(envelope_json(search_envelope(c, *query, page))));
  };
  d.expired = [matching, n = *wanted, timeout_text] {
    const std::int64_t now = matching();
    boost::json::object body;
    body["Error"] = "timed out after " + timeout_text + ": " + std::to_string(now) + " of " +
                    std::to_string(n) + (n == 1 ? " message matches" : " messages match");
    body["messages_count"] = now;
    body["wanted"] = n;
    return json(408, boost::json::serialize(body));
  };
  return d;
}

}  // namespace

void add_wait_routes(router& routes) {
  routes.add("GET", "/api/v1/wait", wait);
}

}  // namespace exomock::http
