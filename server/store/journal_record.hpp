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
#include "store/fault_firing_log.hpp"
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

/// A whole frame (its CRC matches) that this build cannot read: a kind it does not
/// know, or a known kind whose payload does not parse as this build lays it out.
/// Either way a newer exomock wrote it (a new layout of an entry gets a new kind
/// number, as sessions with an outcome got kind 5), so it is not damage.
struct foreign_frame {
  std::uint8_t kind = 0;
  bool known_kind = false;
  std::string bytes;  ///< the whole frame, header included
};

using journal_entry = std::variant<journaled_message, session_record, sign_in_record, void_record,
                                   admin_record, fault_counts_record, foreign_frame>;

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
[[nodiscard]] std::string encode_frame(const fault_counts_record& r);

/// Message bodies from this size up are not copied into their frame.
constexpr std::size_t detach_body_above = std::size_t{64} << 10;
/// The frame of a message as pieces to write one after the other: one piece for
/// a small message; for a body of detach_body_above or more three, the middle one
/// the body itself (moved, not copied). Their concatenation is encode_frame(m).
[[nodiscard]] std::vector<std::string> encode_frame_pieces(journaled_message&& m);

/// The payload length a frame header (at least 4 bytes) announces; 0 ends the data.
[[nodiscard]] std::uint32_t frame_payload_length(std::string_view header);

/// What a frame at the start of `bytes` holds.
struct decoded_frame {
  journal_entry entry;
  std::size_t size = 0;  ///< header + payload: where the next frame starts
};

/// nullopt at the end of the written data: a zero length, a frame that runs past
/// `bytes` or a CRC mismatch. A whole frame this build cannot read is a foreign_frame.
[[nodiscard]] std::optional<decoded_frame> decode_frame(std::string_view bytes);
/// The same for a frame in a string of its own (exactly the frame, or the frame
/// and what follows): a message's body is the string itself, trimmed in place,
/// not a copy, so a large message is held once. `bytes` is left unspecified.
[[nodiscard]] std::optional<decoded_frame> decode_frame(std::string&& bytes);

/// "frame kind 9 is newer than this exomock understands" (or, for a known kind,
/// that its layout is), for warnings that also name the segment and offset.
[[nodiscard]] std::string foreign_frame_text(const foreign_frame& f);

}  // namespace exomock::store
