// Claims follow Entra v1 access tokens for outlook.office.com: iss
// https://sts.windows.net/TID/, times as NumericDate, scp as a space-separated
// string, roles as an array. The header names the key (kid), as Entra's do.
#include "identity/token_issuer.hpp"

#include <boost/json.hpp>

#include "identity/directory_ids.hpp"
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
  c["appid"] = cli_client_id;
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

}  // namespace

std::string issue_token(const signing_key& key, const token_request& request) {
  const json::object header{{"typ", "JWT"}, {"alg", "RS256"}, {"kid", key.key_id()}};
  const json::object claims =
      request.app != nullptr ? app_claims(request) : delegated_claims(request);
  const std::string signing_input = smtp::base64url_encode(json::serialize(header)) + "." +
                                    smtp::base64url_encode(json::serialize(claims));
  return signing_input + "." + smtp::base64url_encode(key.sign(signing_input));
}

}  // namespace exomock::identity
