// The event routes of the JSON API (PROTOCOL.md, "Events (many rooms)"):
//   POST   /api/events                       an event with all its rooms
//   GET    /api/events/{id}                  its rooms (the console, the join sheet)
//   POST   /api/events/{id}/actions          a host action on some or all rooms
//   GET    /api/events/{id}/export?format=   md, html, json, or the one-page summary
//   DELETE /api/events/{id}?rooms=           it with its rooms, or keeping them
// The host key travels as a Bearer token, never in the URL; an unknown event
// is refused exactly as a wrong key. Whatever the disk holds is read on the
// reader thread and every write goes through the writer.

#include <boost/url/parse.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "client_address.hpp"
#include "creation_limit.hpp"
#include "debrief/protocol/access.hpp"
#include "debrief/protocol/event_export.hpp"
#include "debrief/protocol/host.hpp"
#include "debrief/protocol/limits.hpp"
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
using protocol::limits::max_event_rooms;
using reply_fn = std::function<void(http::response<http::string_body>)>;
using shared_request = std::shared_ptr<request>;

const rejection wrong_key{error_code::forbidden, "The event or its host key is wrong."};

std::string bearer_of(const request& req) {
  const auto auth = std::string(req[http::field::authorization]);
  return auth.starts_with("Bearer ") ? auth.substr(7) : std::string{};
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos; }

// A room's or an event's title, cleaned as a session's title is (trimmed,
// one line, at most max_title_chars), and never empty.
std::variant<std::string, rejection> clean_title(const std::string& text, const std::string& what) {
  if (blank(text)) return rejection{error_code::invalid, what + " is empty; give it a name."};
  auto made = protocol::create_session({}, text, {}, 0, {});
  if (auto* why = std::get_if<rejection>(&made)) return rejection{why->code, what + ": " + why->message};
  return std::get<protocol::evt::session_created>(std::move(made)).title;
}

// The labels of the rooms asked for: "rooms": N ("Room 1".."Room N") or
// "labels": [...], exactly one of them.
std::variant<std::vector<std::string>, rejection> room_labels(const nlohmann::json& body) {
  const bool counted = body.contains("rooms");
  const bool labelled = body.contains("labels");
  if (counted == labelled) {
    return rejection{error_code::invalid,
                     "Send either \"rooms\" (how many) or \"labels\" (one per room), not both and not neither."};
  }
  const auto limit = std::to_string(max_event_rooms);
  std::vector<std::string> labels;
  if (counted) {
    const auto& n = body.at("rooms");
    if (!n.is_number_integer()) return rejection{error_code::invalid, "\"rooms\" must be a whole number."};
    const auto rooms = n.get<long long>();
    if (rooms < 1) return rejection{error_code::invalid, "\"rooms\" must be at least 1."};
    if (rooms > static_cast<long long>(max_event_rooms)) {
      return rejection{error_code::too_large, "An event has at most " + limit + " rooms."};
    }
    for (long long i = 1; i <= rooms; ++i) labels.push_back("Room " + std::to_string(i));
    return labels;
  }
  const auto& listed = body.at("labels");
  if (!listed.is_array() || !std::all_of(listed.begin(), listed.end(), [](const auto& l) { return l.is_string(); })) {
    return rejection{error_code::invalid, "\"labels\" must be a list of room names."};
  }
  if (listed.empty()) return rejection{error_code::invalid, "\"labels\" must name at least one room."};
  if (listed.size() > max_event_rooms) {
    return rejection{error_code::too_large, "An event has at most " + limit + " rooms."};
  }
  for (std::size_t i = 0; i < listed.size(); ++i) {
    auto label = clean_title(listed[i].get<std::string>(), "Label " + std::to_string(i + 1));
    if (auto* why = std::get_if<rejection>(&label)) return *why;
    labels.push_back(std::get<std::string>(std::move(label)));
  }
  return labels;
}

nlohmann::json room_json(const std::string& code, const std::string& label, std::int64_t position,
                         const std::string& facilitator_key) {
  return {{"session", code},
          {"label", label},
          {"position", position},
          {"join_path", "/s/" + code},
          {"facilitator_key", facilitator_key}};
}

