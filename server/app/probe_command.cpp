#include "app/probe_command.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <vector>

#include "app/duration_text.hpp"
#include "app/explain_command.hpp"
#include "app/probe_connection.hpp"
#include "smtp/base64.hpp"

namespace exomock::app {
namespace {

constexpr std::string_view masked = "********";

struct credentials {
  std::string password;
  std::string token;
};

// One run of the dialogue; every line it sends or reads goes to `out` as it happens.
class probe {
 public:
  probe(const probe_options& o, std::ostream& out) : o_(o), out_(out) {}

  int run(probe_connection& c, const credentials& secrets) {
    c_ = &c;
    if (o_.implicit_tls && !start_tls()) {
      return 1;
    }
    if (!expect(220) || !hello()) {
      return failed();
    }
    if (!c.tls_description().empty() || o_.no_starttls) {
      // already encrypted, or staying in plaintext as the device would
    } else if (offers("STARTTLS")) {
      if (!command("STARTTLS", 220) || !start_tls() || !hello()) {
        return failed();
      }
    } else {
      out_ << "*  the server does not offer STARTTLS: going on in plaintext\n";
    }
    if (!o_.user.empty() && !authenticate(secrets)) {
      return failed();
    }
    if (!o_.from.empty() && !send_message()) {
      return failed();
    }
    if (!command("QUIT", 221)) {
      return failed();
    }
    out_ << "*  probe succeeded\n";
    return 0;
  }

 private:
  bool start_tls() {
    probe_tls tls{o_.tls_version, o_.verify, o_.ca_file,
                  o_.server_name.empty() ? host_ : o_.server_name};
    std::string error;
    if (!c_->start_tls(tls, error)) {
      out_ << "*  TLS handshake failed: " << error << '\n';
      reply_.clear();  // the 220 before it is no failure to explain
      return false;
    }
    out_ << "*  TLS: " << c_->tls_description()
         << (o_.verify ? ", certificate verified" : ", certificate not verified (--verify)")
         << '\n';
    return true;
  }

  // Reads a reply and says whether its code is `code`.
  bool expect(int code) {
    std::string error;
    reply_ = c_->read_reply(error);
    if (reply_.empty()) {
      out_ << "*  " << error << '\n';
      return false;
    }
    for (const std::string& line : reply_) {
      out_ << "S: " << line << '\n';
    }
    return reply_.back().rfind(std::to_string(code) + " ", 0) == 0;
  }

  bool send(const std::string& line, std::string_view shown) {
    out_ << "C: " << shown << '\n';
    std::string error;
    if (!c_->send_line(line, error)) {
      out_ << "*  " << error << '\n';
      return false;
    }
    return true;
  }

  bool command(const std::string& line, int code) { return send(line, line) && expect(code); }

  bool hello() { return command("EHLO " + o_.ehlo, 250); }

  bool offers(std::string_view capability) const {
    for (const std::string& line : reply_) {
      if (line.size() > 4 && line.substr(4).rfind(capability, 0) == 0) {
        return true;
      }
    }
    return false;
  }

  bool authenticate(const credentials& secrets) {
    if (!secrets.token.empty()) {
      const std::string sasl =
          "user=" + o_.user + "\x01" + "auth=Bearer " + secrets.token + "\x01\x01";
      return send("AUTH XOAUTH2 " + smtp::base64_encode(sasl),
                  "AUTH XOAUTH2 " + std::string(masked)) &&
             expect(235);
    }
    return command("AUTH LOGIN", 334) &&
           send(smtp::base64_encode(o_.user), std::string(masked) + " (the user name)") &&
           expect(334) &&
           send(smtp::base64_encode(secrets.password), std::string(masked) + " (the password)") &&
           expect(235);
  }

  bool send_message() {
    if (!command("MAIL FROM:<" + o_.from + ">", 250) || !command("RCPT TO:<" + o_.to + ">", 250) ||
        !command("DATA", 354)) {
      return false;
    }
    const std::string message = "From: " + o_.from + "\r\nTo: " + o_.to +
                                "\r\nSubject: exomock probe\r\n\r\n"
                                "A test message sent by exomock probe.\r\n.";
    out_ << "C: <message: " << message.size() - 1 << " octets>\n";
    std::string error;
    if (!c_->send_line(message, error)) {
      out_ << "*  " << error << '\n';
      return false;
    }
    return expect(250);
  }

