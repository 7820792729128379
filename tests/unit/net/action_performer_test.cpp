// action_performer on Beast's in-memory test stream with a fake connection:
// gathered writes, delays that flush first, trickles, withheld and stalled
// replies, store splicing, sign-ins, closes and upgrades, write failures.
#include "net/action_performer.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <deque>
#include <string>
#include <vector>

namespace exomock::net {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using test_stream = boost::beast::test::stream;

/// Records what the performer asks of the connection, in order.
class fake_port final : public performer_port {
 public:
  explicit fake_port(test_stream& peer) : peer_(peer) {}

  asio::awaitable<bool> pause(std::chrono::milliseconds delay) override {
    events.push_back("pause " + std::to_string(delay.count()) + "ms after '" + escaped() + "'");
    co_return true;
  }
  asio::awaitable<bool> store(policy::capture_message&& message) override {
    events.push_back("store " + message.path + " after '" + escaped() + "'");
    co_return store_ok;
  }
  std::vector<policy::connection_action> stored(bool ok) override {
    events.push_back(ok ? "stored" : "not stored");
    std::vector<policy::connection_action> next;
    next.swap(after_store);
    return next;
  }
  void record(const policy::sign_in_event& event) override {
    events.push_back("sign-in " + event.user_principal_name);
  }
  asio::awaitable<void> ending_reply(int code) override {
    events.push_back("session recorded before " + std::to_string(code));
    co_return;
  }
  asio::awaitable<void> stall() override {
    events.push_back("stall");
    co_return;
  }
  void writing() override { ++writes; }
  void broken() override { events.push_back("broken"); }
  void ending(std::string reason) override { events.push_back("end: " + reason); }
  [[nodiscard]] bool closing() const override { return closing_now; }

  std::vector<std::string> events;
  std::vector<policy::connection_action> after_store;
  int writes = 0;
  bool store_ok = true;
  bool closing_now = false;

 private:
  std::string escaped() const {
    std::string s(peer_.str());
    for (std::size_t at; (at = s.find("\r\n")) != std::string::npos;) s.replace(at, 2, "|");
    return s;
  }
  test_stream& peer_;
};

smtp::send_reply line(int code, std::string text) {
  return {smtp::reply::single(code, std::move(text))};
}

class performer_test : public ::testing::Test {
 protected:
  next_step run(std::vector<policy::connection_action> actions) {
    std::string out;
    action_performer<test_stream> performer(client_, port_, out);
    auto result = asio::co_spawn(io_, performer.perform(std::move(actions)), asio::use_future);
    io_.run();
    io_.restart();
    return result.get();
  }
  std::string written() const { return std::string(server_.str()); }

