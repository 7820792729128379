// headers(): Mailpit answers /headers with Go's net/mail header map. GMime keeps
// a message's Content-* headers on its top-level part, so both lists are read
// and put back in file order by their offsets before grouping.
#include <glib.h>

#include <algorithm>
#include <map>

#include "mime/gmime_handle.hpp"
#include "mime/message_view.hpp"

namespace exomock::mime {

namespace {

// Go's validHeaderFieldByte: the RFC 7230 token characters.
bool token_char(char c) {
  return g_ascii_isalnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

struct placed_header {
  gint64 offset;
  std::string name;
  std::string value;
};

void collect(GMimeHeaderList* list, std::vector<placed_header>& out) {
  const int count = list == nullptr ? 0 : g_mime_header_list_get_count(list);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* h = g_mime_header_list_get_header_at(list, i);
    const gint64 offset = g_mime_header_get_offset(h);
    if (offset < 0) {
      continue;  // one GMime made up, not one of the message's
    }
    const char* raw = g_mime_header_get_raw_value(h);
    out.push_back(
        {offset, g_mime_header_get_raw_name(h), detail::unfold(raw == nullptr ? "" : raw)});
  }
}

}  // namespace

std::string canonical_header_key(std::string_view key) {
  if (key.empty() || !std::all_of(key.begin(), key.end(), token_char)) {
    return std::string(key);
  }
  std::string out(key);
  bool upper = true;
  for (char& c : out) {
    c = upper ? g_ascii_toupper(c) : g_ascii_tolower(c);
    upper = c == '-';
  }
  return out;
}

std::optional<header_map> headers(std::string_view raw) {
  const detail::gobject_ptr<GMimeMessage> message = detail::parse_message(raw);
  if (!message) {
    return std::nullopt;
  }
  std::vector<placed_header> all;
  collect(g_mime_object_get_header_list(GMIME_OBJECT(message.get())), all);
  if (GMimeObject* top = g_mime_message_get_mime_part(message.get())) {
    collect(g_mime_object_get_header_list(top), all);
  }
  std::stable_sort(all.begin(), all.end(), [](const placed_header& a, const placed_header& b) {
    return a.offset < b.offset;
  });
  // Several parts of GMime may hold the same header: keep one per offset.
  all.erase(std::unique(all.begin(), all.end(),
                        [](const placed_header& a, const placed_header& b) {
                          return a.offset == b.offset;
                        }),
            all.end());
  std::map<std::string, std::vector<std::string>> grouped;
  for (placed_header& h : all) {
    grouped[canonical_header_key(h.name)].push_back(std::move(h.value));
  }
  return header_map(std::make_move_iterator(grouped.begin()),
                    std::make_move_iterator(grouped.end()));
}

}  // namespace exomock::mime
