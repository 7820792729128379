#include "mime/tags.hpp"

#include <glib.h>

#include <algorithm>
#include <set>

namespace exomock::mime {

namespace {

constexpr std::size_t longest_tag = 100;

bool tag_char(char c) {
  return g_ascii_isalnum(c) || c == '-' || c == ' ' || c == '_' || c == '.' || c == '@';
}

}  // namespace

std::string clean_tag(std::string_view tag) {
  // Go's regexp replaces each rune, not each byte: a multi-byte character is one space.
  std::string spaced;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    const auto byte = static_cast<unsigned char>(tag[i]);
    if (byte >= 0x80) {
      spaced += ' ';
      while (i + 1 < tag.size() && (static_cast<unsigned char>(tag[i + 1]) & 0xC0U) == 0x80U) {
        ++i;
      }
    } else {
      spaced += tag_char(tag[i]) ? tag[i] : ' ';
    }
  }
  std::string out;
  bool space = false;
  for (const char c : spaced) {
    if (c == ' ') {
      space = !out.empty();
    } else {
      if (space) {
        out += ' ';
      }
      space = false;
      out += c;
    }
  }
  return out.size() > longest_tag ? out.substr(0, longest_tag) : out;
}

bool valid_tag(std::string_view tag) {
  return !tag.empty() && tag.size() <= longest_tag && std::all_of(tag.begin(), tag.end(), tag_char);
}

std::vector<std::string> sorted_unique_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& t : tags) {
    std::string cleaned = clean_tag(t);
    std::string folded(cleaned);
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](char c) { return g_ascii_tolower(c); });
    if (valid_tag(cleaned) && seen.insert(folded).second) {
      out.push_back(std::move(cleaned));
    }
  }
  std::sort(out.begin(), out.end());  // Go's sort.Strings: byte order
  return out;
}

// Mailpit's `(?U)^(.*){1,}\+(.*)@`: what lies between the first '+' and the
// first '@' after it, split on '+'.
std::vector<std::string> plus_address_tags(std::string_view address) {
  const std::size_t plus = address.find('+');
  if (plus == std::string_view::npos) {
    return {};
  }
  const std::size_t at = address.find('@', plus);
  if (at == std::string_view::npos) {
    return {};
  }
  std::vector<std::string> out;
  std::string_view rest = address.substr(plus + 1, at - plus - 1);
  for (;;) {
    const std::size_t next = rest.find('+');
    out.emplace_back(rest.substr(0, next));
    if (next == std::string_view::npos) {
      return out;
    }
    rest.remove_prefix(next + 1);
  }
}

std::vector<std::string> auto_tags(std::string_view x_tags, const message_view& m) {
  std::vector<std::string> tags;
  while (!x_tags.empty() && g_ascii_isspace(x_tags.front())) {
    x_tags.remove_prefix(1);
  }
  while (!x_tags.empty() && g_ascii_isspace(x_tags.back())) {
    x_tags.remove_suffix(1);
  }
  while (!x_tags.empty()) {
    const std::size_t comma = x_tags.find(',');
    tags.emplace_back(x_tags.substr(0, comma));
    x_tags = comma == std::string_view::npos ? std::string_view{} : x_tags.substr(comma + 1);
  }
  const auto add_plus = [&](const address& a) {
    for (std::string& t : plus_address_tags(a.address)) {
      tags.push_back(std::move(t));
    }
  };
  for (const auto* list : {&m.to, &m.cc, &m.bcc}) {
    std::for_each(list->begin(), list->end(), add_plus);
  }
  add_plus(m.from);
  return sorted_unique_tags(tags);
}

}  // namespace exomock::mime
