// The rcpt_to column's JSON text: exact escaping on the way in, and every
// RFC 8259 escape accepted on the way out.
#include "store/json_text.hpp"

#include <gtest/gtest.h>

namespace exomock::store {
namespace {

TEST(json_text, empty_list) {
  EXPECT_EQ(json_string_array({}), "[]");
  EXPECT_EQ(parse_json_string_array("[]"), std::vector<std::string>{});
  EXPECT_EQ(parse_json_string_array(" [ ] "), std::vector<std::string>{});
}

TEST(json_text, escapes_quotes_backslashes_and_controls) {
  const std::vector<std::string> items = {"\"quoted local\"@contoso.com",
                                          "back\\slash@x",
                                          std::string("nul\0x", 5),
                                          "tab\there",
                                          "cr\rlf\n",
                                          "\x01\x1f\x7f",
                                          "\b\f"};
  EXPECT_EQ(json_string_array(items),
            R"(["\"quoted local\"@contoso.com","back\\slash@x","nul\u0000x","tab\there",)"
            R"("cr\rlf\n","\u0001\u001f)"
            "\x7f"  // DEL is not a control character to RFC 8259: it stays as it is
            R"(","\b\f"])");
  EXPECT_EQ(parse_json_string_array(json_string_array(items)), items);
}

TEST(json_text, eight_bit_bytes_pass_through) {
  const std::vector<std::string> items = {"j\xc3\xb6rg@m\xc3\xbcller.de", "bad\xff\xfeutf8"};
  EXPECT_EQ(json_string_array(items), "[\"j\xc3\xb6rg@m\xc3\xbcller.de\",\"bad\xff\xfeutf8\"]");
  EXPECT_EQ(parse_json_string_array(json_string_array(items)), items);
}

TEST(json_text, reads_escapes_other_writers_use) {
  EXPECT_EQ(parse_json_string_array(R"([ "a\/b" , "\u00e9\uD83D\uDE00" ])"),
            (std::vector<std::string>{"a/b", "\xc3\xa9\xf0\x9f\x98\x80"}));
}

TEST(json_text, rejects_what_is_not_an_array_of_strings) {
  for (const char* bad :
       {"", "[", "]", "[\"a\"", "[\"a\",]", "[1]", "[\"a\"] x", "[\"\\x\"]", "[\"\\ud800\"]",
        "[\"\\udc00\"]", "[\"\\u12\"]", "[\"raw\ncontrol\"]", "{\"a\":\"b\"}"}) {
    EXPECT_EQ(parse_json_string_array(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace exomock::store
