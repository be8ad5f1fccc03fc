// How a request's client address is found, and what per-address limits count by.

#include "client_address.hpp"

#include <gtest/gtest.h>

namespace debrief::server {
namespace {

TEST(ClientAddress, IsThePeerUnlessThePeerIsATrustedProxy) {
  const auto peer = net::ip::make_address("198.51.100.7");
  const auto proxy = net::ip::make_address("10.0.0.2");
  http::fields h;
  h.insert("X-Forwarded-For", "203.0.113.9");
  EXPECT_EQ(client_address(peer, h, {proxy}), peer);
  EXPECT_EQ(client_address(proxy, h, {proxy}), net::ip::make_address("203.0.113.9"));
}

TEST(ClientAddress, BehindAProxyIsTheRightMostForwardedAddress) {
  const auto proxy = net::ip::make_address("10.0.0.2");
  http::fields h;
  // The left entries are whatever the client claimed; the proxy appended the last.
  h.insert("X-Forwarded-For", "127.0.0.1, 192.0.2.1");
  h.insert("X-Forwarded-For", "198.51.100.3 ,  203.0.113.9 ");
  EXPECT_EQ(client_address(proxy, h, {proxy}), net::ip::make_address("203.0.113.9"));
}

TEST(ClientAddress, FallsBackToTheProxyWhenTheHeaderIsMissingOrUnparsable) {
  const auto proxy = net::ip::make_address("10.0.0.2");
  EXPECT_EQ(client_address(proxy, {}, {proxy}), proxy);
  for (const auto* value : {"", "unknown", "203.0.113.9:4711", "203.0.113.9,", "[2001:db8::1]"}) {
    http::fields h;
    h.insert("X-Forwarded-For", value);
    EXPECT_EQ(client_address(proxy, h, {proxy}), proxy) << value;
  }
}

TEST(ClientAddress, AnIpv4MappedPeerIsItsIpv4Address) {
  const auto proxy = net::ip::make_address("10.0.0.2");
  http::fields h;
  h.insert("X-Forwarded-For", "::ffff:203.0.113.9");
  EXPECT_EQ(client_address(net::ip::make_address("::ffff:10.0.0.2"), h, {proxy}), net::ip::make_address("203.0.113.9"));
}

TEST(RateKey, CountsIpv4ByAddressAndIpv6ByItsSlash64) {
  EXPECT_EQ(rate_key(net::ip::make_address("203.0.113.9")), "203.0.113.9");
  EXPECT_EQ(rate_key(net::ip::make_address("::ffff:203.0.113.9")), "203.0.113.9");
  EXPECT_EQ(rate_key(net::ip::make_address("2001:db8:1:2:aaaa::1")),
            rate_key(net::ip::make_address("2001:db8:1:2::99")));
  EXPECT_NE(rate_key(net::ip::make_address("2001:db8:1:2::1")), rate_key(net::ip::make_address("2001:db8:1:3::1")));
}

}  // namespace
}  // namespace debrief::server
