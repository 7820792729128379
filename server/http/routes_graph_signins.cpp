// GET /v1.0/auditLogs/signIns as Microsoft Graph answers it (graph-entra-exo.md
// section 1), and GET /api/v1/signins/wait, which answers the same envelope once
// enough sign-ins match. Pages run newest first; $skiptoken is where the last page
// ended ("CREATED~ROW": opaque to clients), and @odata.nextLink points back at this
// server (the Host the client used), so a Graph client's paging loop stays offline.
#include <boost/json/array.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "http/api_routes.hpp"
#include "http/go_duration.hpp"
#include "http/graph_filter.hpp"
#include "http/graph_response.hpp"
#include "http/sign_in_json.hpp"
#include "http/tenant_scope.hpp"

namespace exomock::http {

namespace {

namespace bjson = boost::json;
using store::sign_in_condition;

constexpr std::size_t max_page = 1000;  // Graph's default and largest page of sign-ins
constexpr const char* signins_path = "/v1.0/auditLogs/signIns";
constexpr const char* replies_path = "/api/v1/signins/replies";
constexpr const char* signins_context =
    "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns";

struct sign_in_query {
  std::vector<sign_in_condition> all_of;
  std::size_t top = max_page;
  std::optional<store::sign_in_cursor> after;
  std::optional<std::string> filter_text;  ///< as given, for the next link
  std::optional<std::string> top_text;
  std::optional<std::string> tenant_text;  ///< ?tenant= (exomock's), for the next link
};

std::string skiptoken(const store::sign_in_row& last) {
  return last.created + "~" + std::to_string(last.row);
}

std::optional<store::sign_in_cursor> parse_skiptoken(std::string_view token) {
  const std::size_t tilde = token.rfind('~');
  if (tilde == std::string_view::npos) {
    return std::nullopt;
  }
  store::sign_in_cursor c{std::string(token.substr(0, tilde)), 0};
  const std::string_view row = token.substr(tilde + 1);
  const auto [end, ec] = std::from_chars(row.data(), row.data() + row.size(), c.row);
  if (ec != std::errc{} || end != row.data() + row.size() || c.created.empty()) {
    return std::nullopt;
  }
  return c;
}

// The same query again from where this page ended, on the host the client asked.
std::string next_link(const request& r, const sign_in_query& q, const store::sign_in_row& last,
                      const char* path) {
  boost::urls::url link;
  const auto host = r.header("Host");
  if (host && boost::urls::parse_authority(*host)) {
    link.set_scheme("http");
    link.set_encoded_authority(*host);
  }
  link.set_path(path);
  auto params = link.params(boost::urls::encoding_opts(false, false, false));
  if (q.filter_text) {
    params.append({"$filter", *q.filter_text});
  }
  if (q.top_text) {
    params.append({"$top", *q.top_text});
  }
  if (q.tenant_text) {
    params.append({"tenant", *q.tenant_text});
  }
  params.append({"$skiptoken", skiptoken(last)});
  return std::string(link.buffer());
}

// A positive integer that fits, or nullopt.
std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n < 0) {
    return std::nullopt;
  }
  return n;
}

// The query of a signIns request, or Graph's 400 for it.
std::variant<sign_in_query, response> read_query(const request& r, const route_context& c) {
  sign_in_query q;
  const auto now = c.clock.now();
  if (const auto filter = r.parameter("$filter")) {
    auto all_of = parse_graph_filter(*filter);
    if (!all_of) {
      return graph_bad_request("Invalid filter clause", r, now);
    }
    q.all_of = std::move(*all_of);
    q.filter_text = std::string(*filter);
  }
  if (const auto top = r.parameter("$top")) {
    const auto n = whole_number(*top);
    if (!n) {
      return graph_bad_request("Invalid value '" + std::string(*top) +
                                   "' for $top query option found. The $top query option "
                                   "requires a non-negative integer value.",
                               r, now);
    }
    // *(chosen)*: the directory's wording for its own page-size limit, with this log's limit.
    if (*n < 1 || *n > static_cast<std::int64_t>(max_page)) {
      return graph_bad_request("Invalid page size specified: '" + std::string(*top) +
                                   "'. Must be between 1 and 1000 inclusive.",
                               r, now);
    }
    q.top = static_cast<std::size_t>(*n);
    q.top_text = std::string(*top);
  }
  if (const auto scope = tenant_scope_of(r, *c.live.snapshot())) {
    q.all_of.push_back(sign_in_condition_of(*scope));
    q.tenant_text = scope->name;
  }
  if (const auto token = r.parameter("$skiptoken")) {
    q.after = parse_skiptoken(*token);
    if (!q.after) {
      return graph_bad_request("Invalid $skiptoken value.", r, now);  // *(chosen)*
    }
  }
  return q;
}

// What exomock knows of a sign-in beyond Graph's resource: the SMTP session that made
// it and the reply its client got ("" for a token request).
bjson::object smtp_side(const store::sign_in_row& row) {
  return bjson::object{{"id", row.record.id},
                       {"sessionId", row.record.session_id},
                       {"smtpReply", row.record.smtp_reply}};
}

enum class page_shape : std::uint8_t { graph, smtp_side };

