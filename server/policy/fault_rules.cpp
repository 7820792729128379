// Matching and rewriting for fault injection. The draw hashes (seed, rule,
// occurrence) with SplitMix64, so a rule's nth event fires or not whatever other
// rules, sessions or threads did: replaying a scenario replays its faults.
#include "policy/fault_rules.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "policy/address.hpp"
#include "policy/ip_range.hpp"
#include "policy/splitmix64.hpp"
#include "smtp/ascii.hpp"

namespace exomock::policy {

namespace {

using smtp::ascii::lower;

constexpr std::array<std::pair<fault_stage, std::string_view>, 12> stage_names{{
    {fault_stage::connect, "connect"},
    {fault_stage::tls_handshake, "tls-handshake"},
    {fault_stage::hello, "ehlo"},
    {fault_stage::starttls, "starttls"},
    {fault_stage::auth, "auth"},
    {fault_stage::mail, "mail"},
    {fault_stage::rcpt, "rcpt"},
    {fault_stage::data, "data"},
    {fault_stage::end_of_data, "end-of-data"},
    {fault_stage::bdat, "bdat"},
    {fault_stage::rset, "rset"},
    {fault_stage::quit, "quit"},
}};

constexpr std::array<std::pair<fault_kind, std::string_view>, 7> kind_names{{
    {fault_kind::reply, "reply"},
    {fault_kind::delay, "delay"},
    {fault_kind::close, "close"},
    {fault_kind::reply_and_close, "reply-and-close"},
    {fault_kind::fail_tls_handshake, "fail-tls-handshake"},
    {fault_kind::trickle, "trickle"},
    {fault_kind::stall, "stall"},
}};

bool in_any_range(const std::vector<std::string>& ranges, std::string_view ip) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const std::string& r) { return range_contains(r, ip); });
}

bool login_matches(const std::string& wanted, std::string_view login) {
  if (wanted.empty()) {
    return true;
  }
  return wanted == "-" ? login.empty() : !login.empty() && glob_match(wanted, login);
}

smtp::reply replacement(const fault_action& a, const smtp::reply& original, std::string_view diag,
                        std::chrono::milliseconds error_delay) {
  smtp::reply out;
  out.code = a.code;
  const std::string prefix = a.enhanced.empty() ? "" : a.enhanced + " ";
  for (const std::string& line : a.lines) {
    out.lines.push_back(prefix + line);
  }
  if (out.lines.empty() && !a.enhanced.empty()) {
    out.lines.push_back(a.enhanced);
  }
  if (a.diag && !out.lines.empty()) {
    out.lines.back() += diag;
  }
  out.delay = a.code >= 400 ? error_delay : std::chrono::milliseconds{0};
  // RFC 5321 section 3.8: 421 announces the close; QUIT's reply closes whatever its code.
  out.close_after = original.close_after || a.code == 421;
  return out;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative wildcard matching with one backtrack point: linear in practice.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

bool conditions_hold(const fault_match& m, const fault_event& e) {
  if (std::find(m.stages.begin(), m.stages.end(), e.stage) == m.stages.end()) {
    return false;
  }
  if ((!m.listener.empty() && m.listener != e.listener) || !login_matches(m.login, e.login)) {
    return false;
  }
  if (!m.sender.empty() && (!e.sender || !glob_match(m.sender, *e.sender))) {
    return false;
  }
  if (!m.recipient.empty() &&
      std::none_of(e.recipients.begin(), e.recipients.end(),
                   [&](std::string_view r) { return glob_match(m.recipient, r); })) {
    return false;
  }
  if (!m.client_ip_ranges.empty() && !in_any_range(m.client_ip_ranges, e.client_ip)) {
    return false;
  }
  return (!m.from || e.now >= *m.from) && (!m.until || e.now < *m.until);
}

double fault_draw(std::uint64_t seed, std::size_t rule, std::uint64_t occurrence) {
  const std::uint64_t bits =
      splitmix64(seed ^ splitmix64(rule + 1) ^ splitmix64(splitmix64(occurrence)));
  return static_cast<double>(bits >> 11) * 0x1.0p-53;  // the top 53 bits as a double in [0, 1)
}

bool occurrence_fires(const fault_match& m, std::uint64_t occurrence, std::uint64_t seed,
                      std::size_t rule) {
  bool counted = true;
  switch (m.occurrence) {
    case occurrence_kind::always:
      break;
    case occurrence_kind::nth:
      counted = occurrence == m.n;
      break;
    case occurrence_kind::every:
      counted = m.n != 0 && occurrence % m.n == 0;
      break;
    case occurrence_kind::after:
      counted = occurrence > m.n;
      break;
  }
  return counted && (m.probability >= 1.0 || fault_draw(seed, rule, occurrence) < m.probability);
}

std::optional<std::size_t> select_fault(const std::vector<fault_rule>& rules, fault_tally& tally,
                                        const fault_event& e, std::uint64_t seed) {
  tally.occurrences.resize(std::max(tally.occurrences.size(), rules.size()), 0);
  tally.firings.resize(std::max(tally.firings.size(), rules.size()), 0);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!conditions_hold(rules[i].match, e)) {
      continue;
    }
    const std::uint64_t occurrence = ++tally.occurrences[i];
    ++tally.changes;
    if (occurrence_fires(rules[i].match, occurrence, seed, i)) {
      ++tally.firings[i];
      return i;
    }
  }
  return std::nullopt;
}

smtp::reply apply_fault(const fault_action& a, smtp::reply original, std::string_view diag,
                        std::chrono::milliseconds error_delay) {
  smtp::reply out = a.code != 0 ? replacement(a, original, diag, error_delay) : std::move(original);
  out.delay += a.delay;
  switch (a.kind) {
    case fault_kind::reply:
    case fault_kind::delay:
    case fault_kind::fail_tls_handshake:
      break;
    case fault_kind::close:
      out.how = smtp::delivery::silent_close;
      out.close_after = true;
      break;
    case fault_kind::reply_and_close:
      out.close_after = true;
      break;
    case fault_kind::trickle:
      out.trickle_bytes = std::max<std::size_t>(a.trickle_bytes, 1);
      out.trickle_interval = a.trickle_interval;
      break;
    case fault_kind::stall:
      out.how = smtp::delivery::stall;
      break;
  }
  return out;
}

bool fault_allowed(fault_kind kind, fault_stage stage) {
  if (stage == fault_stage::tls_handshake) {
    return kind == fault_kind::fail_tls_handshake || kind == fault_kind::delay ||
           kind == fault_kind::close || kind == fault_kind::stall;
  }
  return kind != fault_kind::fail_tls_handshake;
}

std::string_view stage_name(fault_stage s) {
  for (const auto& [stage, name] : stage_names) {
    if (stage == s) {
      return name;
    }
  }
  return "?";
}

std::optional<fault_stage> parse_stage(std::string_view name) {
  if (iequals(name, "helo")) {
    return fault_stage::hello;  // EHLO and HELO are one stage
  }
  for (const auto& [stage, spelled] : stage_names) {
    if (iequals(name, spelled)) {
      return stage;
    }
  }
  return std::nullopt;
}

std::string_view kind_name(fault_kind k) {
  for (const auto& [kind, name] : kind_names) {
    if (kind == k) {
      return name;
    }
  }
  return "?";
}

std::optional<fault_kind> parse_kind(std::string_view name) {
  for (const auto& [kind, spelled] : kind_names) {
    if (iequals(name, spelled)) {
      return kind;
    }
  }
  return std::nullopt;
}

}  // namespace exomock::policy
