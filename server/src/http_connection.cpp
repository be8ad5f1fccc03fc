#include "http_connection.hpp"

#include <boost/url/parse.hpp>
#include <chrono>

#include "client_address.hpp"
#include "creation_limit.hpp"
#include "debrief/protocol/access.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/templates.hpp"
#include "export_request.hpp"
#include "http_replies.hpp"
#include "hub.hpp"
#include "room.hpp"
#include "static_files.hpp"
#include "websocket_connection.hpp"

namespace debrief::server {

namespace {

namespace urls = boost::urls;

// The {code} in /api/sessions/{code}, and in /api/sessions/{code}/export.
std::string session_code(const urls::url_view& target) { return *std::next(target.segments().begin(), 2); }

// Why hub::open found no room.
protocol::rejection not_opened(const open_result& r) {
  if (r.unreadable) return {protocol::error_code::unavailable, "The session cannot be read right now; try again."};
  return {protocol::error_code::not_found, "There is no such session."};
}

http::message_generator file_response(const request& req, const std::filesystem::path& root,
                                      const urls::url_view& target) {
  const auto file = resolve_static(root, target);
  if (!file) return error_response(req, {protocol::error_code::not_found, "Nothing here."});
  http::file_body::value_type body;
  beast::error_code ec;
  body.open(file->c_str(), beast::file_mode::scan, ec);
  if (ec) {
    return error_response(
        req, {protocol::error_code::not_found, "The web client is not built (looked in " + root.string() + ")."});
  }
  const auto size = body.size();
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  res.set(http::field::content_type, mime_type(*file));
  // index.html names the bundle, so it must be revalidated every time.
  res.set(http::field::cache_control, file->filename() == "index.html" ? "no-cache" : "public, max-age=300");
  res.set("X-Content-Type-Options", "nosniff");
  res.content_length(size);
  res.keep_alive(req.keep_alive());
  return res;
}

nlohmann::json templates_json() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : protocol::builtin_templates()) list.push_back(t);
  return {{"templates", list}};
}

}  // namespace

http_connection::http_connection(tcp::socket&& socket, hub& rooms, const http_options& options,
                                 connection_count::place place)
    : stream_(std::move(socket)), hub_(rooms), options_(options), place_(std::move(place)) {
  beast::error_code ec;
  peer_ = stream_.socket().remote_endpoint(ec).address();
}

void http_connection::run() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_connection::read_next, shared_from_this()));
}

void http_connection::read_next() {
  parser_.emplace();
  parser_->body_limit(max_http_body_bytes);
  stream_.expires_after(std::chrono::seconds(30));
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_connection::on_read, shared_from_this()));
}

void http_connection::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) {
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  if (ec == http::error::body_limit) {
    request req;
    req.version(11);
    req.keep_alive(false);
    return respond(
        error_response(req, {protocol::error_code::too_large,
                             "The request body is over " + std::to_string(max_http_body_bytes / 1024) + " KiB."}));
  }
  if (ec) return;

  client_ = client_address(peer_, parser_->get(), options_.trusted_proxies);
  if (websocket::is_upgrade(parser_->get())) {
    auto req = parser_->release();
    // A query is allowed and ignored: ?i=<instance> is a proxy's routing hint.
    const auto target = urls::parse_origin_form(req.target());
    if (!target || target->encoded_path() != "/ws") {
      return respond(error_response(req, {protocol::error_code::not_found, "WebSockets live at /ws."}));
    }
    if (!origin_allowed(req)) {
      return respond(error_response(req, {protocol::error_code::forbidden, "This origin may not connect."}));
    }
    auto websocket_place = options_.connections->take_websocket(client_);
    if (!websocket_place) {
      metrics::get().refused(limit_hit::websockets_per_address);
      return respond(error_response(
          req, {protocol::error_code::rate_limited,
                "This address already holds " + std::to_string(options_.connections->max_websockets_per_address()) +
                    " connections; close some and try again."}));
    }
    stream_.expires_never();  // the WebSocket has timeouts of its own
    std::make_shared<websocket_connection>(stream_.release_socket(), hub_, client_, options_.timeouts,
                                           std::vector{std::move(place_), std::move(websocket_place)})
        ->run(std::move(req));
    return;
  }
  handle(parser_->release());
}

