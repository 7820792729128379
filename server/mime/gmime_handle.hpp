// GMime as the mime layer uses it: one initialisation per process (g_mime_init
// is not thread-safe, so it runs under std::call_once), owning handles that
// unref the GObjects, and the few header and stream reads every file needs.
// Internal to mime/: no GMime type crosses the layer's public headers.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace exomock::mime::detail {

/// Runs g_mime_init() the first time any thread calls it.
void ensure_gmime();

struct gobject_unref {
  void operator()(gpointer object) const {
    if (object != nullptr) {
      g_object_unref(object);
    }
  }
};
template <typename T>
using gobject_ptr = std::unique_ptr<T, gobject_unref>;

struct gfree {
  void operator()(gpointer p) const { g_free(p); }
};
/// A string GLib or GMime allocated, as std::string ("" for null); frees it.
std::string take_string(char* owned);

/// The message GMime builds from RAW, or null when it finds none.
gobject_ptr<GMimeMessage> parse_message(std::string_view raw);

/// The first header NAME (any case) of LIST, unfolded as Go's textproto does:
/// each line trimmed, the lines joined with one space. nullopt when absent.
std::optional<std::string> first_raw_header(GMimeHeaderList* list, const char* name);
/// Folded header text as one line (see first_raw_header).
std::string unfold(std::string_view raw_value);
/// RFC 2047 encoded words decoded and the text made UTF-8.
std::string decode_header_text(const std::string& unfolded);

/// Everything written to a memory stream so far.
std::string stream_contents(GMimeStream* memory_stream);

}  // namespace exomock::mime::detail
