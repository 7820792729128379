// The device codes the token endpoint has handed out (RFC 8628): pending until a
// user approves them, approved, or expired. Shared by every HTTP listener through
// the live scenario. Approval is a seam: the application's `device_code_user`
// approves at once (the default), anyone else (the admin API) may call approve().
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::policy {

struct device_authorization {
  std::string device_code;
  std::string user_code;
  std::string client_id;
  std::string tenant_id;
  std::vector<std::string> scopes;  ///< as requested
  std::chrono::system_clock::time_point expires;
  std::string approved_by;  ///< the user who signed in; "" while pending
};

class device_code_book {
 public:
  /// Remembers `a` (its codes already drawn by the caller).
  void add(device_authorization a);
  /// Approves the pending, unexpired code whose user_code is `user_code` (without regard
  /// to case, as Entra's sign-in page reads it) as `user`; the approved authorization,
  /// or nullopt when there is none.
  std::optional<device_authorization> approve(std::string_view user_code, const std::string& user,
                                              std::chrono::system_clock::time_point now);
  /// The codes still waiting for a user at `now`, oldest expiry first.
  [[nodiscard]] std::vector<device_authorization> pending(
      std::chrono::system_clock::time_point now) const;
  /// The authorization for `device_code`, or nullopt when it was never issued (or redeemed).
  [[nodiscard]] std::optional<device_authorization> find(const std::string& device_code) const;
  /// Forgets `device_code`: a code is redeemed once.
  void redeem(const std::string& device_code);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, device_authorization> codes_;  // by device_code
};

}  // namespace exomock::policy
