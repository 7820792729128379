// CIDR parsing and matching for Conditional Access locations and connectors.
#include "policy/ip_range.hpp"

#include <gtest/gtest.h>

namespace exomock::policy {
namespace {

TEST(ip_range, ipv4_ranges) {
  EXPECT_TRUE(range_contains("10.20.0.0/16", "10.20.255.1"));
  EXPECT_FALSE(range_contains("10.20.0.0/16", "10.21.0.1"));
  EXPECT_TRUE(range_contains("127.0.0.2/32", "127.0.0.2"));
  EXPECT_FALSE(range_contains("127.0.0.2/32", "127.0.0.1"));
  EXPECT_TRUE(range_contains("0.0.0.0/0", "198.51.100.7"));
  EXPECT_TRUE(range_contains("192.0.2.1", "192.0.2.1"));
}

TEST(ip_range, ipv6_and_mapped_addresses) {
  EXPECT_TRUE(range_contains("2001:db8::/32", "2001:db8:1::5"));
  EXPECT_FALSE(range_contains("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(range_contains("::1/128", "::1"));
  EXPECT_TRUE(range_contains("10.20.0.0/16", "::ffff:10.20.3.4"));
  EXPECT_FALSE(range_contains("10.0.0.0/8", "::1"));
}

TEST(ip_range, rejects_malformed_text) {
  for (const char* bad : {"", "10.20.0.0/33", "10.20.0/16", "256.1.1.1", "1.2.3.4/", "::1/129",
                          "1:2:3:4:5:6:7:8:9", "1::2::3", "abc", "10.0.0.0/8x"}) {
    EXPECT_FALSE(parse_ip_range(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace exomock::policy
