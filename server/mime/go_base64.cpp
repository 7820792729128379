// decode_base64(): Go's decoder step for step (encoding/base64 decodeQuantum,
// padded, not strict), so a bad attachment is reported at the byte Go names.
#include <array>

#include "mime/send_request.hpp"

namespace exomock::mime {

namespace {

constexpr unsigned char invalid = 0xFF;

constexpr std::array<unsigned char, 256> decode_map() {
  std::array<unsigned char, 256> map{};
  map.fill(invalid);
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    map[static_cast<unsigned char>(alphabet[i])] = static_cast<unsigned char>(i);
  }
  return map;
}

bool newline(char c) {
  return c == '\n' || c == '\r';
}

// One quantum of up to four characters from `si`; false with `bad` at the
// offending offset. `done` once the input (or its padding) has ended.
bool quantum(std::string_view src, std::size_t& si, std::string& out, std::size_t& bad,
             bool& done) {
  static constexpr auto map = decode_map();
  std::array<unsigned, 4> d{};
  std::size_t length = 4;
  for (std::size_t j = 0; j < 4; ++j) {
    if (si == src.size()) {
      if (j == 0) {
        done = true;
        return true;
      }
      bad = si - j;
      return false;
    }
    const char in = src[si++];
    const unsigned char value = map[static_cast<unsigned char>(in)];
    if (value != invalid) {
      d[j] = value;
      continue;
    }
    if (newline(in)) {
      --j;  // the loop's ++j brings it back
      continue;
    }
    if (in != '=' || j < 2) {
      bad = si - 1;
      return false;
    }
    if (j == 2) {  // "==" expected: the second '=' must follow, maybe after newlines
      while (si < src.size() && newline(src[si])) {
        ++si;
      }
      if (si == src.size()) {
        bad = src.size();
        return false;
      }
      if (src[si] != '=') {
        bad = si - 1;
        return false;
      }
      ++si;
    }
    while (si < src.size() && newline(src[si])) {
      ++si;
    }
    if (si < src.size()) {
      bad = si;  // trailing garbage
      return false;
    }
    length = j;
    done = true;
    break;
  }
  const unsigned value = d[0] << 18U | d[1] << 12U | d[2] << 6U | d[3];
  const char bytes[3] = {static_cast<char>(value >> 16U), static_cast<char>(value >> 8U),
                         static_cast<char>(value)};
  out.append(bytes, length - 1);
  return true;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text, std::string& error) {
  std::string out;
  std::size_t si = 0;
  bool done = false;
  while (!done) {
    std::size_t bad = 0;
    if (!quantum(text, si, out, bad, done)) {
      error = "illegal base64 data at input byte " + std::to_string(bad);
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace exomock::mime
