// Beast over a TCP stream, or over TLS on one, for a single request: the
// commands that call a running server need no keep-alive or concurrency.
#include "app/http_client.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cstdint>

#include "smtp/base64.hpp"

namespace exomock::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

bhttp::request<bhttp::string_body> beast_request(const server_url& server,
                                                 const client_access& access,
                                                 const http_call& call) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(call.method),
                                         server.prefix + call.target, 11};
  req.set(bhttp::field::host, server.host_header);
  req.set(bhttp::field::user_agent, "exomock");
  if (!access.bearer_token.empty()) {
    req.set(bhttp::field::authorization, "Bearer " + access.bearer_token);
  } else if (!access.basic_auth.empty()) {
    req.set(bhttp::field::authorization, "Basic " + smtp::base64_encode(access.basic_auth));
  }
  if (!call.body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = call.body;
  }
  req.prepare_payload();
  return req;
}

http_answer answer_of(const bhttp::response<bhttp::string_body>& res) {
  return {static_cast<int>(res.result_int()), std::string(res.reason()),
          std::string(res[bhttp::field::content_type]), res.body()};
}

template <class Stream>
http_answer exchange(Stream& stream, const bhttp::request<bhttp::string_body>& req) {
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::uint64_t{64} * 1024 * 1024);  // a scenario document or an audit page
  bhttp::read(stream, buffer, parser);
  return answer_of(parser.get());
}

http_answer send_tls(asio::io_context& io, const asio::ip::tcp::resolver::results_type& endpoints,
                     const server_url& server, const client_access& access,
                     const bhttp::request<bhttp::string_body>& req) {
  asio::ssl::context context(asio::ssl::context::tls_client);
  if (access.ca_file.empty()) {
    context.set_default_verify_paths();
  } else {
    context.load_verify_file(access.ca_file);
  }
  context.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  stream.set_verify_callback(asio::ssl::host_name_verification(server.host));
  boost::system::error_code not_an_address;
  asio::ip::make_address(server.host, not_an_address);
  // SNI carries host names only (RFC 6066 section 3), never an IP address.
  if (not_an_address &&
      SSL_set_tlsext_host_name(stream.native_handle(), server.host.c_str()) != 1) {
    throw beast::system_error(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
  }
  beast::get_lowest_layer(stream).connect(endpoints);
  stream.handshake(asio::ssl::stream_base::client);
  http_answer answer = exchange(stream, req);
  beast::error_code ignored;
  stream.shutdown(ignored);  // the server may close first: nothing to learn from it
  return answer;
}

}  // namespace

std::string server_url::origin() const {
  const bool v6 = host.find(':') != std::string::npos;
  return std::string(tls ? "https" : "http") + "://" + (v6 ? "[" + host + "]" : host) + ":" + port;
}

std::optional<server_url> parse_server_url(std::string_view text, std::string& error) {
  const auto url = boost::urls::parse_uri(text);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty() ||
      url->has_query() || url->has_fragment()) {
    error = "the server URL must be http://HOST:PORT or https://HOST:PORT, got '" +
            std::string(text) + "'";
    return std::nullopt;
  }
  if (url->has_userinfo()) {
    error = "the server URL may not hold a login: give it with --http-auth USER:PASSWORD";
    return std::nullopt;
  }
  server_url out;
  out.tls = url->scheme() == "https";
  out.host = url->host_address();  // an IPv6 address without its brackets
  out.port = url->has_port() ? std::string(url->port()) : (out.tls ? "443" : "80");
  out.host_header = url->encoded_host_and_port();
  out.prefix = url->encoded_path();
  while (!out.prefix.empty() && out.prefix.back() == '/') {
    out.prefix.pop_back();
  }
  return out;
}

std::optional<http_answer> send_http(const server_url& server, const client_access& access,
                                     const http_call& call, std::string& error) {
  const auto req = beast_request(server, access, call);
  try {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(server.host, server.port);
    if (server.tls) {
      return send_tls(io, endpoints, server, access, req);
    }
    beast::tcp_stream stream(io);
    stream.connect(endpoints);
    return exchange(stream, req);
  } catch (const boost::system::system_error& e) {
    // code().message(): what() adds the source location, of no use to a script's reader
    error = "cannot reach " + server.origin() + ": " + e.code().message();
    return std::nullopt;
  } catch (const std::exception& e) {
    error = "cannot reach " + server.origin() + ": " + e.what();
    return std::nullopt;
  }
}

}  // namespace exomock::app
