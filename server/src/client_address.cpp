#include "client_address.hpp"

#include <algorithm>
#include <string_view>

namespace debrief::server {

namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The last entry of the last X-Forwarded-For field: repeated fields read as
// one comma-separated list in order (RFC 9110, 5.3).
std::string_view right_most_forwarded(const http::fields& headers) {
  std::string_view last;
  for (auto [it, end] = headers.equal_range("X-Forwarded-For"); it != end; ++it) last = it->value();
  const auto comma = last.rfind(',');
  return trimmed(comma == std::string_view::npos ? last : last.substr(comma + 1));
}

}  // namespace

net::ip::address unmapped(const net::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
  return a;
}

net::ip::address client_address(const net::ip::address& peer, const http::fields& headers,
                                const std::vector<net::ip::address>& trusted_proxies) {
  const auto from = unmapped(peer);
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), from) == trusted_proxies.end()) return from;
  boost::system::error_code ec;
  const auto forwarded = net::ip::make_address(right_most_forwarded(headers), ec);
  return ec ? from : unmapped(forwarded);
}

std::string rate_key(const net::ip::address& a) {
  const auto plain = unmapped(a);
  if (plain.is_v4()) return plain.to_string();
  auto bytes = plain.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return net::ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace debrief::server
