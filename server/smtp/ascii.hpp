// ASCII case handling for protocol tokens (verbs, parameters, header names,
// SASL keys): SMTP is case-insensitive in ASCII only, never by locale.
#pragma once

#include <string>
#include <string_view>

namespace exomock::smtp::ascii {

[[nodiscard]] constexpr char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

[[nodiscard]] constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upper(a[i]) != upper(b[i])) {
      return false;
    }
  }
  return true;
}

[[nodiscard]] constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

[[nodiscard]] inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = upper(c);
  }
  return out;
}

[[nodiscard]] inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = lower(c);
  }
  return out;
}

}  // namespace exomock::smtp::ascii
