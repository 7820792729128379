// The top of a scenario document: the order of its sections, [server] and
// [[listener]], and the check that every address a list names is a mailbox.
#include "scenario/scenario_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

#include "policy/ip_range.hpp"
#include "scenario/fault_reader.hpp"
#include "scenario/limits_reader.hpp"
#include "scenario/listener_transport_reader.hpp"
#include "scenario/read_context.hpp"
#include "scenario/tenant_reader.hpp"

namespace exomock::scenario {

namespace {

bool host_name_chars(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
  });
}

// "127.0.0.1:2587", "[::1]:2587", "localhost:25" into host and port.
std::optional<std::pair<std::string, std::uint16_t>> split_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view digits = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || port > 65535) {
    return std::nullopt;
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (!policy::parse_ip_address(host) || policy::parse_ip_address(host)->v4) {
      return std::nullopt;
    }
  } else if (!policy::parse_ip_address(host) && !host_name_chars(host)) {
    return std::nullopt;
  }
  return std::pair{std::string(host), static_cast<std::uint16_t>(port)};
}

bool alphanumeric(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

policy::server_settings read_server(table_reader& t) {
  policy::server_settings out;
  out.error_delay = t.duration("error_delay").value_or(out.error_delay);
  out.close_after_auth_failure =
      t.boolean("close_after_auth_failure").value_or(out.close_after_auth_failure);
  if (auto seed = t.integer("seed", 0, INT64_MAX)) {
    out.seed = static_cast<std::uint64_t>(*seed);
  }
  const auto name = [&](std::string_view key, std::string fallback) {
    std::string value = t.string_or(key, fallback);
    if (!alphanumeric(value)) {
      t.report(key, "'" + std::string(key) + "' in [server] must be letters and digits only");
      return fallback;
    }
    return value;
  };
  out.identity.front_end = name("front_end", out.identity.front_end);
  out.identity.region = name("region", out.identity.region);
  out.identity.mailbox_server = name("mailbox_server", out.identity.mailbox_server);
  read_clock(t, out);
  out.identity.mx_front_end = name("mx_front_end", out.identity.mx_front_end);
  out.identity.mx_region = name("mx_region", out.identity.mx_region);
  out.token_signing_key = t.string_or("token_signing_key", "");
  t.finish();
  return out;
}

policy::listener_config read_listener(table_reader& t, read_context& c) {
  using policy::listener_kind;
  policy::listener_config out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  if (!out.name.empty()) {
    c.unique(c.listener_names, out.name, t.where("name"), "listener name");
  }
  out.kind =
      t.choice<listener_kind>("kind", {{"submission", listener_kind::submission},
                                       {"submission-legacy", listener_kind::submission_legacy},
                                       {"mx", listener_kind::mx},
                                       {"implicit-tls", listener_kind::implicit_tls},
                                       {"blackhole", listener_kind::blackhole},
                                       {"http", listener_kind::http}})
          .value_or(listener_kind::submission);
  if (auto address = t.required_string("address")) {
    if (auto split = split_address(*address)) {
      std::tie(out.host, out.port) = *split;
      if (out.port != 0) {
        c.unique(c.listener_addresses, *address, t.where("address"), "listener address");
      }
    } else {
      t.report("address",
               "'address' in [[listener]] must be HOST:PORT with a port from 0 to "
               "65535, such as \"127.0.0.1:2587\" or \"[::1]:2587\"");
    }
  }
  const bool smtp_submission = out.kind == listener_kind::submission ||
                               out.kind == listener_kind::submission_legacy ||
                               out.kind == listener_kind::implicit_tls;
  out.server_name = t.string_or("server_name", out.server_name);
  out.certificate_file = t.string_or("certificate", "");
  out.key_file = t.string_or("key", "");
  if (out.certificate_file.empty() != out.key_file.empty()) {
    t.report(out.certificate_file.empty() ? "key" : "certificate",
             "[[listener]] needs both 'certificate' and 'key', or neither (a generated one)");
  }
  read_listener_transport(t, out);
  out.tls = t.boolean("tls").value_or(false);
  if (out.tls && out.kind != listener_kind::http) {
    t.report("tls",
             "'tls' applies to kind = \"http\" listeners (SMTP listeners use STARTTLS, "
             "or kind = \"implicit-tls\")");
  }
  out.require_tls = t.boolean("require_tls").value_or(smtp_submission);
  out.require_auth = t.boolean("require_auth").value_or(smtp_submission);
  t.finish();
  return out;
}

void resolve_mailbox_references(const read_context& c, const policy::scenario_model& model) {
  for (const auto& ref : c.mailbox_references) {
    if (model.find_mailbox(ref.name) == nullptr) {
      c.problems.add(ref.where,
                     "'" + ref.name + "' (" + ref.what + ") is not a mailbox of this scenario");
    }
  }
}

}  // namespace

policy::scenario_model read_scenario(const toml::table& root, problem_list& problems,
                                     const environment& env) {
  read_context c(problems, env);
  table_reader top(root, "the top level", problems);
  policy::scenario_model model;
  if (const toml::table* server = top.table("server")) {
    table_reader t(*server, "[server]", problems);
    model.server = read_server(t);
  }
  for (const toml::table* listener : top.tables("listener")) {
    table_reader t(*listener, "[[listener]]", problems);
    model.listeners.push_back(read_listener(t, c));
  }
  for (const toml::table* tenant : top.tables("tenant")) {
    table_reader t(*tenant, "[[tenant]]", problems);
    model.tenants.push_back(read_tenant(t, c));
  }
  for (const toml::table* fault : top.tables("fault")) {
    table_reader t(*fault, "[[fault]]", problems);
    model.faults.push_back(read_fault(t, *fault, model.faults.size() + 1, c));
  }
  top.finish();
  resolve_mailbox_references(c, model);
  check_fault_references(c, model);
  return model;
}

}  // namespace exomock::scenario
