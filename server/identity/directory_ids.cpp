// Ids as SHA-256 of "TENANT/NAME" (users), "TENANT/sp/CLIENT_ID" (service
// principals) and "TENANT/ca/NAME" (policies), shaped as RFC 9562 GUIDs.
#include "identity/directory_ids.hpp"

#include <openssl/evp.h>

#include <cstdio>

namespace exomock::identity {

std::string stable_guid(std::string_view seed) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(seed.data(), seed.size(), digest, &length, EVP_sha256(), nullptr);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5 style
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 9562 variant
  char text[37];
  std::snprintf(
      text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
      digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
      digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
  return text;
}

std::string user_object_id(const policy::tenant& home, const policy::mailbox& user) {
  return stable_guid(home.id + "/" + user.address);
}

std::string service_principal_id(const policy::tenant& home, const policy::application& app) {
  return stable_guid(home.id + "/sp/" + app.client_id);
}

std::string conditional_access_policy_id(const policy::tenant& home,
                                         const policy::conditional_access_policy& p) {
  return stable_guid(home.id + "/ca/" + p.name);
}

}  // namespace exomock::identity
