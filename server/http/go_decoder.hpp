// Request bodies decoded as Mailpit decodes them: Go's json.Decoder.Decode
// into a struct. Only the first JSON value is read (what follows it is left
// alone), a key matches a field ignoring ASCII case (the last such key wins),
// unknown keys are ignored, null leaves a field as it was, and a missing key
// leaves its zero value. Clients rely on this (cypress-mailpit sends `FileName`
// where Mailpit declares `Filename`).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace exomock::http {

class go_decoder {
 public:
  go_decoder& field(std::string_view name, bool& out);
  go_decoder& field(std::string_view name, std::string& out);
  go_decoder& field(std::string_view name, std::vector<std::string>& out);

  /// Decodes BODY into the fields; "" on success, otherwise the error text Go
  /// gives: "EOF" for an empty body, "unexpected EOF" for a cut one, "invalid
  /// character 'x' looking for beginning of value" for bad syntax (Go names the
  /// context more finely after the first byte; the character is always the
  /// offending one), and "json: cannot unmarshal string into Go struct field
  /// .Read of type bool" for a value of the wrong type. As in Go, a wrong type
  /// does not stop the other fields from being set.
  [[nodiscard]] std::string decode(std::string_view body) const;

 private:
  struct bound {
    std::string_view name;
    std::variant<bool*, std::string*, std::vector<std::string>*> target;
  };
  std::vector<bound> fields_;
};

}  // namespace exomock::http
