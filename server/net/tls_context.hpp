// The OpenSSL server context of one listener: minimum protocol version, the
// cipher suites Microsoft publishes for Office 365, and the certificate (from
// the listener's PEM files, or generated self-signed for its server name).
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "net/certificate_cache.hpp"
#include "policy/model.hpp"

namespace exomock::net {

/// Builds the context for `listener`. Throws std::runtime_error (naming the
/// listener and file) when a certificate or key cannot be loaded.
[[nodiscard]] std::shared_ptr<boost::asio::ssl::context> make_tls_context(
    const policy::listener_config& listener, certificate_cache& certificates);

}  // namespace exomock::net
