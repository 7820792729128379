// Smart lockout as Entra documents it: `threshold` distinct wrong passwords
// inside the window lock the account; after a lockout "the account locks again
// after each subsequent failed sign-in attempt", each time for longer.
#include "policy/lockout_book.hpp"

#include <algorithm>
#include <cmath>

namespace exomock::policy {

std::chrono::milliseconds lockout_length(const smart_lockout& settings, std::uint32_t n) {
  constexpr double one_day_ms = 24.0 * 3600 * 1000;
  const double base = std::chrono::duration<double, std::milli>(settings.duration).count();
  const double length = std::min(one_day_ms, base * std::pow(settings.growth, n));
  return std::chrono::milliseconds(static_cast<std::int64_t>(length));
}

bool lockout_book::locked(std::string_view account, time_point now) const {
  return now < locked_until(account);
}

lockout_book::time_point lockout_book::locked_until(std::string_view account) const {
  const auto it = accounts_.find(account);
  return it == accounts_.end() ? time_point{} : it->second.locked_until;
}

std::uint32_t lockout_book::lockouts(std::string_view account) const {
  const auto it = accounts_.find(account);
  return it == accounts_.end() ? 0 : it->second.lockouts;
}

// FNV-1a over salt and secret, then a SplitMix64 finaliser: enough to recognise a
// repeated password in memory without keeping it; 0 is reserved for "empty".
std::uint64_t lockout_book::hash(std::string_view secret) const {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ salt_;
  for (const char c : secret) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

bool lockout_book::repeated(const account_state& a, std::uint64_t h) {
  return std::find(a.recent.begin(), a.recent.end(), h) != a.recent.end();
}

bool lockout_book::record_failure(std::string_view account, std::string_view wrong_secret,
                                  const smart_lockout& settings, time_point now) {
  account_state& a = accounts_.try_emplace(std::string(account)).first->second;
  if (now < a.locked_until) {
    return false;  // refused as locked before the password mattered
  }
  const std::uint64_t h = hash(wrong_secret);
  if (repeated(a, h)) {
    return false;  // the same wrong password again counts once
  }
  a.recent[a.next_recent] = h;
  a.next_recent = (a.next_recent + 1) % remembered;
  std::erase_if(a.failures, [&](time_point t) { return now - t >= settings.window; });
  a.failures.push_back(now);
  // Once locked, every further counted failure locks again.
  if (a.lockouts == 0 && a.failures.size() < settings.threshold) {
    return false;
  }
  a.locked_until = now + lockout_length(settings, a.lockouts);
  ++a.lockouts;
  a.failures.clear();
  return true;
}

void lockout_book::record_success(std::string_view account) {
  const auto it = accounts_.find(account);
  if (it != accounts_.end()) {
    accounts_.erase(it);
  }
}

}  // namespace exomock::policy
