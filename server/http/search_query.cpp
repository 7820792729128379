// The word table follows Mailpit's searchQueryBuilder branch by branch: a
// filter word with an empty value adds nothing; larger:/smaller: whose size
// does not parse fall through to a text search of the whole word; after:/before:
// whose date does not parse add nothing; any other word is text.
#include "http/search_query.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <regex>
#include <sstream>

#include "smtp/ascii.hpp"

namespace exomock::http {
namespace {

using std::chrono::milliseconds;
using store::search_field;

// A word whose value follows its prefix; `cleaned` is false only for subject:,
// whose value Mailpit uses as typed.
struct valued_word {
  std::string_view prefix;
  search_field field;
  bool cleaned = true;
};
constexpr std::array valued_words{
    valued_word{"to:", search_field::to},
    valued_word{"from:", search_field::from},
    valued_word{"cc:", search_field::cc},
    valued_word{"bcc:", search_field::bcc},
    valued_word{"reply-to:", search_field::reply_to},
    valued_word{"addressed:", search_field::addressed},
    valued_word{"subject:", search_field::subject, false},
    valued_word{"message-id:", search_field::message_id},
    valued_word{"tag:", search_field::tag},
    valued_word{"login:", search_field::login},
    valued_word{"listener:", search_field::listener},
    valued_word{"path:", search_field::path},
    valued_word{"tenant:", search_field::tenant},
    valued_word{"tls:", search_field::tls},
    valued_word{"client-ip:", search_field::client_ip},
};

// A whole word that is a filter by itself; `flips` marks is:unread, which is
// is:read negated.
struct exact_word {
  std::string_view word;
  search_field field;
  bool flips = false;
};
constexpr std::array exact_words{
    exact_word{"is:read", search_field::read},
    exact_word{"is:unread", search_field::read, true},
    exact_word{"is:tagged", search_field::tagged},
    exact_word{"has:attachment", search_field::attachment},
    exact_word{"has:attachments", search_field::attachment},
    exact_word{"has:inline", search_field::inline_part},
    exact_word{"has:inlines", search_field::inline_part},
};

bool separator(unsigned char c) {
  switch (c) {
    case '\r':
    case '\n':
    case '\t':
    case '\v':
    case '\f':
    case ' ':
    case '<':
    case '>':
    case '"':
    case ',':
    case ';':
    case '(':
    case ')':
      return true;
    default:
      return false;
  }
}

// OpenSSL names TLS 1.0 "TLSv1"; the word takes 1.0, 1, 1.2, TLSv1.2, none...
std::string tls_version(std::string value) {
  if (value == "none") {
    return "";
  }
  if (value.starts_with("tlsv")) {
    value.erase(0, 4);
  }
  if (value == "1.0") {
    value = "1";
  }
  return "TLSv" + value;
}

bool digit_at(std::string_view text, std::size_t at) {
  return at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0;
}

// Whether TEXT has the fields where date::parse reads them with FORMAT in a way that
// breaks when they are missing (both found by fuzz/search_query, undefined behaviour):
// - %S: without a digit there, the seconds are left uninitialised and then converted
//   ("20240401103" gave a NaN). Every form here has %S after the second colon
//   ("%H:%M:%S") or closing "%Y%m%d%H%M%S".
// - %z, %Ez: a '-' without hours after it negates the "no offset" value, minutes::min()
//   ("...10:30:15-t", "...10:30:15-0x" for %z). A '-' where the offset starts is the
//   first after the seconds' colon: the seconds' digits hold none.
bool fields_present(std::string_view text, std::string_view format) {
  const std::size_t first = text.find(':');
  const std::size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (format.find("%M%S") != std::string_view::npos) {
    // Digits only, so each field before takes its full width: YYYYmmddHHMM, then seconds.
    constexpr std::size_t seconds_at = 12;
    if (!digit_at(text, seconds_at) ||
        text.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
  } else if (format.find("%S") != std::string_view::npos &&
             (second == std::string_view::npos || !digit_at(text, second + 1))) {
    return false;
  }
  // %z reads exactly two digits of hours, %Ez one or two.
  const bool two_digit_hours = format.find("%z") != std::string_view::npos;
  if ((two_digit_hours || format.find("%Ez") != std::string_view::npos) &&
      second != std::string_view::npos) {
    const std::size_t minus = text.find('-', second);
    return minus == std::string_view::npos ||
           (digit_at(text, minus + 1) && (!two_digit_hours || digit_at(text, minus + 2)));
  }
  return true;
}

template <typename Time, typename... Offset>
bool parse_whole(std::string_view text, const char* format, Time& out, Offset&... offset) {
  if (!fields_present(text, format)) {
    return false;
  }
  std::istringstream in{std::string(text)};
  in >> date::parse(format, out, offset...);
  return !in.fail() && in.peek() == std::char_traits<char>::eof();
}

// system_clock counts nanoseconds in 64 bits, from 1677 to 2262: a date
// beyond is taken at the edge, which no message's receipt passes.
std::chrono::system_clock::time_point representable(date::sys_time<milliseconds> t) {
  using namespace std::chrono;
  const date::sys_time<milliseconds> earliest = sys_days{year{1678} / January / 1};
  const date::sys_time<milliseconds> latest = sys_days{year{2261} / December / 31};
  return std::clamp(t, earliest, latest);
}

std::optional<date::sys_time<milliseconds>> unix_time(std::string_view digits) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc{} || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  using namespace std::chrono;
  switch (digits.size()) {
    case 10:
      return date::sys_time<milliseconds>{seconds{n}};
    case 13:
      return date::sys_time<milliseconds>{milliseconds{n}};
    case 16:
      return date::sys_time<milliseconds>{milliseconds{n / 1'000}};
    case 19:
      return date::sys_time<milliseconds>{milliseconds{n / 1'000'000}};
    default:
      return std::nullopt;
  }
}

// Forms read in the zone, then those that carry their own offset.
constexpr std::array local_forms{
    "%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%dT%H:%M", "%Y/%m/%dT%H:%M:%S",
    "%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%Y%m%d",         "%Y%m%d%H%M%S",
};
constexpr std::array absolute_forms{
    "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M:%SZ", "%Y-%m-%d %H:%M:%S%Ez", "%Y-%m-%d %H:%M:%S %Ez",
};

void add_valued(store::mailbox_query& q, const valued_word& word, std::string_view raw,
                bool negated) {
  std::string value = word.cleaned ? clean_search_text(raw) : std::string(raw);
  if (value.empty()) {
    return;
  }
  store::search_term t;
  t.field = word.field;
  t.negated = negated;
  t.text = word.field == search_field::tls ? tls_version(std::move(value)) : std::move(value);
  q.terms.push_back(std::move(t));
}

void add_date(store::mailbox_query& q, search_field field, std::string_view raw, bool negated,
              const date::time_zone* zone) {
  const std::string value = smtp::ascii::to_upper(clean_search_text(raw));
  if (value.empty()) {
    return;
  }
  if (const auto when = parse_search_date(value, zone)) {
    store::search_term t;
    t.field = field;
    t.negated = negated;
    t.time = *when;
    q.terms.push_back(std::move(t));
  }  // an invalid date is ignored, as Mailpit ignores it (with a warning in its log)
}

void add_text(store::mailbox_query& q, std::string_view word, bool negated) {
  store::search_term t;
  t.field = search_field::text;
  t.negated = negated;
  t.text = clean_search_text(word);
  q.terms.push_back(std::move(t));
}

// One word, its negation already taken off.
void add_word(store::mailbox_query& q, std::string_view word, bool negated,
              const date::time_zone* zone) {
  const std::string lower = smtp::ascii::to_lower(word);
  for (const valued_word& v : valued_words) {
    if (lower.starts_with(v.prefix)) {
      return add_valued(q, v, word.substr(v.prefix.size()), negated);
    }
  }
  for (const exact_word& e : exact_words) {
    if (lower == e.word) {
      store::search_term t;
      t.field = e.field;
      t.negated = negated != e.flips;
      q.terms.push_back(std::move(t));
      return;
    }
  }
  for (const auto& [prefix, field] :
       {std::pair{std::string_view("after:"), search_field::after},
        std::pair{std::string_view("before:"), search_field::before}}) {
    if (lower.starts_with(prefix)) {
      return add_date(q, field, word.substr(prefix.size()), negated, zone);
    }
  }
  for (const auto& [prefix, field] :
       {std::pair{std::string_view("larger:"), search_field::larger},
        std::pair{std::string_view("smaller:"), search_field::smaller}}) {
    if (!lower.starts_with(prefix)) {
      continue;
    }
    if (const std::int64_t bytes = parse_search_size(clean_search_text(word.substr(prefix.size())));
        bytes > 0) {
      store::search_term t;
      t.field = field;
      t.negated = negated;
      t.number = bytes;
      q.terms.push_back(std::move(t));
      return;
    }
  }
  add_text(q, word, negated);
}

}  // namespace

std::string clean_search_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (text.substr(i, 3) == "\xEF\xBB\xBF") {  // U+FEFF, the byte order mark
      pending_space = true;
      i += 2;
      continue;
    }
    if (separator(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) {
      out += ' ';
    }
    pending_space = false;
    out += smtp::ascii::lower(static_cast<char>(c));
  }
  return out;
}

std::vector<std::string> search_tokens(std::string_view query) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  for (const char c : query) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ' ' && !quoted) {
      if (!current.empty()) {
        out.push_back(std::move(current));
        current.clear();
      }
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    out.push_back(std::move(current));
  }
  return out;
}