  asio::io_context io_;
  test_stream client_{io_};  ///< the performer writes here
  test_stream server_{io_};  ///< and the peer reads here
  fake_port port_{server_};
  performer_test() { client_.connect(server_); }
};

TEST_F(performer_test, replies_without_delay_go_out_in_one_write) {
  EXPECT_EQ(run({line(250, "a"), line(250, "b"), line(250, "c")}), next_step::read_more);
  EXPECT_EQ(written(), "250 a\r\n250 b\r\n250 c\r\n");
  EXPECT_EQ(port_.writes, 1);
}

TEST_F(performer_test, a_delayed_reply_first_flushes_what_precedes_it) {
  smtp::send_reply late = line(535, "no");
  late.answer.delay = 5000ms;
  EXPECT_EQ(run({line(334, "x"), late, line(250, "after")}), next_step::read_more);
  EXPECT_EQ(port_.events, (std::vector<std::string>{"pause 5000ms after '334 x|'"}));
  EXPECT_EQ(written(), "334 x\r\n535 no\r\n250 after\r\n");
  EXPECT_EQ(port_.writes, 2);
}

TEST_F(performer_test, a_trickled_reply_is_written_a_few_bytes_at_a_time) {
  smtp::send_reply slow = line(250, "OK");  // "250 OK\r\n": 8 bytes
  slow.answer.trickle_bytes = 3;
  slow.answer.trickle_interval = 10ms;
  EXPECT_EQ(run({slow}), next_step::read_more);
  EXPECT_EQ(written(), "250 OK\r\n");
  EXPECT_EQ(port_.writes, 3);
  EXPECT_EQ(port_.events,
            (std::vector<std::string>{"pause 10ms after '250'", "pause 10ms after '250 OK'"}));
}

TEST_F(performer_test, a_withheld_reply_closes_without_a_word) {
  smtp::send_reply lost = line(250, "never seen");
  lost.answer.how = smtp::delivery::silent_close;
  lost.answer.close_after = true;
  EXPECT_EQ(run({line(354, "go"), lost, line(250, "not either")}), next_step::close);
  EXPECT_EQ(written(), "354 go\r\n");
  EXPECT_EQ(port_.events, (std::vector<std::string>{"end: closed without reply by a fault rule"}));
}

TEST_F(performer_test, a_stalled_reply_holds_the_connection) {
  smtp::send_reply stuck = line(354, "never seen");
  stuck.answer.how = smtp::delivery::stall;
  EXPECT_EQ(run({line(250, "ok"), stuck}), next_step::close);
  EXPECT_EQ(written(), "250 ok\r\n");
  EXPECT_EQ(port_.events, (std::vector<std::string>{"end: stalled by a fault rule", "stall"}));
}

TEST_F(performer_test, the_replies_after_a_stored_message_are_spliced_in_before_the_rest) {
  port_.after_store = {line(250, "queued")};
  policy::capture_message message;
  message.path = "submission";
  EXPECT_EQ(run({line(250, "recipient"), message, line(221, "bye")}), next_step::read_more);
  EXPECT_EQ(port_.events,
            (std::vector<std::string>{"store submission after '250 recipient|'", "stored"}));
  EXPECT_EQ(written(), "250 recipient\r\n250 queued\r\n221 bye\r\n");
}

TEST_F(performer_test, a_failed_store_is_reported_to_the_connection) {
  port_.store_ok = false;
  port_.after_store = {line(451, "not stored")};
  EXPECT_EQ(run({policy::capture_message{}}), next_step::read_more);
  EXPECT_EQ(port_.events.back(), "not stored");
  EXPECT_EQ(written(), "451 not stored\r\n");
}

TEST_F(performer_test, sign_ins_are_recorded_and_nothing_is_written_for_them) {
  policy::record_sign_in sign_in;
  sign_in.event.user_principal_name = "alice@contoso.com";
  EXPECT_EQ(run({sign_in, line(535, "no")}), next_step::read_more);
  EXPECT_EQ(port_.events, (std::vector<std::string>{"sign-in alice@contoso.com"}));
  EXPECT_EQ(written(), "535 no\r\n");
}

TEST_F(performer_test, close_after_and_close_connection_end_the_batch) {
  smtp::send_reply bye = line(221, "bye");
  bye.answer.close_after = true;
  EXPECT_EQ(run({bye, line(250, "never")}), next_step::close);
  EXPECT_EQ(written(), "221 bye\r\n");
  // The session's record goes to the store before the 221 is written.
  EXPECT_EQ(port_.events, (std::vector<std::string>{"end: closed by server after 221",
                                                    "session recorded before 221"}));
  EXPECT_EQ(run({line(421, "x"), smtp::close_connection{}}), next_step::close);
  EXPECT_EQ(port_.events.back(), "end: closed by server");
}

TEST_F(performer_test, start_tls_flushes_then_upgrades) {
  EXPECT_EQ(run({line(220, "ready"), smtp::start_tls{}, line(250, "never")}),
            next_step::upgrade_tls);
  EXPECT_EQ(written(), "220 ready\r\n");
}

TEST_F(performer_test, nothing_is_performed_while_the_connection_closes) {
  port_.closing_now = true;
  EXPECT_EQ(run({line(250, "never")}), next_step::close);
  EXPECT_EQ(written(), "");
}

TEST_F(performer_test, a_failed_write_marks_the_connection_broken) {
  client_.close();  // the peer is gone: the write fails
  EXPECT_EQ(run({line(250, "lost")}), next_step::close);
  ASSERT_EQ(port_.events.size(), 2U);
  EXPECT_EQ(port_.events[0], "broken");
  EXPECT_TRUE(port_.events[1].starts_with("end: write: "));
}

}  // namespace
}  // namespace exomock::net
