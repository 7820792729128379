#include "http/go_json.hpp"

#include <boost/json/parse.hpp>

#include "smtp/ascii.hpp"

namespace exomock::http {

std::optional<boost::json::value> parse_body(std::string_view body, std::string& error) {
  std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    error = "EOF";
    return std::nullopt;
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body.substr(start), ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  return v;
}

const boost::json::value* member(const boost::json::value& object, std::string_view key) {
  const auto* o = object.if_object();
  if (o == nullptr) {
    return nullptr;
  }
  if (const auto* exact = o->if_contains(key)) {
    return exact;
  }
  for (const auto& kv : *o) {
    if (smtp::ascii::iequals(kv.key(), key)) {
      return &kv.value();
    }
  }
  return nullptr;
}

std::optional<std::int64_t> int_member(const boost::json::value& object, std::string_view key,
                                       std::string& error) {
  const auto* v = member(object, key);
  if (v == nullptr || v->is_null()) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->as_int64();
  }
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  error = "json: cannot unmarshal " + std::string(v->is_string() ? "string" : "value") +
          " into Go struct field " + std::string(key) + " of type int";
  return std::nullopt;
}

}  // namespace exomock::http