// What a finished event export is sent as: always a download.
http::response<http::string_body> export_reply(const request& req, const std::string& format, std::string body) {
  http::response<http::string_body> res{http::status::ok, req.version()};
  const bool page = format == "html" || format == "summary";
  res.set(http::field::content_type, format == "json" ? "application/json"
                                     : page           ? "text/html; charset=utf-8"
                                                      : "text/markdown; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  if (page) res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  const std::string file = format == "summary" ? "debrief-event-summary.html" : "debrief-event." + format;
  res.set(http::field::content_disposition, "attachment; filename=\"" + file + "\"");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

// The rooms a host action goes to, from its "rooms" (absent: every room).
std::variant<std::optional<std::vector<std::string>>, rejection> asked_rooms(const nlohmann::json& body) {
  if (!body.contains("rooms")) return std::optional<std::vector<std::string>>{};
  const auto& listed = body.at("rooms");
  if (!listed.is_array() || !std::all_of(listed.begin(), listed.end(), [](const auto& r) { return r.is_string(); })) {
    return rejection{error_code::invalid, "\"rooms\" must be a list of room codes (or absent, for every room)."};
  }
  if (listed.empty()) return rejection{error_code::invalid, "\"rooms\" must name at least one room."};
  if (listed.size() > max_event_rooms) {
    return rejection{error_code::too_large, "An action names at most " + std::to_string(max_event_rooms) + " rooms."};
  }
  return std::optional{listed.get<std::vector<std::string>>()};
}

std::string action_name(const protocol::host_action& a) {
  return std::string(std::visit([](const auto& x) { return std::decay_t<decltype(x)>::wire_name; }, a));
}

// The results of one host action, gathered as each room answers.
struct action_results {
  std::mutex mutex;
  std::vector<nlohmann::json> results;  // in the order answered to the host
  std::atomic<std::size_t> waiting{0};
  std::size_t applied = 0;
  std::size_t refused = 0;

  void set(std::size_t slot, const std::string& code, const std::optional<rejection>& why) {
    std::lock_guard lock(mutex);
    if (why) {
      results[slot] = {{"session", code},
                       {"error", {{"code", protocol::to_string(why->code)}, {"message", why->message}}}};
      ++refused;
    } else {
      results[slot] = {{"session", code}, {"applied", true}};
      ++applied;
    }
  }
};

// Applies `action` to the rooms of `stored` asked for, each on its own
// strand, and answers once every one has committed or refused.
void act_on_rooms(hub& rooms, const storage::stored_event& stored, protocol::host_action action,
                  const std::optional<std::vector<std::string>>& asked, const shared_request& req,
                  const reply_fn& reply) {
  std::vector<std::pair<std::int64_t, std::string>> known;  // position, code
  std::vector<std::string> unknown;
  if (!asked) {
    for (const auto& r : stored.rooms) known.emplace_back(r.position, r.session);
  } else {
    std::vector<std::string> seen;
    for (const auto& code : *asked) {
      if (std::find(seen.begin(), seen.end(), code) != seen.end()) continue;  // asked twice: acted on once
      seen.push_back(code);
      const auto it = std::find_if(stored.rooms.begin(), stored.rooms.end(),
                                   [&](const storage::event_room_row& r) { return r.session == code; });
      if (it == stored.rooms.end()) {
        unknown.push_back(code);
      } else {
        known.emplace_back(it->position, code);
      }
    }
    std::sort(known.begin(), known.end());
  }
  auto gathered = std::make_shared<action_results>();
  gathered->results.resize(known.size() + unknown.size());
  gathered->waiting = known.size() + 1;
  const auto name = action_name(action);
  auto finish = [gathered, req, reply, name, ref = event_ref(stored.record.id)] {
    if (gathered->waiting.fetch_sub(1) != 1) return;
    std::lock_guard lock(gathered->mutex);
    log_event(log_level::info, "host_action", "an event's host acted on its rooms",
              {{"event", ref}, {"action", name}, {"applied", gathered->applied}, {"refused", gathered->refused}});
    reply(json_reply(*req, http::status::ok, {{"results", gathered->results}}));
  };
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    gathered->set(known.size() + i, unknown[i], rejection{error_code::not_found, "This room is not in the event."});
  }
  for (std::size_t i = 0; i < known.size(); ++i) {
    const auto code = known[i].second;
    rooms.open(code, [gathered, finish, action, code, i](open_result opened) {
      if (!opened.r) {
        gathered->set(i, code,
                      opened.unreadable ? rejection{error_code::unavailable, "This room cannot be read right now."}
                                        : rejection{error_code::not_found, "This room was deleted."});
        return finish();
      }
      opened.r->apply_host(action, [gathered, finish, code, i](std::optional<rejection> why) {
        gathered->set(i, code, why);
        finish();
      });
    });
  }
  finish();
}

}  // namespace

