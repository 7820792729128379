// Shared by the message route tests: route_test's store and context, with the
// scenario's Contoso tenant, a fixed clock, the store for POST /api/v1/send,
// and helpers to capture a raw message and read JSON answers.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "route_fixture.hpp"

namespace exomock::http::testing {

class message_routes : public route_test {
 protected:
  void SetUp() override {
    policy::tenant contoso;
    contoso.name = "contoso";
    contoso.domains = {"contoso.com"};
    model_.tenants.push_back(contoso);
    clock_.set(std::chrono::system_clock::time_point(
        std::chrono::milliseconds(1784523086120)));  // 2026-07-20T04:51:26.12Z
    route_test::SetUp();
  }

  /// Stores RAW as a message that came by SMTP submission; its id.
  std::int64_t capture(std::string raw, std::vector<std::string> rcpt_to = {"alice@contoso.com"},
                       std::string session_id = "00000000000000a1") {
    store::captured_message m = store::testing::small_message(1);
    m.session_id = std::move(session_id);
    m.client_port = 50123;
    m.mail_parameters.clear();
    m.rcpt_to = std::move(rcpt_to);
    m.message_id = "<fallback@contoso.com>";
    m.tls_version = "TLSv1.3";
    m.tls_cipher = "TLS_AES_256_GCM_SHA384";
    m.path = "submission";
    m.raw = std::move(raw);
    m.session_started = clock_.now();
    m.received = clock_.now();
    return route_test::capture(std::move(m));
  }

  response get(const std::string& target) { return call("GET", target); }
  response post(const std::string& target, std::string body) {
    return call("POST", target, std::move(body));
  }
  static boost::json::value parsed(const response& r) { return boost::json::parse(r.body); }
  /// A JSON string's text, any other value serialized: what a test compares.
  static std::string str(const boost::json::value& v) {
    return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
  }
  static std::string header(const response& r, std::string_view name) {
    for (const header_field& h : r.headers) {
      if (h.name == name) {
        return h.value;
      }
    }
    return "<none>";
  }
  bool read(std::int64_t id) { return mailbox_->summary(id).value().read; }
};

}  // namespace exomock::http::testing
