#include "policy/device_codes.hpp"

namespace exomock::policy {

void device_code_book::add(device_authorization a) {
  const std::lock_guard lock(mutex_);
  const std::string key = a.device_code;
  codes_[key] = std::move(a);
}

bool device_code_book::approve(const std::string& user_code, const std::string& user) {
  const std::lock_guard lock(mutex_);
  for (auto& [code, a] : codes_) {
    if (a.user_code == user_code && a.approved_by.empty()) {
      a.approved_by = user;
      return true;
    }
  }
  return false;
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