void http_connection::handle_event(request req) {
  const auto target = urls::parse_origin_form(req.target());
  std::vector<std::string> parts;
  for (const auto segment : target->segments()) parts.push_back(segment);
  const auto method = req.method();
  // parts: "api", "events", then the id and what of it.
  if (parts.size() == 2) {
    if (method != http::verb::post) {
      return respond(error_response(req, {error_code::invalid, "Use POST to create an event."}));
    }
    return create_event(std::move(req));
  }
  if (parts.size() < 3 || parts.size() > 4 || (parts.size() == 4 && parts[3] != "actions" && parts[3] != "export")) {
    return respond(error_response(req, {error_code::not_found, "No such API route."}));
  }
  auto id = parts[2];
  if (parts.size() == 3 && method == http::verb::get) return show_event(std::move(req), std::move(id));
  if (parts.size() == 3 && method == http::verb::delete_) {
    std::optional<std::string> rooms;
    for (const auto param : target->params()) {
      if (param.key != "rooms" || (param.value != "delete" && param.value != "keep") || rooms) {
        return respond(error_response(
            req, {error_code::invalid, "Say what becomes of the rooms: ?rooms=delete (the default) or ?rooms=keep."}));
      }
      rooms = param.value;
    }
    return delete_event(std::move(req), std::move(id), rooms == "keep");
  }
  if (parts.size() == 3) return respond(error_response(req, {error_code::invalid, "Use GET or DELETE."}));
  if (parts[3] == "actions") {
    if (method != http::verb::post) return respond(error_response(req, {error_code::invalid, "Use POST."}));
    return act_on_event(std::move(req), std::move(id));
  }
  if (method != http::verb::get) return respond(error_response(req, {error_code::invalid, "Use GET."}));
  auto asked = read_export_request(target->params(), options_.zoneinfo, {"md", "json", "html", "summary"});
  if (auto* why = std::get_if<rejection>(&asked)) return respond(error_response(req, *why));
  export_event(std::move(req), std::move(id), std::get<export_request>(std::move(asked)));
}

void http_connection::with_event(request req, std::string id, event_job job) {
  auto key = bearer_of(req);
  if (key.empty()) return respond(error_response(req, {error_code::forbidden, "Send the host key as a Bearer token."}));
  // Not an id's form: refused as a wrong key is, with nothing looked up.
  if (!secrets::is_event_id(id)) return respond(error_response(req, wrong_key));
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.reads().post([shared_req, id = std::move(id), key = std::move(key), job = std::move(job),
                     reply = replier()](storage::database& db) {
    try {
      auto stored = db.load_event(id);
      if (!stored || !protocol::secrets_equal(key, stored->record.host_key)) {
        return reply(error_reply(*shared_req, wrong_key));
      }
      job(db, *stored, shared_req, reply);
    } catch (const std::exception& e) {
      log_event(log_level::error, "event_read_failed", "an event could not be read",
                {{"event", event_ref(id)}, {"error", e.what()}});
      reply(error_reply(*shared_req, {error_code::unavailable, "The event cannot be read right now; try again."}));
    }
  });
}

void http_connection::create_event(request req) {
  const auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return respond(error_response(req, {error_code::invalid, "Send a JSON object."}));
  }
  auto chosen = template_from(body);
  if (auto* why = std::get_if<rejection>(&chosen)) return respond(error_response(req, *why));
  if (!body.contains("title") || !body.at("title").is_string()) {
    return respond(error_response(req, {error_code::invalid, "\"title\" must name the event."}));
  }
  auto title = clean_title(body.at("title").get<std::string>(), "The event's title");
  if (auto* why = std::get_if<rejection>(&title)) return respond(error_response(req, *why));
  auto labels = room_labels(body);
  if (auto* why = std::get_if<rejection>(&labels)) return respond(error_response(req, *why));
  // One event is one creation, however many rooms it has.
  if (auto refused = options_.creations->take(rate_key(client_))) {
    metrics::get().refused(limit_hit::session_creations);
    return respond(too_many_requests(req, *refused));
  }
  auto shared_req = std::make_shared<request>(std::move(req));
  hub_.create_event(std::get<protocol::session_template>(chosen), std::get<std::string>(title),
                    std::get<std::vector<std::string>>(labels),
                    [shared_req, reply = replier()](std::variant<created_event, rejection> result) {
                      if (auto* why = std::get_if<rejection>(&result)) return reply(error_reply(*shared_req, *why));
                      const auto& made = std::get<created_event>(result);
                      nlohmann::json rooms = nlohmann::json::array();
                      for (const auto& r : made.rooms) {
                        rooms.push_back(room_json(r.code, r.label, r.position, r.facilitator_key));
                      }
                      reply(json_reply(*shared_req, http::status::created,
                                       {{"event", made.record.id},
                                        {"host_key", made.record.host_key},
                                        {"title", made.record.title},
                                        {"created_at", made.record.created_at},
                                        {"rooms", std::move(rooms)}}));
                    });
}

