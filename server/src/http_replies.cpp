#include "http_replies.hpp"

namespace debrief::server {

http::response<http::string_body> json_reply(const request& req, http::status status, const nlohmann::json& body) {
  http::response<http::string_body> res{status, req.version()};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = body.dump();
  res.prepare_payload();
  return res;
}

http::message_generator json_response(const request& req, http::status status, const nlohmann::json& body) {
  return json_reply(req, status, body);
}

http::status status_for(protocol::error_code code) {
  using protocol::error_code;
  switch (code) {
    case error_code::not_found: return http::status::not_found;
    case error_code::too_large: return http::status::payload_too_large;
    case error_code::unavailable: return http::status::service_unavailable;
    case error_code::forbidden: return http::status::forbidden;
    case error_code::conflict: return http::status::conflict;
    case error_code::internal: return http::status::internal_server_error;
    case error_code::rate_limited: return http::status::too_many_requests;
    default: return http::status::bad_request;
  }
}

nlohmann::json error_body(const protocol::rejection& why) {
  return {{"error", {{"code", protocol::to_string(why.code)}, {"message", why.message}}}};
}

http::response<http::string_body> error_reply(const request& req, const protocol::rejection& why) {
  return json_reply(req, status_for(why.code), error_body(why));
}

http::message_generator error_response(const request& req, const protocol::rejection& why) {
  return json_response(req, status_for(why.code), error_body(why));
}

http::message_generator too_many_requests(const request& req, const creation_refused& why) {
  auto res = json_reply(req, status_for(protocol::error_code::rate_limited),
                        error_body({protocol::error_code::rate_limited, why.message}));
  res.set(http::field::retry_after, std::to_string(why.retry_after));
  return res;
}

std::variant<protocol::session_template, protocol::rejection> template_from(const nlohmann::json& body) {
  using protocol::error_code;
  if (body.contains("template") && body.at("template").is_string()) {
    const auto* builtin = protocol::find_builtin_template(body.at("template").get<std::string>());
    if (builtin == nullptr) {
      return protocol::rejection{error_code::not_found,
                                 "There is no template \"" + body.at("template").get<std::string>() + "\"."};
    }
    return *builtin;
  }
  if (body.contains("template") && body.at("template").is_object()) {
    auto parsed = protocol::parse_template(body.at("template"));
    if (auto* bad = std::get_if<protocol::template_error>(&parsed)) {
      return protocol::rejection{error_code::invalid,
                                 "The template is not valid: /template" + bad->field + " " + bad->message + "."};
    }
    return std::get<protocol::session_template>(std::move(parsed));
  }
  return protocol::rejection{error_code::invalid, "\"template\" must name a template or be a template object."};
}

}  // namespace debrief::server
