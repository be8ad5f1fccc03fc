#pragma once
// Where a request comes from, for the limits that count per client.

#include <string>
#include <vector>

#include "beast.hpp"

namespace debrief::server {

// The socket's peer; but when the peer is one of our own reverse proxies,
// the client it reports: the right-most X-Forwarded-For address, the only
// one the proxy itself wrote (those left of it are the client's own claims).
// Falls back to the peer when the header is absent or unparsable.
net::ip::address client_address(const net::ip::address& peer, const http::fields& headers,
                                const std::vector<net::ip::address>& trusted_proxies);

// An IPv4-mapped IPv6 address as the IPv4 address it is, so that one client
// has one spelling whichever socket family it came in on.
net::ip::address unmapped(const net::ip::address& a);

// What per-address limits count by: an IPv4 address, or an IPv6 /64 (one
// host is usually handed a whole /64 and can use any address in it).
std::string rate_key(const net::ip::address& a);

}  // namespace debrief::server
