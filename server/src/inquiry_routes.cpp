// The inquiry routes of the JSON API (PROTOCOL.md, "Inquiries"):
//   POST   /api/inquiries                      a session starts an inquiry
//   GET    /api/inquiries/{id}                 the inquiry page's story
//   POST   /api/inquiries/{id}/sessions        its next session
//   GET    /api/inquiries/{id}/export?format=  md, html, json or ics
//   DELETE /api/inquiries/{id}                 it and all its sessions
// Every key travels as a Bearer token, never in the URL. Whatever the disk
// holds is read on the reader thread; the network thread only parses and
// answers.

#include <boost/url/parse.hpp>

#include "client_address.hpp"
#include "creation_limit.hpp"
#include "debrief/protocol/calendar.hpp"
#include "debrief/protocol/inquiry.hpp"
#include "http_connection.hpp"
#include "http_replies.hpp"
#include "hub.hpp"
#include "inquiries.hpp"
#include "log.hpp"
#include "room.hpp"
#include "secrets.hpp"

namespace debrief::server {

namespace {

namespace urls = boost::urls;
using protocol::error_code;
using protocol::rejection;

const rejection no_key{error_code::forbidden, "Send the inquiry key as a Bearer token."};

// The Bearer token of the request, or empty.
std::string bearer_of(const request& req) {
  const auto auth = std::string(req[http::field::authorization]);
  return auth.starts_with("Bearer ") ? auth.substr(7) : std::string{};
}

std::variant<nlohmann::json, rejection> json_object_of(const request& req) {
  auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return rejection{error_code::invalid, "Send a JSON object."};
  return body;
}

// An optional string field: absent is empty.
std::variant<std::string, rejection> optional_string(const nlohmann::json& body, const char* field) {
  if (!body.contains(field)) return std::string{};
  if (!body.at(field).is_string()) {
    return rejection{error_code::invalid, "\"" + std::string(field) + "\" must be a string."};
  }
  return body.at(field).get<std::string>();
}

// What a finished inquiry export is sent as.
http::response<http::string_body> export_reply(const request& req, const std::string& format, std::string body) {
  http::response<http::string_body> res{http::status::ok, req.version()};
  const char* type = format == "json"   ? "application/json"
                     : format == "html" ? "text/html; charset=utf-8"
                     : format == "ics"  ? "text/calendar; charset=utf-8"
                                        : "text/markdown; charset=utf-8";
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  // As a session's: the page opens in a tab to print and is inert; the others download.
  if (format == "html") {
    res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  } else {
    res.set(http::field::content_disposition, "attachment; filename=\"debrief-inquiry." + format + "\"");
  }
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace

void http_connection::handle_inquiry(request req) {
  const auto target = urls::parse_origin_form(req.target());
  std::vector<std::string> parts;
  for (const auto segment : target->segments()) parts.push_back(segment);
  const auto method = req.method();
  // parts: "api", "inquiries", then the id and what of it.
  if (parts.size() == 2) {
    if (method != http::verb::post) {
      return respond(error_response(req, {error_code::invalid, "Use POST to create an inquiry."}));
    }
    return create_inquiry(std::move(req));
  }
  if (parts.size() < 3 || parts.size() > 4 || (parts.size() == 4 && parts[3] != "sessions" && parts[3] != "export")) {
    return respond(error_response(req, {error_code::not_found, "No such API route."}));
  }
  auto id = parts[2];
  if (parts.size() == 3 && method == http::verb::get) return show_inquiry(std::move(req), std::move(id));
  if (parts.size() == 3 && method == http::verb::delete_) return delete_inquiry(std::move(req), std::move(id));
  if (parts.size() == 3) return respond(error_response(req, {error_code::invalid, "Use GET or DELETE."}));
  if (parts[3] == "sessions") {
    if (method != http::verb::post) {
      return respond(error_response(req, {error_code::invalid, "Use POST to add a session to the inquiry."}));
    }
    return add_inquiry_session(std::move(req), std::move(id));
  }
  if (method != http::verb::get) return respond(error_response(req, {error_code::invalid, "Use GET."}));
  auto asked = read_export_request(target->params(), options_.zoneinfo);
  if (auto* why = std::get_if<rejection>(&asked)) return respond(error_response(req, *why));
  export_inquiry(std::move(req), std::move(id), std::get<export_request>(std::move(asked)));
}

http_connection::reply_fn http_connection::replier() {
  return [self = shared_from_this()](http::response<http::string_body> res) {
    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
  };
}

void http_connection::with_inquiry(request req, std::string id, inquiry_job job) {
  auto key = bearer_of(req);
  if (key.empty()) return respond(error_response(req, no_key));
  // Not an id's form: nothing to look up.
  if (!secrets::is_inquiry_id(id)) {
    return respond(error_response(req, {error_code::not_found, "There is no such inquiry."}));
  }
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.reads().post([shared_req, id = std::move(id), key = std::move(key), job = std::move(job),
                     reply = replier()](storage::database& db) {
    try {
      auto opened = inquiries::open(db, id, key);
      if (auto* why = std::get_if<rejection>(&opened)) return reply(error_reply(*shared_req, *why));
      job(db, std::get<storage::stored_inquiry>(opened), shared_req, reply);
    } catch (const std::exception& e) {
      log_event(log_level::error, "inquiry_read_failed", "an inquiry could not be read",
                {{"inquiry", inquiry_ref(id)}, {"error", e.what()}});
      reply(error_reply(*shared_req, {error_code::unavailable, "The inquiry cannot be read right now; try again."}));
    }
  });
}

void http_connection::create_inquiry(request req) {
  auto parsed = json_object_of(req);
  if (auto* why = std::get_if<rejection>(&parsed)) return respond(error_response(req, *why));
  const auto& body = std::get<nlohmann::json>(parsed);
  if (!body.contains("session") || !body.at("session").is_string()) {
    return respond(error_response(req, {error_code::invalid, "\"session\" must be the code of the session."}));
  }
  auto title = optional_string(body, "title");
  if (auto* why = std::get_if<rejection>(&title)) return respond(error_response(req, *why));
  std::vector<std::string> learners;
  const auto listed = body.value("learners", nlohmann::json());
  if (!listed.is_array() || !std::all_of(listed.begin(), listed.end(), [](const auto& l) { return l.is_string(); })) {
    return respond(
        error_response(req, {error_code::invalid, "\"learners\" must be a list of the focal learners' pseudonyms."}));
  }
  for (const auto& l : listed) learners.push_back(l.get<std::string>());
  auto cleaned = inquiries::clean_names(std::get<std::string>(title), learners);
  if (auto* why = std::get_if<rejection>(&cleaned)) return respond(error_response(req, *why));
  auto& names = std::get<inquiries::inquiry_names>(cleaned);
  const auto key = bearer_of(req);
  if (key.empty()) {
    return respond(error_response(
        req, {error_code::forbidden, "Send the session's facilitator key or presenter token as a Bearer token."}));
  }
  if (auto refused = options_.creations->take(rate_key(client_))) {
    metrics::get().refused(limit_hit::session_creations);
    return respond(too_many_requests(req, *refused));
  }
  const auto code = body.at("session").get<std::string>();
  storage::inquiry_record inquiry{secrets::inquiry_id(), secrets::key(), std::move(names.title),
                                  inquiries::learners_text(names.learners), hub_.clock()()};
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.open(code, [shared_req, key, inquiry = std::move(inquiry), reply = replier()](open_result opened) mutable {
    if (!opened.r) {
      return reply(error_reply(*shared_req, opened.unreadable
                                                ? rejection{error_code::unavailable,
                                                            "The session cannot be read right now; try "
                                                            "again."}
                                                : rejection{error_code::not_found, "There is no such session."}));
    }
    opened.r->start_inquiry(key, std::move(inquiry), [shared_req, reply](auto result) {
      if (auto* why = std::get_if<rejection>(&result)) return reply(error_reply(*shared_req, *why));
      const auto& made = std::get<storage::inquiry_record>(result);
      reply(json_reply(*shared_req, http::status::created,
                       {{"inquiry", made.id}, {"inquiry_key", made.key}, {"position", 1}, {"title", made.title}}));
    });
  });
}

void http_connection::show_inquiry(request req, std::string id) {
  with_inquiry(std::move(req), std::move(id),
               [now = hub_.clock()()](storage::database& db, const storage::stored_inquiry& stored,
                                      const std::shared_ptr<request>& req, const reply_fn& reply) {
                 const auto whole = inquiries::read(db, stored);
                 reply(json_reply(*req, http::status::ok, protocol::export_json(whole.info, whole.sessions, now)));
               });
}

void http_connection::export_inquiry(request req, std::string id, export_request wanted) {
  with_inquiry(
      std::move(req), std::move(id),
      [now = hub_.clock()(), wanted = std::move(wanted)](storage::database& db, const storage::stored_inquiry& stored,
                                                         const std::shared_ptr<request>& req, const reply_fn& reply) {
        const auto whole = inquiries::read(db, stored);
        const auto& f = wanted.format;
        std::string body = f == "json"   ? protocol::export_json(whole.info, whole.sessions, now, wanted.zone).dump(2)
                           : f == "html" ? protocol::export_html(whole.info, whole.sessions, now, wanted.zone)
                           : f == "ics"  ? protocol::inquiry_calendar(whole.info, whole.sessions, now)
                                         : protocol::export_markdown(whole.info, whole.sessions, now, wanted.zone);
        reply(export_reply(*req, f, std::move(body)));
      });
}

void http_connection::add_inquiry_session(request req, std::string id) {
  auto parsed = json_object_of(req);
  if (auto* why = std::get_if<rejection>(&parsed)) return respond(error_response(req, *why));
  const auto& body = std::get<nlohmann::json>(parsed);
  auto chosen = template_from(body);
  if (auto* why = std::get_if<rejection>(&chosen)) return respond(error_response(req, *why));
  auto title = optional_string(body, "title");
  if (auto* why = std::get_if<rejection>(&title)) return respond(error_response(req, *why));
  auto date = optional_string(body, "date");
  if (auto* why = std::get_if<rejection>(&date)) return respond(error_response(req, *why));
  if (bearer_of(req).empty()) return respond(error_response(req, no_key));
  if (auto refused = options_.creations->take(rate_key(client_))) {
    metrics::get().refused(limit_hit::session_creations);
    return respond(too_many_requests(req, *refused));
  }
  with_inquiry(
      std::move(req), std::move(id),
      [&rooms = hub_, tmpl = std::get<protocol::session_template>(std::move(chosen)),
       title = std::get<std::string>(std::move(title)),
       date = std::get<std::string>(std::move(date))](storage::database& db, const storage::stored_inquiry& stored,
                                                      const std::shared_ptr<request>& req, const reply_fn& reply) {
        const auto whole = inquiries::read(db, stored);
        const auto position = whole.last_position + 1;
        inquiry_link link{{whole.info.id, position},
                          {date, whole.info.learners, protocol::carry_forward(whole.sessions, protocol::utc_zone())}};
        rooms.create(
            tmpl, title,
            [req, reply, position](hub::create_result result) {
              if (auto* why = std::get_if<rejection>(&result)) return reply(error_reply(*req, *why));
              const auto& made = std::get<created_session>(result);
              reply(json_reply(*req, http::status::created,
                               {{"session", made.code},
                                {"facilitator_key", made.facilitator_key},
                                {"join_path", "/s/" + made.code},
                                {"position", position}}));
            },
            std::move(link));
      });
}

void http_connection::delete_inquiry(request req, std::string id) {
  with_inquiry(
      std::move(req), std::move(id),
      [&rooms = hub_](storage::database&, const storage::stored_inquiry& stored, const std::shared_ptr<request>& req,
                      const reply_fn& reply) {
        // Closing everyone first would leave sessions that cannot be used yet are still on disk.
        if (!rooms.storage_available()) {
          return reply(error_reply(*req, {error_code::unavailable, "The inquiry could not be deleted; try again."}));
        }
        std::vector<std::string> sessions;
        for (const auto& s : stored.sessions) sessions.push_back(s.session);
        const auto id = stored.record.id;
        rooms.erase_inquiry(id, sessions, "This session was deleted with its inquiry.",
                            [req, reply, id, count = sessions.size()](const std::optional<std::string>& error) {
                              if (error) {
                                log_event(log_level::error, "inquiry_delete_failed", "deleting an inquiry failed",
                                          {{"inquiry", inquiry_ref(id)}, {"error", *error}});
                                return reply(error_reply(
                                    *req, {error_code::unavailable, "The inquiry could not be deleted; try again."}));
                              }
                              log_event(log_level::info, "inquiry_deleted",
                                        "an inquiry was deleted with all its sessions",
                                        {{"inquiry", inquiry_ref(id)}, {"sessions", count}});
                              reply(json_reply(*req, http::status::ok, {{"deleted", id}}));
                            });
      });
}

}  // namespace debrief::server
