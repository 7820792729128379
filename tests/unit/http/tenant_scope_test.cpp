// Which live events a client scoped to a tenant (/api/events?tenant=) is told:
// messages by login or recipient, sign-ins by user, sessions by login, and the
// events that name no one's message to everybody.
#include "http/tenant_scope.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace exomock::http {
namespace {

mailbox_event event(std::string type, std::string_view data) {
  return {std::move(type), boost::json::parse(data)};
}

policy::scenario_model two_tenants() {
  policy::scenario_model m;
  policy::tenant contoso;
  contoso.name = "Contoso";
  contoso.id = "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12";
  contoso.domains = {"contoso.com", "contoso.net"};
  policy::application app;
  app.client_id = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70";
  contoso.applications = {app};
  policy::tenant fabrikam;
  fabrikam.name = "Fabrikam";
  fabrikam.domains = {"fabrikam.com"};
  m.tenants = {contoso, fabrikam};
  return m;
}

tenant_scope scope_for(std::string_view tenant) {
  request r;
  EXPECT_TRUE(parse_target("/api/events?tenant=" + std::string(tenant), r));
  const auto s = tenant_scope_of(r, two_tenants());
  EXPECT_TRUE(s.has_value());
  return s.value_or(tenant_scope{});
}

TEST(tenant_scope, names_a_tenant_by_name_domain_or_id) {
  EXPECT_EQ(scope_for("contoso.net").domains,
            (std::vector<std::string>{"contoso.com", "contoso.net"}));
  EXPECT_EQ(scope_for("3C1F2A9E-6B7D-4E21-9F3A-5D8C0B4E7A12").app_ids,
            std::vector<std::string>{"0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70"});
  EXPECT_TRUE(scope_for("nowhere").domains.empty());
  request plain;
  ASSERT_TRUE(parse_target("/api/events", plain));
  EXPECT_FALSE(tenant_scope_of(plain, two_tenants()).has_value());
}

TEST(tenant_scope, new_messages_by_login_or_any_recipient) {
  const tenant_scope s = scope_for("Contoso");
  const auto summary = [](std::string_view username, std::string_view to, std::string_view bcc) {
    return event("new", R"({"Username":")" + std::string(username) + R"(","To":[{"Name":"",)" +
                            R"("Address":")" + std::string(to) + R"("}],"Cc":[],"Bcc":[)" +
                            (bcc.empty() ? std::string()
                                         : R"({"Name":"","Address":")" + std::string(bcc) + "\"}") +
                            "]}");
  };
  EXPECT_TRUE(event_in_scope(summary("printer@CONTOSO.com", "x@example.org", ""), s));
  EXPECT_TRUE(event_in_scope(summary("", "a@example.org", "b@contoso.net"), s));  // direct send
  EXPECT_TRUE(event_in_scope(summary("", "a@contoso.com", ""), s));
  EXPECT_FALSE(event_in_scope(summary("printer@fabrikam.com", "x@example.org", ""), s));
  EXPECT_FALSE(event_in_scope(summary("printer@fabrikam.com", "x@notcontoso.com", ""), s));
  EXPECT_FALSE(
      event_in_scope(summary("printer@fabrikam.com", "x@example.org", ""), scope_for("nowhere")));
}

TEST(tenant_scope, sign_ins_and_sessions_by_user_and_the_rest_to_everyone) {
  const tenant_scope s = scope_for("Contoso");
  EXPECT_TRUE(event_in_scope(event("signin", R"({"UserPrincipalName":"a@contoso.com"})"), s));
  EXPECT_FALSE(event_in_scope(event("signin", R"({"UserPrincipalName":"a@fabrikam.com"})"), s));
  EXPECT_TRUE(event_in_scope(event("session", R"({"Login":"a@contoso.net"})"), s));
  EXPECT_FALSE(event_in_scope(event("session", R"({"Login":""})"), s));
  for (const char* type : {"stats", "delete", "prune", "truncate", "update"}) {
    EXPECT_TRUE(event_in_scope(event(type, "null"), s)) << type;
  }
}

}  // namespace
}  // namespace exomock::http
