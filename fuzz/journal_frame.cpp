// Fuzzes the journal's frame reader on damaged data, as a restart reads a data
// directory's segments: frames are read one after the other until the reader
// says the written part ends. Each input is also read as a frame in a string of
// its own, the path that keeps a large body in place. The input gets a valid CRC
// when its first byte asks for one, so the payload parsers behind the CRC check
// are reached, not only the check itself.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_target.hpp"
#include "store/journal_record.hpp"

namespace {

using namespace exomock;

// Rewrites each frame header's CRC in BYTES (from the second byte on) to match its payload.
std::string with_valid_crcs(std::string_view bytes) {
  std::string out(bytes);
  std::size_t at = 0;
  while (out.size() - at >= store::journal_frame_header) {
    const std::uint32_t length = store::frame_payload_length(std::string_view(out).substr(at, 4));
    if (length == 0 || length > out.size() - at - store::journal_frame_header) break;
    const std::uint32_t crc =
        store::crc32c(std::string_view(out).substr(at + store::journal_frame_header, length));
    // The header is little-endian on disk (journal_record.hpp).
    for (int i = 0; i < 4; ++i) out[at + 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
    at += store::journal_frame_header + length;
  }
  return out;
}

void read_segment(std::string_view segment) {
  std::size_t at = 0;
  while (at < segment.size()) {
    const auto frame = store::decode_frame(segment.substr(at));
    if (!frame) break;
    fuzz::check(frame->size >= store::journal_frame_header && frame->size <= segment.size() - at,
                "a frame lies within the bytes it was read from");
    at += frame->size;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string segment = data[0] & 1 ? with_valid_crcs(input) : std::string(input);
  read_segment(segment);
  std::string own = segment;
  (void)store::decode_frame(std::move(own));
  (void)store::crc32c_portable(segment);
  fuzz::check(store::crc32c(segment) == store::crc32c_portable(segment),
              "the two CRC-32C implementations agree");
  return 0;
}
