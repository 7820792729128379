#include "store/tag_name.hpp"

namespace exomock::store {
namespace {

constexpr std::size_t longest_tag = 100;

bool allowed(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
         c == '_' || c == '.' || c == '@' || c == '-';
}

}  // namespace

std::optional<std::string> clean_tag(std::string_view raw) {
  std::string out;
  bool pending_space = false;
  for (const char c : raw) {
    if (!allowed(c) || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  if (out.size() > longest_tag) {
    out.resize(longest_tag);
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
  }
  if (out.empty()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace exomock::store