std::optional<std::chrono::system_clock::time_point> parse_search_date(
    std::string_view text, const date::time_zone* zone) {
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (auto t = unix_time(text)) {
      return representable(*t);
    }
  }
  for (const char* form : absolute_forms) {
    date::sys_time<milliseconds> t;
    std::chrono::minutes offset{0};
    if (parse_whole(text, form, t, offset) && std::chrono::abs(offset) < std::chrono::hours(24)) {
      return representable(t);
    }
  }
  for (const char* form : local_forms) {
    date::local_time<milliseconds> t;
    if (parse_whole(text, form, t)) {
      // A time a clock change skips or repeats is taken at its earliest reading.
      return representable(zone == nullptr ? date::sys_time<milliseconds>{t.time_since_epoch()}
                                           : zone->to_sys(t, date::choose::earliest));
    }
  }
  return std::nullopt;
}

std::int64_t parse_search_size(std::string_view text) {
  static const std::regex size(R"(^(\d+)(\.\d+)?\s?([a-z]{1,2})?$)");
  const std::string lower = smtp::ascii::to_lower(text);
  std::smatch m;
  if (!std::regex_match(lower, m, size)) {
    return 0;
  }
  double value = 0;
  const std::string number = m[1].str() + m[2].str();
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc{}) {
    return 0;
  }
  const std::string unit = m[3].str();
  double scale = 0;
  if (unit.empty()) {
    scale = 1;
  } else if (unit == "k" || unit == "kb") {
    scale = 1024;
  } else if (unit == "m" || unit == "mb") {
    scale = 1024 * 1024;
  }
  const double bytes = value * scale;  // Go truncates the product towards zero
  return bytes >= 9.2e18 ? 0 : static_cast<std::int64_t>(bytes);
}

store::mailbox_query parse_search(std::string_view query, const date::time_zone* zone) {
  store::mailbox_query q;
  for (const std::string& token : search_tokens(query)) {
    if (clean_search_text(token).empty()) {
      continue;
    }
    std::string_view word = token;
    bool negated = false;
    if (word.size() > 1 && (word.front() == '-' || word.front() == '!')) {
      negated = true;
      word.remove_prefix(1);
    }
    add_word(q, word, negated, zone);
  }
  return q;
}

}  // namespace exomock::http
