// `exomock probe`: a client-side tester in the spirit of Send-MailMessage, swaks and
// the Remote Connectivity Analyzer. It runs the submission dialogue against the server
// given (the one place exomock connects out, and only there), prints the transcript with
// secrets masked, explains a failure as `exomock explain` does, and exits 1 on failure.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

namespace exomock::app {

struct probe_options {
  std::string server;         ///< HOST:PORT
  std::string user;           ///< "" : no AUTH
  std::string password_env;   ///< the variable that holds the password
  std::string token_file;     ///< a file that holds an OAuth access token (AUTH XOAUTH2)
  std::string tls_version;    ///< "1.0" ... "1.3"; "" : 1.2 or later
  bool implicit_tls = false;  ///< TLS from the first byte (port 465 style)
  bool no_starttls = false;   ///< stay in plaintext, as a device with TLS off
  bool verify = false;        ///< check the certificate and the host name
  std::string ca_file;
  std::string server_name;  ///< SNI and the name checked; default: HOST
  std::string from;
  std::string to;
  std::string ehlo = "exomock-probe";
  std::string timeout = "30s";
};

CLI::App* add_probe_command(CLI::App& app, probe_options& options);
/// 0 when every step succeeded; 1 on a refusal or a broken connection; 2 for bad options.
int run_probe(const probe_options& options, std::ostream& out, std::ostream& err);

}  // namespace exomock::app
