// Self-signed certificate generation with OpenSSL 3. Every OpenSSL object is
// owned by a unique_ptr with its free function, so an early throw leaks nothing.
#include "net/certificate_cache.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <memory>
#include <stdexcept>

namespace exomock::net {
namespace {

template <auto free_fn>
struct openssl_deleter {
  template <typename T>
  void operator()(T* p) const {
    free_fn(p);
  }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509_free>>;
using bio_ptr = std::unique_ptr<BIO, openssl_deleter<BIO_free>>;
using bignum_ptr = std::unique_ptr<BIGNUM, openssl_deleter<BN_free>>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION_free>>;

[[noreturn]] void fail(const char* what) {
  char detail[256] = "";
  ERR_error_string_n(ERR_get_error(), detail, sizeof detail);
  throw std::runtime_error(std::string("self-signed certificate: ") + what + ": " + detail);
}

void check(bool ok, const char* what) {
  if (!ok) {
    fail(what);
  }
}

// A random positive 64-bit serial, as RFC 5280 section 4.1.2.2 asks (unique per issuer).
void set_random_serial(X509* cert) {
  bignum_ptr serial(BN_new());
  check(serial && BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "serial");
  check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr, "serial");
}

void set_names(X509* cert, const std::string& server_name) {
  X509_NAME* name = X509_get_subject_name(cert);
  auto add = [name](const char* field, const std::string& value) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.c_str());
    check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, -1, -1, 0) == 1, field);
  };
  add("O", "exomock (self-signed test certificate)");
  add("CN", server_name);
  check(X509_set_issuer_name(cert, name) == 1, "issuer");
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  extension_ptr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  check(ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1, "extension");
}

// subjectAltName is what clients verify (RFC 6125); an IP literal needs an IP entry.
std::string subject_alt_name(const std::string& server_name) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(server_name, ec);
  return (ec ? "DNS:" : "IP:") + server_name;
}

std::string to_pem(auto write) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  check(bio && write(bio.get()) == 1, "PEM encoding");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

std::string generate_private_key() {
  pkey_ptr key(EVP_RSA_gen(2048));
  check(key != nullptr, "RSA key generation");
  return to_pem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
}

pem_identity issue_self_signed(const std::string& server_name, const std::string& private_key) {
  bio_ptr in(BIO_new_mem_buf(private_key.data(), static_cast<int>(private_key.size())));
  check(in != nullptr, "key buffer");
  pkey_ptr key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  check(key != nullptr, "reading the private key");
  x509_ptr cert(X509_new());
  check(cert && X509_set_version(cert.get(), 2) == 1, "X509 version");
  set_random_serial(cert.get());
  constexpr long day = 24L * 60 * 60;
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -day) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365 * day) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), key.get()) == 1, "public key");
  set_names(cert.get(), server_name);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), NID_subject_alt_name, subject_alt_name(server_name));
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signature");
  return pem_identity{
      .certificate = to_pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); }),
      .private_key = private_key,
  };
}

void certificate_cache::use_key(std::string private_key) {
  const std::lock_guard lock(mutex_);
  key_ = std::move(private_key);
}

pem_identity certificate_cache::for_server_name(const std::string& server_name) {
  const std::lock_guard lock(mutex_);
  auto found = generated_.find(server_name);
  if (found == generated_.end()) {
    if (key_.empty()) {
      key_ = generate_private_key();
    }
    found = generated_.emplace(server_name, issue_self_signed(server_name, key_)).first;
  }
  return found->second;
}

}  // namespace exomock::net
