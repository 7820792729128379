// How an edit's value is shown in the audit table and the log: JSON-like, and
// never the secret itself.
#include "policy/scenario_edit.hpp"

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

}  // namespace

std::string shown_value(const scenario_edit& e) {
  if (std::holds_alternative<edit_unset>(e.value)) {
    return "null";
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
