// Method and path to route: patterns such as "/api/v1/message/{id}/part/{part}"
// whose {..} segments land in request::captures. A path that matches under
// another method is answered 405 with Allow, as Go's ServeMux (Mailpit's) does.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/http_message.hpp"

namespace exomock::http {

struct route_context;

/// A response that is not ready yet: `poll` is asked at once and again after
/// every store commit until it gives a response or `timeout` passes, when
/// `expired` answers. For wait-for-message: the long poll never busy-loops.
struct deferred_response {
  std::function<std::optional<response>()> poll;
  std::chrono::steady_clock::duration timeout{};
  std::function<response()> expired;
};

using route_result = std::variant<response, deferred_response>;
using route_handler = std::function<route_result(request&, route_context&)>;

class router {
 public:
  /// PATTERN is split on '/'; a segment "{name}" matches any one non-empty
  /// segment, and a last segment "{name...}" the rest of the path.
  void add(std::string method, std::string pattern, route_handler handler);
  /// Runs the route for `r`, or answers 404 / 405 / the OPTIONS preflight; sets
  /// r.route to the pattern its path matched.
  [[nodiscard]] route_result dispatch(request& r, route_context& context) const;
  /// The first pattern `path` matches under any method, "" when none.
  [[nodiscard]] std::string pattern_of(std::string_view path) const;

 private:
  struct route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    route_handler handler;
  };
  std::vector<route> routes_;
};

}  // namespace exomock::http
