// Encoding and decoding of journal frames; see journal_record.hpp for the layout.
// The decoder checks every length against what is left, so a torn or hostile
// frame ends the read instead of reading past the segment.
#include "store/journal_record.hpp"

#include <array>
#include <chrono>
#include <concepts>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

namespace exomock::store {

namespace {

// A session frame of kind 2 (written before outcomes were recorded) lacks the
// outcome that ends a kind 5 frame; both decode.
enum class kind : std::uint8_t {
  message = 1,
  session_without_outcome = 2,
  sign_in_without_reply = 3,
  void_ids = 4,
  session = 5,
  admin = 6,
  fault_counts = 7,
  sign_in = 8
};

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

template <typename T>
void put_le(char* out, T v) {
  const auto u = static_cast<std::make_unsigned_t<T>>(v);
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out[i] = static_cast<char>((u >> (8 * i)) & 0xFFU);
  }
}

template <typename T>
T get_le(const char* in) {
  std::make_unsigned_t<T> u = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    u |= static_cast<std::make_unsigned_t<T>>(static_cast<unsigned char>(in[i])) << (8 * i);
  }
  return static_cast<T>(u);
}

template <typename T>
constexpr std::size_t min_encoded_size() {
  return std::is_same_v<T, std::string> ? 4 : 8;  // a length field, or an i64
}

std::uint16_t port(std::int64_t v) {
  return v >= 0 && v <= std::numeric_limits<std::uint16_t>::max() ? static_cast<std::uint16_t>(v)
                                                                  : 0;
}

constexpr std::uint32_t crc32c_start = 0xFFFFFFFFU;
// CRC-32C over more bytes: `state` is crc32c_start or a previous result; the
// checksum is the final state ^ crc32c_start.
std::uint32_t crc32c_update(std::uint32_t state, std::string_view bytes);

