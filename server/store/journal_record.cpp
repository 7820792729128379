// Encoding and decoding of journal frames; see journal_record.hpp for the layout.
// The decoder checks every length against what is left, so a torn or hostile
// frame ends the read instead of reading past the segment.
#include "store/journal_record.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <limits>

namespace exomock::store {

namespace {

enum class kind : std::uint8_t { message = 1, session = 2, sign_in = 3, void_ids = 4 };

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven.
constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) {
      c = (c & 1U) != 0 ? (c >> 1) ^ 0x82F63B78U : c >> 1;
    }
    table[i] = c;
  }
  return table;
}
constexpr auto crc_table = make_crc_table();

class writer {
 public:
  explicit writer(kind k) : out_(journal_frame_header, '\0') { u8(static_cast<std::uint8_t>(k)); }
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
      out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFFU));
    }
  }
  void i64(std::int64_t v) {
    const auto u = static_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) {
      out_.push_back(static_cast<char>((u >> (8 * i)) & 0xFFU));
    }
  }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void time(std::chrono::system_clock::time_point t) {
    i64(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
  }
  void reserve(std::size_t n) { out_.reserve(out_.size() + n); }
  std::string finish() {
    const std::string_view payload = std::string_view(out_).substr(journal_frame_header);
    put_u32(0, static_cast<std::uint32_t>(payload.size()));
    put_u32(4, crc32c(payload));
    return std::move(out_);
  }

 private:
  void put_u32(std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
      out_[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFFU);
    }
  }
  std::string out_;
};

// Reads fields from a payload; the first short read sets ok_ and every later
// read returns zero values, so callers check ok() once at the end.
class reader {
 public:
  explicit reader(std::string_view bytes) : in_(bytes) {}
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] bool at_end() const { return in_.empty(); }
  [[nodiscard]] std::size_t left() const { return in_.size(); }
  void fail() { ok_ = false; }
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint32_t u32() {
    const std::string_view b = take(4);
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << (8 * i);
    }
    return v;
  }
  std::int64_t i64() {
    const std::string_view b = take(8);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[i])) << (8 * i);
    }
    return static_cast<std::int64_t>(v);
  }
  std::string str() { return std::string(take(u32())); }
  std::chrono::system_clock::time_point time() {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(i64())));
  }

 private:
  std::string_view take(std::size_t n) {
    static constexpr std::array<char, 8> zeros{};
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return n <= zeros.size() ? std::string_view(zeros.data(), n) : std::string_view();
    }
    const std::string_view part = in_.substr(0, n);
    in_.remove_prefix(n);
    return part;
  }
  std::string_view in_;
  bool ok_ = true;
};

std::uint16_t port(std::int64_t v) {
  return v >= 0 && v <= std::numeric_limits<std::uint16_t>::max() ? static_cast<std::uint16_t>(v)
                                                                  : 0;
}

journaled_message read_message(reader& r) {
  journaled_message j;
  captured_message& m = j.message;
  j.id = r.i64();
  m.session_id = r.str();
  m.listener = r.str();
  m.client_ip = r.str();
  m.client_port = port(r.i64());
  m.helo = r.str();
  m.login = r.str();
  m.auth_mechanism = r.str();
  m.mail_from = r.str();
  const std::uint32_t recipients = r.u32();
  if (recipients > r.left() / 4) {  // each needs at least its length field
    r.fail();
  }
  for (std::uint32_t i = 0; i < recipients && r.ok(); ++i) {
    m.rcpt_to.push_back(r.str());
  }
  m.mail_parameters = r.str();
  m.message_id = r.str();
  m.tls_version = r.str();
  m.tls_cipher = r.str();
  m.bdat = r.u8() != 0;
  m.path = r.str();
  m.raw = r.str();
  m.session_started = r.time();
  m.received = r.time();
  m.released = r.time();
  return j;
}

session_record read_session(reader& r) {
  session_record s;
  s.session_id = r.str();
  s.listener = r.str();
  s.client_ip = r.str();
  s.client_port = port(r.i64());
  s.login = r.str();
  s.tls_version = r.str();
  s.tls_cipher = r.str();
  s.started = r.time();
  s.ended = r.time();
  s.transcript = r.str();
  return s;
}

sign_in_record read_sign_in(reader& r) {
  sign_in_record s;
  s.id = r.str();
  s.created = r.time();
  s.user_principal_name = r.str();
  s.ip_address = r.str();
  s.conditional_access_status = r.str();
  s.error_code = static_cast<int>(r.i64());
  s.failure_reason = r.str();
  s.session_id = r.str();
  s.mechanism = r.str();
  s.app_id = r.str();
  return s;
}

void_record read_void(reader& r) {
  void_record v;
  const std::uint32_t count = r.u32();
  if (count > r.left() / 8) {
    r.fail();
  }
  for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
    v.ids.push_back(r.i64());
  }
  return v;
}

