// How an edit's value is shown in the audit table and the log: JSON-like, and
// never the secret itself.
#include "policy/scenario_edit.hpp"

#include <array>
#include <charconv>

namespace exomock::policy {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string shown(const document_value& v);

std::string shown(const document_table& t) {
  std::string out = "{";
  for (const auto& [key, value] : t) {
    out += (out.size() > 1 ? ", " : "") + key + " = ";
    out += secret_key(key) ? std::string("\"********\"") : shown(value);
  }
  return out + "}";
}

std::string shown(const document_value& v) {
  if (const bool* b = std::get_if<bool>(&v.value)) {
    return *b ? "true" : "false";
  }
  if (const auto* i = std::get_if<std::int64_t>(&v.value)) {
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&v.value)) {
    std::array<char, 32> text{};
    const auto end = std::to_chars(text.data(), text.data() + text.size(), *d).ptr;
    return {text.data(), end};
  }
  if (const auto* s = std::get_if<std::string>(&v.value)) {
    return quoted(*s);
  }
  if (const auto* t = std::get_if<document_table>(&v.value)) {
    return shown(*t);
  }
  std::string out = "[";
  for (const document_value& item : std::get<document_array>(v.value)) {
    out += (out.size() > 1 ? ", " : "") + shown(item);
  }
  return out + "]";
}

}  // namespace

bool secret_key(std::string_view key) {
  return key == "password" || key == "app_passwords" || key == "client_secret" || key == "secrets";
}

std::string shown_value(const scenario_edit& e) {
  if (std::holds_alternative<edit_unset>(e.value)) {
    return "null";
  }
  if (std::holds_alternative<edit_remove>(e.value)) {
    return "removed";
  }
  if (const auto* add = std::get_if<edit_add>(&e.value)) {
    return shown(add->keys);
  }
  if (e.secret) {
    return "\"********\"";
  }
  if (const bool* b = std::get_if<bool>(&e.value)) {
    return *b ? "true" : "false";
  }
  if (const auto* s = std::get_if<std::string>(&e.value)) {
    return quoted(*s);
  }
  std::string out = "[";
  for (const std::string& s : std::get<std::vector<std::string>>(e.value)) {
    out += (out.size() > 1 ? ", " : "") + quoted(s);
  }
  return out + "]";
}

}  // namespace exomock::policy