// Writes fields in the order describe() lists them (see below); the reader
// takes them back in the same order, so the two cannot disagree.
class writer {
 public:
  /// `detached`, when given, is the one string field written as its length only:
  /// finish_pieces() puts its bytes between the pieces before and after it.
  writer(kind k, std::size_t size_hint, const std::string* detached = nullptr)
      : out_(journal_frame_header, '\0'), detached_(detached) {
    out_.reserve(journal_frame_header + size_hint + 256);
    out_.push_back(static_cast<char>(k));
  }
  void operator()(const std::string& s) {
    fixed(static_cast<std::uint32_t>(s.size()));
    if (&s == detached_) {
      head_ = std::move(out_);
      out_.clear();
      return;
    }
    out_.append(s);
  }
  void operator()(std::int64_t v) { fixed(v); }
  void operator()(int v) { fixed(std::int64_t{v}); }
  void operator()(std::uint16_t v) { fixed(std::int64_t{v}); }
  void operator()(bool v) { out_.push_back(v ? '\1' : '\0'); }
  void operator()(std::chrono::system_clock::time_point t) {
    fixed(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
  }
  template <typename T>
  void operator()(const std::vector<T>& items) {
    fixed(static_cast<std::uint32_t>(items.size()));
    for (const T& item : items) {
      (*this)(item);
    }
  }
  std::string finish() {
    const std::string_view payload = std::string_view(out_).substr(journal_frame_header);
    put_le(out_.data(), static_cast<std::uint32_t>(payload.size()));
    put_le(out_.data() + 4, crc32c(payload));
    return std::move(out_);
  }
  /// The frame as three pieces: the header and the fields up to the detached
  /// string's length, the detached string's bytes (moved from `bytes`), the rest.
  std::vector<std::string> finish_pieces(std::string&& bytes) {
    const std::string_view head = std::string_view(head_).substr(journal_frame_header);
    std::uint32_t crc = crc32c_update(crc32c_start, head);
    crc = crc32c_update(crc, bytes);
    crc = crc32c_update(crc, out_);
    put_le(head_.data(), static_cast<std::uint32_t>(head.size() + bytes.size() + out_.size()));
    put_le(head_.data() + 4, crc ^ crc32c_start);
    std::vector<std::string> pieces;
    pieces.reserve(3);
    pieces.push_back(std::move(head_));
    pieces.push_back(std::move(bytes));
    pieces.push_back(std::move(out_));
    return pieces;
  }

 private:
  template <typename T>
  void fixed(T v) {
    std::array<char, sizeof(T)> bytes{};
    put_le(bytes.data(), v);
    out_.append(bytes.data(), bytes.size());
  }
  std::string out_;
  std::string head_;  // the first piece, once the detached string was reached
  const std::string* detached_;
};

// Reads fields back; the first short read sets ok_ and every later read yields
// zero values, so callers check ok() once at the end.
class reader {
 public:
  explicit reader(std::string_view bytes) : in_(bytes), start_(bytes.data()) {}
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] bool at_end() const { return in_.empty(); }
  std::uint8_t kind_byte() { return static_cast<std::uint8_t>(take(1)[0]); }
  void operator()(std::string& s) {
    const std::string_view bytes = take(fixed<std::uint32_t>());
    if (&s == detached_) {
      // Not copied: the caller takes the bytes from where they lie (see detached_at()).
      detached_offset_ = static_cast<std::size_t>(bytes.data() - start_);
      detached_size_ = bytes.size();
      return;
    }
    s = std::string(bytes);
  }
  /// `s` is to be read as its place in the input only.
  void detach(const std::string* s) { detached_ = s; }
  /// Where the detached string's bytes are in the input: offset and size.
  [[nodiscard]] std::pair<std::size_t, std::size_t> detached_at() const {
    return {detached_offset_, detached_size_};
  }
  void operator()(std::int64_t& v) { v = fixed<std::int64_t>(); }
  void operator()(int& v) { v = static_cast<int>(fixed<std::int64_t>()); }
  void operator()(std::uint16_t& v) { v = port(fixed<std::int64_t>()); }
  void operator()(bool& v) { v = take(1)[0] != '\0'; }
  void operator()(std::chrono::system_clock::time_point& t) {
    t = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(fixed<std::int64_t>())));
  }
  template <typename T>
  void operator()(std::vector<T>& items) {
    const auto count = fixed<std::uint32_t>();
    if (count > in_.size() / min_encoded_size<T>()) {
      ok_ = false;  // a count the payload cannot hold: refuse before allocating
    }
    for (std::uint32_t i = 0; i < count && ok_; ++i) {
      (*this)(items.emplace_back());
    }
  }

 private:
  template <typename T>
  T fixed() {
    return get_le<T>(take(sizeof(T)).data());
  }
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
  const char* start_;
  const std::string* detached_ = nullptr;
  std::size_t detached_offset_ = 0;
  std::size_t detached_size_ = 0;
  bool ok_ = true;
};

// One field list per entry, for writing (R const) and reading (R not const).
template <typename R, typename Record>
concept entry_of = std::same_as<std::remove_const_t<R>, Record>;

template <typename Archive, entry_of<journaled_message> R>
void describe(Archive& a, R& j) {
  auto& m = j.message;
  a(j.id);
  a(m.session_id);
  a(m.listener);
  a(m.client_ip);
  a(m.client_port);
  a(m.helo);
  a(m.login);
  a(m.auth_mechanism);
  a(m.mail_from);
  a(m.rcpt_to);
  a(m.mail_parameters);
  a(m.message_id);
  a(m.tls_version);
  a(m.tls_cipher);
  a(m.bdat);
  a(m.path);
  a(m.raw);
  a(m.session_started);
  a(m.received);
  a(m.released);
}

template <typename Archive, entry_of<session_record> R>
void describe(Archive& a, R& s) {
  a(s.session_id);
  a(s.listener);
  a(s.client_ip);
  a(s.client_port);
  a(s.login);
  a(s.tls_version);
  a(s.tls_cipher);
  a(s.started);
  a(s.ended);
  a(s.transcript);
}

