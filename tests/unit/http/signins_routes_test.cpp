// GET /v1.0/auditLogs/signIns and /api/v1/signins/wait as pure functions over a
// real sign-in log: Graph's envelope and signIn object, newest first, paging by
// $skiptoken, each filter, each 400, and the long poll's answer and time-out.
#include <gtest/gtest.h>

#include "audit_fixture.hpp"
#include "identity/directory_ids.hpp"

namespace exomock::http {
namespace {

namespace json = boost::json;
using testing::at;

class signins_test : public testing::audit_test {
 protected:
  // The userPrincipalName of each signIn of the response, in order.
  static std::vector<std::string> users(const response& r) {
    std::vector<std::string> out;
    const json::object b = body(r);
    for (const auto& v : b.at("value").as_array()) {
      out.emplace_back(v.as_object().at("userPrincipalName").as_string());
    }
    return out;
  }
  static std::optional<std::string> header(const response& r, std::string_view name) {
    for (const auto& h : r.headers) {
      if (h.name == name) {
        return h.value;
      }
    }
    return std::nullopt;
  }
  // Graph's 400 with `message`, request ids in the body and in the headers alike.
  void expect_bad_request(const std::string& target, const std::string& message) {
    const response r = answer(get(target));
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.content_type, "application/json");
    const json::object b = body(r);
    const json::object& e = b.at("error").as_object();
    EXPECT_EQ(e.at("code"), "BadRequest");
    EXPECT_EQ(e.at("message"), json::value(message)) << target;
    const json::object& inner = e.at("innerError").as_object();
    EXPECT_EQ(inner.at("date"), "2026-12-01T12:00:00");
    EXPECT_EQ(header(r, "request-id"), json::value_to<std::string>(inner.at("request-id")));
    EXPECT_EQ(inner.at("client-request-id"), inner.at("request-id"));
  }
  void five_sign_ins() {
    sign_in("scanner@contoso.com", at(10, 0));
    sign_in("alice@contoso.com", at(10, 5), 53003);
    sign_in("scanner@contoso.com", at(10, 10), 50126);
    sign_in("nobody@contoso.com", at(10, 15), 50034);
    sign_in("scanner@contoso.com", at(10, 20));
  }
};

TEST_F(signins_test, the_envelope_lists_every_sign_in_newest_first) {
  five_sign_ins();
  const response r = answer(get("/v1.0/auditLogs/signIns"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type,
            "application/json;odata.metadata=minimal;odata.streaming=true;"
            "IEEE754Compatible=false;charset=utf-8");
  const json::object b = body(r);
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b.begin()->key(), "@odata.context");
  EXPECT_EQ(b.at("@odata.context"), "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns");
  EXPECT_EQ(users(r), (std::vector<std::string>{"scanner@contoso.com", "nobody@contoso.com",
                                                "scanner@contoso.com", "alice@contoso.com",
                                                "scanner@contoso.com"}));
  EXPECT_TRUE(header(r, "request-id").has_value());
}

TEST_F(signins_test, a_sign_in_has_graph_properties_in_graph_order_with_the_scenario_names) {
  const auto recorded = sign_in("scanner@contoso.com", at(10, 0));
  const json::object s = body(answer(get("/v1.0/auditLogs/signIns"))).at("value").at(0).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : s) {
    keys.emplace_back(kv.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"id",
                                            "createdDateTime",
                                            "userDisplayName",
                                            "userPrincipalName",
                                            "userId",
                                            "appId",
                                            "appDisplayName",
                                            "ipAddress",
                                            "clientAppUsed",
                                            "correlationId",
                                            "conditionalAccessStatus",
                                            "isInteractive",
                                            "riskDetail",
                                            "riskLevelAggregated",
                                            "riskLevelDuringSignIn",
                                            "riskState",
                                            "riskEventTypes",
                                            "riskEventTypes_v2",
                                            "resourceDisplayName",
                                            "resourceId",
                                            "resourceTenantId",
                                            "homeTenantId",
                                            "servicePrincipalId",
                                            "servicePrincipalName",
                                            "userAgent",
                                            "status",
                                            "deviceDetail",
                                            "location",
                                            "appliedConditionalAccessPolicies",
                                            "authenticationAppDeviceDetails"}));
  const auto& model = *live_.snapshot();
  EXPECT_EQ(s.at("id"), json::value(recorded.id));
  EXPECT_EQ(s.at("createdDateTime"), "2026-12-01T10:00:00.000Z");
  EXPECT_EQ(s.at("userDisplayName"), "Scanner");
  EXPECT_EQ(s.at("userId"),
            json::value(identity::user_object_id(model.tenants[0], model.tenants[0].mailboxes[0])));
  EXPECT_EQ(s.at("appId"), "00000002-0000-0ff1-ce00-000000000000");
  EXPECT_EQ(s.at("appDisplayName"), "Office 365 Exchange Online");
  EXPECT_EQ(s.at("ipAddress"), "127.0.0.1");
  EXPECT_EQ(s.at("clientAppUsed"), "Authenticated SMTP");
  EXPECT_EQ(s.at("correlationId"), "00000000-0000-0000-08df-4d4f5ee94201");
  EXPECT_EQ(s.at("isInteractive"), true);
  EXPECT_EQ(s.at("riskLevelAggregated"), "none");
  EXPECT_EQ(s.at("riskEventTypes"), json::array{});
  EXPECT_EQ(s.at("resourceId"), "00000002-0000-0ff1-ce00-000000000000");
  EXPECT_EQ(s.at("homeTenantId"), "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12");
  EXPECT_EQ(s.at("servicePrincipalId"), nullptr);
  EXPECT_EQ(s.at("userAgent"), nullptr);
  EXPECT_EQ(s.at("status"), json::parse(R"({"errorCode":0,"failureReason":"Other.",
                                            "additionalDetails":null})"));
  EXPECT_EQ(s.at("deviceDetail"), json::parse(R"({"deviceId":"","displayName":null,
      "operatingSystem":null,"browser":null,"isCompliant":null,"isManaged":null,"trustType":null})"));
  EXPECT_EQ(s.at("location"), json::parse(R"({"city":null,"state":null,"countryOrRegion":null,
                                              "geoCoordinates":{}})"));
}

