// DATA text (RFC 5321 section 4.1.1.4): lines end only with CRLF, the message
// ends only with <CRLF>.<CRLF>, a leading dot is removed (section 4.5.2). Bare LF
// and bare CR are content, never line ends: "\n.\n", "\r.\r" and "\n.\r\n" do not
// end the message (the SMTP smuggling of CVE-2023-51766 and friends).
#pragma once

#include <cstddef>
#include <string_view>

#include "smtp/message_buffer.hpp"

namespace exomock::smtp {

class data_reader {
 public:
  explicit data_reader(std::size_t max_text_line = 1000) : max_line_(max_text_line) {}

  /// Back to the start of a message (the line after the DATA command).
  void reset();

  /// Consumes message text from the front of `in` into `out` and returns the
  /// octets consumed. Sets `done` once <CRLF>.<CRLF> has been consumed; the input
  /// after it is left alone. May leave up to two octets (a CR, or "." / ".\r" at a
  /// line start) unconsumed until more input tells what they are.
  std::size_t feed(std::string_view in, message_buffer& out, bool& done);

  /// A line above the text-line limit (counted on the wire, CRLF included, RFC 5321
  /// section 4.5.3.1.6) was seen.
  [[nodiscard]] bool long_line() const { return long_line_; }

 private:
  std::size_t max_line_;
  std::size_t line_length_ = 0;  // wire octets of the current line so far
  bool at_line_start_ = true;
  bool long_line_ = false;
};

}  // namespace exomock::smtp
