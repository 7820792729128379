// Command grammar (RFC 5321 sections 4.1.1 and 4.1.2). Lenient only where real
// clients and servers are (a space after "FROM:", extra spaces between
// parameters, trailing spaces), strict elsewhere: a path must be in angle brackets.
#include "smtp/command_parser.hpp"

#include <array>
#include <limits>

#include "smtp/ascii.hpp"

namespace exomock::smtp {

namespace {

constexpr std::array<std::string_view, command_count> verbs = {
    "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA",
    "BDAT", "RSET", "NOOP",     "QUIT", "VRFY", "EXPN", "HELP"};

using ascii::iequals;
using ascii::to_upper;

bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// atext (RFC 5322 section 3.2.3), widened by UTF8-non-ascii (RFC 6531 section 3.3).
bool is_atext(char c) {
  static constexpr std::string_view specials = "!#$%&'*+-/=?^_`{|}~";
  return is_alpha(c) || is_digit(c) || is_non_ascii(c) ||
         specials.find(c) != std::string_view::npos;
}

// Dot-string: 1*atext *("." 1*atext).
bool valid_dot_string(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i + 1] == '.') {
        return false;
      }
    } else if (!is_atext(s[i])) {
      return false;
    }
  }
  return true;
}

// Quoted-string with qtextSMTP and quoted-pairSMTP (RFC 5321 section 4.1.2).
bool valid_quoted_string(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') {
    return false;
  }
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      if (++i + 1 >= s.size()) {
        return false;
      }
      c = static_cast<unsigned char>(s[i]);
      if (c < 32 || c > 126) {
        return false;
      }
    } else if (c == '"' || (c < 32) || c == 127) {
      return false;
    }
  }
  return true;
}

// Domain = sub-domain *("." sub-domain), letters, digits, '-' and U-labels; or an
// address literal "[...]" with dcontent (RFC 5321 section 4.1.3, RFC 5322 3.4.1).
bool valid_domain(std::string_view d) {
  if (d.size() >= 2 && d.front() == '[' && d.back() == ']') {
    for (char c : d.substr(1, d.size() - 2)) {
      auto u = static_cast<unsigned char>(c);
      if (u < 33 || u > 126 || c == '[' || c == ']' || c == '\\') {
        return false;
      }
    }
    return d.size() > 2;
  }
  if (d.empty() || d.front() == '.' || d.back() == '.') {
    return false;
  }
  for (std::size_t i = 0; i < d.size(); ++i) {
    char c = d[i];
    if (c == '.') {
      if (d[i + 1] == '.') {
        return false;
      }
    } else if (!is_alpha(c) && !is_digit(c) && c != '-' && !is_non_ascii(c)) {
      return false;
    }
  }
  return true;
}

bool valid_mailbox(std::string_view m) {
  std::size_t at = m.rfind('@');
  if (at == std::string_view::npos) {
    return false;
  }
  std::string_view local = m.substr(0, at);
  bool local_ok =
      !local.empty() && local.front() == '"' ? valid_quoted_string(local) : valid_dot_string(local);
  return local_ok && valid_domain(m.substr(at + 1)) && !is_binary(m);
}

// The index of the '>' closing a path that opens at s[0] == '<', skipping quoted strings.
std::size_t path_end(std::string_view s) {
  bool quoted = false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (quoted && s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && s[i] == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

enum class path_kind { reverse, forward };

// Consumes "<...>" from the front of `rest`; the address without brackets and
// without a source route ("@a,@b:", which RFC 5321 section 4.1.2 says to accept and ignore).
std::optional<std::string> take_path(std::string_view& rest, path_kind kind) {
  if (rest.empty() || rest.front() != '<') {
    return std::nullopt;
  }
  std::size_t close = path_end(rest);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view inner = rest.substr(1, close - 1);
  rest.remove_prefix(close + 1);
  if (inner.empty()) {
    if (kind == path_kind::reverse) {
      return std::string{};
    }
    return std::nullopt;
  }
  if (inner.front() == '@') {
    std::size_t colon = inner.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    inner.remove_prefix(colon + 1);
  }
  // "<Postmaster>" without a domain is a valid forward path (RFC 5321 section 4.1.1.3).
  if (kind == path_kind::forward && iequals(inner, "postmaster")) {
    return std::string(inner);
  }
  if (!valid_mailbox(inner)) {
    return std::nullopt;
  }
  return std::string(inner);
}

// "TO:" or "FROM:" then optional spaces (tolerated, as Exchange and Postfix do), then the path.
std::optional<std::string> take_prefixed_path(std::string_view& arg, std::string_view prefix,
                                              path_kind kind) {
  arg = trim(arg);
  if (arg.size() < prefix.size() || !iequals(arg.substr(0, prefix.size()), prefix)) {
    return std::nullopt;
  }
  arg.remove_prefix(prefix.size());
  while (!arg.empty() && arg.front() == ' ') {
    arg.remove_prefix(1);
  }
  return take_path(arg, kind);
}

struct parameter {
  std::string_view keyword;
  std::optional<std::string_view> value;
  bool value_malformed = false;  ///< "KEY=" or a value with forbidden octets
};

// esmtp-keyword and esmtp-value (RFC 5321 section 4.1.2); nullopt when the keyword
// itself is malformed. A well-formed keyword with a malformed value is returned
// marked, so the parameter's own error can be given.
std::optional<parameter> split_parameter(std::string_view word) {
  parameter p;
  std::size_t eq = word.find('=');
  p.keyword = word.substr(0, eq);
  if (p.keyword.empty() || !(is_alpha(p.keyword[0]) || is_digit(p.keyword[0]))) {
    return std::nullopt;
  }
  for (char c : p.keyword) {
    if (!is_alpha(c) && !is_digit(c) && c != '-') {
      return std::nullopt;
    }
  }
  if (eq == std::string_view::npos) {
    return p;
  }
  p.value = word.substr(eq + 1);
  p.value_malformed = p.value->empty();
  for (char c : *p.value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 33 || u == '=' || u == 127) {
      p.value_malformed = true;
    }
  }
  return p;
}

// Calls on_parameter for each SP-separated parameter after a path; stops at the first failure.
template <typename F>
std::optional<parse_failure> for_each_parameter(std::string_view rest, std::string_view verb,
                                                F&& on_parameter) {
  if (!rest.empty() && rest.front() != ' ') {
    return parse_failure{protocol_error::syntax_error, std::string(verb)};
  }
  while (true) {
    while (!rest.empty() && rest.front() == ' ') {
      rest.remove_prefix(1);
    }
    if (rest.empty()) {
      return std::nullopt;
    }
    std::size_t sp = rest.find(' ');
    std::string_view word = rest.substr(0, sp);
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp);
    auto p = split_parameter(word);
    if (!p) {
      return parse_failure{protocol_error::syntax_error, std::string(verb)};
    }
    if (auto failure = on_parameter(*p)) {
      return failure;
    }
  }
}