TEST_F(signins_test, conditional_access_policies_show_how_each_applied) {
  sign_in("alice@contoso.com", at(10, 0), 53003);
  const json::object s = body(answer(get("/v1.0/auditLogs/signIns"))).at("value").at(0).as_object();
  EXPECT_EQ(s.at("conditionalAccessStatus"), "failure");
  const json::array& policies = s.at("appliedConditionalAccessPolicies").as_array();
  ASSERT_EQ(policies.size(), 2U);
  const auto& model = *live_.snapshot();
  EXPECT_EQ(policies[0],
            (json::object{{"id", identity::conditional_access_policy_id(
                                     model.tenants[0], model.tenants[0].conditional_access[0])},
                          {"displayName", "Block legacy authentication"},
                          {"enforcedGrantControls", json::array{"Block"}},
                          {"enforcedSessionControls", json::array{}},
                          {"result", "failure"}}));
  EXPECT_EQ(policies[1].at("displayName"), "Require MFA");
  EXPECT_EQ(policies[1].at("enforcedGrantControls"), json::array{"Mfa"});
  EXPECT_EQ(policies[1].at("result"), "notApplied");
}

TEST_F(signins_test, an_unknown_user_and_an_app_only_token) {
  sign_in("nobody@contoso.com", at(10, 0), 50034);
  sign_in("scanner@contoso.com", at(10, 1), 0, "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70");
  sign_in("someone@example.net", at(10, 2), 50034);
  const json::array v = body(answer(get("/v1.0/auditLogs/signIns"))).at("value").as_array();
  ASSERT_EQ(v.size(), 3U);
  EXPECT_EQ(v[0].at("homeTenantId"), nullptr);  // no tenant has example.net
  EXPECT_EQ(v[0].at("appliedConditionalAccessPolicies"), json::array{});
  const auto& model = *live_.snapshot();
  EXPECT_EQ(v[1].at("appId"), "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70");
  EXPECT_EQ(v[1].at("appDisplayName"), "Contoso Scan App");
  EXPECT_EQ(v[1].at("servicePrincipalName"), "Contoso Scan App");
  EXPECT_EQ(v[1].at("servicePrincipalId"),
            json::value(identity::service_principal_id(model.tenants[0],
                                                       model.tenants[0].applications[0])));
  EXPECT_EQ(v[1].at("isInteractive"), false);
  EXPECT_EQ(v[2].at("userDisplayName"), nullptr);
  EXPECT_EQ(v[2].at("userId"), "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(v[2].at("homeTenantId"), "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12");
  EXPECT_EQ(v[2].at("status").at("errorCode"), 50034);
}

TEST_F(signins_test, top_pages_with_a_skiptoken_until_the_last_page) {
  five_sign_ins();
  std::vector<std::string> seen;
  std::string target = "/v1.0/auditLogs/signIns?$filter=startswith(userPrincipalName,'s')&$top=2";
  int pages = 0;
  for (;; ++pages) {
    const response r = answer(get(target));
    ASSERT_EQ(r.status, 200) << target << " " << r.body;
    for (const std::string& u : users(r)) {
      seen.push_back(u);
    }
    const json::object b = body(r);
    if (!b.contains("@odata.nextLink")) {
      break;
    }
    const std::string link(b.at("@odata.nextLink").as_string());
    const std::string base = "http://127.0.0.1:8025/v1.0/auditLogs/signIns?";
    ASSERT_TRUE(link.starts_with(base + "$filter=startswith(userPrincipalName,'s')&$top=2&"
                                        "$skiptoken="))
        << link;
    target = link.substr(std::string("http://127.0.0.1:8025").size());
  }
  EXPECT_EQ(pages, 1);  // three matches: a page of two, then the last one
  EXPECT_EQ(seen, (std::vector<std::string>(3, "scanner@contoso.com")));
}

TEST_F(signins_test, each_filter_selects_its_sign_ins) {
  five_sign_ins();
  const auto matching = [&](const std::string& filter) {
    return users(answer(get("/v1.0/auditLogs/signIns?$filter=" + filter)));
  };
  EXPECT_EQ(matching("userPrincipalName%20eq%20'ALICE@contoso.com'"),
            (std::vector<std::string>{"alice@contoso.com"}));
  EXPECT_EQ(matching("startswith(userPrincipalName,'NO')"),
            (std::vector<std::string>{"nobody@contoso.com"}));
  EXPECT_EQ(matching("status/errorCode%20eq%2050126").size(), 1U);
  EXPECT_EQ(matching("status/errorCode%20eq%200").size(), 2U);
  EXPECT_EQ(matching("createdDateTime%20ge%202026-12-01T10:10:00Z"),
            (std::vector<std::string>{"scanner@contoso.com", "nobody@contoso.com",
                                      "scanner@contoso.com"}));
  EXPECT_EQ(matching("createdDateTime%20le%202026-12-01T10:05:00Z"),
            (std::vector<std::string>{"alice@contoso.com", "scanner@contoso.com"}));
  EXPECT_EQ(matching("createdDateTime%20ge%202026-12-01T10:05:00.001Z").size(), 3U);
  EXPECT_EQ(matching("userPrincipalName%20eq%20'scanner@contoso.com'%20and%20"
                     "status/errorCode%20eq%200%20and%20createdDateTime%20le%20"
                     "2026-12-01T10:19:59Z"),
            (std::vector<std::string>{"scanner@contoso.com"}));
}

TEST_F(signins_test, a_filter_outside_the_subset_is_graphs_400) {
  expect_bad_request("/v1.0/auditLogs/signIns?$filter=appDisplayName%20eq%20'x'",
                     "Invalid filter clause");
  expect_bad_request(
      "/v1.0/auditLogs/signIns?$filter=createdDateTime%20ge%20'2026-12-01T10:00:00Z'",
      "Invalid filter clause");
}

TEST_F(signins_test, top_out_of_range_or_not_a_number_is_graphs_400) {
  expect_bad_request("/v1.0/auditLogs/signIns?$top=abc",
                     "Invalid value 'abc' for $top query option found. The $top query option "
                     "requires a non-negative integer value.");
  expect_bad_request("/v1.0/auditLogs/signIns?$top=-1",
                     "Invalid value '-1' for $top query option found. The $top query option "
                     "requires a non-negative integer value.");
  expect_bad_request("/v1.0/auditLogs/signIns?$top=0",
                     "Invalid page size specified: '0'. Must be between 1 and 1000 inclusive.");
  expect_bad_request("/v1.0/auditLogs/signIns?$top=1001",
                     "Invalid page size specified: '1001'. Must be between 1 and 1000 inclusive.");
  expect_bad_request("/v1.0/auditLogs/signIns?$skiptoken=nonsense", "Invalid $skiptoken value.");
  sign_in("scanner@contoso.com", at(10, 0));
  EXPECT_EQ(users(answer(get("/v1.0/auditLogs/signIns?$top=1000"))).size(), 1U);
}

TEST_F(signins_test, the_client_request_id_is_echoed) {
  request r = get("/v1.0/auditLogs/signIns?$top=x");
  r.headers.push_back({"client-request-id", "11112222-3333-4444-5555-666677778888"});
  const response out = answer(r);
  EXPECT_EQ(header(out, "client-request-id"), "11112222-3333-4444-5555-666677778888");
  EXPECT_EQ(body(out).at("error").at("innerError").at("client-request-id"),
            "11112222-3333-4444-5555-666677778888");
}

TEST_F(signins_test, wait_answers_the_envelope_once_enough_sign_ins_match) {
  five_sign_ins();
  const response r =
      answer(get("/api/v1/signins/wait?user=scanner@contoso.com&error=0&count=2&timeout=1s"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(users(r), (std::vector<std::string>(2, "scanner@contoso.com")));
  EXPECT_EQ(body(r).at("@odata.context"),
            "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns");
}

TEST_F(signins_test, wait_polls_after_each_commit_and_times_out_with_the_count) {
  request r = get("/api/v1/signins/wait?user=scanner@contoso.com&count=2&timeout=250ms");
  route_result result = routes_.dispatch(r, *context_);
  auto& wait = std::get<deferred_response>(result);
  EXPECT_EQ(wait.timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(wait.poll(), std::nullopt);
  sign_in("scanner@contoso.com", at(10, 0));
  EXPECT_EQ(wait.poll(), std::nullopt);
  const response expired = wait.expired();
  EXPECT_EQ(expired.status, 408);
  const json::object b = body(expired);
  EXPECT_EQ(b.at("error").at("code"), "RequestTimeout");
  EXPECT_EQ(b.at("error").at("message"), "1 of 2 sign-ins matched within 250ms");
  EXPECT_EQ(b.at("count"), 1);
  sign_in("scanner@contoso.com", at(10, 1));
  const auto ready = wait.poll();
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->status, 200);
}

TEST_F(signins_test, a_tenant_scope_keeps_its_users_and_apps_and_pages_with_it) {
  five_sign_ins();
  sign_in("printer@fabrikam.com", at(10, 25));                         // another tenant's user
  sign_in("", at(10, 30), 0, "0B5F8C2E-5D2A-4C7E-9A51-3F1C2D4E6A70");  // Contoso's app, app-only
  const auto matching = [&](const std::string& query) {
    return users(answer(get("/v1.0/auditLogs/signIns?" + query))).size();
  };
  EXPECT_EQ(matching(""), 7U);
  EXPECT_EQ(matching("tenant=Contoso"), 6U);  // five users' and the app's
  EXPECT_EQ(matching("tenant=CONTOSO.COM"), 6U);
  EXPECT_EQ(matching("tenant=3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12"), 6U);
  EXPECT_EQ(matching("tenant=Contoso&$filter=status/errorCode%20eq%2050126"), 1U);
  EXPECT_EQ(matching("tenant=fabrikam.com"), 0U);  // no such tenant: nothing, not everything
  const json::object b = body(answer(get("/v1.0/auditLogs/signIns?tenant=Contoso&$top=4")));
  EXPECT_TRUE(std::string_view(b.at("@odata.nextLink").as_string()).find("&tenant=Contoso&") !=
              std::string_view::npos)
      << b.at("@odata.nextLink");
  const response waited =
      answer(get("/api/v1/signins/wait?tenant=contoso.com&error=50034&count=1&timeout=1s"));
  EXPECT_EQ(users(waited), std::vector<std::string>{"nobody@contoso.com"});
}

// The web page pairs each row with its SMTP side: the same query, the same rows in order.
TEST_F(signins_test, replies_answer_the_same_rows_with_their_session_and_smtp_reply) {
  five_sign_ins();
  const std::string query = "?$filter=startswith(userPrincipalName,'scanner')&$top=2";
  const json::object graph = body(answer(get("/v1.0/auditLogs/signIns" + query)));
  const response r = answer(get("/api/v1/signins/replies" + query));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object b = body(r);
  const json::array& rows = b.at("value").as_array();
  ASSERT_EQ(rows.size(), 2U);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("id"), graph.at("value").at(i).at("id"));
  }
  EXPECT_EQ(rows[0].at("sessionId"), "08DF4D4F5EE94201");
  EXPECT_EQ(rows[0].at("smtpReply"), "235 2.7.0 Authentication successful");
  EXPECT_EQ(rows[1].at("smtpReply"), "535 5.7.3 Authentication unsuccessful");
  const std::string next(b.at("@odata.nextLink").as_string());
  EXPECT_NE(next.find("/api/v1/signins/replies?"), std::string::npos) << next;
}

TEST_F(signins_test, wait_refuses_bad_parameters) {
  for (const char* target :
       {"/api/v1/signins/wait?count=0", "/api/v1/signins/wait?count=x",
        "/api/v1/signins/wait?timeout=soon", "/api/v1/signins/wait?error=abc"}) {
    const response r = answer(get(target));
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.content_type, "text/plain") << target;
  }
}

}  // namespace
}  // namespace exomock::http
