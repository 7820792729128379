#include "http/go_json.hpp"

#include <boost/json/error.hpp>
#include <boost/json/stream_parser.hpp>
#include <cstdio>

#include "smtp/ascii.hpp"

namespace exomock::http {
namespace {

namespace bjson = boost::json;

// Go's quoteChar: the character in single quotes, escaped when not printable.
std::string go_quoted(char c) {
  if (c == '\'') {
    return R"('\'')";
  }
  if (c == '"') {
    return R"('"')";
  }
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u >= 0x7f) {
    char text[8];
    std::snprintf(text, sizeof text, "'\\x%02x'", u);
    return text;
  }
  return std::string("'") + c + "'";
}

std::string type_error(std::string_view kind, std::string_view field, std::string_view type) {
  return "json: cannot unmarshal " + std::string(kind) + " into Go struct field ." +
         std::string(field) + " of type " + std::string(type);
}

// Sets one field from V; returns the type error, or "".
struct assign {
  std::string_view name;
  const bjson::value& v;

  std::string operator()(bool* out) const {
    if (v.is_bool()) {
      *out = v.get_bool();
    } else if (!v.is_null()) {
      return type_error(go_kind(v), name, "bool");
    }
    return {};
  }
  std::string operator()(std::string* out) const {
    if (v.is_string()) {
      *out = std::string(v.get_string());
    } else if (!v.is_null()) {
      return type_error(go_kind(v), name, "string");
    }
    return {};
  }
  std::string operator()(std::vector<std::string>* out) const {
    if (v.is_null()) {
      out->clear();
      return {};
    }
    if (!v.is_array()) {
      return type_error(go_kind(v), name, "[]string");
    }
    std::string error;
    out->clear();
    for (const bjson::value& item : v.get_array()) {
      out->emplace_back(item.is_string() ? std::string(item.get_string()) : std::string{});
      if (!item.is_string() && !item.is_null() && error.empty()) {
        error = type_error(go_kind(item), name, "string");
      }
    }
    return error;
  }
};

}  // namespace

std::string go_kind(const bjson::value& v) {
  switch (v.kind()) {
    case bjson::kind::bool_:
      return "bool";
    case bjson::kind::string:
      return "string";
    case bjson::kind::array:
      return "array";
    case bjson::kind::object:
      return "object";
    case bjson::kind::null:
      return "null";
    default:
      return "number";
  }
}

std::optional<boost::json::value> parse_body(std::string_view body, std::string& error) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    error = "EOF";
    return std::nullopt;
  }
  bjson::parse_options options;
  options.allow_invalid_utf8 = true;  // Go replaces bad bytes rather than failing
  bjson::stream_parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(body.data(), body.size(), ec);
  if (!ec && !parser.done()) {
    parser.finish(ec);
  }
  if (ec) {
    error = used >= body.size()
                ? "unexpected EOF"
                : "invalid character " + go_quoted(body[used]) + " looking for beginning of value";
    return std::nullopt;
  }
  return parser.release();
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
  error = "json: cannot unmarshal " + go_kind(*v) + " into Go struct field " + std::string(key) +
          " of type int";
  return std::nullopt;
}

go_decoder& go_decoder::field(std::string_view name, bool& out) {
  fields_.push_back({name, &out});
  return *this;
}

go_decoder& go_decoder::field(std::string_view name, std::string& out) {
  fields_.push_back({name, &out});
  return *this;
}

go_decoder& go_decoder::field(std::string_view name, std::vector<std::string>& out) {
  fields_.push_back({name, &out});
  return *this;
}

std::string go_decoder::decode(std::string_view body) const {
  std::string error;
  const auto parsed = parse_body(body, error);
  if (!parsed) {
    return error;
  }
  const bjson::value& root = *parsed;
  if (root.is_null()) {
    return {};
  }
  if (!root.is_object()) {
    std::string type = "struct {";
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      static constexpr std::string_view names[] = {" bool", " string", " []string"};
      type += (i == 0 ? " " : "; ") + std::string(fields_[i].name) +
              std::string(names[fields_[i].target.index()]);
    }
    return "json: cannot unmarshal " + go_kind(root) + " into Go value of type " + type + " }";
  }
  std::string first_error;
  for (const auto& [key, value] : root.get_object()) {
    for (const bound& f : fields_) {
      if (!smtp::ascii::iequals(key, f.name)) {
        continue;
      }
      std::string error = std::visit(assign{f.name, value}, f.target);
      if (first_error.empty()) {
        first_error = std::move(error);
      }
    }
  }
  return first_error;
}

}  // namespace exomock::http
