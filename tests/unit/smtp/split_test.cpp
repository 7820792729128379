// Beast's parsegrind idea for SMTP: every dialogue is replayed whole, split in
// two at every byte boundary, and fed one octet at a time; the actions, the
// transcript and the final facts must be identical. A dialogue is a list of
// segments: the client waits for the TLS handshake between two segments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include "fake_handler.hpp"
#include "smtp/base64.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;
using testing::open_config;

struct dialogue {
  std::string name;
  session_config config;
  std::vector<std::string> segments;  // one segment per TLS epoch
  std::string password = "secret";    // what the fake handler accepts
  std::size_t max_cut = SIZE_MAX;     // cuts at or after it are not split-proof by design
};

struct outcome {
  std::string actions;
  std::string transcript;
  std::string facts;
  bool operator==(const outcome&) const = default;
};

/// Feeds the dialogue cut at segment boundaries and at each of `cuts` (absolute offsets).
outcome replay(const dialogue& d, const std::set<std::size_t>& cuts) {
  testing::driver drv(d.config);
  drv.handler.password = d.password;
  std::size_t offset = 0;
  for (const auto& segment : d.segments) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= segment.size(); ++i) {
      if (i == segment.size() || cuts.count(offset + i)) {
        drv.feed(std::string_view(segment).substr(start, i - start));
        start = i;
      }
    }
    offset += segment.size();
  }
  const session_facts& f = drv.core().facts();
  outcome o;
  o.actions = testing::describe(drv.all());
  o.transcript = drv.core().transcript().text();
  o.facts = f.hello_name + "|" + f.login.value_or("-") + "|" + f.auth_mechanism + "|" +
            std::to_string(f.messages_accepted) + "|" + std::to_string(drv.core().closed());
  return o;
}

void expect_split_proof(const dialogue& d) {
  outcome whole = replay(d, {});
  std::size_t total = 0;
  for (const auto& s : d.segments) total += s.size();
  if (d.max_cut != SIZE_MAX) total = std::min(total, d.max_cut + 1);
  for (std::size_t cut = 1; cut < total; ++cut) {
    outcome split = replay(d, {cut});
    if (split != whole) {
      EXPECT_EQ(split.actions, whole.actions) << d.name << " split at " << cut;
      EXPECT_EQ(split.transcript, whole.transcript) << d.name << " split at " << cut;
      EXPECT_EQ(split.facts, whole.facts) << d.name << " split at " << cut;
      return;  // one report per dialogue is enough
    }
  }
  std::set<std::size_t> every;
  for (std::size_t i = 1; i < total; ++i) every.insert(i);
  if (d.max_cut != SIZE_MAX) return;  // bytes fed one by one cross the TLS boundary
  outcome bytewise = replay(d, every);
  EXPECT_EQ(bytewise.actions, whole.actions) << d.name << " one octet at a time";
  EXPECT_EQ(bytewise.transcript, whole.transcript) << d.name << " one octet at a time";
  EXPECT_EQ(bytewise.facts, whole.facts) << d.name << " one octet at a time";
}

const std::string envelope =
    "MAIL FROM:<alice@contoso.com> SIZE=300\r\nRCPT TO:<bob@fabrikam.example>\r\n";

TEST(Split, SubmissionWithStarttlsAndAuthLogin) {
  dialogue d{
      "login",
      testing::submission_config(),
      {"EHLO client.example\r\nSTARTTLS\r\n",
       "EHLO client.example\r\nAUTH LOGIN\r\n" + base64_encode("alice@contoso.com") + "\r\n" +
           base64_encode("secret") + "\r\n" + envelope +
           "RCPT TO:<reject@fabrikam.example>\r\nDATA\r\n"
           "From: Alice <alice@contoso.com>\r\nSubject: hi\r\n\r\n..dot\r\nbody\n.\nstill\r\n.\r\n"
           "QUIT\r\n"}};
  auto whole = replay(d, {});
  ASSERT_NE(whole.actions.find("store from=alice@contoso.com to=bob@fabrikam.example,"),
            std::string::npos)
      << whole.actions;
  EXPECT_NE(
      whole.actions.find("content=[From: Alice <alice@contoso.com>\r\nSubject: hi\r\n\r\n.dot\r\n"
                         "body\n.\nstill\r\n]"),
      std::string::npos);
  EXPECT_EQ(whole.facts, "client.example|alice@contoso.com|LOGIN|1|1");
  expect_split_proof(d);
}

