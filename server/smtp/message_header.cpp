// Just enough RFC 5322 to read one header field from raw message bytes:
// the header section ends at the first empty line (section 2.1), folded lines
// continue with white space (section 2.2.3). Accepts CRLF or bare LF endings.
#include "smtp/message_header.hpp"

#include <cstddef>
#include <utility>

#include "smtp/ascii.hpp"

namespace exomock::smtp {

namespace {

bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

using ascii::iequals;

std::string_view trim_field_value(std::string_view s) {
  while (!s.empty() && (is_wsp(s.front()) || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (is_wsp(s.back()) || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// One physical line starting at `pos`, without its line ending; `next` is the
// start of the following line.
std::string_view physical_line(std::string_view m, std::size_t pos, std::size_t& next) {
  std::size_t nl = m.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? m.size() : nl;
  next = nl == std::string_view::npos ? m.size() : nl + 1;
  std::string_view line = m.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

// The value of a field whose first line is `first` (after the colon) plus its
// continuation lines, unfolded: each line break before white space is removed.
std::string unfold(std::string_view m, std::string_view first, std::size_t& pos) {
  std::string value(first);
  while (pos < m.size() && is_wsp(m[pos])) {
    std::size_t next = 0;
    value += physical_line(m, pos, next);
    pos = next;
  }
  return value;
}

// Skips a quoted string starting at s[i] == '"'; returns the index after it.
std::size_t skip_quoted(std::string_view s, std::size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

// Skips a (possibly nested) comment starting at s[i] == '(' (RFC 5322 section 3.2.2).
std::size_t skip_comment(std::string_view s, std::size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return s.size();
}

}  // namespace

namespace {

// Calls on_value with the unfolded, trimmed value of each field called `name`
// until it returns false or the header section ends.
template <typename F>
void for_each_field(std::string_view message, std::string_view name, F&& on_value) {
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t next = 0;
    std::string_view line = physical_line(message, pos, next);
    if (line.empty()) {
      return;  // end of the header section
    }
    pos = next;
    if (is_wsp(line.front())) {
      continue;  // continuation of a field we skipped
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    // RFC 5322 section 4.5 (obsolete syntax) allows white space before the colon.
    std::string_view field = line.substr(0, colon);
    while (!field.empty() && is_wsp(field.back())) {
      field.remove_suffix(1);
    }
    if (!iequals(field, name)) {
      continue;
    }
    std::string value = unfold(message, line.substr(colon + 1), pos);
    if (!on_value(std::string(trim_field_value(value)))) {
      return;
    }
  }
}

}  // namespace

std::optional<std::string> find_header(std::string_view message, std::string_view name) {
  std::optional<std::string> found;
  for_each_field(message, name, [&](std::string value) {
    found = std::move(value);
    return false;
  });
  return found;
}

std::vector<std::string> find_headers(std::string_view message, std::string_view name) {
  std::vector<std::string> found;
  for_each_field(message, name, [&](std::string value) {
    found.push_back(std::move(value));
    return true;
  });
  return found;
}

std::string first_address(std::string_view value) {
  // An angle-addr outside quotes and comments wins: `"A <x>" <a@b>` gives a@b.
  std::string bare;
  for (std::size_t i = 0; i < value.size();) {
    char c = value[i];
    if (c == '"') {
      std::size_t end = skip_quoted(value, i);
      bare.append(value.substr(i, end - i));
      i = end;
    } else if (c == '(') {
      i = skip_comment(value, i);
    } else if (c == '<') {
      std::size_t close = value.find('>', i + 1);
      if (close == std::string_view::npos) {
        return "";
      }
      return std::string(trim_field_value(value.substr(i + 1, close - i - 1)));
    } else if (c == ',' || c == ';') {
      break;  // end of the first mailbox of a list (or of a group)
    } else if (c == ':') {
      bare.clear();  // "group-name: a@b;" (RFC 5322 section 3.4): the display name is not an
                     // address
      ++i;
    } else {
      bare += c;
      ++i;
    }
  }
  std::string_view addr = trim_field_value(bare);
  if (addr.find('@') == std::string_view::npos) {
    return "";
  }
  return std::string(addr);
}

std::vector<std::string> all_addresses(std::string_view value) {
  // Cut at each ',' or ';' outside quotes, comments and angle brackets; first_address
  // reads one mailbox (or a group's first) from each piece.
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size();) {
    if (i == value.size() || value[i] == ',' || value[i] == ';') {
      std::string address = first_address(value.substr(start, i - start));
      if (!address.empty()) {
        out.push_back(std::move(address));
      }
      start = ++i;
    } else if (value[i] == '"') {
      i = skip_quoted(value, i);
    } else if (value[i] == '(') {
      i = skip_comment(value, i);
    } else if (value[i] == '<') {
      std::size_t close = value.find('>', i + 1);
      i = close == std::string_view::npos ? value.size() : close + 1;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace exomock::smtp
