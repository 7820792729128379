// Command-line framing (RFC 5321 sections 2.3.8 and 4.5.3.1.4): a line ends at
// LF, with or without the CR before it (bare LF is accepted for commands only;
// DATA has its own reader). A line above the limit is refused once and the
// rest of it, up to its LF, is discarded, whatever way the bytes are split.
#pragma once

#include <cstddef>
#include <string_view>

namespace exomock::smtp {

class line_reader {
 public:
  enum class kind { need_more, line, too_long };
  struct result {
    kind what = kind::need_more;
    std::string_view text;  ///< the line without CR LF, when what == line
    std::size_t consumed =
        0;  ///< octets of the input used up (also for need_more: a discarded tail)
  };

  /// The next line at the front of `in`. `limit` counts octets including the
  /// line ending; lines that begin with "AUTH " get `auth_limit` instead
  /// (RFC 4954 section 4: 12288 octets, for long XOAUTH2 initial responses).
  [[nodiscard]] result next(std::string_view in, std::size_t limit, std::size_t auth_limit);

  /// True while the tail of an over-long line is being discarded.
  [[nodiscard]] bool discarding() const { return discarding_; }

 private:
  bool discarding_ = false;
};

}  // namespace exomock::smtp
