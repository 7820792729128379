// POST /api/v1/send: Mailpit's HTTP send. The message mime::build makes is
// stored as a captured message with path "api" (no SMTP policy applies), the
// Basic-auth user as its login; the answer {"ID":"<id>"} comes once it is durable.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <random>

#include "http/access_guard.hpp"
#include "http/api_routes.hpp"
#include "http/message_submission.hpp"
#include "http/send_request_json.hpp"
#include "mime/search_text.hpp"

namespace exomock::http {

namespace {

response json_error(int status, const std::string& message) {
  boost::json::object o;
  o["Error"] = mime::valid_utf8(message);
  return json(status, boost::json::serialize(o));
}

// Mailpit's shortuuid: a random UUID written in base 62, 22 characters.
std::string short_uuid() {
  static constexpr std::string_view alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::random_device entropy;
  std::string out;
  for (int i = 0; i < 22; ++i) {
    out += alphabet[entropy() % alphabet.size()];
  }
  return out;
}

store::captured_message captured(mime::built_message built, const std::string& login,
                                 std::chrono::system_clock::time_point now,
                                 const std::string& message_id) {
  store::captured_message m;
  m.listener = "http";
  m.login = login;
  m.mail_from = std::move(built.mail_from);
  m.rcpt_to = std::move(built.recipients);
  m.message_id = "<" + message_id + ">";
  m.path = "api";
  m.raw = std::move(built.raw);
  m.session_started = now;
  m.received = now;
  m.released = now;
  return m;
}

route_result send(request& r, route_context& c) {
  std::string error;
  const auto request = read_send_request(r.body, error);
  if (!request) {
    return json_error(400, error);
  }
  const auto now = c.clock.now();
  const mime::send_stamp stamp{now, short_uuid() + "@mailpit"};
  auto built = mime::build(*request, stamp, error);
  if (!built) {
    return json_error(400, error);
  }
  const auto id =
      submit_and_wait(c.store, captured(std::move(*built), basic_login(r), now, stamp.message_id));
  if (!id) {
    return json_error(500, "the store could not keep the message");
  }
  boost::json::object o;
  o["ID"] = std::to_string(*id);
  return json(200, boost::json::serialize(o));
}

}  // namespace

void add_send_routes(router& routes) {
  routes.add("POST", "/api/v1/send", send);
}

}  // namespace exomock::http
