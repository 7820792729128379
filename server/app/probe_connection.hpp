// The probe's side of one SMTP connection: TCP, then STARTTLS or implicit TLS, whole
// reply lines in and command lines out, each step bounded by a time-out (Asio's
// blocking calls have none, hence an io_context run for a bounded time per step).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace exomock::app {

struct probe_tls {
  std::string version;  ///< "1.0" ... "1.3": only this version; "" any from 1.2
  bool verify = false;  ///< check the certificate chain and the host name
  std::string ca_file;  ///< with verify: the CA certificates ("" : the system store)
  std::string server_name;
};

class probe_connection {
 public:
  /// Connects to host:port; nullopt and `error` when it cannot (refused, time-out...).
  static std::unique_ptr<probe_connection> open(const std::string& host, const std::string& port,
                                                std::chrono::milliseconds timeout,
                                                std::string& error);
  ~probe_connection();
  probe_connection(const probe_connection&) = delete;
  probe_connection& operator=(const probe_connection&) = delete;

  /// The lines of one whole reply ("250-...", "250 ..."), CRLF removed; empty with `error`
  /// set when the connection closed or timed out first.
  std::vector<std::string> read_reply(std::string& error);
  /// Sends `line` and CRLF; false with `error`.
  bool send_line(const std::string& line, std::string& error);
  /// The TLS handshake on the open connection; false with OpenSSL's reason in `error`.
  bool start_tls(const probe_tls& tls, std::string& error);
  /// "TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384" once TLS is up.
  [[nodiscard]] std::string tls_description() const;

 private:
  struct impl;
  explicit probe_connection(std::unique_ptr<impl> i);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::app
