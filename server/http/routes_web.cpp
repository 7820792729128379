// The web page: GET / is its index.html, GET /ui/{file} the rest of its files,
// all from the bytes compiled into the binary (web_files.hpp). A name is looked
// up in that table and nowhere else, so no path can reach the file system.
#include <utility>

#include "http/api_routes.hpp"
#include "http/web_files.hpp"

namespace exomock::http {
namespace {

// What the page may load: its own files and the API, nothing remote. A message's
// HTML (an iframe's srcdoc) inherits this, so its remote images stay blocked too;
// inline styles are what mail is written with.
constexpr std::string_view page_policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const web_file* find_file(std::string_view name) {
  for (const web_file& f : web_files()) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

// Whether `etag` is among the If-None-Match header's tags (or that header is *).
bool matches_etag(const request& r, std::string_view etag) {
  const auto given = r.header("If-None-Match");
  if (!given) {
    return false;
  }
  return *given == "*" || given->find(etag) != std::string_view::npos;
}

route_result serve_file(const request& r, std::string_view name) {
  const web_file* file = find_file(name);
  if (file == nullptr) {
    return text(404, "404 page not found\n", "text/plain; charset=utf-8");
  }
  response out;
  out.headers = {{"ETag", std::string(file->etag)},
                 {"Cache-Control", "no-cache"},  // revalidated: a new binary may change it
                 {"X-Content-Type-Options", "nosniff"},
                 {"Content-Security-Policy", std::string(page_policy)}};
  if (matches_etag(r, file->etag)) {
    out.status = 304;
    return out;
  }
  out.content_type = web_content_type(name);
  out.body = std::string(file->body);
  return out;
}

}  // namespace

std::string web_content_type(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"}};
  for (const auto& [suffix, type] : types) {
    if (name.ends_with(suffix)) {
      return std::string(type);
    }
  }
  return "application/octet-stream";
}

bool web_route(std::string_view path) {
  return path == "/" || path.starts_with("/ui/");
}

void add_web_routes(router& routes) {
  routes.add("GET", "/", [](request& r, route_context&) { return serve_file(r, "index.html"); });
  routes.add("GET", "/ui/{file...}",
             [](request& r, route_context&) { return serve_file(r, r.captures.at(0)); });
}

}  // namespace exomock::http