void http_connection::handle(request req) {
  const auto target = urls::parse_origin_form(req.target());
  if (!target) {
    return respond(error_response(req, {protocol::error_code::invalid,
                                        "The request target is malformed: a bad %-escape, or a character that must "
                                        "be escaped."}));
  }
  const std::string_view path = target->encoded_path();
  const bool read_only = req.method() == http::verb::get;
  if (path == "/metrics") return serve_metrics(req);
  if (options_.metrics_only) return respond(error_response(req, {protocol::error_code::not_found, "Nothing here."}));
  if (path == "/healthz") {
    if (!read_only) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
    // Alive, and nothing more: how busy the server is is nobody's business.
    return respond(json_response(req, http::status::ok, {{"status", "ok"}}));
  }
  if (path == "/readyz") {
    if (!read_only) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
    // Ready means changes can be stored: a load balancer sends no one here
    // while they cannot, and a monitor can alert on it.
    if (hub_.storage_available()) return respond(json_response(req, http::status::ok, {{"status", "ready"}}));
    return respond(error_response(
        req, {protocol::error_code::unavailable, "Storage cannot take writes right now; retrying by itself."}));
  }
  if (path == "/api/templates") {
    if (!read_only) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
    return respond(json_response(req, http::status::ok, templates_json()));
  }
  if (path == "/api/sessions") {
    if (req.method() != http::verb::post) {
      return respond(error_response(req, {protocol::error_code::invalid, "Use POST to create a session."}));
    }
    return create_session(std::move(req));
  }
  if (path.starts_with("/api/sessions/") && path.find('/', 14) == std::string_view::npos &&
      req.method() == http::verb::delete_) {
    auto code = session_code(*target);  // before the request (and the buffer `target` reads) moves
    return delete_session(std::move(req), std::move(code));
  }
  if (path.starts_with("/api/sessions/") && path.ends_with("/export")) {
    if (!read_only) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
    auto asked = read_export_request(target->params(), options_.zoneinfo);
    if (auto* why = std::get_if<protocol::rejection>(&asked)) return respond(error_response(req, *why));
    auto code = session_code(*target);
    return export_session(std::move(req), std::move(code), std::get<export_request>(std::move(asked)));
  }
  if (path == "/api/inquiries" || path.starts_with("/api/inquiries/")) return handle_inquiry(std::move(req));
  if (path == "/api/events" || path.starts_with("/api/events/")) return handle_event(std::move(req));
  if (path.starts_with("/api/")) {
    return respond(error_response(req, {protocol::error_code::not_found, "No such API route."}));
  }
  if (!read_only) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
  respond(file_response(req, options_.static_root, *target));
}

void http_connection::serve_metrics(const request& req) {
  const bool open_here = options_.metrics_only;
  if (!open_here && options_.metrics_token.empty()) {
    // Exactly what any other unknown path answers: nothing to find here.
    return respond(error_response(req, {protocol::error_code::not_found, "Nothing here."}));
  }
  if (!open_here) {
    const auto auth = std::string(req[http::field::authorization]);
    const bool bearer = auth.starts_with("Bearer ");
    if (!bearer || !protocol::secrets_equal(std::string_view(auth).substr(7), options_.metrics_token)) {
      auto res = json_reply(req, http::status::unauthorized,
                            error_body({protocol::error_code::forbidden, bearer ? "The metrics token is wrong."
                                                                                : "Send the metrics token as a "
                                                                                  "Bearer token."}));
      res.set(http::field::www_authenticate, "Bearer");
      return respond(std::move(res));
    }
  }
  if (req.method() != http::verb::get) return respond(error_response(req, {protocol::error_code::invalid, "Use GET."}));
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = metrics::get().render({hub_.loaded(), !hub_.storage_available()});
  res.prepare_payload();
  respond(std::move(res));
}

void http_connection::create_session(request req) {
  const auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return respond(error_response(req, {protocol::error_code::invalid, "Send a JSON object."}));
  }
  auto chosen = template_from(body);
  if (auto* why = std::get_if<protocol::rejection>(&chosen)) return respond(error_response(req, *why));
  auto tmpl = std::get<protocol::session_template>(std::move(chosen));
  if (body.contains("title") && !body.at("title").is_string()) {
    return respond(error_response(req, {protocol::error_code::invalid, "\"title\" must be a string."}));
  }
  const auto title = body.value("title", std::string{});
  // Counted only once the request would create something: a typo costs
  // nothing.
  if (auto refused = options_.creations->take(rate_key(client_))) {
    metrics::get().refused(limit_hit::session_creations);
    return respond(too_many_requests(req, *refused));
  }
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.create(tmpl, title, [self = shared_from_this(), shared_req](hub::create_result result) {
    net::post(self->stream_.get_executor(), [self, shared_req, result = std::move(result)] {
      if (auto* why = std::get_if<protocol::rejection>(&result)) {
        return self->respond(error_response(*shared_req, *why));
      }
      const auto& made = std::get<created_session>(result);
      self->respond(json_response(
          *shared_req, http::status::created,
          {{"session", made.code}, {"facilitator_key", made.facilitator_key}, {"join_path", "/s/" + made.code}}));
    });
  });
}

