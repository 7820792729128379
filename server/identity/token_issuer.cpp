// Claims follow Entra v1 access tokens for outlook.office.com: iss
// https://sts.windows.net/TID/, times as NumericDate, scp as a space-separated
// string, roles as an array. The header names the key (kid), as Entra's do.
#include "identity/token_issuer.hpp"

#include <boost/json.hpp>

#include "identity/directory_ids.hpp"
#include "policy/address.hpp"
#include "smtp/base64.hpp"

namespace exomock::identity {

namespace {

namespace json = boost::json;

// The client id `exomock token` signs delegated tokens for *(chosen)*.
constexpr const char* cli_client_id = "5d1e6c0a-9b4f-4c3e-8a2d-7f6e5d4c3b2a";

std::int64_t seconds_of(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

json::object common_claims(const token_request& r, std::string_view default_audience) {
  const std::int64_t now = seconds_of(r.now);
  return json::object{
      {"aud", r.audience.empty() ? std::string(default_audience) : r.audience},
      {"iss", "https://sts.windows.net/" + r.tenant->id + "/"},
      {"iat", now},
      {"nbf", now},
      {"exp", now + r.expires_in.count()},
      {"tid", r.tenant->id},
      {"ver", "1.0"},
  };
}

json::object delegated_claims(const token_request& r) {
  json::object c = common_claims(r, "https://outlook.office.com");
  const std::string oid = user_object_id(*r.tenant, *r.user);
  c["oid"] = oid;
  c["sub"] = oid;
  c["upn"] = r.user->address;
  c["unique_name"] = r.user->address;
  c["name"] = r.user->display_name.empty() ? r.user->address : r.user->display_name;
  c["appid"] = r.client_id.empty() ? std::string(cli_client_id) : r.client_id;
  c["appidacr"] = "0";
  c["scp"] = "SMTP.Send";
  c["idtyp"] = "user";
  return c;
}

json::object app_claims(const token_request& r) {
  json::object c = common_claims(r, "https://outlook.office365.com");
  // oid of an app-only token is the service principal's object id.
  const std::string oid = service_principal_id(*r.tenant, *r.app);
  c["oid"] = oid;
  c["sub"] = oid;
  c["appid"] = r.app->client_id;
  c["appidacr"] = "1";
  json::array roles;
  for (const std::string& role : r.app->roles) {
    roles.emplace_back(role);
  }
  c["roles"] = std::move(roles);
  c["idtyp"] = "app";
  return c;
}

std::string signed_jwt(const signing_key& key, const json::object& claims) {
  const json::object header{{"typ", "JWT"}, {"alg", "RS256"}, {"kid", key.key_id()}};
  const std::string signing_input = smtp::base64url_encode(json::serialize(header)) + "." +
                                    smtp::base64url_encode(json::serialize(claims));
  return signing_input + "." + smtp::base64url_encode(key.sign(signing_input));
}

json::array string_array(const std::vector<std::string>& items) {
  json::array out;
  for (const std::string& item : items) {
    out.emplace_back(item);
  }
  return out;
}

}  // namespace

std::optional<token_request> resolve_token_request(const policy::scenario_model& model,
                                                   const std::string& user,
                                                   const std::string& client_id,
                                                   std::string& error) {
  token_request r;
  if (!client_id.empty()) {
    const policy::registered_application found = model.find_application(client_id);
    r.tenant = found.owner;
    r.app = found.app;
    if (r.app == nullptr) {
      error = "no application with client id " + client_id;
      return std::nullopt;
    }
  } else {
    r.tenant = model.tenant_for(user);
    r.user = model.find_mailbox(user);
    if (r.user == nullptr || r.tenant == nullptr) {
      error = "no mailbox " + user;
      return std::nullopt;
    }
  }
  if (r.tenant->id.empty()) {
    error = "tenant " + r.tenant->name + " has no 'id'; tokens need one (the tid claim)";
    return std::nullopt;
  }
  return r;
}

std::string issue_token(const signing_key& key, const token_request& request) {
  return signed_jwt(key, request.app != nullptr ? app_claims(request) : delegated_claims(request));
}

std::string issue_id_token(const signing_key& key, const token_request& r,
                           const std::string& issuer) {
  const std::int64_t now = seconds_of(r.now);
  const std::string oid = user_object_id(*r.tenant, *r.user);
  return signed_jwt(
      key, json::object{
               {"aud", r.client_id},
               {"iss", issuer},
               {"iat", now},
               {"nbf", now},
               {"exp", now + r.expires_in.count()},
               {"name", r.user->display_name.empty() ? r.user->address : r.user->display_name},
               {"oid", oid},
               {"preferred_username", r.user->address},
               {"sub", oid},
               {"tid", r.tenant->id},
               {"ver", "2.0"},
           });
}

std::string issue_refresh_token(const signing_key& key, const policy::refresh_claims& claims,
                                std::chrono::system_clock::time_point now) {
  const json::object payload{{"tid", claims.tenant_id},
                             {"upn", claims.user},
                             {"cid", claims.client_id},
                             {"scp", string_array(claims.scopes)},
                             {"iat", seconds_of(now)}};
  const std::string body = "1." + smtp::base64url_encode(json::serialize(payload));
  return body + "." + smtp::base64url_encode(key.sign(body));
}

std::optional<policy::refresh_claims> read_refresh_token(const signing_key& key,
                                                         std::string_view token) {
  const std::size_t dot = token.rfind('.');
  if (!token.starts_with("1.") || dot <= 2) {
    return std::nullopt;
  }
  const auto payload = smtp::base64url_decode(token.substr(2, dot - 2));
  const auto signature = smtp::base64url_decode(token.substr(dot + 1));
  if (!payload || !signature || !key.verify(token.substr(0, dot), *signature)) {
    return std::nullopt;
  }
  json::error_code ec;
  const json::value v = json::parse(*payload, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  if (o == nullptr) {
    return std::nullopt;
  }
  const auto text = [&](std::string_view name) {
    const json::value* f = o->if_contains(name);
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string{};
  };
  policy::refresh_claims c{text("tid"), text("upn"), text("cid"), {}};
  if (const json::value* scp = o->if_contains("scp"); scp != nullptr && scp->is_array()) {
    for (const json::value& s : scp->as_array()) {
      if (s.is_string()) {
        c.scopes.emplace_back(s.as_string());
      }
    }
  }
  return c;
}

}  // namespace exomock::identity
