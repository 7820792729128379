// POST /{tenant}/oauth2/v2.0/token and /{tenant}/oauth2/v2.0/devicecode as Entra
// ID v2.0 answers them (graph-entra-exo.md section 2): an application/x-www-form-
// urlencoded body, the client secret in it or as HTTP Basic (RFC 6749 section
// 2.3.1), policy's decision, identity's tokens, and one sign-in log record per
// decided request, as Entra logs token requests.
#include <boost/json.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>
#include <random>

#include "http/access_guard.hpp"
#include "http/api_routes.hpp"
#include "http/token_endpoint.hpp"
#include "http/token_replies.hpp"
#include "identity/token_issuer.hpp"
#include "policy/token_grants.hpp"
#include "store/sign_in_of_event.hpp"

namespace exomock::http {

namespace {

namespace bjson = boost::json;
namespace urls = boost::urls;

constexpr std::int64_t token_lifetime = 3599;  // seconds, as Entra's client-credential replies
constexpr std::int64_t device_code_lifetime = 900;
constexpr std::int64_t device_code_interval = 5;

// RFC 6749 appendix B: form fields are percent-encoded with '+' for a space.
std::optional<std::string> form_field(const urls::params_encoded_view& form,
                                      std::string_view name) {
  const urls::encoding_opts plus_as_space(true);
  for (const auto& p : form) {
    if (p.key.decode(plus_as_space) == name && p.has_value && !p.value.empty()) {
      return p.value.decode(plus_as_space);
    }
  }
  return std::nullopt;
}

// The client's id and secret from HTTP Basic, each form-encoded (RFC 6749 section 2.3.1).
void read_basic_client(const request& r, policy::token_parameters& out) {
  const auto pair = basic_pair(r);
  const std::size_t colon = pair ? pair->find(':') : std::string::npos;
  if (colon == std::string::npos) {
    return;
  }
  const std::string query = "id=" + pair->substr(0, colon) + "&secret=" + pair->substr(colon + 1);
  const auto parsed = urls::parse_query(query);
  if (!parsed) {
    return;
  }
  const urls::params_encoded_view fields = *parsed;
  if (!out.client_id) {
    out.client_id = form_field(fields, "id");
  }
  out.client_secret = form_field(fields, "secret");
}

policy::token_parameters read_parameters(const request& r) {
  policy::token_parameters p;
  const auto parsed = urls::parse_query(r.body);
  if (parsed) {
    const urls::params_encoded_view form = *parsed;
    p.grant_type = form_field(form, "grant_type");
    p.client_id = form_field(form, "client_id");
    p.client_secret = form_field(form, "client_secret");
    p.scope = form_field(form, "scope");
    p.username = form_field(form, "username");
    p.password = form_field(form, "password");
    p.refresh_token = form_field(form, "refresh_token");
    p.device_code = form_field(form, "device_code");
  }
  if (!p.client_secret) {
    read_basic_client(r, p);
  }
  return p;
}

// The client's own request id, which Entra takes as the correlation id: the
// client-request-id header (MSAL Python), else the form field of that name (MSAL
// Node puts it in the body), else the query parameter.
std::optional<std::string> client_request_id(const request& r) {
  if (const auto header = r.header("client-request-id"); header && !header->empty()) {
    return std::string(*header);
  }
  if (const auto parsed = urls::parse_query(r.body)) {
    if (auto field = form_field(*parsed, "client-request-id")) {
      return field;
    }
  }
  const auto query = r.parameter("client-request-id");
  return query && !query->empty() ? std::optional<std::string>(*query) : std::nullopt;
}

token_trace trace_of(const request& r, const route_context& c) {
  const auto& new_id = c.tokens->new_id;
  std::string trace_id = new_id();
  auto correlation = client_request_id(r);
  return token_trace{std::move(trace_id), correlation ? std::move(*correlation) : new_id(),
                     c.clock.now()};
}

void record_sign_in(const policy::sign_in_event& e, const token_trace& trace, route_context& c) {
  c.store.record(store::sign_in_of(e, c.tokens->new_id(), trace.correlation_id));
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& s : scopes) {
    out += (out.empty() ? "" : " ") + s;
  }
  return out;
}

response issue(const policy::grant_outcome& g, const request& r, const token_trace& trace,
               const route_context& c) {
  const identity::signing_key& key = *c.tokens->key;
  identity::token_request t;
  t.tenant = g.home;
  t.expires_in = std::chrono::seconds(token_lifetime);
  t.now = trace.now;
  t.client_id = g.app->client_id;
  token_success s;
  if (g.kind == policy::grant_kind::client_credentials) {
    t.app = g.app;
    s.access_token = identity::issue_token(key, t);
    return token_response(s, trace);
  }
  t.user = g.user;
  s.scope = join_scopes(g.scopes);
  s.access_token = identity::issue_token(key, t);
  if (g.refresh_token) {
    s.refresh_token = identity::issue_refresh_token(
        key, {g.home->id, g.user->address, g.app->client_id, g.requested}, trace.now);
  }
  if (g.id_token) {
    s.id_token = identity::issue_id_token(key, t, own_base_url(r) + "/" + g.home->id + "/v2.0");
  }
  return token_response(s, trace);
}

policy::grant_request grant_request_of(const request& r, const route_context& c,
                                       const policy::scenario_model& model) {
  policy::grant_request g{model,       r.captures.at(0), read_parameters(r),
                          r.client_ip, c.clock.now(),    std::nullopt};
  if (g.form.refresh_token && c.tokens->key) {
    g.refresh = identity::read_refresh_token(*c.tokens->key, *g.form.refresh_token);
  }
  return g;
}

// What both Entra routes do first: 404 without a key, then `decide` with the
// request read against the live scenario's current snapshot (held until the
// answer is made: the outcome points into it), so an admin change decides the
// next request as it decides the next SMTP AUTH.
template <typename Decide>
route_result with_grant_request(request& r, route_context& c, Decide decide) {
  if (c.tokens == nullptr || !c.tokens->key) {
    return text(404, "404 page not found\n");
  }
  const auto model = c.live.snapshot();
  const policy::grant_request g = grant_request_of(r, c, *model);
  return decide(g, trace_of(r, c));
}

route_result token(request& r, route_context& c) {
  return with_grant_request(r, c, [&](const policy::grant_request& g, const token_trace& trace) {
    const policy::grant_outcome outcome = policy::decide_grant(g, c.live);
    if (outcome.sign_in) {
      record_sign_in(*outcome.sign_in, trace, c);
    }
    if (outcome.error != 0) {
      return entra_error_response(policy::entra_error_for(outcome.error, outcome.facts), trace);
    }
    return issue(outcome, r, trace, c);
  });
}

// Eight letters and digits people can type, as Entra's user codes are.
std::string user_code(std::mt19937_64& rng) {
  constexpr std::string_view alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 9; ++i) {
    out += alphabet[rng() % alphabet.size()];
  }
  return out;
}

