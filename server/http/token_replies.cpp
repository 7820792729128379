// Key order follows recorded replies: token_type, scope, expires_in,
// ext_expires_in, access_token, refresh_token, id_token; error, error_description,
// error_codes, timestamp, trace_id, correlation_id, error_uri, then suberror.
#include "http/token_replies.hpp"

#include <boost/json.hpp>

#include "store/timestamp.hpp"

namespace exomock::http {

namespace {

namespace bjson = boost::json;

response with_token_headers(response r, const token_trace& trace) {
  r.content_type = "application/json; charset=utf-8";
  r.headers.push_back({"Cache-Control", "no-store, no-cache"});
  r.headers.push_back({"Pragma", "no-cache"});
  r.headers.push_back({"Expires", "-1"});
  r.headers.push_back({"x-ms-request-id", trace.trace_id});
  r.headers.push_back({"client-request-id", trace.correlation_id});
  return r;
}

}  // namespace

std::string entra_timestamp(std::chrono::system_clock::time_point t) {
  std::string iso = store::iso8601_utc_ms(t);  // 2026-11-03T08:15:27.123Z
  iso.resize(19);
  iso[10] = ' ';
  return iso + "Z";
}

response entra_error_response(const policy::entra_error& error, const token_trace& trace) {
  const std::string when = entra_timestamp(trace.now);
  const std::string code = std::to_string(error.code);
  bjson::object body{
      {"error", error.error},
      {"error_description",
       "AADSTS" + code + ": " + error.description + "\r\nTrace ID: " + trace.trace_id +
           "\r\nCorrelation ID: " + trace.correlation_id + "\r\nTimestamp: " + when},
      {"error_codes", bjson::array{error.code}},
      {"timestamp", when},
      {"trace_id", trace.trace_id},
      {"correlation_id", trace.correlation_id},
      {"error_uri", "https://login.microsoftonline.com/error?code=" + code},
  };
  if (!error.suberror.empty()) {
    body["suberror"] = error.suberror;
  }
  response r;
  r.status = error.http_status;
  r.body = bjson::serialize(body);
  return with_token_headers(std::move(r), trace);
}

response token_response(const token_success& s, const token_trace& trace) {
  bjson::object body{{"token_type", "Bearer"}};
  if (!s.scope.empty()) {
    body["scope"] = s.scope;
  }
  body["expires_in"] = s.expires_in;
  body["ext_expires_in"] = s.expires_in;
  body["access_token"] = s.access_token;
  if (!s.refresh_token.empty()) {
    body["refresh_token"] = s.refresh_token;
  }
  if (!s.id_token.empty()) {
    body["id_token"] = s.id_token;
  }
  response r;
  r.body = bjson::serialize(body);
  return with_token_headers(std::move(r), trace);
}

}  // namespace exomock::http
