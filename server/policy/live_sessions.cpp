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
  sessions_[s.id].facts = s;
}

void live_session_book::append(const std::string& id, std::string_view lines) {
  const std::lock_guard lock(mutex_);
  if (const auto it = sessions_.find(id); it != sessions_.end()) {
    it->second.transcript += lines;
  }
}

std::optional<std::pair<live_session, std::string>> live_session_book::find(
    std::string_view id) const {
  const std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return std::nullopt;
  }
  return std::make_pair(it->second.facts, it->second.transcript);
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
      out.push_back(s.facts);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const live_session& a, const live_session& b) {
    return a.started < b.started;
  });
  return out;
}

}  // namespace exomock::policy
