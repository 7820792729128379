// What `exomock admin` sends: the method, the path with its address or tenant
// percent-encoded, and a body of exactly the fields given; and how it reads an
// error answer and prints a JSON one.
#include "app/admin_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "app/json_pretty.hpp"

namespace exomock::app {
namespace {

const admin_operation& operation(std::string_view name) {
  for (const admin_operation& op : admin_operations()) {
    if (op.name == name) {
      return op;
    }
  }
  throw std::out_of_range(std::string(name));
}

const admin_option* option(const admin_operation& op, std::string_view flag) {
  for (const admin_option& o : op.options) {
    if (o.flag == flag) {
      return &o;
    }
  }
  throw std::out_of_range(std::string(flag));
}

http_call call(std::string_view name, const std::vector<std::string>& arguments,
               const std::vector<std::pair<std::string_view, std::string>>& given = {}) {
  const admin_operation& op = operation(name);
  std::vector<given_option> options;
  options.reserve(given.size());
  for (const auto& [flag, text] : given) {
    options.emplace_back(option(op, flag), text);
  }
  return admin_call(op, arguments, options);
}

TEST(AdminRequest, SetCasMailboxSendsTheOneFieldGiven) {
  for (const auto& [text, json] : std::vector<std::pair<std::string, std::string>>{
           {"false", R"({"SmtpClientAuthenticationDisabled":false})"},
           {"true", R"({"SmtpClientAuthenticationDisabled":true})"},
           {"null", R"({"SmtpClientAuthenticationDisabled":null})"},
           {"no", R"({"SmtpClientAuthenticationDisabled":"no"})"}}) {
    const http_call c = call("set-cas-mailbox", {"printer@contoso.com"},
                             {{"--smtp-client-authentication-disabled", text}});
    EXPECT_EQ(c.method, "PATCH");
    EXPECT_EQ(c.target, "/api/v1/admin/cas-mailbox/printer@contoso.com");
    EXPECT_EQ(c.body, json);
  }
}

TEST(AdminRequest, TransportConfigSendsOnlyTheFieldsGiven) {
  EXPECT_EQ(
      call("set-transport-config", {"contoso.com"}, {{"--allow-legacy-tls-clients", "true"}}).body,
      R"({"AllowLegacyTLSClients":true})");
  const http_call both = call("set-transport-config", {"Contoso"},
                              {{"--smtp-client-authentication-disabled", "false"},
                               {"--allow-legacy-tls-clients", "false"}});
  EXPECT_EQ(both.target, "/api/v1/admin/transport-config/Contoso");
  EXPECT_EQ(boost::json::parse(both.body),
            boost::json::parse(
                R"({"SmtpClientAuthenticationDisabled":false,"AllowLegacyTLSClients":false})"));
}

TEST(AdminRequest, GetsHaveNoBody) {
  const http_call c = call("get-transport-config", {"contoso.com"});
  EXPECT_EQ(c.method, "GET");
  EXPECT_EQ(c.target, "/api/v1/admin/transport-config/contoso.com");
  EXPECT_EQ(c.body, "");
  EXPECT_EQ(call("scenario", {}).target, "/api/v1/admin/scenario");
}

TEST(AdminRequest, PathSegmentsArePercentEncoded) {
  const http_call c = call("set-conditional-access", {"Contoso", "Block legacy authentication"},
                           {{"--state", "disabled"}});
  EXPECT_EQ(c.target, "/api/v1/admin/conditional-access/Contoso/Block%20legacy%20authentication");
  EXPECT_EQ(c.body, R"({"state":"disabled"})");
  EXPECT_EQ(call("get-user", {"a+b/../x?y#z@contoso.com"}).target,
            "/api/v1/admin/users/a%2Bb%2F..%2Fx%3Fy%23z@contoso.com");
  EXPECT_EQ(encode_component("caf\xc3\xa9 %"), "caf%C3%A9%20%25");
}

TEST(AdminRequest, AnOptionalLastArgumentDropsItsSegment) {
  EXPECT_EQ(call("get-conditional-access", {"Contoso"}).target,
            "/api/v1/admin/conditional-access/Contoso");
  EXPECT_EQ(call("get-conditional-access", {"Contoso", "Branch office only"}).target,
            "/api/v1/admin/conditional-access/Contoso/Branch%20office%20only");
}

TEST(AdminRequest, UserFieldsNestAndTextStaysText) {
  const http_call c = call("set-user", {"mfa@contoso.com"},
                           {{"--password", "true"},
                            {"--force-change-password-next-sign-in", "true"},
                            {"--per-user-mfa-state", "disabled"},
                            {"--app-passwords-remove", "abcdefghijklmnop"}});
  EXPECT_EQ(c.method, "PATCH");
  EXPECT_EQ(boost::json::parse(c.body), boost::json::parse(R"({
      "passwordProfile": {"password": "true", "forceChangePasswordNextSignIn": true},
      "perUserMfaState": "disabled", "appPasswords": {"remove": ["abcdefghijklmnop"]}})"));
}

TEST(AdminRequest, ListsAreCommaSeparatedAndEmptyIsNone) {
  EXPECT_EQ(call("set-application", {"0b5f8c2e"}, {{"--roles", ""}}).body, R"({"roles":[]})");
  EXPECT_EQ(call("set-application", {"0b5f8c2e"},
                 {{"--full-access", "scanner@contoso.com,printer@contoso.com"}})
                .body,
            R"({"FullAccess":["scanner@contoso.com","printer@contoso.com"]})");
}

TEST(AdminRequest, ClockShowsWithoutAnOptionAndMovesWithOne) {
  const http_call show = call("clock", {});
  EXPECT_EQ(show.method, "GET");
  EXPECT_EQ(show.body, "");
  const http_call move = call("clock", {}, {{"--advance", "25h"}});
  EXPECT_EQ(move.method, "POST");
  EXPECT_EQ(move.target, "/api/v1/admin/clock");
  EXPECT_EQ(move.body, R"({"advance":"25h"})");
  EXPECT_EQ(call("clock", {}, {{"--set", "2026-12-31T09:00:00Z"}}).body,
            R"({"set":"2026-12-31T09:00:00Z"})");
}

TEST(AdminRequest, PostsWithoutFields) {
  const http_call reset = call("reset-lockout", {"lockout@contoso.com"});
  EXPECT_EQ(reset.method, "POST");
  EXPECT_EQ(reset.target, "/api/v1/admin/users/lockout@contoso.com/reset-lockout");
  EXPECT_EQ(call("reload", {}).target, "/api/v1/admin/scenario/reload");
}

TEST(AdminRequest, AuditLimitIsAQueryParameter) {
  const http_call c = call("audit", {}, {{"--limit", "2 0"}});
  EXPECT_EQ(c.method, "GET");
  EXPECT_EQ(c.target, "/api/v1/admin/audit?limit=2%200");
  EXPECT_EQ(c.body, "");
}

TEST(AdminRequest, EveryFlagIsUniqueWithinItsOperation) {
  for (const admin_operation& op : admin_operations()) {
    for (std::size_t i = 0; i < op.options.size(); ++i) {
      for (std::size_t j = i + 1; j < op.options.size(); ++j) {
        EXPECT_NE(op.options[i].flag, op.options[j].flag) << op.name;
      }
    }
  }
}

TEST(AdminRequest, AnswerMessageIsThePlainTextOrTheJsonError) {
  EXPECT_EQ(answer_message({404, "Not Found", "text/plain",
                            "no mailbox 'nobody@contoso.com' in the scenario\n"}),
            "no mailbox 'nobody@contoso.com' in the scenario");
  EXPECT_EQ(answer_message({400, "Bad Request", "application/json", R"({"Error":"bad ID"})"}),
            "bad ID");
  EXPECT_EQ(answer_message({400, "Bad Request", "application/json", R"({"message":"no"})"}), "no");
  EXPECT_EQ(answer_message({401, "Unauthorized", "text/plain", "Unauthorized.\n"}),
            "Unauthorized.");
}

TEST(JsonPretty, OneKeyALine) {
  EXPECT_EQ(pretty_json(boost::json::parse(
                R"({"a":true,"b":{"c":[1,"x"],"d":{}},"e":[],"f":null,"g":"q\""})")),
            "{\n"
            "  \"a\": true,\n"
            "  \"b\": {\n"
            "    \"c\": [\n"
            "      1,\n"
            "      \"x\"\n"
            "    ],\n"
            "    \"d\": {}\n"
            "  },\n"
            "  \"e\": [],\n"
            "  \"f\": null,\n"
            "  \"g\": \"q\\\"\"\n"
            "}");
}

}  // namespace
}  // namespace exomock::app

