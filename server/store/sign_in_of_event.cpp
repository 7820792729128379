// Sign-in event to sign-in record. Events carry codes and names only, so
// nothing here can leak a password or a token into the log.
#include "store/sign_in_of_event.hpp"

#include <utility>

#include "policy/sign_in_attempt.hpp"

namespace exomock::store {

sign_in_record sign_in_of(const policy::sign_in_event& event, std::string id,
                          std::string session_id) {
  sign_in_record r;
  r.id = std::move(id);
  r.created = event.created;
  r.user_principal_name = event.user_principal_name;
  r.ip_address = event.ip_address;
  r.conditional_access_status =
      std::string(policy::conditional_access_name(event.conditional_access));
  r.error_code = event.error_code;
  r.failure_reason = std::string(policy::failure_reason(event.error_code));
  r.session_id = std::move(session_id);
  r.mechanism = event.mechanism;
  r.app_id = event.app_id;
  r.smtp_reply = event.smtp_reply;
  return r;
}

}  // namespace exomock::store
