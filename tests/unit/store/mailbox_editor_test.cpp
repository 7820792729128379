// mailbox_editor and mailbox_reader: the read flags, tags and deletions a
// Mailpit client makes, read back as Mailpit lists them.
#include "store/mailbox_editor.hpp"

#include <gtest/gtest.h>

#include <future>

#include "store/mailbox_reader.hpp"
#include "store/message_store.hpp"
#include "store/tag_name.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

class mailbox_test : public store_test {
 protected:
  // Three messages, ids in `ids`; the store stays open as a server's would.
  void SetUp() override {
    store_test::SetUp();
    store = open_store();
    for (int i = 1; i <= 3; ++i) {
      store->submit(small_message(i), [this](bool ok, std::int64_t id) {
        ASSERT_TRUE(ok);
        ids.push_back(id);
      });
    }
    store->flush();
    std::string error;
    editor = mailbox_editor::open(dir_, error);
    ASSERT_NE(editor, nullptr) << error;
    reader = mailbox_reader::open(dir_, error);
    ASSERT_NE(reader, nullptr) << error;
  }
  std::unique_ptr<message_store> store;
  std::vector<std::int64_t> ids;
  std::unique_ptr<mailbox_editor> editor;
  std::unique_ptr<mailbox_reader> reader;
};

TEST_P(mailbox_test, new_messages_are_unread_and_latest_is_the_newest) {
  EXPECT_EQ(reader->counts().total, 3);
  EXPECT_EQ(reader->counts().unread, 3);
  EXPECT_EQ(reader->latest_id(), ids.back());
  EXPECT_TRUE(reader->answers());
}

TEST_P(mailbox_test, set_read_reports_only_the_flags_it_changed) {
  EXPECT_EQ(editor->set_read({ids[0], ids[1], 999}, true),
            (std::vector<std::int64_t>{ids[0], ids[1]}));
  EXPECT_EQ(editor->set_read({ids[0], ids[2]}, true), (std::vector<std::int64_t>{ids[2]}));
  EXPECT_EQ(reader->counts().unread, 0);
  EXPECT_EQ(editor->set_read_all(false), 3);
  EXPECT_EQ(editor->set_read_all(false), 0);
  EXPECT_FALSE(reader->summary(ids[0])->read);
}

TEST_P(mailbox_test, tags_are_replaced_kept_unique_ignoring_case_and_pruned) {
  ASSERT_TRUE(editor->set_tags(ids[0], {"Invoices", "urgent"}));
  ASSERT_TRUE(editor->set_tags(ids[1], {"invoices"}));  // the stored spelling wins
  EXPECT_EQ(reader->summary(ids[1])->tags, (std::vector<std::string>{"Invoices"}));
  EXPECT_EQ(reader->summary(ids[0])->tags, (std::vector<std::string>{"Invoices", "urgent"}));
  using tag_count = std::pair<std::string, std::int64_t>;
  EXPECT_EQ(reader->tags(), (std::vector<tag_count>{{"Invoices", 2}, {"urgent", 1}}));
  ASSERT_TRUE(editor->set_tags(ids[0], {}));
  EXPECT_EQ(reader->tags(), (std::vector<tag_count>{{"Invoices", 1}}));  // "urgent" is gone
  EXPECT_FALSE(editor->set_tags(999, {"x"}));
}

TEST_P(mailbox_test, rename_and_delete_answer_mailpits_errors) {
  ASSERT_TRUE(editor->set_tags(ids[0], {"one"}));
  ASSERT_TRUE(editor->set_tags(ids[1], {"two"}));
  EXPECT_EQ(editor->rename_tag("nope", "x"), "tag not found: nope");
  EXPECT_EQ(editor->rename_tag("one", "TWO"), "tag already exists: TWO");
  EXPECT_EQ(editor->rename_tag("ONE", "uno"), std::nullopt);
  EXPECT_EQ(reader->summary(ids[0])->tags, (std::vector<std::string>{"uno"}));
  EXPECT_EQ(editor->delete_tag("dos"), "tag not found: dos");
  EXPECT_EQ(editor->delete_tag("two"), std::nullopt);
  EXPECT_TRUE(reader->summary(ids[1])->tags.empty());
  EXPECT_EQ(reader->counts().total, 3);  // the messages stay
}

TEST_P(mailbox_test, deletions_remove_rows_and_their_tags) {
  ASSERT_TRUE(editor->set_tags(ids[1], {"gone"}));
  EXPECT_EQ(editor->delete_messages({ids[1], 999}), (std::vector<std::int64_t>{ids[1]}));
  EXPECT_EQ(reader->summary(ids[1]), std::nullopt);
  EXPECT_TRUE(reader->tags().empty());
  EXPECT_EQ(editor->delete_all(), 2);
  EXPECT_EQ(editor->deleted(), 3);  // this editor's deletions, all told
  EXPECT_EQ(reader->counts().total, 0);
  EXPECT_EQ(reader->latest_id(), std::nullopt);
}

TEST_P(mailbox_test, a_message_accepted_a_moment_ago_can_be_edited_at_once) {
  std::promise<std::int64_t> durable;
  store->submit(small_message(4), [&](bool, std::int64_t given) { durable.set_value(given); });
  store->write_queued();  // written, maybe not yet indexed: the editor applies the journal's tail
  const std::int64_t id = durable.get_future().get();
  EXPECT_EQ(editor->set_read({id}, true), (std::vector<std::int64_t>{id}));
}

INSTANTIATE_TEST_SUITE_P(durability, mailbox_test,
                         ::testing::Values(durability::fsync, durability::write));

TEST(tag_name, cleans_as_mailpit_does) {
  EXPECT_EQ(clean_tag("  Tag  1 "), "Tag 1");
  EXPECT_EQ(clean_tag("a,b;c"), "a b c");
  EXPECT_EQ(clean_tag("user@host_x.y-z"), "user@host_x.y-z");
  EXPECT_EQ(clean_tag("!!!"), std::nullopt);
  EXPECT_EQ(clean_tag(std::string(150, 'x'))->size(), 100u);
}

}  // namespace
}  // namespace exomock::store::testing
