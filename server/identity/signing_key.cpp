// OpenSSL 3 EVP calls for the token key. Generated keys are written to a
// temporary file and hard-linked into place, so two processes starting at the
// same moment end up with one key between them.
#include "identity/signing_key.hpp"

#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <random>

#include "smtp/base64.hpp"

namespace exomock::identity {

namespace {

struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct bio_free {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using bio_ptr = std::unique_ptr<BIO, bio_free>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_free>;

struct x509_free {
  void operator()(X509* c) const { X509_free(c); }
};
struct bn_free {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using x509_ptr = std::unique_ptr<X509, x509_free>;
using bn_ptr = std::unique_ptr<BIGNUM, bn_free>;

std::string sha1_base64url(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
  return smtp::base64url_encode({reinterpret_cast<const char*>(digest), length});
}

// Serial from the public key, fixed validity (2024-01-01 to 2049-12-31) and names:
// nothing varies between two runs with the same key.
std::string certificate_of(EVP_PKEY* key) {
  const x509_ptr cert(X509_new());
  unsigned char* spki = nullptr;
  const int spki_length = i2d_PUBKEY(key, &spki);
  if (!cert || spki_length <= 0) {
    return {};
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  EVP_Digest(spki, static_cast<std::size_t>(spki_length), digest, &digest_length, EVP_sha1(),
             nullptr);
  OPENSSL_free(spki);
  digest[0] &= 0x7F;  // a positive serial
  const bn_ptr serial(BN_bin2bn(digest, 16, nullptr));
  X509_set_version(cert.get(), 2);
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  ASN1_TIME_set_string(X509_getm_notBefore(cert.get()), "20240101000000Z");
  ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "20491231235959Z");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("exomock token signing"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key);
  if (X509_sign(cert.get(), key, EVP_sha256()) <= 0) {
    return {};
  }
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert.get(), &der);
  if (n <= 0) {
    return {};
  }
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

std::string rsa_parameter(EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1) {
    return {};
  }
  const bn_ptr owned(value);
  std::string out(static_cast<std::size_t>(BN_num_bytes(value)), '\0');
  BN_bn2bin(value, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// KEY as PEM text (PKCS#8, unencrypted).
std::optional<std::string> pem_of(EVP_PKEY* key) {
  const bio_ptr out(BIO_new(BIO_s_mem()));
  if (key == nullptr || !out ||
      PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return std::nullopt;
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

// A new key as PEM text.
std::optional<std::string> generate_pem() {
  const pkey_ptr key(EVP_RSA_gen(2048));
  return pem_of(key.get());
}

// FILE's RSA private key (`what` names it in the error); nullptr and `error` on failure.
pkey_ptr read_rsa_key(const std::filesystem::path& file, const std::string& what,
                      std::string& error) {
  const bio_ptr in(BIO_new_file(file.c_str(), "r"));
  if (!in) {
    error = "cannot read " + what + " " + file.string();
    return nullptr;
  }
  pkey_ptr key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    error = file.string() + " holds no unencrypted RSA private key in PEM form";
    return nullptr;
  }
  return key;
}

bool write_new_file(const std::filesystem::path& file, const std::string& pem, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const auto temporary = file.string() + ".tmp" + std::to_string(::getpid()) + "-" +
                         std::to_string(std::random_device{}());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    error = "cannot create " + temporary;
    return false;
  }
  const bool written =
      ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) && ::fsync(fd) == 0;
  ::close(fd);
  // link() fails with EEXIST when another process got there first: its key stands.
  const bool linked = written && (::link(temporary.c_str(), file.c_str()) == 0 || errno == EEXIST);
  ::unlink(temporary.c_str());
  if (!linked) {
    error = "cannot write the key " + file.string();
  }
  return linked;
}

// Creates FILE with a new key unless it exists; false and `error` on failure.
bool ensure_key_file(const std::filesystem::path& file, std::string& error) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    return true;
  }
  const auto pem = generate_pem();
  if (!pem) {
    error = "cannot generate an RSA key";
    return false;
  }
  return write_new_file(file, *pem, error);
}

}  // namespace

struct signing_key::impl {
  pkey_ptr key;
};

signing_key::signing_key(std::unique_ptr<impl> p) : impl_(std::move(p)) {
  certificate_ = certificate_of(impl_->key.get());
  key_id_ = sha1_base64url(certificate_);
}

std::string signing_key::modulus() const {
  return rsa_parameter(impl_->key.get(), OSSL_PKEY_PARAM_RSA_N);
}

std::string signing_key::public_exponent() const {
  return rsa_parameter(impl_->key.get(), OSSL_PKEY_PARAM_RSA_E);
}

signing_key::~signing_key() = default;

std::shared_ptr<const signing_key> signing_key::load(const std::filesystem::path& file,
                                                     std::string& error) {
  pkey_ptr key = read_rsa_key(file, "the token signing key", error);
  if (!key) {
    return nullptr;
  }
  auto p = std::make_unique<impl>();
  p->key = std::move(key);
  return std::shared_ptr<const signing_key>(new signing_key(std::move(p)));
}

std::shared_ptr<const signing_key> signing_key::load_or_create(const std::filesystem::path& file,
                                                               std::string& error) {
  if (!ensure_key_file(file, error)) {
    return nullptr;
  }
  return load(file, error);
}

std::optional<std::string> load_or_create_key_pem(const std::filesystem::path& file,
                                                  std::string& error) {
  if (!ensure_key_file(file, error)) {
    return std::nullopt;
  }
  const pkey_ptr key = read_rsa_key(file, "the key", error);
  return key ? pem_of(key.get()) : std::nullopt;
}

std::string signing_key::sign(std::string_view data) const {
  const md_ctx_ptr ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return {};
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return {};
  }
  signature.resize(length);
  return signature;
}

bool signing_key::verify(std::string_view data, std::string_view signature) const {
  const md_ctx_ptr ctx(EVP_MD_CTX_new());
  return ctx &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

std::optional<std::filesystem::path> state_file(std::string_view name) {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && *state == '/') {
    return std::filesystem::path(state) / "exomock" / name;
  }
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "state" / "exomock" / name;
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> default_key_file() {
  return state_file("token-signing-key.pem");
}

std::optional<std::filesystem::path> token_key_file(std::string_view scenario_key) {
  if (!scenario_key.empty()) {
    return std::filesystem::path(scenario_key);
  }
  return default_key_file();
}

}  // namespace exomock::identity
