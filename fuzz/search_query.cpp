// Fuzzes Mailpit's search language as exomock reads it: the whole query into
// terms (in UTC and in a zone with daylight saving), the date and size words on
// their own, and the SQL the store compiles the terms into.
#include "http/search_query.hpp"

#include <date/tz.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_target.hpp"
#include "store/search_sql.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace exomock;
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  // Looked up once: tzdata is read from the system on the first lookup.
  static const date::time_zone* const berlin = date::locate_zone("Europe/Berlin");

  for (const date::time_zone* zone : {static_cast<const date::time_zone*>(nullptr), berlin}) {
    (void)store::compile_search(http::parse_search(query, zone));
    (void)http::parse_search_date(query, zone);
  }
  (void)http::parse_search_size(query);
  (void)http::clean_search_text(query);
  (void)http::search_tokens(query);
  return 0;
}
