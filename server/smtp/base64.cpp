// One codec, two alphabets: six bits a character, no white space. Base64 for AUTH
// lines is strict on the alphabet (a stray character is auth_invalid_base64,
// RFC 4954 section 4) and lenient on omitted '=' padding; padding in the middle, or
// an impossible length, is refused. base64url has no padding at all: a '=' in a JWT
// is a character outside its alphabet.
#include "smtp/base64.hpp"

#include <array>
#include <cstdint>

namespace exomock::smtp {

namespace {

constexpr std::string_view standard_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Each octet's value in `alphabet`, or -1.
constexpr std::array<std::int8_t, 256> values_of(std::string_view alphabet) {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) {
    v = -1;
  }
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return t;
}

constexpr auto standard_values = values_of(standard_alphabet);
constexpr auto url_values = values_of(url_alphabet);

// `text` without padding; trailing bits that make no whole octet are dropped.
std::optional<std::string> decode(std::string_view text,
                                  const std::array<std::int8_t, 256>& values) {
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const std::int8_t v = values[static_cast<unsigned char>(c)];
    if (v < 0) {
      return std::nullopt;
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// Without padding: the last character carries the remaining bits, zero-filled.
std::string encode(std::string_view octets, std::string_view alphabet) {
  std::string out;
  out.reserve((octets.size() + 2) / 3 * 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : octets) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 0x3F];
    }
  }
  if (bits > 0) {
    out += alphabet[(acc << (6 - bits)) & 0x3F];
  }
  return out;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  // Strip up to two trailing '=' and check they were placed where padding belongs.
  std::size_t pad = 0;
  while (pad < 2 && !text.empty() && text.back() == '=') {
    text.remove_suffix(1);
    ++pad;
  }
  if (pad > 0 && (text.size() + pad) % 4 != 0) {
    return std::nullopt;
  }
  return decode(text, standard_values);
}

std::string base64_encode(std::string_view octets) {
  std::string out = encode(octets, standard_alphabet);
  out.append((4 - out.size() % 4) % 4, '=');
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  return decode(text, url_values);
}

std::string base64url_encode(std::string_view octets) {
  return encode(octets, url_alphabet);
}

}  // namespace exomock::smtp
