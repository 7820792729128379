#include "http/access_guard.hpp"

#include <string_view>

#include "smtp/ascii.hpp"
#include "smtp/base64.hpp"

namespace exomock::http {
namespace {

constexpr std::string_view events_path = "/api/events";

// Compares in time that depends on the lengths only, so a guess cannot be
// refined byte by byte from the response time.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const char e = expected.empty() ? '\0' : expected[i % expected.size()];
    difference |= static_cast<unsigned char>(given[i] ^ e);
  }
  return difference == 0;
}

// The credentials after "SCHEME " in the Authorization header, if that is the scheme.
std::optional<std::string_view> credentials(const request& r, std::string_view scheme) {
  const auto value = r.header("Authorization");
  if (!value || value->size() <= scheme.size() || (*value)[scheme.size()] != ' ' ||
      !smtp::ascii::iequals(value->substr(0, scheme.size()), scheme)) {
    return std::nullopt;
  }
  std::string_view rest = value->substr(scheme.size() + 1);
  while (!rest.empty() && rest.front() == ' ') {
    rest.remove_prefix(1);
  }
  return rest;
}

}  // namespace

std::optional<std::string> basic_pair(const request& r) {
  const auto encoded = credentials(r, "Basic");
  if (!encoded) {
    return std::nullopt;
  }
  return smtp::base64_decode(*encoded);
}

std::optional<response> refuse_unauthorized(const request& r, const access_settings& settings) {
  if (!settings.required()) {
    return std::nullopt;
  }
  if (!settings.bearer_token.empty()) {
    const auto token = credentials(r, "Bearer");
    if (token && same_secret(*token, settings.bearer_token)) {
      return std::nullopt;
    }
    // A browser's WebSocket cannot send an Authorization header, so the live events also
    // take RFC 6750 section 2.3's query parameter; only there, since a token in a URL is
    // easier to leak (no route logs its target, and the socket is never a navigation).
    const auto query_token = r.path == events_path ? r.parameter("access_token") : std::nullopt;
    if (query_token && same_secret(*query_token, settings.bearer_token)) {
      return std::nullopt;
    }
  }
  if (!settings.basic_user.empty()) {
    const auto pair = basic_pair(r);
    if (pair && same_secret(*pair, settings.basic_user + ":" + settings.basic_password)) {
      return std::nullopt;
    }
  }
  response refused = text(401, "Unauthorized.\n", "text/plain; charset=utf-8");
  if (!settings.basic_user.empty()) {
    refused.headers.push_back({"WWW-Authenticate", R"(Basic realm="Login")"});
  }
  if (!settings.bearer_token.empty()) {
    refused.headers.push_back({"WWW-Authenticate", R"(Bearer realm="exomock")"});
  }
  return refused;
}

std::string basic_login(const request& r) {
  const auto pair = basic_pair(r);
  if (!pair) {
    return {};
  }
  const std::size_t colon = pair->find(':');
  return colon == std::string::npos ? std::string{} : pair->substr(0, colon);
}

}  // namespace exomock::http
