// Sign-in event to sign-in record. Events carry codes and names only, so
// nothing here can leak a password or a token into the log.
#include "net/sign_in_capture.hpp"

#include "policy/sign_in_attempt.hpp"

namespace exomock::net {

store::sign_in_record make_sign_in_record(const policy::sign_in_event& event,
                                          const std::string& session_id) {
  store::sign_in_record r;
  r.id = store::new_guid();
  r.created = event.created;
  r.user_principal_name = event.user_principal_name;
  r.ip_address = event.ip_address;
  r.conditional_access_status =
      std::string(policy::conditional_access_name(event.conditional_access));
  r.error_code = event.error_code;
  r.failure_reason = std::string(policy::failure_reason(event.error_code));
  r.session_id = session_id;
  r.mechanism = event.mechanism;
  r.app_id = event.app_id;
  return r;
}

}  // namespace exomock::net
