#pragma once
// Beast and Asio, compiled once in beast_impl.cpp (separate compilation) and
// precompiled as a header for every file of the generator.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace debrief::bench {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;
}  // namespace debrief::bench
