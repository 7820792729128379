#include "mime/gmime_handle.hpp"

#include <mutex>

namespace exomock::mime::detail {

void ensure_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string take_string(char* owned) {
  const std::unique_ptr<char, gfree> guard(owned);
  return owned == nullptr ? std::string{} : std::string(owned);
}

gobject_ptr<GMimeMessage> parse_message(std::string_view raw) {
  ensure_gmime();
  const gobject_ptr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  const gobject_ptr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return gobject_ptr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

std::string unfold(std::string_view raw_value) {
  std::string out;
  while (!raw_value.empty()) {
    const std::size_t end = raw_value.find('\n');
    std::string_view line = raw_value.substr(0, end);
    raw_value = end == std::string_view::npos ? std::string_view{} : raw_value.substr(end + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      line.remove_prefix(1);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (!line.empty()) {
      out += out.empty() ? "" : " ";
      out += line;
    }
  }
  return out;
}

std::optional<std::string> first_raw_header(GMimeHeaderList* list, const char* name) {
  if (list == nullptr) {
    return std::nullopt;
  }
  const int count = g_mime_header_list_get_count(list);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(list, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(header), name) == 0) {
      const char* raw = g_mime_header_get_raw_value(header);
      return unfold(raw == nullptr ? "" : raw);
    }
  }
  return std::nullopt;
}

std::string decode_header_text(const std::string& unfolded) {
  if (unfolded.empty()) {
    return {};
  }
  return take_string(g_mime_utils_header_decode_text(nullptr, unfolded.c_str()));
}

std::string stream_contents(GMimeStream* memory_stream) {
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory_stream));
  if (bytes == nullptr || bytes->len == 0) {
    return {};
  }
  return {reinterpret_cast<const char*>(bytes->data), bytes->len};
}

}  // namespace exomock::mime::detail
