// All of Entra ID's wording in one place: the AADSTS errors the token endpoint
// answers (OAuth error, HTTP status, text after "AADSTSnnnnn: ", suberror) and the
// failureReason the sign-in log shows for a code. Kept apart from the reply
// catalogue, which holds Exchange's SMTP replies: these texts belong to another
// service, travel over HTTP and the Graph log, and one code's wire text and log
// text must stay side by side (graph-entra-exo.md sections 2.4, 2.5).
#pragma once

#include <string>
#include <string_view>

namespace exomock::policy {

/// The values an error text names; "" where the code names none.
struct entra_error_facts {
  std::string app_id;     ///< the client id as the request gave it
  std::string tenant;     ///< the {tenant} of the path, or the tenant id
  std::string scope;      ///< the scope as requested
  std::string parameter;  ///< the missing parameter (900144)
  std::string resource;   ///< a resource named by the scope (500011)
  std::string grant_type;
};

struct entra_error {
  int code = 0;
  std::string_view error;  ///< OAuth 2.0 `error`: invalid_client, invalid_grant...
  int http_status = 400;
  std::string description;    ///< the text after "AADSTSnnnnn: "
  std::string_view suberror;  ///< "" when Entra sends none
};

/// The token endpoint's error for an AADSTS `code` (one of the codes the grants
/// decide; an unknown code reads as a generic invalid_request).
[[nodiscard]] entra_error entra_error_for(int code, const entra_error_facts& facts);

/// Graph's `failureReason` for an Entra error code (graph-entra-exo.md section 1).
[[nodiscard]] std::string_view failure_reason(int error_code);

/// The Office 365 Exchange Online application: the resource of SMTP sign-ins and tokens.
inline constexpr std::string_view exchange_resource_id = "00000002-0000-0ff1-ce00-000000000000";
inline constexpr std::string_view exchange_resource_name = "Office 365 Exchange Online";

}  // namespace exomock::policy
