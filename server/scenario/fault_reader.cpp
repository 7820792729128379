// Reading [[fault]] rules. `stage`, `client_ip` and `text` take a string or an
// array of strings; at most one of nth/every/after; an action must suit every
// stage it names (fail-tls-handshake only at tls-handshake, and the reverse).
#include "scenario/fault_reader.hpp"

#include <algorithm>
#include <cctype>

#include "policy/fault_rules.hpp"
#include "policy/ip_range.hpp"
#include "policy/time_text.hpp"

namespace exomock::scenario {

namespace {

// A string or an array of strings, as a list.
std::vector<std::string> one_or_many(table_reader& t, const toml::table& table,
                                     std::string_view key) {
  const toml::node* n = table.get(key);
  if (n != nullptr && n->is_array()) {
    return t.strings(key);
  }
  const auto one = t.string(key);
  return one ? std::vector<std::string>{*one} : std::vector<std::string>{};
}

// "4.7.0": class digit, then 1-3 and 1-3 digits (RFC 3463).
bool enhanced_code(std::string_view s) {
  const auto dot1 = s.find('.');
  const auto dot2 = s.find('.', dot1 + 1);
  if (dot1 != 1 || dot2 == std::string_view::npos || (s[0] != '2' && s[0] != '4' && s[0] != '5')) {
    return false;
  }
  const auto part_ok = [](std::string_view p) {
    return !p.empty() && p.size() <= 3 && std::all_of(p.begin(), p.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
  };
  return part_ok(s.substr(2, dot2 - 2)) && part_ok(s.substr(dot2 + 1));
}

bool has_wildcard(std::string_view s) {
  return s.find_first_of("*?") != std::string_view::npos;
}

std::optional<std::chrono::system_clock::time_point> time_key(table_reader& t,
                                                              std::string_view key) {
  const auto text = t.string(key);
  if (!text) {
    return std::nullopt;
  }
  auto when = policy::parse_utc_time(*text);
  if (!when) {
    t.report(key, "'" + std::string(key) +
                      "' in [[fault]] must be a date-time such as \"2026-11-28T09:00:00Z\"");
  }
  return when;
}

void read_occurrence(table_reader& t, policy::fault_match& out) {
  using policy::occurrence_kind;
  int given = 0;
  for (const auto& [key, kind] :
       {std::pair{"nth", occurrence_kind::nth}, std::pair{"every", occurrence_kind::every},
        std::pair{"after", occurrence_kind::after}}) {
    const std::int64_t min = kind == occurrence_kind::after ? 0 : 1;
    if (const auto n = t.integer(key, min, INT64_MAX)) {
      out.occurrence = kind;
      out.n = static_cast<std::uint64_t>(*n);
      ++given;
    }
  }
  if (given > 1) {
    t.report("nth", "[[fault]] takes at most one of 'nth', 'every' and 'after'");
  }
  if (const auto p = t.number("probability", 0.0)) {
    if (*p > 1.0) {
      t.report("probability", "'probability' in [[fault]] must be between 0 and 1");
    } else {
      out.probability = *p;
    }
  }
}

void read_match(table_reader& t, const toml::table& table, read_context& c,
                policy::fault_match& out) {
  for (const std::string& name : one_or_many(t, table, "stage")) {
    if (const auto stage = policy::parse_stage(name)) {
      out.stages.push_back(*stage);
    } else {
      t.report("stage", "unknown stage '" + name +
                            "' in [[fault]]; stages: connect, tls-handshake, ehlo, helo, starttls, "
                            "auth, mail, rcpt, data, end-of-data, bdat, rset, quit");
    }
  }
  if (table.get("stage") == nullptr) {
    t.report("stage", "[[fault]] needs 'stage'");
  }
  out.listener = t.string_or("listener", "");
  if (!out.listener.empty()) {
    c.fault_listeners.push_back({out.listener, t.where("listener"), ""});
  }
  out.login = t.string_or("login", "");
  if (!out.login.empty() && out.login != "-" && !has_wildcard(out.login)) {
    c.fault_logins.push_back({out.login, t.where("login"), ""});
  }
  out.sender = t.string_or("sender", "");
  out.recipient = t.string_or("recipient", "");
  out.client_ip_ranges = one_or_many(t, table, "client_ip");
  for (const std::string& range : out.client_ip_ranges) {
    if (!policy::parse_ip_range(range)) {
      t.report("client_ip",
               "'" + range + "' in [[fault]] is not an IP range such as \"10.0.0.0/8\"");
    }
  }
  read_occurrence(t, out);
  out.from = time_key(t, "from");
  out.until = time_key(t, "until");
  if (out.from && out.until && *out.until <= *out.from) {
    t.report("until", "'until' in [[fault]] must be later than 'from'");
  }
}

void read_action(table_reader& t, const toml::table& table, policy::fault_rule& out) {
  policy::fault_action& a = out.action;
  const auto kind_text = t.required_string("action");
  if (kind_text) {
    if (const auto kind = policy::parse_kind(*kind_text)) {
      a.kind = *kind;
    } else {
      t.report("action", "unknown action '" + *kind_text +
                             "' in [[fault]]; actions: reply, delay, close, reply-and-close, "
                             "fail-tls-handshake, trickle, stall");
    }
  }
  a.code = static_cast<int>(t.integer("code", 200, 599).value_or(0));
  a.enhanced = t.string_or("enhanced", "");
  if (!a.enhanced.empty() && !enhanced_code(a.enhanced)) {
    t.report("enhanced",
             "'enhanced' in [[fault]] must be an enhanced status code such as \"4.7.0\"");
  } else if (!a.enhanced.empty() && a.code / 100 != a.enhanced[0] - '0') {
    t.report("enhanced", "'enhanced' in [[fault]] must be of the class of 'code'");
  }
  for (const std::string& line : one_or_many(t, table, "text")) {
    std::size_t start = 0;
    for (auto nl = line.find('\n'); nl != std::string::npos; nl = line.find('\n', start)) {
      a.lines.push_back(line.substr(start, nl - start));
      start = nl + 1;
    }
    a.lines.push_back(line.substr(start));
  }
  a.diag = t.boolean("diag").value_or(false);
  a.delay = t.duration("delay").value_or(a.delay);
  if (const auto bytes = t.integer("trickle_bytes", 1, 1'000'000)) {
    a.trickle_bytes = static_cast<std::uint32_t>(*bytes);
  }
  a.trickle_interval = t.duration("trickle_interval").value_or(a.trickle_interval);
  if (kind_text && a.kind == policy::fault_kind::reply && a.code == 0) {
    t.report("action", "action \"reply\" in [[fault]] needs 'code'");
  }
  if (a.code == 0 && (!a.lines.empty() || !a.enhanced.empty())) {
    t.report("text", "'text' and 'enhanced' in [[fault]] need 'code'");
  }
  for (const policy::fault_stage stage : out.match.stages) {
    if (kind_text && !policy::fault_allowed(a.kind, stage)) {
      t.report("action", "action \"" + std::string(policy::kind_name(a.kind)) +
                             "\" cannot apply at stage '" + std::string(policy::stage_name(stage)) +
                             "' (tls-handshake takes fail-tls-handshake, delay, close or stall; "
                             "fail-tls-handshake only tls-handshake)");
    }
  }
  if (a.code != 0 && std::find(out.match.stages.begin(), out.match.stages.end(),
                               policy::fault_stage::tls_handshake) != out.match.stages.end()) {
    t.report("code", "stage 'tls-handshake' has no reply to replace");
  }
}

}  // namespace

policy::fault_rule read_fault(table_reader& t, const toml::table& table, std::size_t number,
                              read_context& c) {
  policy::fault_rule out;
  out.name = t.string_or("name", "fault " + std::to_string(number));
  read_match(t, table, c, out.match);
  read_action(t, table, out);
  t.finish();
  return out;
}

void check_fault_references(const read_context& c, const policy::scenario_model& model) {
  for (const reference& r : c.fault_listeners) {
    const bool known =
        std::any_of(model.listeners.begin(), model.listeners.end(),
                    [&](const policy::listener_config& l) { return l.name == r.name; });
    if (!known) {
      c.problems.add(r.where, "[[fault]] names listener '" + r.name + "', which is not defined");
    }
  }
  for (const reference& r : c.fault_logins) {
    if (model.find_mailbox(r.name) == nullptr) {
      c.problems.add(r.where, "[[fault]] names login '" + r.name +
                                  "', which is not a mailbox of the scenario (use a pattern "
                                  "such as \"*@contoso.com\" for several, \"-\" for none)");
    }
  }
}

}  // namespace exomock::scenario
