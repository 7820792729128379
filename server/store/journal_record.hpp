// The journal's record format. Every accepted message, finished session,
// sign-in event and admin change is first appended to the journal as one frame:
//
//   u32 payload length | u32 CRC-32C of the payload | payload (kind byte, fields)
//
// little-endian, strings as u32 length + bytes, times as i64 nanoseconds since
// the Unix epoch. A zero length marks the end of the written part of a
// (zero-filled) segment; a frame whose CRC does not match was torn by a crash
// before its write completed, and ends the segment the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/admin_record.hpp"
#include "store/captured_message.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// A message as journaled: the id is assigned when it is queued, so the 250
/// can name it before SQLite has seen it.
struct journaled_message {
  std::int64_t id = 0;
  captured_message message;
};

/// Messages whose group failed after its frames may have reached the journal
/// (a failed fdatasync, a write that failed half-way): their clients were told
/// so, and applying this entry takes them out of SQLite again.
struct void_record {
  std::vector<std::int64_t> ids;
};

using journal_entry =
    std::variant<journaled_message, session_record, sign_in_record, void_record, admin_record>;

constexpr std::size_t journal_frame_header = 8;
/// The zero length that ends the written part of a segment.
constexpr std::size_t journal_end_marker = 4;

[[nodiscard]] std::uint32_t crc32c(std::string_view bytes);
/// The table-driven CRC-32C that crc32c() falls back to without SSE 4.2 (for tests).
[[nodiscard]] std::uint32_t crc32c_portable(std::string_view bytes);

/// The whole frame (header and payload) of one entry.
[[nodiscard]] std::string encode_frame(const journaled_message& m);
[[nodiscard]] std::string encode_frame(const session_record& r);
[[nodiscard]] std::string encode_frame(const sign_in_record& r);
[[nodiscard]] std::string encode_frame(const void_record& r);
[[nodiscard]] std::string encode_frame(const admin_record& r);

/// The payload length a frame header (at least 4 bytes) announces; 0 ends the data.
[[nodiscard]] std::uint32_t frame_payload_length(std::string_view header);

/// What a frame at the start of `bytes` holds.
struct decoded_frame {
  journal_entry entry;
  std::size_t size = 0;  ///< header + payload: where the next frame starts
};

/// nullopt at the end of the written data: a zero length, a frame that runs past
/// `bytes`, a CRC mismatch or a payload that does not parse.
[[nodiscard]] std::optional<decoded_frame> decode_frame(std::string_view bytes);

}  // namespace exomock::store
