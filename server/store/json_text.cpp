// JSON array-of-strings text: the encoder escapes only what RFC 8259 §7 requires
// (plus DEL, for readability); the decoder accepts every escape, including
// \uXXXX surrogate pairs, so text written by other tools reads back too.
#include "store/json_text.hpp"

#include <cstdint>

namespace exomock::store {

namespace {

void append_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// A cursor over the text; every parse_* returns false on malformed input.
class json_cursor {
 public:
  explicit json_cursor(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool take(char c) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != c) {
      return false;
    }
    ++pos_;
    return true;
  }
  [[nodiscard]] bool at_end() const { return pos_ == text_.size(); }

  bool parse_string(std::string& out) {
    if (!take('"')) {
      return false;
    }
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') {
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return false;  // RFC 8259 §7: control characters must be escaped
      }
      if (c != '\\') {
        out += c;
      } else if (!parse_escape(out)) {
        return false;
      }
    }
    return false;
  }

 private:
  // After a backslash.
  bool parse_escape(std::string& out) {
    if (pos_ >= text_.size()) {
      return false;
    }
    const char e = text_[pos_++];
    if (e == 'u') {
      return parse_unicode_escape(out);
    }
    static constexpr std::string_view from = "\"\\/bfnrt";
    static constexpr std::string_view to = "\"\\/\b\f\n\r\t";
    const auto i = from.find(e);
    if (i == std::string_view::npos) {
      return false;
    }
    out += to[i];
    return true;
  }
  bool parse_hex4(std::uint32_t& v) {
    if (text_.size() - pos_ < 4) {
      return false;
    }
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }
  // After "\u": one code unit, or a high surrogate that must be followed by "\uDC00-DFFF".
  bool parse_unicode_escape(std::string& out) {
    std::uint32_t cp = 0;
    if (!parse_hex4(cp)) {
      return false;
    }
    if (cp >= 0xdc00 && cp <= 0xdfff) {
      return false;
    }
    if (cp >= 0xd800 && cp <= 0xdbff) {
      std::uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") {
        return false;
      }
      pos_ += 2;
      if (!parse_hex4(low) || low < 0xdc00 || low > 0xdfff) {
        return false;
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(out, cp);
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) {
      out += ',';
    }
    append_escaped(out, items[i]);
  }
  out += ']';
  return out;
}

std::optional<std::vector<std::string>> parse_json_string_array(std::string_view text) {
  json_cursor in(text);
  std::vector<std::string> items;
  if (!in.take('[')) {
    return std::nullopt;
  }
  if (!in.take(']')) {
    do {
      std::string item;
      in.skip_space();
      if (!in.parse_string(item)) {
        return std::nullopt;
      }
      items.push_back(std::move(item));
    } while (in.take(','));
    if (!in.take(']')) {
      return std::nullopt;
    }
  }
  in.skip_space();
  if (!in.at_end()) {
    return std::nullopt;
  }
  return items;
}

}  // namespace exomock::store