// The envelope of one page, or Graph's 500 when the log cannot be read.
response page_response(const request& r, const route_context& c, const sign_in_query& q,
                       page_shape shape = page_shape::graph) {
  std::string error;
  const auto page = c.audit.sign_ins(q.all_of, q.top, q.after, error);
  if (!page) {
    return graph_error(500, "InternalServerError", error, r, c.clock.now());
  }
  const auto model = c.live.snapshot();
  bjson::array value;
  for (const store::sign_in_row& row : page->rows) {
    value.emplace_back(shape == page_shape::graph ? sign_in_object(row, *model) : smtp_side(row));
  }
  bjson::object body{{"@odata.context", signins_context}};
  if (page->more && !page->rows.empty()) {
    body["@odata.nextLink"] = next_link(r, q, page->rows.back(),
                                        shape == page_shape::graph ? signins_path : replies_path);
  }
  body["value"] = std::move(value);
  return graph_json(200, body, r);
}

route_result list_sign_ins(request& r, route_context& c) {
  auto query = read_query(r, c);
  if (auto* refused = std::get_if<response>(&query)) {
    return std::move(*refused);
  }
  return page_response(r, c, std::get<sign_in_query>(query));
}

// GET /api/v1/signins/replies: the same query as the Graph route, the same rows in the
// same order, each as {id, sessionId, smtpReply}: Graph's signIn has no member for the
// SMTP side, and its shape stays Graph's *(chosen)*.
route_result list_sign_in_replies(request& r, route_context& c) {
  auto query = read_query(r, c);
  if (auto* refused = std::get_if<response>(&query)) {
    return std::move(*refused);
  }
  return page_response(r, c, std::get<sign_in_query>(query), page_shape::smtp_side);
}

// An OData string literal: quoted, a quote doubled.
std::string odata_string(std::string_view text) {
  std::string out = "'";
  for (const char ch : text) {
    out += ch == '\'' ? "''" : std::string(1, ch);
  }
  return out + "'";
}

// ?user=UPN&error=CODE&count=N&timeout=10s: the wait's query, or Mailpit's 400 text.
std::variant<sign_in_query, response> read_wait(const request& r, std::size_t& count,
                                                std::chrono::milliseconds& timeout,
                                                std::string& timeout_text) {
  sign_in_query q;
  std::string filter;
  if (const auto user = r.parameter("user"); user && !user->empty()) {
    sign_in_condition by_user;
    by_user.on = sign_in_condition::field::user_principal_name;
    by_user.text = std::string(*user);
    q.all_of.push_back(std::move(by_user));
    filter = "userPrincipalName eq " + odata_string(*user);
  }
  if (const auto code = r.parameter("error"); code && !code->empty()) {
    int number = 0;
    const auto [end, ec] = std::from_chars(code->data(), code->data() + code->size(), number);
    if (ec != std::errc{} || end != code->data() + code->size()) {
      return text(400, "invalid error code: " + std::string(*code));
    }
    sign_in_condition c;
    c.on = sign_in_condition::field::error_code;
    c.number = number;
    q.all_of.push_back(c);
    filter += (filter.empty() ? "" : " and ") + std::string("status/errorCode eq ") +
              std::to_string(number);
  }
  if (!filter.empty()) {
    q.filter_text = filter;
  }
  if (const auto n = r.parameter("count")) {
    const auto parsed = whole_number(*n);
    if (!parsed || *parsed < 1) {
      return text(400, "invalid count: " + std::string(*n));
    }
    count = static_cast<std::size_t>(*parsed);
  }
  if (const auto t = r.parameter("timeout")) {
    // Go's durations, as /api/v1/wait reads them ("10s", "1m30s", "250ms").
    const auto parsed = parse_go_duration(*t);
    if (!parsed || *parsed < std::chrono::nanoseconds(0)) {
      return text(400, "invalid timeout: " + std::string(*t));
    }
    timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*parsed);
    timeout_text = std::string(*t);
  }
  return q;
}

route_result wait_for_sign_ins(request& r, route_context& c) {
  std::size_t count = 1;
  std::chrono::milliseconds timeout{10'000};
  std::string timeout_text = "10s";
  auto query = read_wait(r, count, timeout, timeout_text);
  if (auto* refused = std::get_if<response>(&query)) {
    return std::move(*refused);
  }
  auto q = std::get<sign_in_query>(std::move(query));
  if (const auto scope = tenant_scope_of(r, *c.live.snapshot())) {
    q.all_of.push_back(sign_in_condition_of(*scope));
    q.tenant_text = scope->name;
  }
  // The context outlives every request; the request itself is copied into the polls.
  const auto matched = [&c, all_of = q.all_of] {
    std::string ignored;
    return c.audit.count_sign_ins(all_of, ignored).value_or(0);
  };
  deferred_response wait;
  wait.timeout = timeout;
  wait.poll = [r, &c, q, count, matched]() -> std::optional<response> {
    if (matched() < static_cast<std::int64_t>(count)) {
      return std::nullopt;
    }
    return page_response(r, c, q);
  };
  wait.expired = [r, &c, count, matched, timeout_text] {
    const std::int64_t now_matched = matched();
    return graph_error(408, "RequestTimeout",
                       std::to_string(now_matched) + " of " + std::to_string(count) +
                           " sign-ins matched within " + timeout_text,
                       r, c.clock.now(), bjson::object{{"count", now_matched}});
  };
  return wait;
}

}  // namespace

void add_graph_sign_in_routes(router& routes) {
  routes.add("GET", signins_path, list_sign_ins);
  routes.add("GET", "/api/v1/signins/wait", wait_for_sign_ins);
  routes.add("GET", replies_path, list_sign_in_replies);
}

}  // namespace exomock::http