void http_connection::show_event(request req, std::string id) {
  with_event(
      std::move(req), std::move(id),
      [](storage::database&, const storage::stored_event& stored, const shared_request& req, const reply_fn& reply) {
        nlohmann::json rooms = nlohmann::json::array();
        for (const auto& r : stored.rooms) {
          rooms.push_back(room_json(r.session, r.label, r.position, r.facilitator_key));
        }
        reply(json_reply(*req, http::status::ok,
                         {{"event", stored.record.id},
                          {"title", stored.record.title},
                          {"created_at", stored.record.created_at},
                          {"template", nlohmann::json::parse(stored.record.tmpl)},
                          {"rooms", std::move(rooms)}}));
      });
}

void http_connection::act_on_event(request req, std::string id) {
  const auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return respond(error_response(req, {error_code::invalid, "Send a JSON object."}));
  }
  auto asked = asked_rooms(body);
  if (auto* why = std::get_if<rejection>(&asked)) return respond(error_response(req, *why));
  auto fields = body;
  fields.erase("rooms");
  auto parsed = protocol::parse_host_action(fields);
  if (auto* why = std::get_if<rejection>(&parsed)) return respond(error_response(req, *why));
  with_event(std::move(req), std::move(id),
             [&rooms = hub_, action = std::get<protocol::host_action>(std::move(parsed)),
              asked = std::get<std::optional<std::vector<std::string>>>(std::move(asked))](
                 storage::database&, const storage::stored_event& stored, const shared_request& req,
                 const reply_fn& reply) { act_on_rooms(rooms, stored, action, asked, req, reply); });
}

void http_connection::export_event(request req, std::string id, export_request wanted) {
  with_event(
      std::move(req), std::move(id),
      [now = hub_.clock()(), wanted = std::move(wanted)](storage::database& db, const storage::stored_event& stored,
                                                         const shared_request& req, const reply_fn& reply) {
        protocol::event_export_input input{stored.record.title, stored.record.created_at, {}};
        for (const auto& r : stored.rooms) {
          // Deleted between the two reads: it is simply not part of the record.
          if (auto session = db.load_session(r.session)) {
            input.rooms.push_back({static_cast<int>(r.position), inquiries::replay(*session)});
          }
        }
        const auto& f = wanted.format;
        std::string body = f == "json"      ? protocol::event_export_json(input, now, wanted.zone).dump(2)
                           : f == "html"    ? protocol::event_export_html(input, now, wanted.zone)
                           : f == "summary" ? protocol::event_summary_html(input, now, wanted.zone)
                                            : protocol::event_export_markdown(input, now, wanted.zone);
        reply(export_reply(*req, f, std::move(body)));
      });
}

void http_connection::delete_event(request req, std::string id, bool keep_rooms) {
  with_event(
      std::move(req), std::move(id),
      [&rooms = hub_, keep_rooms](storage::database&, const storage::stored_event& stored, const shared_request& req,
                                  const reply_fn& reply) {
        // Closing everyone first would leave rooms that cannot be used yet are still on disk.
        if (!rooms.storage_available()) {
          return reply(error_reply(*req, {error_code::unavailable, "The event could not be deleted; try again."}));
        }
        std::vector<std::string> sessions;
        for (const auto& r : stored.rooms) sessions.push_back(r.session);
        const auto id = stored.record.id;
        auto done = [req, reply, id, keep_rooms, count = sessions.size()](const std::optional<std::string>& error) {
          if (error) {
            log_event(log_level::error, "event_delete_failed", "deleting an event failed",
                      {{"event", event_ref(id)}, {"error", *error}});
            return reply(error_reply(*req, {error_code::unavailable, "The event could not be deleted; try again."}));
          }
          log_event(log_level::info, "event_deleted",
                    keep_rooms ? "an event was deleted and its rooms kept as sessions"
                               : "an event was deleted with all its rooms",
                    {{"event", event_ref(id)}, {"rooms", count}, {"kept", keep_rooms}});
          reply(json_reply(*req, http::status::ok, {{"deleted", id}, {"rooms", keep_rooms ? "kept" : "deleted"}}));
        };
        if (keep_rooms) return rooms.release_event(id, sessions, std::move(done));
        rooms.erase_event(id, sessions, "This event was deleted by its host.", std::move(done));
      });
}

}  // namespace debrief::server
