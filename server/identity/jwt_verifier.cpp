// JWS compact serialisation (RFC 7515 section 7.1): HEADER.PAYLOAD.SIGNATURE in
// base64url. Only alg RS256 is accepted, so "none" or HS256 tricks fail here.
#include "identity/jwt_verifier.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "smtp/base64.hpp"

namespace exomock::identity {

namespace {

namespace json = boost::json;

std::string string_claim(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string{};
}

std::vector<std::string> strings_claim(const json::object& o, std::string_view name) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(name);
  if (v != nullptr && v->is_string()) {
    out.emplace_back(v->as_string());
  } else if (v != nullptr && v->is_array()) {
    for (const json::value& item : v->as_array()) {
      if (item.is_string()) {
        out.emplace_back(item.as_string());
      }
    }
  }
  return out;
}

// NumericDate (RFC 7519 section 2): seconds since the epoch, integer or not.
std::optional<std::chrono::system_clock::time_point> time_claim(const json::object& o,
                                                                std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_number()) {
    return std::nullopt;
  }
  json::error_code ec;
  const double seconds = v->to_number<double>(ec);
  if (ec || !std::isfinite(seconds) || std::abs(seconds) > 1e11) {
    return std::nullopt;
  }
  return std::chrono::system_clock::time_point{} +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(
             std::chrono::duration<double>(seconds));
}

std::vector<std::string> split_spaces(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find(' ', start), text.size());
    if (end > start) {
      out.push_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

std::optional<json::object> json_object(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    return std::nullopt;
  }
  return std::move(v.as_object());
}

}  // namespace

std::optional<policy::token_claims> parse_claims(std::string_view payload_json) {
  const auto o = json_object(payload_json);
  if (!o) {
    return std::nullopt;
  }
  policy::token_claims c;
  c.audiences = strings_claim(*o, "aud");
  c.issuer = string_claim(*o, "iss");
  c.tenant_id = string_claim(*o, "tid");
  c.object_id = string_claim(*o, "oid");
  c.upn = string_claim(*o, "upn");
  if (c.upn.empty()) {
    c.upn = string_claim(*o, "unique_name");
  }
  c.app_id = string_claim(*o, "appid");
  if (c.app_id.empty()) {
    c.app_id = string_claim(*o, "azp");
  }
  c.scopes = split_spaces(string_claim(*o, "scp"));
  c.roles = strings_claim(*o, "roles");
  c.expires = time_claim(*o, "exp");
  c.not_before = time_claim(*o, "nbf");
  return c;
}

std::optional<policy::token_claims> jwt_verifier::verify(std::string_view token) const {
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const auto header = smtp::base64url_decode(token.substr(0, first));
  const auto payload = smtp::base64url_decode(token.substr(first + 1, second - first - 1));
  const auto signature = smtp::base64url_decode(token.substr(second + 1));
  if (!header || !payload || !signature) {
    return std::nullopt;
  }
  const auto h = json_object(*header);
  if (!h || string_claim(*h, "alg") != "RS256") {
    return std::nullopt;
  }
  if (!key_->verify(token.substr(0, second), *signature)) {
    return std::nullopt;
  }
  return parse_claims(*payload);
}

}  // namespace exomock::identity