void http_connection::export_session(request req, std::string code, export_request wanted) {
  // The key travels in a header, never in the URL, so it stays out of logs.
  const auto auth = std::string(req[http::field::authorization]);
  if (!auth.starts_with("Bearer ")) {
    return respond(error_response(
        req, {protocol::error_code::forbidden, "Send the facilitator key or presenter token as a Bearer token."}));
  }
  auto shared_req = std::make_shared<request>(std::move(req));
  // The session may have to be read from disk first (an ended one usually is).
  hub_.open(code, [self = shared_from_this(), shared_req, wanted = std::move(wanted), key = auth.substr(7),
                   code](open_result r) mutable {
    net::post(self->stream_.get_executor(),
              [self, shared_req, r = std::move(r), wanted = std::move(wanted), key = std::move(key), code]() mutable {
                if (!r.r) return self->respond(error_response(*shared_req, not_opened(r)));
                self->export_from(std::move(r.r), shared_req, std::move(wanted), std::move(key), code);
              });
  });
}

void http_connection::export_from(std::shared_ptr<room> room, std::shared_ptr<request> shared_req,
                                  export_request wanted, std::string key, const std::string& code) {
  const auto format = wanted.format;
  room->export_as(format, std::move(wanted.zone), std::move(key),
                  [self = shared_from_this(), shared_req, format, code](export_result r) {
                    net::post(self->stream_.get_executor(), [self, shared_req, r = std::move(r), format, code] {
                      http::response<http::string_body> res{static_cast<http::status>(r.status), shared_req->version()};
                      res.set(http::field::content_type, r.content_type);
                      res.set(http::field::cache_control, "no-store");
                      // The page opens in a tab to print; the others download. The page is
                      // inert: no script, nothing fetched.
                      if (r.status == 200 && format != "html") {
                        res.set(http::field::content_disposition,
                                "attachment; filename=\"debrief-" + code + "." + format + "\"");
                      }
                      if (r.status == 200 && format == "html") {
                        res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                      }
                      res.keep_alive(shared_req->keep_alive());
                      res.body() = std::move(r.body);
                      res.prepare_payload();
                      self->respond(std::move(res));
                    });
                  });
}

void http_connection::delete_session(request req, std::string code) {
  const auto auth = std::string(req[http::field::authorization]);
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.open(code, [self = shared_from_this(), shared_req, auth, code](open_result r) {
    net::post(self->stream_.get_executor(), [self, shared_req, auth, code, r = std::move(r)] {
      if (!r.r) return self->respond(error_response(*shared_req, not_opened(r)));
      if (!auth.starts_with("Bearer ")) {
        return self->respond(error_response(
            *shared_req, {protocol::error_code::forbidden, "Only the facilitator can delete a session."}));
      }
      self->erase_room(r.r, shared_req, auth.substr(7), code);
    });
  });
}

void http_connection::erase_room(const std::shared_ptr<room>& room, const std::shared_ptr<request>& shared_req,
                                 std::string key, const std::string& code) {
  room->erase(std::move(key), [self = shared_from_this(), shared_req, code](std::optional<protocol::rejection> why) {
    net::post(self->stream_.get_executor(), [self, shared_req, code, why] {
      if (why) return self->respond(error_response(*shared_req, *why));
      self->hub_.remove(code);
      self->respond(json_response(*shared_req, http::status::ok, {{"deleted", code}}));
    });
  });
}

void http_connection::respond(http::message_generator response) {
  const bool keep_alive = response.keep_alive();
  beast::async_write(stream_, std::move(response),
                     beast::bind_front_handler(&http_connection::on_write, shared_from_this(), keep_alive));
}

void http_connection::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  if (!keep_alive) {
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  read_next();
}

bool http_connection::origin_allowed(const request& req) const {
  const auto origin = req[http::field::origin];
  if (origin.empty()) return true;  // not a browser: nothing for CSRF to ride on
  const auto host = req[http::field::host];
  if (origin == "http://" + std::string(host) || origin == "https://" + std::string(host)) return true;
  for (const auto& allowed : options_.allowed_origins) {
    if (origin == allowed) return true;
  }
  return false;
}

}  // namespace debrief::server