// A newer kind's layout that is an older kind's fields, then one more at the end.
template <typename R, auto Member>
struct with_last_field {
  R& record;
};
template <typename Archive, typename R, auto Member>
void describe(Archive& a, with_last_field<R, Member> s) {
  describe(a, s.record);
  a(s.record.*Member);
}

// The kind 5 layout: kind 2's fields, then the outcome.
template <typename R>
using with_outcome = with_last_field<R, &session_record::outcome>;

template <typename Archive, entry_of<sign_in_record> R>
void describe(Archive& a, R& s) {
  a(s.id);
  a(s.created);
  a(s.user_principal_name);
  a(s.ip_address);
  a(s.conditional_access_status);
  a(s.error_code);
  a(s.failure_reason);
  a(s.session_id);
  a(s.mechanism);
  a(s.app_id);
}

// The kind 8 layout: kind 3's fields, then the SMTP reply the attempt got.
template <typename R>
using with_reply = with_last_field<R, &sign_in_record::smtp_reply>;

template <typename Archive, entry_of<admin_record> R>
void describe(Archive& a, R& r) {
  a(r.recorded);
  a(r.operation);
  a(r.target);
  a(r.fields);
}

template <typename Archive, entry_of<void_record> R>
void describe(Archive& a, R& v) {
  a(v.ids);
}

template <typename Archive, entry_of<fault_counts_record> R>
void describe(Archive& a, R& f) {
  a(f.ended);
  a(f.rules);
  a(f.names);
  a(f.occurrences);
  a(f.firings);
}

// The kind byte, and the bulk of the payload (so the frame is allocated once).
constexpr kind kind_of(const journaled_message& /*m*/) {
  return kind::message;
}
constexpr kind kind_of(with_outcome<const session_record> /*s*/) {
  return kind::session;
}
constexpr kind kind_of(with_reply<const sign_in_record> /*s*/) {
  return kind::sign_in;
}
constexpr kind kind_of(const void_record& /*v*/) {
  return kind::void_ids;
}
constexpr kind kind_of(const admin_record& /*r*/) {
  return kind::admin;
}
constexpr kind kind_of(const fault_counts_record& /*f*/) {
  return kind::fault_counts;
}
std::size_t size_hint(const fault_counts_record& f) {
  return 40 * f.rules.size();
}
std::size_t size_hint(const journaled_message& m) {
  return m.message.raw.size();
}
std::size_t size_hint(with_outcome<const session_record> s) {
  return s.record.transcript.size();
}
std::size_t size_hint(with_reply<const sign_in_record> s) {
  return s.record.smtp_reply.size();
}
std::size_t size_hint(const void_record& v) {
  return 8 * v.ids.size();
}
std::size_t size_hint(const admin_record& r) {
  return r.fields.size();
}

template <typename Record>
std::string encode(const Record& record) {
  writer w(kind_of(record), size_hint(record));
  describe(w, record);
  return w.finish();
}

