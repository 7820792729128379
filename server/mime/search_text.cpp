#include "mime/search_text.hpp"

#include <glib.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "mime/html_text.hpp"

namespace exomock::mime {

namespace {

constexpr std::size_t snippet_bytes = 200;

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Most text is plain ASCII (no NUL, which GLib counts as invalid UTF-8): then
// one pass over a byte table does what the general path does in four (map the
// separators, validate, collapse white space, lowercase). nullopt for any other
// text. The general path was ~30 % of the indexer's time on a 2 KiB message.
struct ascii_fold {
  bool separator[128] = {};
  bool lower = false;
};

constexpr ascii_fold make_fold(std::string_view separators, bool lower) {
  ascii_fold f;
  for (const char c : std::string_view(" \t\n\v\f\r")) {  // Go's unicode.IsSpace
    f.separator[static_cast<unsigned char>(c)] = true;
  }
  for (const char c : separators) {
    f.separator[static_cast<unsigned char>(c)] = true;
  }
  f.lower = lower;
  return f;
}

constexpr ascii_fold search_fold = make_fold("<>\",;()", true);
constexpr ascii_fold space_fold = make_fold("", false);

std::optional<std::string> fold_ascii(std::string_view text, const ascii_fold& fold) {
  std::string out(text.size(), '\0');
  std::size_t n = 0;
  bool pending_space = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0 || c >= 0x80) {
      return std::nullopt;
    }
    if (fold.separator[c]) {
      pending_space = n != 0;
      continue;
    }
    if (pending_space) {
      out[n++] = ' ';
      pending_space = false;
    }
    out[n++] = fold.lower ? ascii_lower(ch) : ch;
  }
  out.resize(n);
  return out;
}

// strings.Fields then strings.Join(" "): runs of Unicode white space become one
// space, and none is left at either end.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());  // it only shrinks: one allocation per text, not a dozen
  bool pending_space = false;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    const auto byte = static_cast<unsigned char>(*p);
    if (byte < 0x80) {  // ASCII, most of any text: no decoding
      // Go's unicode.IsSpace counts \v, which g_ascii_isspace does not.
      if (g_ascii_isspace(*p) || *p == '\v') {
        pending_space = !out.empty();
      } else {
        if (pending_space) {
          out += ' ';
          pending_space = false;
        }
        out += *p;
      }
      ++p;
      continue;
    }
    const char* next = g_utf8_find_next_char(p, end);
    if (next == nullptr) {
      next = end;
    }
    const gunichar c = g_utf8_get_char_validated(p, next - p);
    if (c < 0x80000000U && (g_unichar_isspace(c) || c == 0x0B || c == 0x85)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) {
        out += ' ';
        pending_space = false;
      }
      out.append(p, static_cast<std::size_t>(next - p));
    }
    p = next;
  }
  return out;
}

// Go's strings.ToLower: Unicode lowercase; ASCII text (most of it) without GLib's tables.
std::string lowercase(std::string text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::transform(text.begin(), text.end(), text.begin(), ascii_lower);
    return text;
  }
  const std::unique_ptr<char, decltype(&g_free)> lower(
      g_utf8_strdown(text.data(), static_cast<gssize>(text.size())), &g_free);
  return lower ? std::string(lower.get()) : text;
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) {
    return std::string(s);
  }
  const std::unique_ptr<char, decltype(&g_free)> made(
      g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())), &g_free);
  return made.get();
}

std::string clean_string(std::string_view text) {
  if (auto folded = fold_ascii(text, search_fold)) {
    return std::move(*folded);
  }
  std::string spaced;
  spaced.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\xEF' && text.substr(i, 3) == "\xEF\xBB\xBF") {  // U+FEFF
      spaced += ' ';
      i += 2;
    } else if (c == '\r' || c == '\n' || c == '\t' || c == '<' || c == '>' || c == '"' ||
               c == ',' || c == ';' || c == '(' || c == ')') {
      spaced += ' ';
    } else {
      spaced += c;
    }
  }
  return lowercase(collapse_whitespace(valid_utf8(spaced)));
}

std::string truncate_utf8(std::string_view s, std::size_t n) {
  if (n >= s.size()) {
    return std::string(s);
  }
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  while (n > 0 && (byte(n - 1) & 0xC0U) == 0x80U) {
    --n;  // back over continuation bytes...
  }
  if (n > 0 && (byte(n - 1) & 0xC0U) == 0xC0U) {
    --n;  // ...and the lead byte of the sequence they belong to
  }
  return std::string(s.substr(0, n));
}

std::string snippet(std::string_view text, std::string_view html) {
  const auto trim = [](std::string_view v) {
    while (!v.empty() && g_ascii_isspace(v.front())) {
      v.remove_prefix(1);
    }
    while (!v.empty() && g_ascii_isspace(v.back())) {
      v.remove_suffix(1);
    }
    return v;
  };
  text = trim(text);
  html = trim(html);
  std::string body;
  if (!html.empty()) {
    body = strip_html(html, false);
  } else {
    if (auto folded = fold_ascii(text, space_fold)) {
      body = std::move(*folded);
    } else {
      std::string no_bom(text);
      for (std::size_t at = no_bom.find("\xEF\xBB\xBF"); at != std::string::npos;
           at = no_bom.find("\xEF\xBB\xBF", at)) {
        no_bom.replace(at, 3, " ");
      }
      body = collapse_whitespace(valid_utf8(no_bom));
    }
  }
  if (body.size() <= snippet_bytes) {
    return body;
  }
  return truncate_utf8(body, snippet_bytes) + "...";
}

}  // namespace exomock::mime
