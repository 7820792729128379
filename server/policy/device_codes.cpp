#include "policy/device_codes.hpp"

#include <algorithm>

#include "smtp/ascii.hpp"

namespace exomock::policy {

void device_code_book::add(device_authorization a) {
  const std::lock_guard lock(mutex_);
  const std::string key = a.device_code;
  codes_[key] = std::move(a);
}

std::optional<device_authorization> device_code_book::approve(
    std::string_view user_code, const std::string& user,
    std::chrono::system_clock::time_point now) {
  const std::lock_guard lock(mutex_);
  for (auto& [code, a] : codes_) {
    if (smtp::ascii::iequals(a.user_code, user_code) && a.approved_by.empty() && now < a.expires) {
      a.approved_by = user;
      return a;
    }
  }
  return std::nullopt;
}

std::vector<device_authorization> device_code_book::pending(
    std::chrono::system_clock::time_point now) const {
  std::vector<device_authorization> out;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [code, a] : codes_) {
      if (a.approved_by.empty() && now < a.expires) {
        out.push_back(a);
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& x, const auto& y) { return x.expires < y.expires; });
  return out;
}

std::optional<device_authorization> device_code_book::find(const std::string& device_code) const {
  const std::lock_guard lock(mutex_);
  const auto it = codes_.find(device_code);
  if (it == codes_.end()) {
    return std::nullopt;
  }
  return it->second;
}

void device_code_book::redeem(const std::string& device_code) {
  const std::lock_guard lock(mutex_);
  codes_.erase(device_code);
}

}  // namespace exomock::policy
