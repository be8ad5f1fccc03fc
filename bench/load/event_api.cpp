#include "event_api.hpp"

#include <nlohmann/json.hpp>

namespace debrief::bench {

namespace {

using outcome = std::variant<created_event, std::string>;

outcome parse_answer(const http::response<http::string_body>& res, std::size_t rooms) {
  if (res.result() != http::status::created) {
    return "POST /api/events answered " + std::to_string(res.result_int()) + ": " + res.body().substr(0, 300);
  }
  const auto body = nlohmann::json::parse(res.body(), nullptr, false);
  if (!body.is_object() || !body.contains("event") || !body.contains("host_key") || !body.contains("rooms") ||
      !body.at("rooms").is_array() || body.at("rooms").size() != rooms) {
    return "POST /api/events answered an unexpected body: " + res.body().substr(0, 300);
  }
  created_event out{body.at("event").get<std::string>(), body.at("host_key").get<std::string>(), {}};
  for (const auto& room : body.at("rooms")) {
    if (!room.contains("session") || !room.contains("facilitator_key")) {
      return "POST /api/events answered a room without session or facilitator_key: " + room.dump();
    }
    out.rooms.push_back({room.at("session").get<std::string>(), room.at("facilitator_key").get<std::string>()});
  }
  return out;
}

}  // namespace

net::awaitable<outcome> create_event(const event_api_config& cfg) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_after(std::chrono::seconds(10));
  auto [connected] = co_await stream.async_connect(cfg.server, net::as_tuple(net::use_awaitable));
  if (connected) co_return "connect to POST /api/events: " + connected.message();

  http::request<http::string_body> req{http::verb::post, "/api/events", 11};
  req.set(http::field::host, cfg.host);
  req.set(http::field::content_type, "application/json");
  req.body() = nlohmann::json{{"template", cfg.template_id}, {"title", cfg.title}, {"rooms", cfg.rooms}}.dump();
  req.prepare_payload();
  // A thousand rooms are one write batch on the server: allow it time.
  stream.expires_after(std::chrono::seconds(120));
  [[maybe_unused]] auto [written, sent_bytes] =
      co_await http::async_write(stream, req, net::as_tuple(net::use_awaitable));
  if (written) co_return "POST /api/events: " + written.message();

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  [[maybe_unused]] auto [read, read_bytes] =
      co_await http::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
  if (read) co_return "reading POST /api/events: " + read.message();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return parse_answer(parser.get(), cfg.rooms);
}

}  // namespace debrief::bench