  // The transcript is printed; the failing reply, if there was one, explained.
  int failed() {
    if (!reply_.empty()) {
      out_ << "\nexplain:\n";
      explain_options explain;
      explain.words = {reply_.back()};
      std::istringstream none;
      (void)run_explain(explain, none, out_);
    }
    out_ << "*  probe failed\n";
    return 1;
  }

 public:
  std::string host_;

 private:
  const probe_options& o_;
  std::ostream& out_;
  probe_connection* c_ = nullptr;
  std::vector<std::string> reply_;
};

std::optional<credentials> read_secrets(const probe_options& o, std::ostream& err) {
  credentials c;
  if (o.user.empty()) {
    return c;
  }
  if (!o.token_file.empty()) {
    std::ifstream in(o.token_file, std::ios::binary);
    std::getline(in, c.token);
    while (!c.token.empty() && (c.token.back() == '\r' || c.token.back() == ' ')) {
      c.token.pop_back();
    }
    if (c.token.empty()) {
      err << "exomock probe: no token in " << o.token_file << '\n';
      return std::nullopt;
    }
    return c;
  }
  const char* value = o.password_env.empty() ? nullptr : std::getenv(o.password_env.c_str());
  if (value == nullptr) {
    err << "exomock probe: --user needs --password-env VAR (a set variable) or --token-file F\n";
    return std::nullopt;
  }
  c.password = value;
  return c;
}

}  // namespace

CLI::App* add_probe_command(CLI::App& app, probe_options& options) {
  CLI::App* p = app.add_subcommand(
      "probe",
      "Test an SMTP submission server as a device would: the dialogue, masked, and an "
      "explanation of any failure");
  p->add_option("--server", options.server, "HOST:PORT to connect to")->required();
  p->add_option("--user", options.user,
                "Sign in as this user (AUTH LOGIN, or XOAUTH2 with a token)");
  p->add_option("--password-env", options.password_env,
                "The environment variable that holds the password (never a command-line value)");
  p->add_option("--token-file", options.token_file,
                "A file holding an OAuth access token: AUTH XOAUTH2");
  p->add_option("--tls-version", options.tls_version,
                "Only this TLS version (default 1.2 or later)")
      ->check(CLI::IsMember({"1.0", "1.1", "1.2", "1.3"}));
  p->add_flag("--implicit-tls", options.implicit_tls, "TLS from the first byte (port 465 style)");
  p->add_flag("--no-starttls", options.no_starttls, "Stay in plaintext, as a device with TLS off");
  p->add_flag("--verify", options.verify, "Check the server's certificate and host name");
  p->add_option("--ca-file", options.ca_file, "With --verify: the CA certificates (PEM)");
  p->add_option("--server-name", options.server_name, "SNI and the checked name (default: HOST)");
  p->add_option("--from", options.from, "Send a test message from this address (needs --to)");
  p->add_option("--to", options.to, "... to this address");
  p->add_option("--ehlo", options.ehlo, "The EHLO name")->capture_default_str();
  p->add_option("--timeout", options.timeout, "Longest wait for each step, e.g. 10s")
      ->capture_default_str();
  return p;
}

int run_probe(const probe_options& options, std::ostream& out, std::ostream& err) {
  const auto colon = options.server.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == options.server.size()) {
    err << "exomock probe: --server wants HOST:PORT\n";
    return 2;
  }
  if (options.from.empty() != options.to.empty()) {
    err << "exomock probe: --from and --to go together\n";
    return 2;
  }
  const auto timeout = parse_duration(options.timeout);
  if (!timeout || timeout->count() <= 0) {
    err << "exomock probe: --timeout wants a duration above 0, e.g. 10s\n";
    return 2;
  }
  const auto secrets = read_secrets(options, err);
  if (!secrets) {
    return 2;
  }
  std::string host = options.server.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = options.server.substr(colon + 1);
  out << "*  connecting to " << options.server << '\n';
  std::string error;
  auto connection = probe_connection::open(host, port, *timeout, error);
  if (!connection) {
    out << "*  cannot connect: " << error << '\n' << "*  probe failed\n";
    return 1;
  }
  probe p(options, out);
  p.host_ = host;
  return p.run(*connection, *secrets);
}

}  // namespace exomock::app
