// The RSA key exomock signs access tokens with: read from a PEM file, or
// generated (RSA 2048) and kept in that file so that `exomock token` and
// `exomock serve` agree across runs. RS256 = RSASSA-PKCS1-v1_5 with SHA-256.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace exomock::identity {

class signing_key {
 public:
  /// Reads an RSA private key (PEM). nullptr and `error` on failure.
  static std::shared_ptr<const signing_key> load(const std::filesystem::path& file,
                                                 std::string& error);
  /// As load(), but first creates the file (mode 0600, atomically: a concurrent
  /// creator's key wins and is read back) when it does not exist.
  static std::shared_ptr<const signing_key> load_or_create(const std::filesystem::path& file,
                                                           std::string& error);
  ~signing_key();
  signing_key(const signing_key&) = delete;
  signing_key& operator=(const signing_key&) = delete;

  /// The RS256 signature of `data`.
  [[nodiscard]] std::string sign(std::string_view data) const;
  [[nodiscard]] bool verify(std::string_view data, std::string_view signature) const;
  /// base64url SHA-1 of the key's certificate (DER), the token header's `kid` and
  /// the JWKS's `x5t`, as Entra's are.
  [[nodiscard]] const std::string& key_id() const { return key_id_; }
  /// A self-signed X.509 certificate for the public key (DER), the JWKS's `x5c`.
  /// Its fields are fixed and RS256 signatures deterministic, so one key always
  /// has one certificate and one `kid`.
  [[nodiscard]] const std::string& certificate_der() const { return certificate_; }
  /// The RSA modulus and public exponent, big-endian (the JWK's `n` and `e`).
  [[nodiscard]] std::string modulus() const;
  [[nodiscard]] std::string public_exponent() const;

 private:
  struct impl;
  explicit signing_key(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
  std::string key_id_;
  std::string certificate_;
};

/// Where the signing key lives when the scenario names none:
/// $XDG_STATE_HOME/exomock/token-signing-key.pem (default ~/.local/state), one per
/// user, whatever --data-dir a server runs with, so `exomock token` and every
/// `serve` of that user agree. nullopt when no home is known.
[[nodiscard]] std::optional<std::filesystem::path> default_key_file();

/// $XDG_STATE_HOME/exomock/NAME (default ~/.local/state/exomock/NAME): exomock's
/// per-user state. nullopt when no home is known.
[[nodiscard]] std::optional<std::filesystem::path> state_file(std::string_view name);

/// FILE's RSA private key as PEM text, creating the file first as load_or_create()
/// does; nullopt and `error` when it can be neither read nor created.
[[nodiscard]] std::optional<std::string> load_or_create_key_pem(const std::filesystem::path& file,
                                                                std::string& error);

/// The key file for a scenario's `token_signing_key` ("" for none).
[[nodiscard]] std::optional<std::filesystem::path> token_key_file(std::string_view scenario_key);

}  // namespace exomock::identity