namespace exomock::app {
namespace {

TEST(AdminRequest, TenantsAreCreatedFromOptionsAndJsonAndDeletedWithoutABody) {
  const http_call created =
      call("create-tenant", {},
           {{"--domain", "ci-1.example.test"},
            {"--json", R"({"mailboxes": [{"address": "printer"}], "security_defaults": true})"}});
  EXPECT_EQ(created.method, "POST");
  EXPECT_EQ(created.target, "/api/v1/tenants");
  EXPECT_EQ(boost::json::parse(created.body),
            boost::json::parse(R"({"domain": "ci-1.example.test", "mailboxes": [{"address": )"
                               R"("printer"}], "security_defaults": true})"));
  // Not a JSON object: the server's parser says what is wrong with it.
  EXPECT_EQ(call("create-tenant", {}, {{"--json", "[1"}}).body, "[1");
  const http_call deleted = call("delete-tenant", {"ci-1.example.test"});
  EXPECT_EQ(deleted.method, "DELETE");
  EXPECT_EQ(deleted.target, "/api/v1/tenants/ci-1.example.test");
  EXPECT_EQ(deleted.body, "");
}

TEST(AdminRequest, DeviceCodesAreListedAndApprovedByUser) {
  EXPECT_EQ(call("list-device-codes", {}).target, "/api/v1/admin/device-codes");
  const http_call approve = call("approve-device-code", {},
                                 {{"--user-code", "ABCDEFGHJ"}, {"--user", "alice@contoso.com"}});
  EXPECT_EQ(approve.method, "POST");
  EXPECT_EQ(boost::json::parse(approve.body),
            boost::json::parse(R"({"user_code": "ABCDEFGHJ", "user": "alice@contoso.com"})"));
}

}  // namespace
}  // namespace exomock::app
