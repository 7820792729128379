#include "store/tag_name.hpp"

#include "mime/tags.hpp"

namespace exomock::store {

std::optional<std::string> clean_tag(std::string_view raw) {
  std::string out = mime::clean_tag(raw);
  if (out.empty()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace exomock::store
