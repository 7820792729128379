#include "http/send_request_json.hpp"

#include <boost/json/value.hpp>

#include "http/go_json.hpp"

namespace exomock::http {

namespace bjson = boost::json;

namespace {

struct reader {
  std::string error;

  bool mismatch(const bjson::value& v, const std::string& field, const char* type) {
    error = "json: cannot unmarshal " + go_kind(v) + " into Go struct field " + field +
            " of type " + type;
    return false;
  }

  // The member of O named NAME without regard to case; null reads as absent.
  static const bjson::value* field(const bjson::value& o, std::string_view name) {
    const bjson::value* found = member(o, name);
    return found == nullptr || found->is_null() ? nullptr : found;
  }

  bool string(const bjson::value& o, std::string_view name, const std::string& path,
              std::string& out) {
    const bjson::value* v = field(o, name);
    if (v == nullptr) {
      return true;
    }
    if (!v->is_string()) {
      return mismatch(*v, path + "." + std::string(name), "string");
    }
    out = std::string(v->as_string());
    return true;
  }

  bool address(const bjson::value& v, const std::string& path, mime::send_address& out) {
    if (!v.is_object()) {
      return v.is_null() || mismatch(v, path, "struct { Name string; Email string }");
    }
    return string(v, "Name", path, out.name) && string(v, "Email", path, out.email);
  }

  template <typename Item, typename ReadItem>
  bool list(const bjson::value& o, std::string_view name, const std::string& path,
            std::vector<Item>& out, const char* type, ReadItem read_item) {
    const bjson::value* v = field(o, name);
    if (v == nullptr) {
      return true;
    }
    const std::string field = path + "." + std::string(name);
    if (!v->is_array()) {
      return mismatch(*v, field, type);
    }
    for (const bjson::value& item : v->as_array()) {
      Item value{};
      if (!read_item(item, field, value)) {
        return false;
      }
      out.push_back(std::move(value));
    }
    return true;
  }

  bool strings(const bjson::value& o, std::string_view name, std::vector<std::string>& out) {
    return list(o, name, "", out, "[]string",
                [this](const bjson::value& item, const std::string& field, std::string& value) {
                  if (!item.is_string()) {
                    return item.is_null() || mismatch(item, field, "string");
                  }
                  value = std::string(item.as_string());
                  return true;
                });
  }

  bool addresses(const bjson::value& o, std::string_view name,
                 std::vector<mime::send_address>& out) {
    return list(o, name, "", out, "[]struct { Name string; Email string }",
                [this](const bjson::value& item, const std::string& field,
                       mime::send_address& value) { return address(item, field, value); });
  }

  bool attachment(const bjson::value& item, const std::string& field, mime::send_attachment& a) {
    if (!item.is_object()) {
      return item.is_null() || mismatch(item, field, "struct");
    }
    return string(item, "Content", field, a.content) &&
           string(item, "Filename", field, a.file_name) &&
           string(item, "ContentType", field, a.content_type) &&
           string(item, "ContentID", field, a.content_id);
  }

  bool headers(const bjson::value& o, std::vector<std::pair<std::string, std::string>>& out) {
    const bjson::value* v = field(o, "Headers");
    if (v == nullptr) {
      return true;
    }
    if (!v->is_object()) {
      return mismatch(*v, ".Headers", "map[string]string");
    }
    for (const auto& entry : v->as_object()) {
      if (!entry.value().is_string()) {
        return entry.value().is_null() || mismatch(entry.value(), ".Headers", "string");
      }
      out.emplace_back(std::string(entry.key()), std::string(entry.value().as_string()));
    }
    return true;
  }

  bool request(const bjson::value& o, mime::send_request& r) {
    const bjson::value* from = field(o, "From");
    return (from == nullptr || address(*from, ".From", r.from)) && addresses(o, "To", r.to) &&
           addresses(o, "Cc", r.cc) && strings(o, "Bcc", r.bcc) &&
           addresses(o, "ReplyTo", r.reply_to) && string(o, "Subject", "", r.subject) &&
           string(o, "Text", "", r.text) && string(o, "HTML", "", r.html) &&
           list(o, "Attachments", "", r.attachments, "[]struct",
                [this](const bjson::value& item, const std::string& field,
                       mime::send_attachment& a) { return attachment(item, field, a); }) &&
           strings(o, "Tags", r.tags) && headers(o, r.headers);
  }
};

}  // namespace

std::optional<mime::send_request> read_send_request(std::string_view body, std::string& error) {
  const auto parsed = parse_body(body, error);
  if (!parsed) {
    return std::nullopt;
  }
  const bjson::value& v = *parsed;
  mime::send_request r;
  if (v.is_null()) {
    return r;
  }
  if (!v.is_object()) {
    error = "json: cannot unmarshal " + go_kind(v) + " into Go value of type struct";
    return std::nullopt;
  }
  reader read;
  if (!read.request(v, r)) {
    error = read.error;
    return std::nullopt;
  }
  return r;
}

}  // namespace exomock::http
