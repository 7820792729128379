// Bearer and Basic access on every mailbox route family, through answer() as
// the server runs it: refused without credentials, served with either.
#include "mailbox_fixture.hpp"
#include "smtp/base64.hpp"

namespace exomock::http::testing {
namespace {

class access_test : public mailbox_test {
 protected:
  route_result answer_with(const std::string& method, const std::string& target,
                           const std::string& authorization) {
    request r;
    r.method = method;
    EXPECT_TRUE(parse_target(target, r));
    if (!authorization.empty()) {
      r.headers.push_back({"Authorization", authorization});
    }
    r.body = "{}";
    return answer(routes_, access, r, *context_);
  }
  static int status(const route_result& result) {
    return std::holds_alternative<response>(result) ? std::get<response>(result).status : -1;
  }

  access_settings access{"s3cret-token", "ci", "pa55"};
};

TEST_F(access_test, every_family_needs_the_token_or_the_login) {
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/messages"},
      {"PUT", "/api/v1/messages"},
      {"DELETE", "/api/v1/messages"},
      {"GET", "/api/v1/search?query=x"},
      {"DELETE", "/api/v1/search?query=x"},
      {"GET", "/api/v1/tags"},
      {"PUT", "/api/v1/tags"},
      {"DELETE", "/api/v1/tags/x"},
      {"GET", "/api/v1/info"},
      {"GET", "/api/v1/webui"},
      {"GET", "/api/v1/wait?timeout=0"},
      {"GET", "/api/v1/message/1/html-check"},
      {"GET", "/api/events"}};
  const std::string basic = "Basic " + smtp::base64_encode("ci:pa55");
  for (const auto& [method, target] : routes) {
    const auto refused = answer_with(method, target, "");
    EXPECT_EQ(status(refused), 401) << method << " " << target;
    EXPECT_EQ(std::get<response>(refused).body, "Unauthorized.\n");
    EXPECT_EQ(status(answer_with(method, target, "Bearer wrong")), 401) << target;
    EXPECT_EQ(status(answer_with(method, target, "Basic " + smtp::base64_encode("ci:nope"))), 401);
    EXPECT_NE(status(answer_with(method, target, "Bearer s3cret-token")), 401) << target;
    EXPECT_NE(status(answer_with(method, target, basic)), 401) << target;
  }
}

}  // namespace
}  // namespace exomock::http::testing
