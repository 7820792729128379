// Case-insensitive address comparison (ASCII only: Exchange folds the local
// part and the domain alike for routing and permission checks).
#include "policy/address.hpp"

#include <algorithm>

namespace exomock::policy {

std::string_view domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : address.substr(at + 1);
}

bool contains_address(const std::vector<std::string>& list, std::string_view address) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& entry) { return iequals(entry, address); });
}

}  // namespace exomock::policy
