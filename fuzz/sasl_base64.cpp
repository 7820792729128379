// Fuzzes the SASL decoders (PLAIN, XOAUTH2, the mechanism names) and base64 in
// both alphabets. Besides the sanitizers it checks that each decoder takes back
// what its encoder writes, and that what decodes re-encodes to the same octets.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_target.hpp"
#include "smtp/base64.hpp"
#include "smtp/sasl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace exomock;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The input as a client's base64 line: what decodes feeds the SASL decoders, as in AUTH.
  if (const auto octets = smtp::base64_decode(input)) {
    (void)smtp::decode_plain(*octets);
    (void)smtp::decode_xoauth2(*octets);
    fuzz::check(smtp::base64_decode(smtp::base64_encode(*octets)) == octets,
                "base64 decodes what it encodes of a decoded line");
  }
  if (const auto octets = smtp::base64url_decode(input)) {
    fuzz::check(smtp::base64url_decode(smtp::base64url_encode(*octets)) == octets,
                "base64url decodes what it encodes of a decoded token");
  }
  // The input as octets already decoded, and as the mechanism name of an AUTH command.
  (void)smtp::decode_plain(input);
  (void)smtp::decode_xoauth2(input);
  if (const auto m = smtp::find_mechanism(input)) {
    fuzz::check(smtp::find_mechanism(smtp::mechanism_name(*m)) == m,
                "a mechanism is found by its own name");
  }
  fuzz::check(smtp::base64_decode(smtp::base64_encode(input)) == input,
              "base64 round-trips any octets");
  fuzz::check(smtp::base64url_decode(smtp::base64url_encode(input)) == input,
              "base64url round-trips any octets");
  return 0;
}
