// One request-id per response; a client that sent client-request-id gets it back,
// otherwise Graph repeats the request-id there.
#include "http/graph_response.hpp"

#include <boost/json/serialize.hpp>
#include <string>

#include "policy/wire_time.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::http {

namespace {

constexpr const char* odata_json =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
    "charset=utf-8";

struct request_ids {
  std::string request;
  std::string client;
};

request_ids ids_for(const request& r) {
  request_ids ids{store::new_guid(), {}};
  const auto client = r.header("client-request-id");
  ids.client = client && !client->empty() ? std::string(*client) : ids.request;
  return ids;
}

response with_ids(response out, const request_ids& ids) {
  out.headers.push_back({"request-id", ids.request});
  out.headers.push_back({"client-request-id", ids.client});
  return out;
}

// "2026-11-03T08:20:11": innerError.date has no fraction and no zone.
std::string error_date(std::chrono::system_clock::time_point now) {
  return policy::diag_timestamp(now).substr(0, 19);
}

}  // namespace

response graph_json(int status, const boost::json::object& body, const request& r) {
  return with_ids(text(status, boost::json::serialize(body), odata_json), ids_for(r));
}

response graph_error(int status, std::string_view code, std::string_view message, const request& r,
                     std::chrono::system_clock::time_point now, const boost::json::object& extra) {
  const request_ids ids = ids_for(r);
  boost::json::object body{
      {"error",
       {{"code", code},
        {"message", message},
        {"innerError",
         {{"date", error_date(now)},
          {"request-id", ids.request},
          {"client-request-id", ids.client}}}}},
  };
  for (const auto& member : extra) {
    body.insert(member);
  }
  return with_ids(text(status, boost::json::serialize(body), "application/json"), ids);
}

response graph_bad_request(std::string_view message, const request& r,
                           std::chrono::system_clock::time_point now) {
  return graph_error(400, "BadRequest", message, r, now);
}

}  // namespace exomock::http
