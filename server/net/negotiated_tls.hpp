// What the core learns of a completed TLS handshake: version, cipher and the
// subject of the client certificate, if the client sent one.
#pragma once

#include <openssl/ssl.h>

#include "smtp/session_facts.hpp"

namespace exomock::net {

/// The handshake's parameters; the peer subject in RFC 2253 form ("CN=x,O=y").
[[nodiscard]] smtp::tls_info negotiated_tls(SSL* ssl);

}  // namespace exomock::net
