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

/// An RSA-2048 private key, PEM. Throws std::runtime_error on failure.
[[nodiscard]] std::string generate_private_key();

/// Issues a certificate for `server_name` (CN and subjectAltName) on `private_key`
/// (PEM), valid from one day ago for one year. Throws std::runtime_error on failure.
[[nodiscard]] pem_identity issue_self_signed(const std::string& server_name,
                                             const std::string& private_key);

/// Issues each server name's certificate once; listeners sharing a name share it.
/// All of them share one key: generating an RSA key takes about 100 ms, and the
/// demo scenario's three host names made start-up wait for three.
class certificate_cache {
 public:
  /// The key the certificates are issued on (PEM, e.g. one kept across runs: a
  /// generation is most of a start-up); before the first certificate. Without it
  /// one is generated.
  void use_key(std::string private_key);
  [[nodiscard]] pem_identity for_server_name(const std::string& server_name);

 private:
  std::mutex mutex_;
  std::string key_;  // PEM; generated with the first certificate
  std::map<std::string, pem_identity> generated_;
};

}  // namespace exomock::net
