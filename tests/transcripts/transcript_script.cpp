// Parsing of golden transcript files; see README.md for the format. Every
// problem names FILE:LINE so a broken transcript is fixed where it is written.
#include "transcript_script.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <sstream>
#include <utility>

namespace exomock::transcripts {
namespace {

using namespace std::chrono;

struct named_byte {
  std::string_view name;
  std::string_view bytes;
};
constexpr std::array<named_byte, 8> escapes{{{"<CRLF>", "\r\n"},
                                             {"<CR>", "\r"},
                                             {"<LF>", "\n"},
                                             {"<SP>", " "},
                                             {"<HT>", "\t"},
                                             {"<NUL>", std::string_view("\0", 1)},
                                             {"<ESC>", "\x1b"},
                                             {"<DEL>", "\x7f"}}};

constexpr std::string_view default_tls_version = "TLSv1.3";
constexpr std::string_view default_tls_cipher = "TLS_AES_256_GCM_SHA384";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// "C: text" or "C:" → "text" / "": exactly one separating space is removed.
std::string_view after_marker(std::string_view line) {
  std::string_view rest = line.substr(2);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

}  // namespace

std::optional<std::string> decode_client_escapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      bool matched = false;
      for (const auto& e : escapes) {
        if (starts_with(text.substr(i), e.name)) {
          out += e.bytes;
          i += e.name.size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
      // <xHH>: any byte, for binary-input cases.
      if (i + 4 < text.size() && text[i + 1] == 'x' && text[i + 4] == '>' &&
          hex_value(text[i + 2]) >= 0 && hex_value(text[i + 3]) >= 0) {
        out += static_cast<char>(hex_value(text[i + 2]) * 16 + hex_value(text[i + 3]));
        i += 5;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string encode_escapes(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      out += "<CRLF>";
      ++i;
    } else if (c == '\r') {
      out += "<CR>";
    } else if (c == '\n') {
      out += "<LF>";
    } else if (c == '\t') {
      out += "<HT>";
    } else if (c == ' ' && i + 1 == bytes.size()) {
      out += "<SP>";  // a trailing space would be invisible (and editors strip it)
    } else if (c < 0x20 || c >= 0x7f) {
      std::array<char, 8> buf{};
      std::snprintf(buf.data(), buf.size(), "<x%02X>", c);
      out += buf.data();
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string step::render() const {
  switch (kind) {
    case step_kind::client:
      return "C: " + encode_escapes(bytes) + (crlf ? "" : "<NOCRLF>");
    case step_kind::server:
      return "S: " + encode_escapes(bytes);
    case step_kind::tls:
      if (tls_version == default_tls_version && tls_cipher == default_tls_cipher)
        return "== STARTTLS";
      return "== TLS " + tls_version + " " + tls_cipher;
    case step_kind::stored:
      return "== STORED";
    case step_kind::store_failed:
      return "== STORE FAILED";
    case step_kind::closed:
      return "== CLOSED";
    case step_kind::advance:
      return "== ADVANCE " + std::to_string(by.count()) + "ms";
    case step_kind::transport:
      return "== " + event;
  }
  return "?";
}

std::optional<system_clock::time_point> parse_utc(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  const std::string str(text);
  int consumed = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) !=
      6) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  if (starts_with(rest, ".")) {
    rest.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits != 3) return std::nullopt;
    std::from_chars(rest.data(), rest.data() + 3, ms);
    rest.remove_prefix(3);
  }
  if (rest != "Z") return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
}

std::optional<milliseconds> parse_duration(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data() || value < 0) return std::nullopt;
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (unit == "ms") return milliseconds{value};
  if (unit == "s") return seconds{value};
  if (unit == "m") return minutes{value};
  if (unit == "h") return hours{value};
  return std::nullopt;
}

parse_result parse_script(std::string_view text, const std::filesystem::path& file) {
  parse_result result;
  script& out = result.parsed;
  out.file = file;
  out.clock = *parse_utc("2026-11-28T17:44:36.123Z");
  std::size_t number = 0;
  bool in_header = true;
  const auto problem = [&](const std::string& message) {
    result.problems.push_back(file.filename().string() + ":" + std::to_string(number) + ": " +
                              message);
  };

  std::istringstream lines{std::string(text)};
  for (std::string raw; std::getline(lines, raw);) {
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const std::string_view line = raw;
    if (starts_with(line, "#")) {
      if (in_header) out.header.emplace_back(trim(line.substr(1)));
      continue;  // comments may also annotate the dialogue further down
    }
    in_header = false;
    if (trim(line).empty()) continue;

    if (starts_with(line, "@")) {
      if (!out.steps.empty()) problem("directives belong before the first C:/S:/== line");
      const std::string_view body = trim(line.substr(1));
      const auto space = body.find(' ');
      const std::string_view name = body.substr(0, space);
      const std::string_view value =
          space == std::string_view::npos ? "" : trim(body.substr(space + 1));
      if (value.empty()) {
        problem("directive @" + std::string(name) + " needs a value");
      } else if (name == "scenario") {
        out.scenario = value;
      } else if (name == "listener") {
        out.listener = value;
      } else if (name == "client") {
        out.client_ip = value;
      } else if (name == "clock") {
        if (auto t = parse_utc(value))
          out.clock = *t;
        else
          problem("@clock expects yyyy-MM-ddTHH:mm:ss.fffZ");
      } else if (name == "seed") {
        std::uint64_t seed = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
        if (ec != std::errc{} || end != value.data() + value.size())
          problem("@seed expects an integer");
        else
          out.seed = seed;
      } else if (name == "pending") {
        out.pending = value;
      } else if (name == "token-key") {
        out.token_key = value;
      } else if (name == "error-delay") {
        if (auto d = parse_duration(value))
          out.error_delay = *d;
        else
          problem("@error-delay expects a duration such as 5000ms or 0ms");
      } else {
        problem("unknown directive @" + std::string(name));
      }
      continue;
    }

    step s;
    s.line_number = number;
    if (starts_with(line, "C:")) {
      std::string_view content = after_marker(line);
      constexpr std::string_view no_crlf = "<NOCRLF>";
      if (content.size() >= no_crlf.size() &&
          content.substr(content.size() - no_crlf.size()) == no_crlf) {
        s.crlf = false;
        content.remove_suffix(no_crlf.size());
      }
      s.kind = step_kind::client;
      s.bytes = *decode_client_escapes(content);
    } else if (starts_with(line, "S:")) {
      std::string_view content = after_marker(line);
      s.kind = step_kind::server;
      s.bytes = content;
      // Only a trailing <SP> is an escape here: reply texts contain "<CRLF>" literally (354).
      if (s.bytes.size() >= 4 && s.bytes.substr(s.bytes.size() - 4) == "<SP>") {
        s.bytes.replace(s.bytes.size() - 4, 4, " ");
      }
    } else if (starts_with(line, "==")) {
      const std::string_view event = trim(line.substr(2));
      if (event == "STARTTLS") {
        s.kind = step_kind::tls;
        s.tls_version = default_tls_version;
        s.tls_cipher = default_tls_cipher;
      } else if (starts_with(event, "TLS ")) {
        const std::string_view args = trim(event.substr(4));
        const auto sp = args.find(' ');
        if (sp == std::string_view::npos) {
          problem(
              "== TLS expects a version and a cipher, e.g. == TLS TLSv1.1 ECDHE-RSA-AES256-SHA");
          continue;
        }
        s.kind = step_kind::tls;
        s.tls_version = args.substr(0, sp);
        s.tls_cipher = trim(args.substr(sp + 1));
      } else if (event == "STORED") {
        s.kind = step_kind::stored;
      } else if (event == "STORE FAILED") {
        s.kind = step_kind::store_failed;
      } else if (event == "CLOSED") {
        s.kind = step_kind::closed;
      } else if (starts_with(event, "ADVANCE ")) {
        s.kind = step_kind::advance;
        if (auto d = parse_duration(trim(event.substr(8))))
          s.by = *d;
        else
          problem("== ADVANCE expects a duration such as 61s");
      } else if (starts_with(event, "DELAYED ") || starts_with(event, "TRICKLED ") ||
                 event == "WITHHELD" || event == "STALLED" || starts_with(event, "HANDSHAKE ")) {
        s.kind = step_kind::transport;
        s.event = event;
      } else {
        problem("unknown event '== " + std::string(event) + "'");
        continue;
      }
    } else {
      problem("a line must start with '#', '@', 'C:', 'S:' or '=='");
      continue;
    }
    out.steps.push_back(std::move(s));
  }
  if (out.header.empty()) {
    number = 1;
    problem("a transcript opens with '# ' lines saying what it shows and the evidence behind it");
  }
  return result;
}

}  // namespace exomock::transcripts
