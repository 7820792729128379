#include "policy/reply_matcher.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <string>

namespace exomock::policy {
namespace {

constexpr std::size_t reply_count = static_cast<std::size_t>(reply_id::bad_sequence) + 1;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool same_letter(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// A DIAG suffix (" [FE.REGION.prod.outlook.com 2026-...Z SID]") or any other bracketed
// tail a log keeps: never part of the text a reply is recognized by.
std::string_view without_bracket_tail(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.back() == ']') {
    const auto open = s.rfind(" [");
    if (open != std::string_view::npos) {
      return trim(s.substr(0, open));
    }
  }
  return s;
}

// Whether `text` reads as `wording`, where a `{name}` placeholder stands for any run of
// characters; letters compare without case (some logs upper-case replies).
bool matches_wording(std::string_view text, std::string_view wording) {
  const auto open = wording.find('{');
  if (open == std::string_view::npos) {
    return text.size() == wording.size() &&
           std::equal(text.begin(), text.end(), wording.begin(), same_letter);
  }
  const std::string_view head = wording.substr(0, open);
  const auto close = wording.find('}', open);
  const std::string_view rest = close == std::string_view::npos ? "" : wording.substr(close + 1);
  if (text.size() < head.size() ||
      !std::equal(head.begin(), head.end(), text.begin(), same_letter)) {
    return false;
  }
  // The placeholder takes one or more characters: try each split, shortest first.
  for (std::size_t taken = 1; head.size() + taken <= text.size(); ++taken) {
    if (matches_wording(text.substr(head.size() + taken), rest)) {
      return true;
    }
  }
  return false;
}

// The literal start of a wording line, up to its first placeholder.
std::string_view literal_head(std::string_view wording) {
  return wording.substr(0, wording.find('{'));
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), same_letter);
}

// Each line of an entry's wording (multi-line replies such as HELP have several).
template <typename Visit>
void for_each_line(std::string_view wording, Visit visit) {
  while (true) {
    const auto nl = wording.find('\n');
    visit(trim(wording.substr(0, nl)));
    if (nl == std::string_view::npos) {
      return;
    }
    wording.remove_prefix(nl + 1);
  }
}

// "5.7.139" at the start of a text, or "".
std::string_view enhanced_code(std::string_view text) {
  std::size_t i = 0;
  int dots = 0;
  while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) {
    dots += text[i] == '.' ? 1 : 0;
    ++i;
  }
  return dots == 2 ? text.substr(0, i) : std::string_view{};
}

// Strips a trailing "..." or U+2026 (a log viewer's cut); true when one was there.
bool strip_ellipsis(std::string_view& text) {
  constexpr std::string_view dots = "...";
  constexpr std::string_view ellipsis = "\xE2\x80\xA6";
  for (const std::string_view tail : {dots, ellipsis}) {
    if (text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail) {
      text = trim(text.substr(0, text.size() - tail.size()));
      return true;
    }
  }
  return false;
}

// The reply that starts at `reply` (its code at [0,3)), at its best quality.
reply_match match_at(std::string_view reply) {
  reply_match best;
  best.reply = reply;
  const int code = (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + (reply[2] - '0');
  // With and without a bracketed tail: the greeting's "[SID]" and the 250's
  // "[Hostname=...]" are part of the wording, the DIAG suffix is not.
  std::string_view whole = reply.size() > 3 ? trim(reply.substr(4)) : std::string_view{};
  std::string_view text = without_bracket_tail(whole);
  const bool cut = strip_ellipsis(text);
  const std::string_view enhanced = enhanced_code(text);
  std::array<match_quality, reply_count> found{};
  for (std::size_t i = 0; i < reply_count; ++i) {
    const text_entry& row = entry(static_cast<reply_id>(i));
    if (row.code != code) {
      continue;
    }
    for_each_line(row.wording, [&](std::string_view line) {
      match_quality q = match_quality::none;
      if (!cut && (matches_wording(text, line) || matches_wording(whole, line))) {
        q = match_quality::exact;
      } else if (cut && !text.empty() &&
                 (starts_with_nocase(line, text) ||
                  (!literal_head(line).empty() && starts_with_nocase(text, literal_head(line))))) {
        q = match_quality::prefix;
      } else if (enhanced.empty() ? text.empty() : enhanced_code(line) == enhanced) {
        q = match_quality::status;  // the same enhanced code, or a bare code: every reply with it
      }
      found[i] = std::max(found[i], q);
    });
    best.quality = std::max(best.quality, found[i]);
  }
  if (best.quality == match_quality::none) {
    return best;
  }
  for (std::size_t i = 0; i < reply_count; ++i) {
    if (found[i] == best.quality) {
      best.ids.push_back(static_cast<reply_id>(i));
    }
  }
  return best;
}

// A reply code starts at `i`: three digits, 2xx-5xx, not inside a longer number, then a
// space, a hyphen or the end.
bool code_at(std::string_view line, std::size_t i) {
  if (i + 3 > line.size() || !is_digit(line[i]) || !is_digit(line[i + 1]) ||
      !is_digit(line[i + 2]) || line[i] < '2' || line[i] > '5') {
    return false;
  }
  if (i > 0 && (is_digit(line[i - 1]) || line[i - 1] == '.' || line[i - 1] == ':')) {
    return false;
  }
  return i + 3 == line.size() || line[i + 3] == ' ' || line[i + 3] == '-';
}

}  // namespace

reply_match match_reply_line(std::string_view line) {
  // Longer than any reply line (RFC 5321's 512 octets, with room for a log's prefix): the
  // placeholder search backtracks, so it never sees more.
  constexpr std::size_t longest = 2048;
  line = trim(line.substr(0, longest));
  reply_match best;
  for (std::size_t i = 0; i + 3 <= line.size(); ++i) {
    if (!code_at(line, i)) {
      continue;
    }
    reply_match here = match_at(line.substr(i));
    if (here.quality > best.quality) {
      best = std::move(here);
    }
    if (best.quality == match_quality::exact) {
      break;
    }
  }
  return best;
}

std::string_view quality_name(match_quality q) {
  switch (q) {
    case match_quality::exact:
      return "exact";
    case match_quality::prefix:
      return "prefix";
    case match_quality::status:
      return "status";
    case match_quality::none:
      break;
  }
  return "none";
}

}  // namespace exomock::policy
