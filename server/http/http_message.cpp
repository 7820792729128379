#include "http/http_message.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "smtp/ascii.hpp"

namespace exomock::http {

std::optional<std::string_view> request::parameter(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> request::header(std::string_view name) const {
  for (const header_field& h : headers) {
    if (smtp::ascii::iequals(h.name, name)) {
      return h.value;
    }
  }
  return std::nullopt;
}

bool parse_target(std::string_view target, request& into) {
  const auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    return false;
  }
  const boost::urls::url_view& url = *parsed;
  into.path = url.path();
  into.query.clear();
  for (const auto& param : url.params()) {
    into.query.emplace_back(param.key, param.has_value ? param.value : std::string{});
  }
  return true;
}

response text(int status, std::string body, std::string content_type) {
  response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

response json(int status, const std::string& serialized) {
  response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = serialized + "\n";
  return r;
}

}  // namespace exomock::http