std::uint32_t load_u32(std::string_view b) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << (8 * i);
  }
  return v;
}

}  // namespace

namespace {

std::uint32_t crc32c_table(std::uint32_t c, std::string_view bytes) {
  for (const char ch : bytes) {
    c = crc_table[(c ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (c >> 8);
  }
  return c;
}

#if defined(__x86_64__)
// SSE 4.2 has a CRC-32C instruction: eight bytes per step instead of one table
// lookup per byte. The journal checksums every message body on the connection
// thread, so this is worth the few lines.
__attribute__((target("sse4.2"))) std::uint32_t crc32c_sse42(std::uint32_t c,
                                                             std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  std::uint64_t c64 = c;
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    c64 = __builtin_ia32_crc32di(c64, word);
  }
  auto c32 = static_cast<std::uint32_t>(c64);
  for (; n > 0; --n, ++p) {
    c32 = __builtin_ia32_crc32qi(c32, static_cast<unsigned char>(*p));
  }
  return c32;
}
const bool have_sse42 = __builtin_cpu_supports("sse4.2") != 0;
#endif

}  // namespace

std::uint32_t crc32c(std::string_view bytes) {
#if defined(__x86_64__)
  if (have_sse42) {
    return crc32c_sse42(0xFFFFFFFFU, bytes) ^ 0xFFFFFFFFU;
  }
#endif
  return crc32c_table(0xFFFFFFFFU, bytes) ^ 0xFFFFFFFFU;
}

std::uint32_t crc32c_portable(std::string_view bytes) {
  return crc32c_table(0xFFFFFFFFU, bytes) ^ 0xFFFFFFFFU;
}

std::string encode_frame(const journaled_message& j) {
  const captured_message& m = j.message;
  writer w(kind::message);
  w.reserve(m.raw.size() + 512);
  w.i64(j.id);
  w.str(m.session_id);
  w.str(m.listener);
  w.str(m.client_ip);
  w.i64(m.client_port);
  w.str(m.helo);
  w.str(m.login);
  w.str(m.auth_mechanism);
  w.str(m.mail_from);
  w.u32(static_cast<std::uint32_t>(m.rcpt_to.size()));
  for (const std::string& r : m.rcpt_to) {
    w.str(r);
  }
  w.str(m.mail_parameters);
  w.str(m.message_id);
  w.str(m.tls_version);
  w.str(m.tls_cipher);
  w.u8(m.bdat ? 1 : 0);
  w.str(m.path);
  w.str(m.raw);
  w.time(m.session_started);
  w.time(m.received);
  w.time(m.released);
  return w.finish();
}

std::string encode_frame(const session_record& s) {
  writer w(kind::session);
  w.reserve(s.transcript.size() + 256);
  w.str(s.session_id);
  w.str(s.listener);
  w.str(s.client_ip);
  w.i64(s.client_port);
  w.str(s.login);
  w.str(s.tls_version);
  w.str(s.tls_cipher);
  w.time(s.started);
  w.time(s.ended);
  w.str(s.transcript);
  return w.finish();
}

std::string encode_frame(const sign_in_record& s) {
  writer w(kind::sign_in);
  w.str(s.id);
  w.time(s.created);
  w.str(s.user_principal_name);
  w.str(s.ip_address);
  w.str(s.conditional_access_status);
  w.i64(s.error_code);
  w.str(s.failure_reason);
  w.str(s.session_id);
  w.str(s.mechanism);
  w.str(s.app_id);
  return w.finish();
}

std::string encode_frame(const void_record& v) {
  writer w(kind::void_ids);
  w.u32(static_cast<std::uint32_t>(v.ids.size()));
  for (const std::int64_t id : v.ids) {
    w.i64(id);
  }
  return w.finish();
}

std::optional<decoded_frame> decode_frame(std::string_view bytes) {
  if (bytes.size() < journal_frame_header) {
    return std::nullopt;
  }
  const std::uint32_t length = load_u32(bytes);
  if (length == 0 || length > bytes.size() - journal_frame_header) {
    return std::nullopt;
  }
  const std::string_view payload = bytes.substr(journal_frame_header, length);
  if (crc32c(payload) != load_u32(bytes.substr(4))) {
    return std::nullopt;
  }
  reader r(payload);
  decoded_frame frame;
  frame.size = journal_frame_header + length;
  switch (static_cast<kind>(r.u8())) {
    case kind::message:
      frame.entry = read_message(r);
      break;
    case kind::session:
      frame.entry = read_session(r);
      break;
    case kind::sign_in:
      frame.entry = read_sign_in(r);
      break;
    case kind::void_ids:
      frame.entry = read_void(r);
      break;
    default:
      return std::nullopt;
  }
  if (!r.ok() || !r.at_end()) {
    return std::nullopt;
  }
  return frame;
}

}  // namespace exomock::store
