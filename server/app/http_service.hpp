// The HTTP API as the serve command runs it: the scenario's `kind = "http"`
// listener, served on its own io_context and thread beside the SMTP server.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "http/access_guard.hpp"
#include "http/scenario_admin.hpp"
#include "identity/signing_key.hpp"
#include "net/certificate_cache.hpp"
#include "policy/clock.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "store/message_store.hpp"

namespace exomock::app {

/// --http-token and --http-auth as given; "" when absent.
struct http_options {
  std::string token;
  std::string basic;  ///< USER:PASSWORD
};

/// The access settings from the options, or nullopt and `error` when --http-auth
/// has no colon.
[[nodiscard]] std::optional<http::access_settings> http_access(const http_options& options,
                                                               std::string& error);

/// Refuses (false and `error`) to bind a listener that is not on a loopback
/// address without a token or login: the API shows captured mail.
[[nodiscard]] bool http_binding_allowed(const policy::listener_config& listener,
                                        const http::access_settings& access, std::string& error);

class http_service {
 public:
  /// Opens its own reader on `data_dir` and starts serving `listener` on a new thread.
  /// Throws std::runtime_error when the reader cannot be opened or the address bound.
  /// `token_key` signs what the token endpoint issues (nullptr: no token routes).
  /// `certificates`: a TLS listener without certificate files gets one from there.
  http_service(const policy::listener_config& listener, http::access_settings access,
               const std::filesystem::path& data_dir, store::message_store& store,
               policy::live_scenario& live, const policy::clock& clock, http::scenario_admin& admin,
               net::certificate_cache& certificates,
               std::shared_ptr<const identity::signing_key> token_key = nullptr);
  ~http_service();  ///< stops serving and joins the thread
  http_service(const http_service&) = delete;
  http_service& operator=(const http_service&) = delete;

  [[nodiscard]] boost::asio::ip::tcp::endpoint endpoint() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::app
