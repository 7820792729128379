// Claims follow Entra v1 access tokens for outlook.office.com: iss
// https://sts.windows.net/TID/, times as NumericDate, scp as a space-separated
// string, roles as an array. The header names the key (kid), as Entra's do.
#include "identity/token_issuer.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>
#include <cstdio>

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
  const std::string oid = stable_guid(r.tenant->id + "/" + r.user->address);
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
  const std::string oid = stable_guid(r.tenant->id + "/sp/" + r.app->client_id);
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

std::string stable_guid(std::string_view seed) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(seed.data(), seed.size(), digest, &length, EVP_sha256(), nullptr);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5 style
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 9562 variant
  char text[37];
  std::snprintf(
      text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
      digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
      digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
  return text;
}

std::string issue_token(const signing_key& key, const token_request& request) {
  const json::object header{{"typ", "JWT"}, {"alg", "RS256"}, {"kid", key.key_id()}};
  const json::object claims =
      request.app != nullptr ? app_claims(request) : delegated_claims(request);
  const std::string signing_input = smtp::base64url_encode(json::serialize(header)) + "." +
                                    smtp::base64url_encode(json::serialize(claims));
  return signing_input + "." + smtp::base64url_encode(key.sign(signing_input));
}

}  // namespace exomock::identity
