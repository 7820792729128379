// Self-signed server certificates generated at start-up, one per server name,
// for listeners that name no certificate file. Uses OpenSSL 3 (EVP_RSA_gen, X509).
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace exomock::net {

/// A certificate and its private key, both PEM.
struct pem_identity {
  std::string certificate;
  std::string private_key;
};

/// Generates an RSA-2048 certificate for `server_name` (CN and subjectAltName),
/// valid from one day ago for one year. Throws std::runtime_error on failure.
[[nodiscard]] pem_identity generate_self_signed(const std::string& server_name);

/// Generates each server name's certificate once; listeners sharing a name share it.
class certificate_cache {
 public:
  [[nodiscard]] pem_identity for_server_name(const std::string& server_name);

 private:
  std::mutex mutex_;
  std::map<std::string, pem_identity> generated_;
};

}  // namespace exomock::net