template <typename Record>
journal_entry decode(reader& r) {
  Record record;
  describe(r, record);
  return record;
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

namespace {

std::uint32_t crc32c_update(std::uint32_t state, std::string_view bytes) {
#if defined(__x86_64__)
  if (have_sse42) {
    return crc32c_sse42(state, bytes);
  }
#endif
  return crc32c_table(state, bytes);
}

}  // namespace

std::uint32_t crc32c(std::string_view bytes) {
  return crc32c_update(crc32c_start, bytes) ^ crc32c_start;
}

std::uint32_t crc32c_portable(std::string_view bytes) {
  return crc32c_table(0xFFFFFFFFU, bytes) ^ 0xFFFFFFFFU;
}

std::string encode_frame(const journaled_message& m) {
  return encode(m);
}
std::vector<std::string> encode_frame_pieces(journaled_message&& m) {
  std::vector<std::string> pieces;
  if (m.message.raw.size() < detach_body_above) {
    pieces.push_back(encode(m));
    return pieces;
  }
  writer w(kind_of(m), 0, &m.message.raw);
  describe(w, std::as_const(m));
  return w.finish_pieces(std::move(m.message.raw));
}
std::string encode_frame(const session_record& r) {
  return encode(with_outcome<const session_record>{r});
}
std::string encode_frame(const sign_in_record& r) {
  return encode(with_reply<const sign_in_record>{r});
}
std::string encode_frame(const void_record& r) {
  return encode(r);
}
std::string encode_frame(const admin_record& r) {
  return encode(r);
}
std::string encode_frame(const fault_counts_record& r) {
  return encode(r);
}

std::uint32_t frame_payload_length(std::string_view header) {
  return get_le<std::uint32_t>(header.data());
}

namespace {

// decode_frame() when `owned` is null; with `owned` (the bytes' own string) a
// message's body is not copied: the string becomes it (moved, then trimmed in place).
std::optional<decoded_frame> decode_bytes(std::string_view bytes, std::string* owned);

}  // namespace

std::optional<decoded_frame> decode_frame(std::string_view bytes) {
  return decode_bytes(bytes, nullptr);
}

std::optional<decoded_frame> decode_frame(std::string&& bytes) {
  return decode_bytes(bytes, &bytes);
}

namespace {

std::optional<decoded_frame> decode_bytes(std::string_view bytes, std::string* owned) {
  if (bytes.size() < journal_frame_header) {
    return std::nullopt;
  }
  const std::uint32_t length = frame_payload_length(bytes);
  if (length == 0 || length > bytes.size() - journal_frame_header) {
    return std::nullopt;
  }
  const std::string_view payload = bytes.substr(journal_frame_header, length);
  if (crc32c(payload) != get_le<std::uint32_t>(bytes.data() + 4)) {
    return std::nullopt;
  }
  reader r(payload);
  decoded_frame frame;
  frame.size = journal_frame_header + length;
  const std::uint8_t kind_byte = r.kind_byte();
  const auto foreign = [&](bool known) {
    frame.entry = foreign_frame{kind_byte, known, std::string(bytes.substr(0, frame.size))};
    return frame;
  };
  switch (static_cast<kind>(kind_byte)) {
    case kind::message: {
      journaled_message j;
      if (owned != nullptr) {
        r.detach(&j.message.raw);
      }
      describe(r, j);
      if (owned != nullptr && r.ok() && r.at_end()) {
        const auto [offset, size] = r.detached_at();
        owned->erase(0, journal_frame_header + offset);
        owned->resize(size);
        j.message.raw = std::move(*owned);
      }
      frame.entry = std::move(j);
      break;
    }
    case kind::session_without_outcome:
      frame.entry = decode<session_record>(r);
      break;
    case kind::session: {
      session_record record;
      describe(r, with_outcome<session_record>{record});
      frame.entry = std::move(record);
      break;
    }
    case kind::sign_in_without_reply:
      frame.entry = decode<sign_in_record>(r);
      break;
    case kind::sign_in: {
      sign_in_record record;
      describe(r, with_reply<sign_in_record>{record});
      frame.entry = std::move(record);
      break;
    }
    case kind::void_ids:
      frame.entry = decode<void_record>(r);
      break;
    case kind::admin:
      frame.entry = decode<admin_record>(r);
      break;
    case kind::fault_counts: {
      fault_counts_record f;
      describe(r, f);
      const std::size_t n = f.rules.size();
      if (f.names.size() != n || f.occurrences.size() != n || f.firings.size() != n) {
        return foreign(true);
      }
      frame.entry = std::move(f);
      break;
    }
    default:
      return foreign(false);
  }
  if (!r.ok() || !r.at_end()) {
    return foreign(true);
  }
  return frame;
}

}  // namespace

std::string foreign_frame_text(const foreign_frame& f) {
  const std::string k = "frame kind " + std::to_string(f.kind);
  return f.known_kind ? k + " has a layout newer than this exomock understands"
                      : k + " is newer than this exomock understands";
}

}  // namespace exomock::store