TEST(Split, Xoauth2InitialResponseAndChallenge) {
  std::string token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + std::string(700, 'x') + ".sig";
  std::string sasl = base64_encode(
      "user=alice@contoso.com\x01"
      "auth=Bearer " +
      token + "\x01\x01");
  dialogue d{"xoauth2",
             testing::submission_config(),
             {"EHLO c\r\nSTARTTLS\r\n",
              "EHLO c\r\nAUTH XOAUTH2 " + sasl + "\r\nAUTH XOAUTH2\r\n" + sasl + "\r\nQUIT\r\n"},
             token};
  auto whole = replay(d, {});
  EXPECT_NE(whole.actions.find(
                "reply 235 auth-ok:alice@contoso.com\nreply 500 refuse:already_authenticated:AUTH\n"
                "reply 500 refuse:command_too_long:\n"),
            std::string::npos)
      << whole.actions;
  expect_split_proof(d);
}

TEST(Split, BdatAndDataMessages) {
  std::string chunk = "Subject: b\r\n\r\n.\r\n\0\r\n.\r\n"s;
  dialogue d{"bdat",
             open_config(),
             {"EHLO c\r\n" + envelope + "BDAT " + std::to_string(chunk.size()) + "\r\n" + chunk +
              "DATA\r\nBDAT 0 LAST\r\n" + envelope + "DATA\r\n...\r\n.x\r\n\r\n.\r\n" + envelope +
              "BDAT 5 LAST\r\nhello" + "NOOP\r\nQUIT\r\n"}};
  auto whole = replay(d, {});
  EXPECT_EQ(whole.facts, "c|-||3|1");
  expect_split_proof(d);
}

TEST(Split, PipelinedErrorsLimitsAndBinary) {
  dialogue d{
      "errors",
      open_config(),
      {"NOOP\nEHLO c\r\nMAIL FROM:<bad\r\nRCPT TO:<x@y.example>\r\n\r\n" + std::string(700, 'Z') +
       "\r\nXYZZY\r\n\x16\x03\x01\x00\r\n"s + envelope + "DATA\r\n" + std::string(1200, 'L') +
       "\r\n.\r\n" + envelope + "DATA x\r\nRSET\r\nVRFY a\r\nEXPN b\r\nHELP\r\n" + envelope +
       "RCPT TO:<drop@y.example>\r\nNOOP\r\nQUIT\r\n"}};
  auto whole = replay(d, {});
  EXPECT_NE(whole.actions.find(
                "reply 500 refuse:command_too_long:\nreply 500 refuse:unknown_command:XYZZY\n"
                "reply 500 refuse:unknown_command:\n"),
            std::string::npos)
      << whole.actions;
  EXPECT_NE(whole.actions.find("refuse:text_line_too_long"), std::string::npos) << whole.actions;
  EXPECT_TRUE(whole.actions.ends_with("reply 421 rcpt-drop [close_after]\nclose\n"))
      << whole.actions;
  expect_split_proof(d);
}

TEST(Split, SmugglingAttempt) {
  dialogue d{"smuggling",
             open_config(),
             {"EHLO c\r\n" + envelope +
              "DATA\r\nx\n.\nMAIL FROM:<evil@x.example>\nRCPT TO:<v@y.example>\n"
              "DATA\nevil\n.\r\ny\r.\rz\r\n.\r\n" +
              "RSET\r\n"}};
  auto whole = replay(d, {});
  EXPECT_EQ(whole.actions.find("evil@x.example,"), std::string::npos);
  EXPECT_EQ(whole.facts, "c|-||1|0");
  expect_split_proof(d);
}

TEST(Split, AuthCancelAndPlainWithoutTls) {
  dialogue d{
      "plain",
      open_config(),
      {"EHLO c\r\nAUTH LOGIN\r\n*\r\nAUTH PLAIN\r\n!!\r\nAUTH PLAIN\r\n" +
       base64_encode("\0alice\0secret"s) + "\r\n" + envelope + "DATA\r\n.\r\nQUIT\r\nNOOP\r\n"}};
  expect_split_proof(d);
}

TEST(Split, StarttlsWithPipelinedPlaintextIsDiscarded) {
  dialogue d{"starttls-injection",
             testing::submission_config(),
             {"EHLO c\r\nSTARTTLS\r\nMAIL FROM:<evil@x.example>\r\n",
              "EHLO c\r\nMAIL FROM:<a@b.example>\r\n"},
             "secret",
             17};  // a cut after "STARTTLS\r\n" delivers the rest after the handshake, by design
  auto whole = replay(d, {});
  EXPECT_EQ(whole.transcript.find("evil"), std::string::npos);
  EXPECT_NE(whole.actions.find("refuse:auth_required:MAIL"), std::string::npos);
  // Splits inside the first segment must agree; the injected bytes are discarded either way.
  expect_split_proof(d);
}

}  // namespace
}  // namespace exomock::smtp