std::uint64_t saturating_number(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) {
      return std::numeric_limits<std::uint64_t>::max();
    }
    v = v * 10 + d;
  }
  return v;
}

bool all_digits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

bool is_upper_hex(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'F');
}

// xtext (RFC 3461 section 4): printable ASCII but '+' and '=', or "+" and two upper-case hex
// digits. Octets above 0x7F pass, for RFC 6533's utf-8-addr-xtext in an SMTPUTF8 ORCPT.
bool valid_xtext(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '+') {
      if (i + 2 >= v.size() || !is_upper_hex(v[i + 1]) || !is_upper_hex(v[i + 2])) {
        return false;
      }
      i += 2;
    } else if (v[i] == '=' || (!is_non_ascii(v[i]) && (v[i] < 33 || v[i] > 126))) {
      return false;
    }
  }
  return true;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (iequals(value, a)) {
      return true;
    }
  }
  return false;
}

// One MAIL FROM parameter into `m`; `seen` guards against repeats. A known parameter
// that is repeated or has a bad value gets its own error, not the path's.
std::optional<parse_failure> apply_mail_parameter(const parameter& p, mail_parameters& m,
                                                  unsigned& seen) {
  static constexpr std::array<std::string_view, 6> known = {"SIZE", "BODY",  "SMTPUTF8",
                                                            "RET",  "ENVID", "AUTH"};
  std::size_t index = 0;
  while (index < known.size() && !iequals(p.keyword, known[index])) {
    ++index;
  }
  if (index == known.size()) {
    return parse_failure{protocol_error::parameter_not_recognized, std::string(p.keyword)};
  }
  const parse_failure invalid{protocol_error::parameter_invalid, std::string(p.keyword)};
  if ((seen & (1u << index)) != 0) {
    return invalid;
  }
  seen |= 1u << index;
  bool needs_value = index != 2;  // SMTPUTF8 takes none (RFC 6531 section 3.4)
  if (needs_value != p.value.has_value() || p.value_malformed) {
    return invalid;
  }
  std::string_view v = p.value.value_or("");
  switch (index) {
    case 0:  // SIZE=1*20DIGIT (RFC 1870 section 6)
      if (!all_digits(v)) {
        return invalid;
      }
      m.size = saturating_number(v);
      break;
    case 1:  // BODY= (RFC 6152, RFC 3030 section 3)
      if (!one_of(v, {"7BIT", "8BITMIME", "BINARYMIME"})) {
        return invalid;
      }
      m.body = to_upper(v);
      break;
    case 2:
      m.smtputf8 = true;
      break;
    case 3:  // RET=FULL|HDRS (RFC 3461 section 4.3)
      if (!one_of(v, {"FULL", "HDRS"})) {
        return invalid;
      }
      m.ret = to_upper(v);
      break;
    case 4:  // ENVID=xtext, at most 100 characters (RFC 3461 section 4.4)
      if (v.size() > 100 || !valid_xtext(v)) {
        return invalid;
      }
      m.envid = std::string(v);
      break;
    default:
      m.auth = std::string(v);
      break;
  }
  return std::nullopt;
}

