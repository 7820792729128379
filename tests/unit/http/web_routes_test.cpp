// The web page's files: GET / and /ui/{file} from the bytes compiled into the
// binary, with their types and validators, 404 for anything else (traversal
// attempts included), and served without the API's token (they hold no data).
#include <regex>
#include <set>

#include "http/web_files.hpp"
#include "message_routes_fixture.hpp"

namespace exomock::http::testing {
namespace {

class web_routes : public message_routes {};

const web_file& file_named(std::string_view name) {
  for (const web_file& f : web_files()) {
    if (f.name == name) {
      return f;
    }
  }
  throw std::runtime_error("no embedded file " + std::string(name));
}

TEST_F(web_routes, root_is_the_index_page) {
  const response r = get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, file_named("index.html").body);
  EXPECT_TRUE(r.body.starts_with("<!doctype html>"));
  EXPECT_EQ(header(r, "ETag"), file_named("index.html").etag);
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_NE(header(r, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(web_routes, each_file_has_its_type_and_a_strong_etag) {
  const std::map<std::string, std::string> expected = {
      {"index.html", "text/html; charset=utf-8"},
      {"style.css", "text/css; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
      {"messages.js", "text/javascript; charset=utf-8"}};
  for (const auto& [name, type] : expected) {
    const response r = get("/ui/" + name);
    ASSERT_EQ(r.status, 200) << name;
    EXPECT_EQ(r.content_type, type) << name;
    EXPECT_EQ(r.body, file_named(name).body) << name;
    EXPECT_TRUE(std::regex_match(header(r, "ETag"), std::regex("\"[0-9a-f]{16}\""))) << name;
  }
  std::set<std::string_view> etags;
  for (const web_file& f : web_files()) {
    EXPECT_NE(web_content_type(f.name), "application/octet-stream") << f.name;
    EXPECT_FALSE(f.body.empty()) << f.name;
    etags.insert(f.etag);
  }
  EXPECT_EQ(etags.size(), web_files().size());  // the files differ, so do their tags
  EXPECT_EQ(web_content_type("logo.svg"), "image/svg+xml");
  EXPECT_EQ(web_content_type("x.bin"), "application/octet-stream");
}

// Every /ui/ reference of the index and every module import resolves to an embedded file.
TEST_F(web_routes, the_page_references_only_embedded_files) {
  std::vector<std::string> missing;
  const std::regex reference(R"re((?:src|href)="/ui/([^"]+)"|from '\./([^']+)')re");
  int references = 0;
  for (const web_file& f : web_files()) {
    const std::string body(f.body);
    for (std::sregex_iterator it(body.begin(), body.end(), reference), end; it != end; ++it) {
      const std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      ++references;
      if (get("/ui/" + name).status != 200) {
        missing.push_back(std::string(f.name) + " -> " + name);
      }
    }
  }
  EXPECT_GE(references, 5);
  EXPECT_TRUE(missing.empty()) << missing.front();
}

TEST_F(web_routes, unknown_files_and_traversal_attempts_are_404) {
  for (const std::string target :
       {"/ui/missing.js", "/ui/../CMakeLists.txt", "/ui/..%2Fapi_routes.cpp",
        "/ui/%2e%2e/%2e%2e/etc/passwd", "/ui/web/index.html", "/ui/./app.js", "/ui//etc/passwd",
        "/ui/%2Fetc%2Fpasswd", "/ui/app.js%00.html", "/ui/APP.JS", "/index.html", "/ui/"}) {
    const response r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, "404 page not found\n") << target;
    EXPECT_EQ(header(r, "ETag"), "<none>") << target;
  }
}

TEST_F(web_routes, if_none_match_answers_304_without_a_body) {
  const std::string etag(file_named("app.js").etag);
  headers_ = {{"If-None-Match", etag}};
  const response same = get("/ui/app.js");
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(header(same, "ETag"), etag);
  headers_ = {{"If-None-Match", "\"0000000000000000\""}};
  EXPECT_EQ(get("/ui/app.js").status, 200);
}

TEST_F(web_routes, head_is_answered_as_get_and_other_methods_are_405) {
  const response head = call("HEAD", "/ui/style.css");
  EXPECT_EQ(head.status, 200);  // the server sends the headers only
  EXPECT_EQ(head.content_type, "text/css; charset=utf-8");
  const response post = call("POST", "/", "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET");
}

TEST_F(web_routes, the_page_loads_without_the_token_the_api_needs) {
  access_settings access;
  access.bearer_token = "s3cret";
  EXPECT_EQ(call("GET", "/", {}, access).status, 200);
  EXPECT_EQ(call("GET", "/ui/app.js", {}, access).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/messages", {}, access).status, 401);
  EXPECT_EQ(call("GET", "/view/latest.html", {}, access).status, 401);
}

// RFC 6750 section 2.3, for the page's WebSocket only: another route still wants the header.
TEST_F(web_routes, the_events_socket_takes_the_token_as_access_token_and_nothing_else_does) {
  access_settings access;
  access.bearer_token = "s3cret";
  const auto refused = [&](const std::string& target) {
    request r;
    r.method = "GET";
    EXPECT_TRUE(parse_target(target, r)) << target;
    return refuse_unauthorized(r, access).has_value();
  };
  EXPECT_FALSE(refused("/api/events?access_token=s3cret"));
  EXPECT_TRUE(refused("/api/events?access_token=s3cres"));
  EXPECT_TRUE(refused("/api/v1/messages?access_token=s3cret"));
}

}  // namespace
}  // namespace exomock::http::testing
