// The sign-in log's record: one Entra sign-in event per AUTH attempt, in the
// fields of Microsoft Graph's signIn resource (reference section 6). It never
// holds a password or a token: policy hands over codes and names only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace exomock::store {

struct sign_in_record {
  std::string id;  ///< GUID
  std::chrono::system_clock::time_point created;
  std::string user_principal_name;
  std::string ip_address;
  std::string conditional_access_status;  ///< "success", "failure", "notApplied"
  int error_code = 0;                     ///< AADSTS number, 0 for success
  std::string failure_reason;
  std::string session_id;  ///< the SMTP session (SID) that made the attempt
  std::string mechanism;   ///< "LOGIN", "XOAUTH2"
  std::string app_id;      ///< app-only XOAUTH2: the application's client id
  /// The SMTP reply the client got ("535 5.7.139 ...", lines joined by LF); empty for a token
  /// request, a withheld reply, or a record from before replies were kept.
  std::string smtp_reply;
};

/// A record as read back: createdDateTime already in ISO 8601 UTC form.
struct sign_in_row {
  std::int64_t row = 0;
  std::string created;
  sign_in_record record;
};

/// A fresh random GUID (version 4) for a record's id.
[[nodiscard]] std::string new_guid();

}  // namespace exomock::store
