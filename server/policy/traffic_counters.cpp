// AUTH decisions as metric labels. Exchange-side refusals leave a successful
// sign-in (error code 0) in Entra's log, so the reply is what tells them apart.
#include "policy/traffic_counters.hpp"

#include "policy/auth_checks.hpp"

namespace exomock::policy {

namespace {

std::string refusal_name(reply_id id) {
  switch (id) {
    case reply_id::auth_disabled_for_tenant:
      return "disabled_for_tenant";
    case reply_id::auth_disabled_for_mailbox:
      return "disabled_for_mailbox";
    case reply_id::auth_basic_disabled:
      return "basic_disabled";
    case reply_id::auth_basic_retired:
      return "basic_retired";
    case reply_id::tls_legacy_unsupported:
      return "tls_legacy_unsupported";
    case reply_id::auth_bad_credentials:
      return "bad_credentials";
    case reply_id::auth_unsuccessful:
      return "unsuccessful";
    default:
      return "other";
  }
}

}  // namespace

std::string auth_reason(const auth_decision& d) {
  if (d.authenticated) {
    return "ok";
  }
  if (d.sign_in && d.sign_in->error_code != 0) {
    return "AADSTS" + std::to_string(d.sign_in->error_code);
  }
  return refusal_name(d.reply);
}

}  // namespace exomock::policy
