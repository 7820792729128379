// Textual forms of addresses and endpoints.
#include "net/endpoint_text.hpp"

namespace exomock::net {

std::string address_text(const boost::asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .to_string();
  }
  return address.to_string();
}

std::string endpoint_text(const boost::asio::ip::tcp::endpoint& endpoint) {
  const std::string host = address_text(endpoint.address());
  const bool bracket = host.find(':') != std::string::npos;
  return (bracket ? "[" + host + "]" : host) + ":" + std::to_string(endpoint.port());
}

}  // namespace exomock::net
