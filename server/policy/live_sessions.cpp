#include "policy/live_sessions.hpp"

#include <algorithm>

namespace exomock::policy {

const char* live_state(const live_session& s) {
  if (!s.login.empty()) {
    return "authenticated";
  }
  return s.hello_name.empty() ? "connected" : "greeted";
}

void live_session_book::put(const live_session& s) {
  const std::lock_guard lock(mutex_);
  sessions_[s.id] = s;
}

void live_session_book::remove(const std::string& id) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

std::vector<live_session> live_session_book::list() const {
  std::vector<live_session> out;
  {
    const std::lock_guard lock(mutex_);
    out.reserve(sessions_.size());
    for (const auto& [id, s] : sessions_) {
      out.push_back(s);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const live_session& a, const live_session& b) {
    return a.started < b.started;
  });
  return out;
}

}  // namespace exomock::policy
