// Addresses as exomock prints and records them: IPv4-mapped IPv6 peers shown
// as plain IPv4, IPv6 endpoints bracketed ("[::1]:2587").
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>

namespace exomock::net {

[[nodiscard]] std::string address_text(const boost::asio::ip::address& address);
/// "HOST:PORT", with brackets around an IPv6 host.
[[nodiscard]] std::string endpoint_text(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace exomock::net
