#include "app/probe_connection.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace exomock::app {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A reply line longer than this is not an SMTP server's (RFC 5321: 512 octets).
constexpr std::size_t longest_line = std::size_t{64} * 1024;

int tls_version_code(const std::string& v) {
  if (v == "1.0") {
    return TLS1_VERSION;
  }
  if (v == "1.1") {
    return TLS1_1_VERSION;
  }
  if (v == "1.3") {
    return TLS1_3_VERSION;
  }
  return TLS1_2_VERSION;
}

}  // namespace

struct probe_connection::impl {
  asio::io_context io;
  tcp::socket socket{io};
  asio::ssl::context context{asio::ssl::context::tls_client};
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls;
  asio::streambuf input{longest_line};
  std::chrono::milliseconds timeout{};

  // Runs the io_context until `done` or the time-out; on time-out the socket closes,
  // which ends the operation with operation_aborted.
  bool run(const bool& done, std::string& error) {
    io.restart();
    io.run_for(timeout);
    if (!done) {
      boost::system::error_code ignored;
      socket.close(ignored);
      io.restart();
      io.run();
      error = "timed out after " + std::to_string(timeout.count()) + " ms";
      return false;
    }
    return true;
  }

  template <typename Operation>
  bool step(Operation operation, std::string& error) {
    bool done = false;
    boost::system::error_code result;
    operation([&](const boost::system::error_code& ec, auto&&...) {
      result = ec;
      done = true;
    });
    if (!run(done, error)) {
      return false;
    }
    if (result) {
      error = result == asio::error::eof ? std::string("the server closed the connection")
                                         : result.message();
      return false;
    }
    return true;
  }
};

probe_connection::probe_connection(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
probe_connection::~probe_connection() = default;

std::unique_ptr<probe_connection> probe_connection::open(const std::string& host,
                                                         const std::string& port,
                                                         std::chrono::milliseconds timeout,
                                                         std::string& error) {
  auto i = std::make_unique<impl>();
  i->timeout = timeout;
  boost::system::error_code ec;
  const auto endpoints = tcp::resolver(i->io).resolve(host, port, ec);
  if (ec) {
    error = "cannot resolve " + host + ": " + ec.message();
    return nullptr;
  }
  auto* raw = i.get();
  const bool connected = raw->step(
      [&](auto handler) { asio::async_connect(raw->socket, endpoints, std::move(handler)); },
      error);
  if (!connected) {
    return nullptr;
  }
  return std::unique_ptr<probe_connection>(new probe_connection(std::move(i)));
}

std::vector<std::string> probe_connection::read_reply(std::string& error) {
  std::vector<std::string> lines;
  impl& s = *impl_;
  while (true) {
    const bool ok = s.step(
        [&](auto handler) {
          if (s.tls) {
            asio::async_read_until(*s.tls, s.input, '\n', std::move(handler));
          } else {
            asio::async_read_until(s.socket, s.input, '\n', std::move(handler));
          }
        },
        error);
    if (!ok) {
      return {};
    }
    std::istream in(&s.input);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    const bool last = line.size() < 4 || line[3] != '-';
    lines.push_back(std::move(line));
    if (last) {
      return lines;
    }
  }
}

bool probe_connection::send_line(const std::string& line, std::string& error) {
  impl& s = *impl_;
  const std::string wire = line + "\r\n";
  return s.step(
      [&](auto handler) {
        if (s.tls) {
          asio::async_write(*s.tls, asio::buffer(wire), std::move(handler));
        } else {
          asio::async_write(s.socket, asio::buffer(wire), std::move(handler));
        }
      },
      error);
}

bool probe_connection::start_tls(const probe_tls& tls, std::string& error) {
  impl& s = *impl_;
  SSL_CTX* ctx = s.context.native_handle();
  const int version = tls_version_code(tls.version);
  SSL_CTX_set_min_proto_version(ctx, tls.version.empty() ? TLS1_2_VERSION : version);
  SSL_CTX_set_max_proto_version(ctx, tls.version.empty() ? 0 : version);
  if (version < TLS1_2_VERSION) {
    SSL_CTX_set_security_level(ctx, 0);  // OpenSSL 3 offers TLS 1.0/1.1 only at level 0
  }
  if (tls.verify) {
    boost::system::error_code ec;
    if (tls.ca_file.empty()) {
      s.context.set_default_verify_paths(ec);
    } else {
      s.context.load_verify_file(tls.ca_file, ec);
    }
    if (ec) {
      error = "cannot load the CA certificates: " + ec.message();
      return false;
    }
    s.context.set_verify_mode(asio::ssl::verify_peer);
  }
  // Bytes that came before the handshake were sent in plaintext: never read them as TLS.
  s.input.consume(s.input.size());
  s.tls = std::make_unique<asio::ssl::stream<tcp::socket&>>(s.socket, s.context);
  SSL* ssl = s.tls->native_handle();
  SSL_set_tlsext_host_name(ssl, tls.server_name.c_str());
  if (tls.verify) {
    SSL_set1_host(ssl, tls.server_name.c_str());
  }
  const bool ok = s.step(
      [&](auto handler) {
        s.tls->async_handshake(asio::ssl::stream_base::client, std::move(handler));
      },
      error);
  if (!ok && tls.verify) {
    const long result = SSL_get_verify_result(ssl);
    if (result != X509_V_OK) {
      error = std::string("certificate not accepted: ") + X509_verify_cert_error_string(result);
    }
  }
  return ok;
}

std::string probe_connection::tls_description() const {
  if (!impl_->tls) {
    return "";
  }
  SSL* ssl = impl_->tls->native_handle();
  return std::string(SSL_get_version(ssl)) + " " + SSL_get_cipher_name(ssl);
}

}  // namespace exomock::app
