// The mailbox view (schema step 6) filled at index time from the MIME message,
// its tags, and the rows from before it filled later by the indexer.
#include "store/mailbox_reader.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

class mailbox_index_test : public store_test {
 protected:
  std::unique_ptr<mailbox_reader> open_mailbox() {
    std::string error;
    auto m = mailbox_reader::open(dir_, error);
    EXPECT_NE(m, nullptr) << error;
    return m;
  }
};

captured_message tagged_message() {
  captured_message m = small_message(1);
  m.mail_from = "bounce@contoso.com";
  m.rcpt_to = {"alice@contoso.com", "hidden+Secret@contoso.com"};
  m.message_id = "<generated@contoso.com>";
  m.raw =
      "From: =?UTF-8?Q?Scanner_=C3=89tage?= <scanner+Floor2@contoso.com>\r\n"
      "To: Alice <alice@contoso.com>\r\n"
      "Subject: =?UTF-8?B?U2NhbiDigqw=?=\r\n"
      "Date: Mon, 20 Jul 2026 16:51:26 +1200\r\n"
      "X-Tags: invoices, Floor2\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nYour scan.\r\n"
      "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
      "filename=scan.pdf\r\n\r\n%PDF\r\n--b--\r\n";
  return m;
}

TEST_P(mailbox_index_test, an_indexed_message_has_its_mailbox_columns) {
  auto store = open_store();
  const auto out = submit_and_wait(*store, tagged_message());
  ASSERT_TRUE(out.ok);
  store->flush();
  const std::string where =
      " FROM messages JOIN message_bodies USING (id) WHERE id = " + std::to_string(out.id);
  EXPECT_EQ(side_int("SELECT mime_indexed" + where), 1);
  EXPECT_EQ(side_text("SELECT subject" + where), "Scan \xE2\x82\xAC");
  EXPECT_EQ(side_text("SELECT from_json" + where),
            R"({"Name":"Scanner )"
            "\xC3\x89"
            R"(tage","Address":"scanner+Floor2@contoso.com"})");
  EXPECT_EQ(side_text("SELECT to_json" + where),
            R"([{"Name":"Alice","Address":"alice@contoso.com"}])");
  EXPECT_EQ(side_text("SELECT cc_json" + where), "[]");
  // The recipient no header names is listed in Bcc, as Mailpit's store does.
  EXPECT_EQ(side_text("SELECT bcc_json" + where),
            R"([{"Name":"","Address":"hidden+Secret@contoso.com"}])");
  EXPECT_EQ(side_text("SELECT reply_to_json" + where), "[]");
  EXPECT_EQ(side_text("SELECT header_message_id" + where), "generated@contoso.com");
  EXPECT_EQ(side_text("SELECT header_date" + where), "2026-07-20T16:51:26+12:00");
  EXPECT_EQ(side_text("SELECT snippet" + where), "Your scan.");
  EXPECT_EQ(side_int("SELECT attachments" + where), 1);
  EXPECT_EQ(side_int("SELECT inlines" + where), 0);
  EXPECT_NE(side_text("SELECT search_text" + where).find("scan.pdf"), std::string::npos);
  EXPECT_EQ(side_int("SELECT read" + where), 0);
  auto mailbox = open_mailbox();
  EXPECT_EQ(mailbox->summary(out.id)->tags,
            (std::vector<std::string>{"Floor2", "invoices", "Secret"}));
  EXPECT_EQ(mailbox->latest_id(), out.id);
}

TEST_P(mailbox_index_test, tag_names_are_shared_without_regard_to_case) {
  auto store = open_store();
  const auto first = submit_and_wait(*store, tagged_message());
  captured_message second = tagged_message();
  second.raw = "From: a@contoso.com\r\nX-Tags: INVOICES, new\r\nSubject: s\r\n\r\nbody\r\n";
  second.rcpt_to = {"alice@contoso.com"};
  const auto next = submit_and_wait(*store, second);
  store->flush();
  EXPECT_EQ(side_int("SELECT count(*) FROM tags"), 4) << store->stats().last_index_error;
  auto mailbox = open_mailbox();
  EXPECT_EQ(mailbox->summary(next.id)->tags, (std::vector<std::string>{"invoices", "new"}));
  EXPECT_EQ(mailbox->summary(first.id)->tags.size(), 3U);
}

TEST_P(mailbox_index_test, rows_from_before_the_view_are_filled_by_the_indexer) {
  std::int64_t id = 0;
  {
    auto store = open_store();
    id = submit_and_wait(*store, tagged_message()).id;
    store->flush();
  }
  // As a file written before step 6 holds them: defaults, no tags.
  side_exec(
      "UPDATE messages SET mime_indexed = 0, subject = '', from_json = "
      "'{\"Name\":\"\",\"Address\":\"\"}', snippet = '', attachments = 0; "
      "UPDATE message_bodies SET search_text = ''; DELETE FROM message_tags; DELETE FROM tags;");
  auto store = open_store();
  ASSERT_TRUE(eventually(*store, [&](const store_stats&) {
    return side_int("SELECT count(*) FROM messages WHERE mime_indexed = 0") == 0;
  }));
  const std::string where = " FROM messages WHERE id = " + std::to_string(id);
  EXPECT_EQ(side_text("SELECT subject" + where), "Scan \xE2\x82\xAC");
  EXPECT_EQ(side_text("SELECT snippet" + where), "Your scan.");
  EXPECT_EQ(side_int("SELECT attachments" + where), 1);
  EXPECT_NE(side_text("SELECT search_text FROM message_bodies WHERE id = " + std::to_string(id))
                .find("scan.pdf"),
            std::string::npos);
  EXPECT_EQ(open_mailbox()->summary(id)->tags,
            (std::vector<std::string>{"Floor2", "invoices", "Secret"}));
  EXPECT_EQ(store->stats().index_failures, 0U);
}

INSTANTIATE_TEST_SUITE_P(durability, mailbox_index_test,
                         ::testing::Values(durability::fsync, durability::write));

}  // namespace
}  // namespace exomock::store::testing
