// GET /api/v1/explain: the command line's JSON for a pasted reply, 400 without one.
#include <gtest/gtest.h>

#include "route_fixture.hpp"

namespace exomock::http {
namespace {

namespace json = boost::json;

class explain_test : public testing::route_test {};

TEST_F(explain_test, a_reply_line_gets_its_explanation_with_the_auth_steps) {
  const response r = call("GET",
                          "/api/v1/explain?line=S:%20535%205.7.139%20Authentication%20"
                          "unsuccessful,%20account%20locked.%20Contact%20your%20administrator.");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("match"), "exact");
  EXPECT_EQ(body.at("reply"),
            "535 5.7.139 Authentication unsuccessful, account locked. Contact your administrator.");
  const json::array& replies = body.at("replies").as_array();
  ASSERT_EQ(replies.size(), 1U);
  const json::object& reply = replies[0].as_object();
  EXPECT_EQ(reply.at("code"), 535);
  EXPECT_EQ(reply.at("stage"), "auth");
  EXPECT_EQ(reply.at("failure"), true);
  EXPECT_EQ(reply.at("cases"), (json::array{"lockout"}));
  const json::array& checks = reply.at("checks").as_array();
  ASSERT_EQ(checks.size(), 9U);
  EXPECT_EQ(checks[1].as_object().at("gives_this_reply"), true);
  EXPECT_EQ(checks[0].as_object().at("gives_this_reply"), false);
  EXPECT_EQ(checks[1].as_object().at("step"), 2);
  EXPECT_FALSE(reply.at("causes").as_array().empty());
  EXPECT_FALSE(reply.at("fix").as_array().empty());
}

TEST_F(explain_test, an_unknown_line_is_said_to_be_unknown_and_a_missing_one_is_a_400) {
  const response unknown = call("GET", "/api/v1/explain?line=hello");
  ASSERT_EQ(unknown.status, 200);
  EXPECT_EQ(unknown.body,
            "{\"line\":\"hello\",\"reply\":\"\",\"match\":\"none\",\"replies\":[]}\n");
  EXPECT_EQ(call("GET", "/api/v1/explain").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/explain?line=").status, 400);
}

}  // namespace
}  // namespace exomock::http
