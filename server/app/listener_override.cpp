// Parsing and application of --listen.
#include "app/listener_override.hpp"

#include <charconv>

namespace exomock::app {
namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<listener_override> parse_listener_override(std::string_view text,
                                                         std::string& error) {
  error = "expected NAME=HOST:PORT, got '" + std::string(text) + "'";
  const std::size_t equals = text.find('=');
  if (equals == 0 || equals == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view address = text.substr(equals + 1);
  const std::size_t colon = address.rfind(':');
  if (colon == 0 || colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view host = address.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') {
      return std::nullopt;
    }
    host = host.substr(1, host.size() - 2);
  }
  const auto port = parse_port(address.substr(colon + 1));
  if (!port) {
    return std::nullopt;
  }
  error.clear();
  return listener_override{std::string(text.substr(0, equals)), std::string(host), *port};
}

bool apply_listener_override(policy::scenario_model& model, const listener_override& o,
                             std::string& error) {
  std::string known;
  for (policy::listener_config& listener : model.listeners) {
    if (listener.name == o.name) {
      listener.host = o.host;
      listener.port = o.port;
      return true;
    }
    known += (known.empty() ? "" : ", ") + listener.name;
  }
  error = "--listen: no listener named '" + o.name + "' in the scenario (listeners: " + known + ")";
  return false;
}

}  // namespace exomock::app
