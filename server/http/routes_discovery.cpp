// GET /{tenant}/v2.0/.well-known/openid-configuration and /{tenant}/discovery/v2.0/keys
// as Entra ID serves them (graph-entra-exo.md section 2.6), with every endpoint on
// this server (the scheme and Host the client used), so a client library that
// fetches the metadata and validates signatures (MSAL, smtp4dev) stays offline.
#include <boost/json.hpp>

#include "http/api_routes.hpp"
#include "http/token_endpoint.hpp"
#include "http/token_replies.hpp"
#include "policy/token_grants.hpp"
#include "smtp/base64.hpp"

namespace exomock::http {

namespace {

namespace bjson = boost::json;

bjson::array strings(std::initializer_list<std::string_view> items) {
  bjson::array out;
  for (const std::string_view s : items) {
    out.emplace_back(s);
  }
  return out;
}

response discovery_json(const bjson::object& body) {
  response r;
  r.content_type = "application/json; charset=utf-8";
  r.headers.push_back({"Cache-Control", "max-age=86400, private"});
  r.headers.push_back({"Access-Control-Allow-Origin", "*"});
  r.body = bjson::serialize(body);
  return r;
}

// The tenant id the path names: the tenant's own, or Entra's "{tenantid}" template
// for the multi-tenant paths. nullopt for an unknown tenant (answered 90002).
std::optional<std::string> path_tenant(const request& r, const route_context& c) {
  bool multi = false;
  const auto model = c.live.snapshot();
  const policy::tenant* t = policy::tenant_for_segment(*model, r.captures.at(0), multi);
  if (multi) {
    return std::string("{tenantid}");
  }
  if (t == nullptr) {
    return std::nullopt;
  }
  return t->id;
}

response unknown_tenant(const request& r, const route_context& c) {
  policy::entra_error_facts facts;
  facts.tenant = r.captures.at(0);
  const token_trace trace{c.tokens->new_id(), c.tokens->new_id(), c.clock.now()};
  return entra_error_response(policy::entra_error_for(90002, facts), trace);
}

route_result openid_configuration(request& r, route_context& c) {
  if (c.tokens == nullptr || !c.tokens->key) {
    return text(404, "404 page not found\n");
  }
  const auto tid = path_tenant(r, c);
  if (!tid) {
    return unknown_tenant(r, c);
  }
  // Endpoints keep the path's tenant, as Entra's do; the issuer names the tenant id.
  const std::string base = own_base_url(r);
  const std::string at = base + "/" + r.captures.at(0);
  const std::string issuer_base = base + "/" + *tid;
  return discovery_json(bjson::object{
      {"token_endpoint", at + "/oauth2/v2.0/token"},
      {"token_endpoint_auth_methods_supported",
       strings({"client_secret_post", "private_key_jwt", "client_secret_basic"})},
      {"jwks_uri", at + "/discovery/v2.0/keys"},
      {"response_modes_supported", strings({"query", "fragment", "form_post"})},
      {"subject_types_supported", strings({"pairwise"})},
      {"id_token_signing_alg_values_supported", strings({"RS256"})},
      {"response_types_supported",
       strings({"code", "id_token", "code id_token", "id_token token"})},
      {"scopes_supported", strings({"openid", "profile", "email", "offline_access"})},
      {"issuer", issuer_base + "/v2.0"},
      {"request_uri_parameter_supported", false},
      {"userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo"},
      {"authorization_endpoint", at + "/oauth2/v2.0/authorize"},
      {"device_authorization_endpoint", at + "/oauth2/v2.0/devicecode"},
      {"http_logout_supported", true},
      {"frontchannel_logout_supported", true},
      {"end_session_endpoint", at + "/oauth2/v2.0/logout"},
      {"claims_supported", strings({"sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                                    "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat",
                                    "auth_time", "acr", "nonce", "preferred_username", "name",
                                    "tid", "ver", "at_hash", "c_hash", "email"})},
      {"kerberos_endpoint", at + "/kerberos"},
      {"tenant_region_scope", *tid == "{tenantid}" ? bjson::value(nullptr) : bjson::value("WW")},
      {"cloud_instance_name", "microsoftonline.com"},
      {"cloud_graph_host_name", "graph.windows.net"},
      {"msgraph_host", "graph.microsoft.com"},
      {"rbac_url", "https://pas.windows.net"},
  });
}

route_result keys(request& r, route_context& c) {
  if (c.tokens == nullptr || !c.tokens->key) {
    return text(404, "404 page not found\n");
  }
  const auto tid = path_tenant(r, c);
  if (!tid) {
    return unknown_tenant(r, c);
  }
  const identity::signing_key& key = *c.tokens->key;
  bjson::object jwk{
      {"kty", "RSA"},
      {"use", "sig"},
      {"kid", key.key_id()},
      {"x5t", key.key_id()},
      {"n", smtp::base64url_encode(key.modulus())},
      {"e", smtp::base64url_encode(key.public_exponent())},
      {"x5c", bjson::array{bjson::value(smtp::base64_encode(key.certificate_der()))}},
      {"issuer", own_base_url(r) + "/" + *tid + "/v2.0"},
  };
  return discovery_json(bjson::object{{"keys", bjson::array{std::move(jwk)}}});
}

}  // namespace

void add_discovery_routes(router& routes) {
  routes.add("GET", "/{tenant}/v2.0/.well-known/openid-configuration", openid_configuration);
  routes.add("GET", "/{tenant}/discovery/v2.0/keys", keys);
}

}  // namespace exomock::http
