// DATA reading as a scan for CRLF with std::string_view::find (memchr underneath):
// runs of text between dot-stuffed line starts are appended in one piece, so the
// cost is one search per line and one append per buffer, not per octet.
#include "smtp/data_reader.hpp"

namespace exomock::smtp {

void data_reader::reset() {
  line_length_ = 0;
  at_line_start_ = true;
  long_line_ = false;
}

std::size_t data_reader::feed(std::string_view in, message_buffer& out, bool& done) {
  done = false;
  std::size_t pos = 0;
  std::size_t run = 0;  // start of the text not yet appended
  auto flush = [&](std::size_t end) {
    if (end > run) {
      out.append(in.substr(run, end - run));
    }
  };
  while (pos < in.size()) {
    if (at_line_start_ && in[pos] == '.') {
      std::string_view rest = in.substr(pos);
      if (rest == "." || rest == ".\r") {
        break;  // maybe the end: wait for the next octets
      }
      flush(pos);
      if (rest.starts_with(".\r\n")) {
        done = true;
        at_line_start_ = true;
        return pos + 3;
      }
      // Dot-stuffing: the first of the leading dots is removed (section 4.5.2).
      ++pos;
      run = pos;
      line_length_ = 1;
    }
    at_line_start_ = false;
    std::size_t crlf = in.find("\r\n", pos);
    if (crlf == std::string_view::npos) {
      // Keep a final CR back: with an LF in the next input it ends the line.
      std::size_t end = in.back() == '\r' ? in.size() - 1 : in.size();
      line_length_ += end - pos;
      if (line_length_ > max_line_) {
        long_line_ = true;
      }
      pos = end;
      break;
    }
    line_length_ += crlf + 2 - pos;
    if (line_length_ > max_line_) {
      long_line_ = true;
    }
    line_length_ = 0;
    at_line_start_ = true;
    pos = crlf + 2;
  }
  flush(pos);
  return pos;
}

}  // namespace exomock::smtp