// Devicecode step 1's answer: a new pending code (RFC 8628 section 3.2), as Entra words it.
response device_authorization_reply(const policy::grant_outcome& outcome, const token_trace& trace,
                                    route_context& c) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  policy::device_authorization a;
  a.device_code = "DAQABAAEAAAD" + c.tokens->new_id() + c.tokens->new_id();
  a.user_code = user_code(rng);
  a.client_id = outcome.app->client_id;
  a.tenant_id = outcome.home->id;
  a.scopes = outcome.requested;
  a.expires = trace.now + std::chrono::seconds(device_code_lifetime);
  a.approved_by = outcome.app->device_code_user;  // "": pending until approve()
  c.live.device_codes.add(a);
  const std::string uri = "https://microsoft.com/devicelogin";
  response out = http::json(
      200, bjson::serialize(bjson::object{
               {"user_code", a.user_code},
               {"device_code", a.device_code},
               {"verification_uri", uri},
               {"expires_in", device_code_lifetime},
               {"interval", device_code_interval},
               {"message", "To sign in, use a web browser to open the page " + uri +
                               " and enter the code " + a.user_code + " to authenticate."},
           }));
  out.content_type = "application/json; charset=utf-8";
  out.body.pop_back();  // Entra's body ends without a newline
  out.headers.push_back({"Cache-Control", "no-store, no-cache"});
  out.headers.push_back({"x-ms-request-id", trace.trace_id});
  return out;
}

route_result device_code(request& r, route_context& c) {
  return with_grant_request(r, c, [&](const policy::grant_request& g, const token_trace& trace) {
    const policy::grant_outcome outcome = policy::decide_device_authorization(g);
    if (outcome.error != 0) {
      return entra_error_response(policy::entra_error_for(outcome.error, outcome.facts), trace);
    }
    return device_authorization_reply(outcome, trace, c);
  });
}

// exomock's own: a token as `exomock token` mints it, from the running server's
// scenario and key, for scripts that have neither (`exomock token --server URL`).
// Guarded by the API's login like every /api/ route.
route_result mint(request& r, route_context& c) {
  if (c.tokens == nullptr || !c.tokens->key) {
    return text(404, "404 page not found\n");
  }
  bjson::error_code ec;
  const bjson::value v = bjson::parse(r.body, ec);
  const bjson::object* o = ec ? nullptr : v.if_object();
  const auto field = [&](std::string_view name) {
    const bjson::value* f = o != nullptr ? o->if_contains(name) : nullptr;
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string{};
  };
  const bjson::value* expires = o != nullptr ? o->if_contains("expires_in") : nullptr;
  if (o == nullptr || (field("user").empty() && field("app").empty()) ||
      (expires != nullptr && !expires->is_int64())) {
    return text(400,
                "expected {\"user\": UPN, \"app\"?: CLIENT_ID, \"audience\"?: AUD, "
                "\"expires_in\"?: SECONDS}\n");
  }
  const auto model = c.live.snapshot();
  std::string error;
  auto t = identity::resolve_token_request(*model, field("user"), field("app"), error);
  if (!t) {
    return text(400, error + "\n");
  }
  t->audience = field("audience");
  t->expires_in = std::chrono::seconds(expires != nullptr ? expires->as_int64() : 3600);
  t->now = c.clock.now();
  return http::json(
      200,
      bjson::serialize(bjson::object{{"access_token", identity::issue_token(*c.tokens->key, *t)}}));
}

}  // namespace

std::string own_base_url(const request& r) {
  const auto host = r.header("Host");
  return std::string(r.secure ? "https://" : "http://") +
         (host ? std::string(*host) : std::string("localhost"));
}

void add_token_routes(router& routes) {
  routes.add("POST", "/{tenant}/oauth2/v2.0/token", token);
  routes.add("POST", "/{tenant}/oauth2/v2.0/devicecode", device_code);
  routes.add("POST", "/api/v1/token", mint);
}

}  // namespace exomock::http