// NOTIFY=NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 section 4.1).
bool valid_notify(std::string_view v) {
  if (iequals(v, "NEVER")) {
    return true;
  }
  while (true) {
    std::size_t comma = v.find(',');
    if (!one_of(v.substr(0, comma), {"SUCCESS", "FAILURE", "DELAY"})) {
      return false;
    }
    if (comma == std::string_view::npos) {
      return true;
    }
    v.remove_prefix(comma + 1);
  }
}

// ORCPT=addr-type ";" xtext, at most 500 characters (RFC 3461 section 4.2); addr-type is
// an atom such as "rfc822" or RFC 6533's "utf-8".
bool valid_orcpt(std::string_view v) {
  std::size_t semicolon = v.find(';');
  if (v.size() > 500 || semicolon == 0 || semicolon == std::string_view::npos ||
      semicolon + 1 == v.size()) {
    return false;
  }
  for (char c : v.substr(0, semicolon)) {
    if (!is_alpha(c) && !is_digit(c) && c != '-') {
      return false;
    }
  }
  return valid_xtext(v.substr(semicolon + 1));
}

}  // namespace

std::string_view verb_name(command c) {
  return verbs[static_cast<std::size_t>(c)];
}

std::string_view trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

command_line split_command(std::string_view line) {
  command_line out;
  std::size_t sp = line.find(' ');
  out.word = line.substr(0, sp);
  out.argument = sp == std::string_view::npos ? std::string_view{} : line.substr(sp + 1);
  for (std::size_t i = 0; i < verbs.size(); ++i) {
    if (iequals(out.word, verbs[i])) {
      out.verb = static_cast<command>(i);
    }
  }
  return out;
}

bool is_binary(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return true;
      }
      ++i;
      continue;
    }
    // UTF-8 (RFC 3629 section 4): lead byte, continuation count, no overlongs or surrogates.
    std::size_t n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;  // continuation octets
    if (c < 0xC2 || c > 0xF4 || line.size() - i <= n) {
      return true;
    }
    auto c1 = static_cast<unsigned char>(line[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F)) {
      return true;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) {
        return true;
      }
    }
    i += n + 1;
  }
  return false;
}

std::optional<parse_failure> parse_mail(std::string_view argument, mail_command& out) {
  const parse_failure syntax{protocol_error::syntax_error, "MAIL"};
  auto path = take_prefixed_path(argument, "FROM:", path_kind::reverse);
  if (!path) {
    return syntax;
  }
  out.reverse_path = std::move(*path);
  out.parameters = {};
  unsigned seen = 0;
  return for_each_parameter(argument, "MAIL", [&](const parameter& p) {
    return apply_mail_parameter(p, out.parameters, seen);
  });
}

std::optional<parse_failure> parse_rcpt(std::string_view argument, recipient& out) {
  const parse_failure syntax{protocol_error::syntax_error, "RCPT"};
  auto path = take_prefixed_path(argument, "TO:", path_kind::forward);
  if (!path) {
    return syntax;
  }
  out = {};
  out.forward_path = std::move(*path);
  bool notify = false;
  bool orcpt = false;
  return for_each_parameter(
      argument, "RCPT", [&](const parameter& p) -> std::optional<parse_failure> {
        const parse_failure invalid{protocol_error::parameter_invalid, std::string(p.keyword)};
        if (iequals(p.keyword, "NOTIFY")) {
          if (notify || !p.value || p.value_malformed || !valid_notify(*p.value)) {
            return invalid;
          }
          notify = true;
          out.notify = std::string(*p.value);
        } else if (iequals(p.keyword, "ORCPT")) {
          if (orcpt || !p.value || p.value_malformed || !valid_orcpt(*p.value)) {
            return invalid;
          }
          orcpt = true;
          out.orcpt = std::string(*p.value);
        } else {
          return parse_failure{protocol_error::parameter_not_recognized, std::string(p.keyword)};
        }
        return std::nullopt;
      });
}

std::optional<bdat_command> parse_bdat(std::string_view argument) {
  argument = trim(argument);
  std::size_t sp = argument.find(' ');
  std::string_view size = argument.substr(0, sp);
  std::string_view rest =
      sp == std::string_view::npos ? std::string_view{} : trim(argument.substr(sp));
  // chunk-size = 1*DIGIT; 20 digits at most keeps it inside 64 bits.
  if (!all_digits(size) || size.size() > 19) {
    return std::nullopt;
  }
  bdat_command out;
  out.size = saturating_number(size);
  if (rest.empty()) {
    return out;
  }
  if (!iequals(rest, "LAST")) {
    return std::nullopt;
  }
  out.last = true;
  return out;
}

std::optional<auth_command> parse_auth(std::string_view argument) {
  argument = trim(argument);
  if (argument.empty()) {
    return std::nullopt;
  }
  auth_command out;
  std::size_t sp = argument.find(' ');
  out.mechanism = argument.substr(0, sp);
  if (sp == std::string_view::npos) {
    return out;
  }
  std::string_view initial = trim(argument.substr(sp));
  if (initial.find(' ') != std::string_view::npos) {
    return std::nullopt;
  }
  out.initial_response = initial;
  return out;
}

}  // namespace exomock::smtp
