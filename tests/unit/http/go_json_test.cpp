// Request bodies decoded as Go's json.Decoder decodes them (go_json), and the
// JSON helpers the mailbox routes share.
#include "http/go_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "http/mailbox_json.hpp"

namespace exomock::http {
namespace {

struct read_body {
  bool read = false;
  std::vector<std::string> ids;
  std::string search;
  std::string decode(std::string_view body) {
    return go_decoder().field("Read", read).field("IDs", ids).field("Search", search).decode(body);
  }
};

TEST(go_decoder, fills_fields_matching_keys_ignoring_case) {
  read_body b;
  EXPECT_EQ(b.decode(R"({"read":true,"ids":["1","2"],"SEARCH":"x","Unknown":{"deep":[1]}})"), "");
  EXPECT_TRUE(b.read);
  EXPECT_EQ(b.ids, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(b.search, "x");
}

TEST(go_decoder, missing_and_null_keys_leave_the_fields_alone) {
  read_body b;
  b.search = "kept";
  EXPECT_EQ(b.decode(R"({"Read":null,"Search":null})"), "");
  EXPECT_FALSE(b.read);
  EXPECT_EQ(b.search, "kept");
  EXPECT_EQ(b.decode("null"), "");
  EXPECT_EQ(b.decode("{}"), "");
}

TEST(go_decoder, only_the_first_value_is_read) {
  read_body b;
  EXPECT_EQ(b.decode(R"( {"Read":true} trailing garbage)"), "");
  EXPECT_TRUE(b.read);
}

TEST(go_decoder, syntax_errors_as_go_words_them) {
  read_body b;
  EXPECT_EQ(b.decode(""), "EOF");
  EXPECT_EQ(b.decode("\n\t "), "EOF");
  EXPECT_EQ(b.decode(R"({"Read":tr)"), "unexpected EOF");
  EXPECT_EQ(b.decode("[1,"), "unexpected EOF");
  EXPECT_EQ(b.decode("}"), "invalid character '}' looking for beginning of value");
  EXPECT_EQ(b.decode("'x'"), R"(invalid character '\'' looking for beginning of value)");
  EXPECT_EQ(b.decode("\x01"), R"(invalid character '\x01' looking for beginning of value)");
  EXPECT_TRUE(b.decode(R"({"Read":x})").starts_with("invalid character 'x'"));
}

TEST(go_decoder, type_errors_name_the_field_and_others_still_fill) {
  read_body b;
  EXPECT_EQ(b.decode(R"({"Read":1,"Search":"s"})"),
            "json: cannot unmarshal number into Go struct field .Read of type bool");
  EXPECT_EQ(b.search, "s");
  EXPECT_EQ(b.decode(R"({"IDs":{"a":1}})"),
            "json: cannot unmarshal object into Go struct field .IDs of type []string");
  EXPECT_EQ(b.decode(R"({"IDs":["a",true,null]})"),
            "json: cannot unmarshal bool into Go struct field .IDs of type string");
  EXPECT_EQ(b.ids, (std::vector<std::string>{"a", "", ""}));
  EXPECT_EQ(b.decode(R"("text")"),
            "json: cannot unmarshal string into Go value of type struct { Read bool; IDs "
            "[]string; Search string }");
}

TEST(go_decoder, invalid_utf8_in_strings_is_accepted_as_go_accepts_it) {
  read_body b;
  EXPECT_EQ(b.decode("{\"Search\":\"\xff\"}"), "");
  EXPECT_EQ(b.search.size(), 1u);
}

TEST(mailbox_json, ids_and_times) {
  EXPECT_EQ(parse_id("42"), 42);
  for (const char* bad :
       {"", "0", "-1", "+1", "4oRBnPtCXgAqZniRhzLNmS", "1e3", "99999999999999999999"}) {
    EXPECT_EQ(parse_id(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(go_time("2026-07-20T04:51:26.123Z"), "2026-07-20T04:51:26.123Z");
  EXPECT_EQ(go_time("2026-07-20T04:51:26.120Z"), "2026-07-20T04:51:26.12Z");
  EXPECT_EQ(go_time("2026-07-20T04:51:26.000Z"), "2026-07-20T04:51:26Z");
}

TEST(mailbox_json, stored_address_json_that_is_not_mailpits_still_gives_its_shape) {
  store::mailbox_summary m;
  m.from_json = "not json";
  m.to_json = R"([{"Address":"a@x","Name":"A"},"stray",{"Name":5}])";
  m.cc_json = "null";
  m.bcc_json = "{}";
  m.reply_to_json = "";
  const auto o = summary_json(m);
  EXPECT_EQ(boost::json::serialize(o.at("From")), R"({"Name":"","Address":""})");
  EXPECT_EQ(boost::json::serialize(o.at("To")),
            R"([{"Name":"A","Address":"a@x"},{"Name":"","Address":""},{"Name":"","Address":""}])");
  EXPECT_EQ(boost::json::serialize(o.at("Cc")), "[]");
  EXPECT_EQ(boost::json::serialize(o.at("Bcc")), "[]");
  EXPECT_EQ(boost::json::serialize(o.at("ReplyTo")), "[]");
}

}  // namespace
}  // namespace exomock::http
