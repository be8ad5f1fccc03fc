#pragma once
// The JSON API's answers: a body with no-store caching, and every refusal
// as {"error": {"code", "message"}} with the status its code maps to.

#include <nlohmann/json.hpp>
#include <variant>

#include "beast.hpp"
#include "creation_limit.hpp"
#include "debrief/protocol/rejection.hpp"
#include "debrief/protocol/templates.hpp"

namespace debrief::server {

using request = http::request<http::string_body>;

http::response<http::string_body> json_reply(const request& req, http::status status, const nlohmann::json& body);
http::message_generator json_response(const request& req, http::status status, const nlohmann::json& body);
http::status status_for(protocol::error_code code);
nlohmann::json error_body(const protocol::rejection& why);
http::message_generator error_response(const request& req, const protocol::rejection& why);
http::response<http::string_body> error_reply(const request& req, const protocol::rejection& why);
// 429 with Retry-After.
http::message_generator too_many_requests(const request& req, const creation_refused& why);

// The "template" of a request body: a built-in template's id, or a whole
// template of the user's own; or why not.
std::variant<protocol::session_template, protocol::rejection> template_from(const nlohmann::json& body);

}  // namespace debrief::server
