// SASL message grammars for AUTH (RFC 4954). Malformed content is a value
// (nullopt → protocol_error::auth_malformed), never an exception; nothing here
// keeps or logs the secrets it extracts.
#include "smtp/sasl.hpp"

#include <string>

#include "smtp/ascii.hpp"

namespace exomock::smtp {

namespace {

using ascii::iequals;
using ascii::istarts_with;

}  // namespace

std::optional<sasl_mechanism> find_mechanism(std::string_view name) {
  if (iequals(name, "LOGIN")) {
    return sasl_mechanism::login;
  }
  if (iequals(name, "PLAIN")) {
    return sasl_mechanism::plain;
  }
  if (iequals(name, "XOAUTH2")) {
    return sasl_mechanism::xoauth2;
  }
  return std::nullopt;
}

std::string_view mechanism_name(sasl_mechanism m) {
  switch (m) {
    case sasl_mechanism::login:
      return "LOGIN";
    case sasl_mechanism::plain:
      return "PLAIN";
    case sasl_mechanism::xoauth2:
      return "XOAUTH2";
  }
  return "";
}

std::optional<credentials> decode_plain(std::string_view message) {
  std::size_t first = message.find('\0');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t second = message.find('\0', first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  if (message.find('\0', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  credentials c;
  c.mechanism = "PLAIN";
  c.authzid = std::string(message.substr(0, first));
  c.identity = std::string(message.substr(first + 1, second - first - 1));
  c.secret = std::string(message.substr(second + 1));
  if (c.identity.empty() || c.secret.empty()) {
    return std::nullopt;
  }
  return c;
}

std::optional<credentials> decode_xoauth2(std::string_view message) {
  credentials c;
  c.mechanism = "XOAUTH2";
  bool have_user = false;
  bool have_auth = false;
  bool ended = false;  // an empty field was seen: only empty fields may follow
  std::size_t index = 0;
  while (!message.empty()) {
    std::size_t sep = message.find('\x01');
    std::string_view field = message.substr(0, sep);
    message = sep == std::string_view::npos ? std::string_view{} : message.substr(sep + 1);
    if (field.empty()) {
      ended = true;
      continue;
    }
    if (ended) {
      return std::nullopt;  // "user=a^A^Aauth=..." is not the grammar
    }
    if (index++ == 0) {
      // user= comes first (Google's XOAUTH2 protocol description).
      if (!istarts_with(field, "user=")) {
        return std::nullopt;
      }
      c.identity = std::string(field.substr(5));
      have_user = !c.identity.empty();
    } else if (istarts_with(field, "auth=")) {
      std::string_view value = field.substr(5);
      if (have_auth || !istarts_with(value, "Bearer ")) {
        return std::nullopt;
      }
      c.secret = std::string(value.substr(7));
      have_auth = !c.secret.empty();
    } else if (field.find('=') == std::string_view::npos) {
      return std::nullopt;
    }
  }
  if (!have_user || !have_auth) {
    return std::nullopt;
  }
  return c;
}

}  // namespace exomock::smtp
