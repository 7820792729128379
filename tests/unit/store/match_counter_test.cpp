// match_counter: a wait's repeated count equals a full search's count after
// every kind of change (new mail, deletions old and new, read flags, tags),
// while after the first count it reads only the messages since.
#include "store/match_counter.hpp"

#include <gtest/gtest.h>

#include "store/mailbox_editor.hpp"
#include "store/message_store.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

mailbox_query subject_is(std::string text, bool negated = false) {
  search_term t;
  t.field = search_field::subject;
  t.text = std::move(text);
  t.negated = negated;
  mailbox_query q;
  q.terms = {t};
  return q;
}

class match_counter_test : public store_test {
 protected:
  void SetUp() override {
    store_test::SetUp();
    store = open_store();
    std::string error;
    editor = mailbox_editor::open(dir_, error);
    ASSERT_NE(editor, nullptr) << error;
    reader = mailbox_reader::open(dir_, error);
    ASSERT_NE(reader, nullptr) << error;
  }
  // small_message(n)'s subject is "test N".
  std::int64_t add(int n) {
    const outcome o = submit_and_wait(*store, small_message(n));
    EXPECT_TRUE(o.ok);
    return o.id;
  }
  [[nodiscard]] std::int64_t full(const mailbox_query& q) const {
    return reader->search(q, 0, 0).matched.total;
  }
  std::unique_ptr<message_store> store;
  std::unique_ptr<mailbox_editor> editor;
  std::unique_ptr<mailbox_reader> reader;
};

TEST_P(match_counter_test, counts_new_mail_and_deletions_old_and_new_as_a_search_does) {
  const mailbox_query q = subject_is("test 1");  // test 1, test 10..19, test 100...
  match_counter counter(q);
  EXPECT_EQ(counter.count(*reader), 0);
  const std::int64_t first = add(1);
  add(2);
  EXPECT_EQ(counter.count(*reader), 1);
  EXPECT_EQ(counter.count(*reader), 1);  // nothing new: the same answer
  const std::int64_t ten = add(10);
  add(11);
  add(3);
  EXPECT_EQ(counter.count(*reader), 3);
  EXPECT_EQ(counter.count(*reader), full(q));
  ASSERT_EQ(editor->delete_messages({first}).size(), 1U);  // an old match goes
  EXPECT_EQ(counter.count(*reader), 2);
  add(12);
  ASSERT_EQ(editor->delete_messages({ten}).size(), 1U);  // and one seen last time
  EXPECT_EQ(counter.count(*reader), 2);
  EXPECT_EQ(counter.count(*reader), full(q));
  editor->delete_all();
  EXPECT_EQ(counter.count(*reader), 0);
  add(13);
  EXPECT_EQ(counter.count(*reader), 1);
}

TEST_P(match_counter_test, a_negated_term_counts_the_mail_that_does_not_match) {
  const mailbox_query q = subject_is("test 1", true);
  match_counter counter(q);
  add(1);
  add(2);
  EXPECT_EQ(counter.count(*reader), 1);
  add(3);
  add(14);
  EXPECT_EQ(counter.count(*reader), 2);
  EXPECT_EQ(counter.count(*reader), full(q));
}

TEST_P(match_counter_test, read_flags_and_tags_change_old_answers_so_they_are_counted_in_full) {
  search_term read;
  read.field = search_field::read;
  mailbox_query is_read;
  is_read.terms = {read};
  search_term tag;
  tag.field = search_field::tag;
  tag.text = "done";
  mailbox_query tagged;
  tagged.terms = {tag};
  match_counter by_read(is_read);
  match_counter by_tag(tagged);
  const std::int64_t a = add(1);
  const std::int64_t b = add(2);
  EXPECT_EQ(by_read.count(*reader), 0);
  EXPECT_EQ(by_tag.count(*reader), 0);
  editor->set_read({a, b}, true);
  ASSERT_TRUE(editor->set_tags(a, {"done"}));
  EXPECT_EQ(by_read.count(*reader), 2);
  EXPECT_EQ(by_tag.count(*reader), 1);
  editor->set_read({a}, false);
  ASSERT_TRUE(editor->set_tags(a, {}));
  EXPECT_EQ(by_read.count(*reader), 1);
  EXPECT_EQ(by_tag.count(*reader), 0);
}

TEST_P(match_counter_test, the_window_reads_only_ids_in_it) {
  add(1);
  const std::int64_t second = add(12);
  add(13);
  mailbox_query window = subject_is("test 1");
  window.id_above = second - 1;
  window.id_at_most = second;
  EXPECT_EQ(full(window), 1);
  window.id_at_most = std::nullopt;
  EXPECT_EQ(full(window), 2);
  mailbox_query none_above;
  none_above.id_above = second + 1;
  EXPECT_EQ(full(none_above), 0);
}

INSTANTIATE_TEST_SUITE_P(durability, match_counter_test,
                         ::testing::Values(durability::fsync, durability::write));

}  // namespace
}  // namespace exomock::store::testing
