// Entra ID smart lockout, per account, for the whole server: failures inside
// the observation window count toward the threshold, a repeated wrong password
// counts once, and each lockout lasts `growth` times longer than the one before.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"

namespace exomock::policy {

class lockout_book {
 public:
  using time_point = std::chrono::system_clock::time_point;

  /// `salt` keys the hash of remembered wrong passwords; the server draws it at
  /// random, tests fix it. Passwords themselves are never kept.
  explicit lockout_book(std::uint64_t salt = 0x6578'6f6d'6f63'6b21ULL) : salt_(salt) {}

  /// Whether `account` is locked at `now`.
  [[nodiscard]] bool locked(std::string_view account, time_point now) const;
  /// When the current lockout of `account` ends; time_point{} when it is not locked.
  [[nodiscard]] time_point locked_until(std::string_view account) const;
  /// How many times `account` has been locked since the server started.
  [[nodiscard]] std::uint32_t lockouts(std::string_view account) const;

  /// A wrong password for `account`. Returns true when this failure locked it.
  bool record_failure(std::string_view account, std::string_view wrong_secret,
                      const smart_lockout& settings, time_point now);
  /// A verified password ends the episode: failures, remembered passwords and the
  /// growth of later lockouts all start again *(chosen: Entra does not say)*.
  void record_success(std::string_view account);
  /// An admin unlocked the account (the admin API's reset-lockout): as a success.
  void reset(std::string_view account) { record_success(account); }

 private:
  // Distinct wrong passwords Entra remembers (reference section 4: "last 3 kept").
  static constexpr std::size_t remembered = 3;

  struct account_state {
    std::vector<time_point> failures;                // inside the window, oldest first
    std::array<std::uint64_t, remembered> recent{};  // salted hashes, 0 = empty
    std::size_t next_recent = 0;
    time_point locked_until{};
    std::uint32_t lockouts = 0;
  };

  [[nodiscard]] std::uint64_t hash(std::string_view secret) const;
  static bool repeated(const account_state& a, std::uint64_t h);

  std::uint64_t salt_;
  std::map<std::string, account_state, std::less<>> accounts_;
};

/// How long the lockout numbered `n` (0 for the first) lasts: duration x growth^n,
/// capped at one day so a runaway growth cannot overflow.
[[nodiscard]] std::chrono::milliseconds lockout_length(const smart_lockout& settings,
                                                       std::uint32_t n);

}  // namespace exomock::policy
