// OpenSSL context set-up for the SMTP listeners. TLS 1.3 keeps OpenSSL's
// default suites; TLS 1.2 and below get Office 365's published list, in
// server preference order as Exchange Online negotiates.
#include "net/tls_context.hpp"

#include <openssl/ssl.h>

#include <boost/asio/buffer.hpp>
#include <stdexcept>
#include <string>

namespace exomock::net {
namespace {

namespace ssl = boost::asio::ssl;

// Microsoft's "TLS cipher suites supported by Office 365" for TLS 1.2 and earlier, best first.
constexpr const char* office365_ciphers =
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:"
    "ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA:"
    "AES256-GCM-SHA384:AES128-GCM-SHA256:AES256-SHA256:AES128-SHA256:"
    "AES256-SHA:AES128-SHA";

int openssl_version(policy::tls_version v) {
  switch (v) {
    case policy::tls_version::tls1_0:
      return TLS1_VERSION;
    case policy::tls_version::tls1_1:
      return TLS1_1_VERSION;
    case policy::tls_version::tls1_2:
      return TLS1_2_VERSION;
    case policy::tls_version::tls1_3:
      return TLS1_3_VERSION;
  }
  return TLS1_2_VERSION;
}

[[noreturn]] void fail(const policy::listener_config& listener, const std::string& what) {
  throw std::runtime_error("listener " + listener.name + ": " + what);
}

void set_protocols(SSL_CTX* ctx, const policy::listener_config& listener) {
  std::string ciphers = listener.ciphers.empty() ? office365_ciphers : listener.ciphers;
  // OpenSSL 3 refuses TLS 1.0/1.1 at security level 1 and above (they sign with
  // SHA-1/MD5), so a listener that must accept legacy clients drops to level 0:
  // this context only, so other listeners keep the library's default level.
  if (listener.min_tls < policy::tls_version::tls1_2) {
    ciphers += ":@SECLEVEL=0";
  }
  if (SSL_CTX_set_min_proto_version(ctx, openssl_version(listener.min_tls)) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, openssl_version(listener.max_tls)) != 1) {
    fail(listener, "unsupported TLS version range");
  }
  if (SSL_CTX_set_cipher_list(ctx, ciphers.c_str()) != 1) {
    fail(listener, "cipher list rejected: " + ciphers);
  }
  SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
}

// Asks for a client certificate without requiring or verifying one: the MX
// endpoint's connectors match its subject; trust is the scenario's business.
void request_client_certificate(SSL_CTX* ctx, const policy::listener_config& listener) {
  if (!listener.request_client_certificate) {
    return;
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
  // Resumed sessions with verification on need an id context, or OpenSSL fails them.
  static constexpr unsigned char id_context[] = "exomock-mx";
  SSL_CTX_set_session_id_context(ctx, id_context, sizeof id_context - 1);
}

void load_files(ssl::context& ctx, const policy::listener_config& listener) {
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(listener.certificate_file, ec);
  if (ec) {
    fail(listener, "certificate " + listener.certificate_file + ": " + ec.message());
  }
  const std::string& key =
      listener.key_file.empty() ? listener.certificate_file : listener.key_file;
  ctx.use_private_key_file(key, ssl::context::pem, ec);
  if (ec) {
    fail(listener, "private key " + key + ": " + ec.message());
  }
}

void load_generated(ssl::context& ctx, const policy::listener_config& listener,
                    certificate_cache& certificates) {
  const pem_identity identity = certificates.for_server_name(listener.server_name);
  ctx.use_certificate_chain(boost::asio::buffer(identity.certificate));
  ctx.use_private_key(boost::asio::buffer(identity.private_key), ssl::context::pem);
}

}  // namespace

std::shared_ptr<ssl::context> make_tls_context(const policy::listener_config& listener,
                                               certificate_cache& certificates) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                   ssl::context::single_dh_use);
  set_protocols(ctx->native_handle(), listener);
  request_client_certificate(ctx->native_handle(), listener);
  if (listener.certificate_file.empty()) {
    load_generated(*ctx, listener, certificates);
  } else {
    load_files(*ctx, listener);
  }
  return ctx;
}

}  // namespace exomock::net
