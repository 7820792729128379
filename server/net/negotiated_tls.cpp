// RFC 2253 order (most specific first, "CN=printer.contoso.com,O=Contoso") is the
// form Exchange's connector settings and most tools print; UTF-8 kept as is.
#include "net/negotiated_tls.hpp"

#include <openssl/bio.h>
#include <openssl/x509.h>

#include <memory>

namespace exomock::net {

namespace {

std::string subject_text(X509* certificate) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  if (!out) {
    return {};
  }
  constexpr unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (X509_NAME_print_ex(out.get(), X509_get_subject_name(certificate), 0, flags) < 0) {
    return {};
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

}  // namespace

smtp::tls_info negotiated_tls(SSL* ssl) {
  smtp::tls_info info(SSL_get_version(ssl), SSL_get_cipher_name(ssl));
  const std::unique_ptr<X509, decltype(&X509_free)> peer(SSL_get1_peer_certificate(ssl),
                                                         &X509_free);
  if (peer) {
    info.peer_subject = subject_text(peer.get());
  }
  return info;
}

}  // namespace exomock::net
