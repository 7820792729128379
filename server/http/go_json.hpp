// Request bodies decoded as Go's encoding/json decodes them for Mailpit: key
// names match without regard to case, unknown keys are ignored, and a missing
// key leaves the zero value. Clients rely on it (cypress-mailpit sends
// "FileName" where Mailpit declares "Filename").
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace exomock::http {

/// The body's first JSON value (json.Decoder reads no further: what follows is
/// left alone); nullopt and Go's wording of the failure in `error`: "EOF" for
/// an empty body, "unexpected EOF" for a cut one, "invalid character 'x'
/// looking for beginning of value" for bad syntax (Go names the context more
/// finely after the first byte; the character is always the offending one).
[[nodiscard]] std::optional<boost::json::value> parse_body(std::string_view body,
                                                           std::string& error);

/// The member of OBJECT (when it is an object) whose key equals KEY ignoring
/// ASCII case; exact matches win, as in Go. nullptr when absent.
[[nodiscard]] const boost::json::value* member(const boost::json::value& object,
                                               std::string_view key);

/// What Go's unmarshal errors call the kind of V: "bool", "string", "number",
/// "array", "object" (or "null").
[[nodiscard]] std::string go_kind(const boost::json::value& v);

/// An integer member, if present and integral; sets `error` (Go's wording) when it
/// is present with another type.
[[nodiscard]] std::optional<std::int64_t> int_member(const boost::json::value& object,
                                                     std::string_view key, std::string& error);

/// Decodes a body into a struct of bool, string and []string fields as
/// json.Decoder.Decode does: every key that matches a field ignoring ASCII case
/// sets it (so the last such key wins), null leaves a field as it was, and a
/// value of the wrong type is reported as Go reports it ("json: cannot
/// unmarshal string into Go struct field .Read of type bool") without keeping
/// the other fields from being set.
class go_decoder {
 public:
  go_decoder& field(std::string_view name, bool& out);
  go_decoder& field(std::string_view name, std::string& out);
  go_decoder& field(std::string_view name, std::vector<std::string>& out);

  /// "" on success, otherwise the first error's text (see parse_body for syntax).
  [[nodiscard]] std::string decode(std::string_view body) const;

 private:
  struct bound {
    std::string_view name;
    std::variant<bool*, std::string*, std::vector<std::string>*> target;
  };
  std::vector<bound> fields_;
};

}  // namespace exomock::http
