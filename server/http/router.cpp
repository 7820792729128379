#include "http/router.hpp"

#include <string_view>

namespace exomock::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest_capture(std::string_view segment) {
  return is_capture(segment) && segment.ends_with("...}");
}

// Fills `captures` and returns true when `path` fits `pattern`.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::string>& captures) {
  captures.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_rest_capture(pattern[i])) {
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j) {
        rest += (j == i ? "" : "/") + path[j];
      }
      if (rest.empty()) {
        return false;
      }
      captures.push_back(std::move(rest));
      return true;
    }
    if (i >= path.size()) {
      return false;
    }
    if (is_capture(pattern[i])) {
      if (path[i].empty()) {
        return false;
      }
      captures.push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

}  // namespace

void router::add(std::string method, std::string pattern, route_handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

std::string router::pattern_of(std::string_view path) const {
  const auto segments = split_path(path);
  std::vector<std::string> captures;
  for (const route& candidate : routes_) {
    if (matches(candidate.segments, segments, captures)) {
      return candidate.pattern;
    }
  }
  return {};
}

route_result router::dispatch(request& r, route_context& context) const {
  const auto path = split_path(r.path);
  std::string allowed;
  std::vector<std::string> captures;
  for (const route& candidate : routes_) {
    if (!matches(candidate.segments, path, captures)) {
      continue;
    }
    if (r.route.empty()) {
      r.route = candidate.pattern;
    }
    if (candidate.method == r.method || (r.method == "HEAD" && candidate.method == "GET")) {
      r.captures = std::move(captures);
      return candidate.handler(r, context);
    }
    if (allowed.find(candidate.method) == std::string::npos) {
      allowed += (allowed.empty() ? "" : ", ") + candidate.method;
    }
  }
  if (r.method == "OPTIONS" && r.path.starts_with("/api/")) {
    return text(200, "");  // the CORS preflight Mailpit answers on every API path
  }
  if (!allowed.empty()) {
    response refused = text(405, "Method Not Allowed\n", "text/plain; charset=utf-8");
    refused.headers.push_back({"Allow", allowed});
    return refused;
  }
  if (r.path.starts_with("/api/")) {
    return text(404, "File not found\n", "text/plain; charset=utf-8");
  }
  return text(404, "404 page not found\n", "text/plain; charset=utf-8");
}

}  // namespace exomock::http
