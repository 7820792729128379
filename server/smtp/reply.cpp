// Wire form of a reply (RFC 5321 section 4.2): "NNN-text" for every line but
// the last, "NNN text" for the last, each ended by CRLF. The core never puts
// wording here itself; it only formats what the session_handler chose.
#include "smtp/reply.hpp"

#include <cassert>

namespace exomock::smtp {

namespace {

void append_code(std::string& out, int code) {
  // Reply codes are three digits (RFC 5321 section 4.2); a handler that returns
  // anything else is a programmer's error, not a peer's.
  assert(code >= 100 && code <= 999);
  out += static_cast<char>('0' + code / 100 % 10);
  out += static_cast<char>('0' + code / 10 % 10);
  out += static_cast<char>('0' + code % 10);
}

}  // namespace

std::string reply::wire() const {
  std::string out;
  if (lines.empty()) {
    // "334 " with nothing after the space: the XOAUTH2 and PLAIN challenge (RFC 4954 section 4).
    append_code(out, code);
    out += " \r\n";
    return out;
  }
  std::size_t total = 0;
  for (const auto& line : lines) {
    total += line.size() + 6;
  }
  out.reserve(total);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    append_code(out, code);
    out += i + 1 < lines.size() ? '-' : ' ';
    out += lines[i];
    out += "\r\n";
  }
  return out;
}

reply reply::single(int code, std::string text) {
  reply r;
  r.code = code;
  r.lines.push_back(std::move(text));
  return r;
}

}  // namespace exomock::smtp
