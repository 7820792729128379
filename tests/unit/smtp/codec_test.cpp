// Pure pieces of the core: base64, SASL messages, command grammar, headers.
#include <gtest/gtest.h>

#include <limits>

#include "smtp/base64.hpp"
#include "smtp/command_parser.hpp"
#include "smtp/message_header.hpp"
#include "smtp/sasl.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;

TEST(Base64, RoundTripsEveryLengthAndOctet) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); ++n) {
    std::string s = all.substr(0, n);
    auto d = base64_decode(base64_encode(s));
    ASSERT_TRUE(d.has_value()) << n;
    EXPECT_EQ(*d, s) << n;
  }
}

TEST(Base64, KnownValues) {
  EXPECT_EQ(base64_encode("Username:"), "VXNlcm5hbWU6");
  EXPECT_EQ(base64_encode("Password:"), "UGFzc3dvcmQ6");
  EXPECT_EQ(base64_encode("\0alice\0secret"s), "AGFsaWNlAHNlY3JldA==");
  EXPECT_EQ(base64_decode("dXNlcg==").value(), "user");
  EXPECT_EQ(base64_decode("dXNlcg").value(), "user");  // padding omitted: tolerated
  EXPECT_EQ(base64_decode("").value(), "");
}

TEST(Base64, RefusesWhatIsNotBase64) {
  EXPECT_FALSE(base64_decode("!!!!"));
  EXPECT_FALSE(base64_decode("dXNl cg=="));  // white space
  EXPECT_FALSE(base64_decode("dXNlc"));      // 5 characters: impossible length
  EXPECT_FALSE(base64_decode("dX=Ncg=="));   // padding in the middle
  EXPECT_FALSE(base64_decode("dXNlcg="));    // wrong amount of padding
  EXPECT_FALSE(base64_decode("*"));
  EXPECT_FALSE(base64_decode("dXNlcg==="));
}

TEST(Base64url, RoundTripsWithoutPadding) {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "\xff\xfe\x00?"}) {
    const std::string e = base64url_encode(s);
    EXPECT_EQ(e.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(e), s);
  }
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_encode("\0alice\0secret"s), "AGFsaWNlAHNlY3JldA");
}

TEST(Base64url, RefusesPaddingAndTheStandardAlphabet) {
  EXPECT_FALSE(base64url_decode("a+b/").has_value());
  EXPECT_FALSE(base64url_decode("abcde").has_value());     // impossible length
  EXPECT_FALSE(base64url_decode("dXNlcg==").has_value());  // JWTs carry no padding
  EXPECT_EQ(base64url_decode("dXNlcg").value(), "user");
}

TEST(Base64url, EveryLengthAndOctetMatchesBase64InTheOtherAlphabet) {
  std::string all;
  for (int i = 0; i < 256; ++i) {
    all += static_cast<char>(i);
  }
  for (std::size_t n = 0; n <= all.size(); ++n) {
    const std::string s = all.substr(0, n);
    std::string expected = base64_encode(s);
    while (!expected.empty() && expected.back() == '=') {
      expected.pop_back();
    }
    for (char& c : expected) {
      c = c == '+' ? '-' : c == '/' ? '_' : c;
    }
    EXPECT_EQ(base64url_encode(s), expected) << n;
    EXPECT_EQ(base64url_decode(expected), s) << n;
  }
}

TEST(Sasl, Mechanisms) {
  EXPECT_EQ(find_mechanism("login"), sasl_mechanism::login);
  EXPECT_EQ(find_mechanism("XOAUTH2"), sasl_mechanism::xoauth2);
  EXPECT_EQ(find_mechanism("Plain"), sasl_mechanism::plain);
  EXPECT_FALSE(find_mechanism("CRAM-MD5"));
  EXPECT_EQ(mechanism_name(sasl_mechanism::xoauth2), "XOAUTH2");
}

TEST(Sasl, Plain) {
  auto c = decode_plain("\0alice\0secret"s);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->mechanism, "PLAIN");
  EXPECT_EQ(c->authzid, "");
  EXPECT_EQ(c->identity, "alice");
  EXPECT_EQ(c->secret, "secret");
  c = decode_plain("boss\0alice\0pw"s);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->authzid, "boss");
  EXPECT_FALSE(decode_plain(""));
  EXPECT_FALSE(decode_plain("alice\0secret"s));
  EXPECT_FALSE(decode_plain("\0\0secret"s));
  EXPECT_FALSE(decode_plain("\0alice\0"s));
  EXPECT_FALSE(decode_plain("\0alice\0se\0cret"s));
}

TEST(Sasl, Xoauth2) {
  auto c = decode_xoauth2(
      "user=u@contoso.com\x01"
      "auth=Bearer eyJ0.abc\x01\x01");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->mechanism, "XOAUTH2");
  EXPECT_EQ(c->identity, "u@contoso.com");
  EXPECT_EQ(c->secret, "eyJ0.abc");
  // Shortened endings, seen in the wild, are tolerated; the scheme is case-insensitive.
  EXPECT_TRUE(
      decode_xoauth2("user=u\x01"
                     "auth=bearer t\x01"));
  EXPECT_TRUE(
      decode_xoauth2("user=u\x01"
                     "auth=Bearer t"));
  EXPECT_TRUE(
      decode_xoauth2("user=u\x01host=h\x01"
                     "auth=Bearer t\x01\x01"));
  EXPECT_FALSE(decode_xoauth2(""));
  EXPECT_FALSE(decode_xoauth2("auth=Bearer t\x01user=u\x01\x01"));  // user= must come first
  EXPECT_FALSE(
      decode_xoauth2("user=u\x01"
                     "auth=Basic dTpw\x01\x01"));
  EXPECT_FALSE(
      decode_xoauth2("user=\x01"
                     "auth=Bearer t\x01\x01"));
  EXPECT_FALSE(
      decode_xoauth2("user=u\x01"
                     "auth=Bearer \x01\x01"));
  EXPECT_FALSE(
      decode_xoauth2("user=u\x01\x01"
                     "auth=Bearer t\x01\x01"));
  EXPECT_FALSE(decode_xoauth2("user=u\x01garbage\x01\x01"));
  EXPECT_FALSE(
      decode_xoauth2("user=u\x01"
                     "auth=Bearer a\x01"
                     "auth=Bearer b\x01\x01"));
}

TEST(CommandLine, SplitsVerbCaseInsensitively) {
  auto cl = split_command("mail FROM:<a@b>");
  ASSERT_TRUE(cl.verb);
  EXPECT_EQ(*cl.verb, command::mail);
  EXPECT_EQ(cl.word, "mail");
  EXPECT_EQ(cl.argument, "FROM:<a@b>");
  EXPECT_FALSE(split_command("MAILFROM:<a@b>").verb);
  EXPECT_FALSE(split_command("").verb);
  EXPECT_EQ(split_command("XYZZY now").word, "XYZZY");
  for (std::size_t i = 0; i < command_count; ++i) {
    auto c = static_cast<command>(i);
    EXPECT_EQ(split_command(verb_name(c)).verb, c);
  }
}

TEST(CommandLine, Binary) {
  EXPECT_FALSE(is_binary("EHLO client\tname"));
  EXPECT_FALSE(is_binary("RCPT TO:<j\xC3\xBCrgen@example.de>"));  // UTF-8
  EXPECT_FALSE(is_binary("\xF0\x9F\x93\xA7"));                    // 4-octet UTF-8
  EXPECT_TRUE(is_binary("\x16\x03\x01"));
  EXPECT_TRUE(is_binary("NO\x7FOP"));
  EXPECT_TRUE(is_binary("A\rB"));
  EXPECT_TRUE(is_binary("\xFF"));
  EXPECT_TRUE(is_binary("\xC3"));              // truncated sequence
  EXPECT_TRUE(is_binary("\xC0\x80"));          // overlong
  EXPECT_TRUE(is_binary("\xED\xA0\x80"));      // surrogate
  EXPECT_TRUE(is_binary("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(is_binary("\xE2\x82"));
}

mail_command mail_ok(std::string_view arg) {
  mail_command m;
  auto f = parse_mail(arg, m);
  EXPECT_FALSE(f) << arg << " -> " << (f ? f->detail : "");
  return m;
}

std::string failure_text(const parse_failure& f) {
  const char* kind = f.error == protocol_error::syntax_error        ? "syntax"
                     : f.error == protocol_error::parameter_invalid ? "invalid"
                                                                    : "parameter";
  return std::string(kind) + ":" + f.detail;
}

std::string mail_failure(std::string_view arg) {
  mail_command m;
  auto f = parse_mail(arg, m);
  if (!f) return "accepted";
  return failure_text(*f);
}

TEST(MailGrammar, Paths) {
  EXPECT_EQ(mail_ok("FROM:<a@b.example>").reverse_path, "a@b.example");
  EXPECT_EQ(mail_ok("from:<a@b.example>").reverse_path, "a@b.example");
  EXPECT_EQ(mail_ok("FROM: <a@b.example>").reverse_path, "a@b.example");  // Exchange tolerates it
  EXPECT_EQ(mail_ok("FROM:<>").reverse_path, "");
  EXPECT_EQ(mail_ok("FROM:<a@b.example>   ").reverse_path, "a@b.example");
  EXPECT_EQ(mail_ok("FROM:<@relay.example,@r2.example:a@b.example>").reverse_path, "a@b.example");
  EXPECT_EQ(mail_ok("FROM:<\"john doe\"@b.example>").reverse_path, "\"john doe\"@b.example");
  EXPECT_EQ(mail_ok("FROM:<a@[192.0.2.1]>").reverse_path, "a@[192.0.2.1]");
  EXPECT_EQ(mail_ok("FROM:<j\xC3\xBCrgen@b\xC3\xBC.example>").reverse_path,
            "j\xC3\xBCrgen@b\xC3\xBC.example");
  EXPECT_EQ(mail_ok("FROM:<o'brien+tag@b.example>").reverse_path, "o'brien+tag@b.example");
}

TEST(MailGrammar, BadPaths) {
  for (std::string_view bad : {"FROM:a@b.example",
                               "FROM:<a@b.example",
                               "FROM<a@b.example>",
                               "TO:<a@b.example>",
                               "FROM:",
                               "",
                               "FROM:<a b@c.example>",
                               "FROM:<a@b.example>SIZE=1",
                               "FROM:<a..b@c.example>",
                               "FROM:<.a@c.example>",
                               "FROM:<a@>",
                               "FROM:<@b.example>",
                               "FROM:<ab.example>",
                               "FROM:<a@b..example>",
                               "FROM:<a@b.example.>",
                               "FROM:<a@b_c.example>",
                               "FROM:<a@[]>",
                               "FROM:<a\x01@b.example>",
                               "FROM:<\"unterminated@b.example>",
                               "FROM:<a@b.example> <x@y>",
                               "FROM:<a@\xFF.example>"}) {
    EXPECT_EQ(mail_failure(bad), "syntax:MAIL") << bad;
  }
}

TEST(MailGrammar, Parameters) {
  auto m = mail_ok(
      "FROM:<a@b.example> SIZE=1000 BODY=8bitmime SMTPUTF8 RET=hdrs ENVID=QQ314159 AUTH=<>");
  EXPECT_EQ(m.parameters.size, 1000u);
  EXPECT_EQ(m.parameters.body, "8BITMIME");
  EXPECT_TRUE(m.parameters.smtputf8);
  EXPECT_EQ(m.parameters.ret, "HDRS");
  EXPECT_EQ(m.parameters.envid, "QQ314159");
  EXPECT_EQ(m.parameters.auth, "<>");
  m = mail_ok("FROM:<> body=BINARYMIME  size=0");
  EXPECT_EQ(m.parameters.body, "BINARYMIME");
  EXPECT_EQ(m.parameters.size, 0u);
  m = mail_ok("FROM:<> SIZE=99999999999999999999999");  // saturates: refused as too big later
  EXPECT_EQ(m.parameters.size, std::numeric_limits<std::uint64_t>::max());
  EXPECT_FALSE(mail_ok("FROM:<>").parameters.size);
}

TEST(MailGrammar, BadParameters) {
  EXPECT_EQ(mail_failure("FROM:<> XFOO=1"), "parameter:XFOO");
  EXPECT_EQ(mail_failure("FROM:<> xfoo"), "parameter:xfoo");
  // A known parameter with a bad value, or repeated, is the parameter's error, not the path's.
  EXPECT_EQ(mail_failure("FROM:<> SIZE=12a"), "invalid:SIZE");
  EXPECT_EQ(mail_failure("FROM:<> SIZE="), "invalid:SIZE");
  EXPECT_EQ(mail_failure("FROM:<> SIZE"), "invalid:SIZE");
  EXPECT_EQ(mail_failure("FROM:<> SIZE=1 SIZE=2"), "invalid:SIZE");
  EXPECT_EQ(mail_failure("FROM:<> SMTPUTF8=yes"), "invalid:SMTPUTF8");
  EXPECT_EQ(mail_failure("FROM:<> SMTPUTF8 smtputf8"), "invalid:smtputf8");
  EXPECT_EQ(mail_failure("FROM:<> BODY=9BIT"), "invalid:BODY");
  EXPECT_EQ(mail_failure("FROM:<> RET=ALL"), "invalid:RET");
  EXPECT_EQ(mail_failure("FROM:<> RET=FULL RET=HDRS"), "invalid:RET");
  EXPECT_EQ(mail_failure("FROM:<> ENVID"), "invalid:ENVID");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=a=b"), "invalid:ENVID");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=a+2"), "invalid:ENVID");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=a+zz"), "invalid:ENVID");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=" + std::string(101, 'x')), "invalid:ENVID");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=" + std::string(100, 'x')), "accepted");
  EXPECT_EQ(mail_failure("FROM:<> ENVID=a+2Bb"), "accepted");
  // A malformed keyword is no parameter at all: the path's syntax error.
  EXPECT_EQ(mail_failure("FROM:<> -X=1"), "syntax:MAIL");
}

std::string rcpt_result(std::string_view arg, recipient* out = nullptr) {
  recipient r;
  auto f = parse_rcpt(arg, r);
  if (out) *out = r;
  if (!f) return "accepted:" + r.forward_path;
  return failure_text(*f);
}

TEST(RcptGrammar, PathsAndParameters) {
  recipient r;
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b.example", &r),
            "accepted:a@b.example");
  EXPECT_EQ(r.notify, "SUCCESS,FAILURE");
  EXPECT_EQ(r.orcpt, "rfc822;a@b.example");
  EXPECT_EQ(rcpt_result("to: <a@b.example>"), "accepted:a@b.example");
  EXPECT_EQ(rcpt_result("TO:<Postmaster>"), "accepted:Postmaster");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY=NEVER"), "accepted:a@b.example");
  EXPECT_EQ(rcpt_result("TO:<>"), "syntax:RCPT");
  EXPECT_EQ(rcpt_result("TO:<bob>"), "syntax:RCPT");
  EXPECT_EQ(rcpt_result("FROM:<a@b.example>"), "syntax:RCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY=NEVER,SUCCESS"), "invalid:NOTIFY");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY=SOMETIMES"), "invalid:NOTIFY");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY="), "invalid:NOTIFY");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> NOTIFY=DELAY NOTIFY=DELAY"), "invalid:NOTIFY");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=nosemicolon"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=;a@b.example"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=rfc822;"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=rfc822;a+b@b.example"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=rfc822;a+2Bb@b.example"), "accepted:a@b.example");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT=rfc822;a@b ORCPT=rfc822;a@b"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> ORCPT"), "invalid:ORCPT");
  EXPECT_EQ(rcpt_result("TO:<a@b.example> SIZE=10"), "parameter:SIZE");
}

TEST(BdatGrammar, Arguments) {
  auto b = parse_bdat("5");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size, 5u);
  EXPECT_FALSE(b->last);
  b = parse_bdat("0 last");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size, 0u);
  EXPECT_TRUE(b->last);
  EXPECT_TRUE(parse_bdat("1000000 LAST"));
  for (std::string_view bad :
       {"", "x", "-1", "5 LAST x", "5 FIRST", "+5", "99999999999999999999", "5LAST"}) {
    EXPECT_FALSE(parse_bdat(bad)) << bad;
  }
}

TEST(AuthGrammar, Arguments) {
  auto a = parse_auth("LOGIN");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->mechanism, "LOGIN");
  EXPECT_FALSE(a->initial_response);
  a = parse_auth("xoauth2 dXNlcg==");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->mechanism, "xoauth2");
  EXPECT_EQ(a->initial_response.value(), "dXNlcg==");
  EXPECT_FALSE(parse_auth(""));
  EXPECT_FALSE(parse_auth("PLAIN a b"));
}

TEST(MessageHeader, FindsFirstFieldCaseInsensitivelyAndUnfolds) {
  std::string m =
      "Received: from x\r\n\tby y\r\n"
      "subject: Hello\r\n  folded   world \r\n"
      "Message-ID: <1@a.example>\r\n"
      "Message-ID: <2@a.example>\r\n"
      "From : \"A, B\" <a@b.example>\r\n"
      "\r\n"
      "X-In-Body: no\r\n";
  EXPECT_EQ(find_header(m, "Subject").value(), "Hello  folded   world");
  EXPECT_EQ(find_header(m, "MESSAGE-ID").value(), "<1@a.example>");
  EXPECT_EQ(find_header(m, "received").value(), "from x\tby y");
  EXPECT_EQ(find_header(m, "From").value(), "\"A, B\" <a@b.example>");
  EXPECT_FALSE(find_header(m, "X-In-Body"));
  EXPECT_FALSE(find_header(m, "Sender"));
  EXPECT_FALSE(find_header(m, "Message"));
}

TEST(MessageHeader, BareLfAndEdgeCases) {
  EXPECT_EQ(find_header("To: a@b\nCc: c@d\n\nbody", "cc").value(), "c@d");
  EXPECT_FALSE(find_header("\r\nSubject: x\r\n", "Subject"));
  EXPECT_FALSE(find_header("", "Subject"));
  EXPECT_EQ(find_header("Subject:", "Subject").value(), "");
  EXPECT_EQ(find_header("Subject: no newline", "Subject").value(), "no newline");
  EXPECT_EQ(
      find_header("Other: x\r\n continued Subject: no\r\nSubject: yes\r\n", "Subject").value(),
      "yes");
}

TEST(MessageHeader, FirstAddress) {
  EXPECT_EQ(first_address("\"A <x@y>\" <a@b.example>"), "a@b.example");
  EXPECT_EQ(first_address("Alice <alice@contoso.com>, bob@contoso.com"), "alice@contoso.com");
  EXPECT_EQ(first_address("  bob@contoso.com  "), "bob@contoso.com");
  EXPECT_EQ(first_address("bob@contoso.com (Bob), carol@contoso.com"), "bob@contoso.com");
  EXPECT_EQ(first_address("(comment <x@y>) <a@b.example>"), "a@b.example");
  EXPECT_EQ(first_address("Team: a@b.example, c@d.example;"), "a@b.example");
  EXPECT_EQ(first_address("undisclosed-recipients:;"), "");
  EXPECT_EQ(first_address(""), "");
  EXPECT_EQ(first_address("no address here"), "");
  EXPECT_EQ(first_address("<unclosed@x"), "");
}

TEST(MessageHeader, FindsEveryFieldOfAName) {
  const std::string m =
      "From: a@b.example\r\nTo: x@y\r\nfrom : Other\r\n <c@d.example>\r\n\r\nFrom: body@x\r\n";
  EXPECT_EQ(find_headers(m, "From"),
            (std::vector<std::string>{"a@b.example", "Other <c@d.example>"}));
  EXPECT_EQ(find_headers(m, "To"), (std::vector<std::string>{"x@y"}));
  EXPECT_TRUE(find_headers(m, "Sender").empty());
}

TEST(MessageHeader, AllAddresses) {
  using list = std::vector<std::string>;
  EXPECT_EQ(all_addresses("scanner@contoso.com, alice@contoso.com"),
            (list{"scanner@contoso.com", "alice@contoso.com"}));
  EXPECT_EQ(all_addresses("\"Doe, J\" <j@x.example>, (a, b) k@x.example"),
            (list{"j@x.example", "k@x.example"}));
  EXPECT_EQ(all_addresses("<@r1,@r2:a@x.example>, b@x.example"),
            (list{"@r1,@r2:a@x.example", "b@x.example"}));
  EXPECT_EQ(all_addresses("Team: a@x.example, b@x.example;, c@x.example"),
            (list{"a@x.example", "b@x.example", "c@x.example"}));
  EXPECT_EQ(all_addresses("undisclosed-recipients:;"), list{});
  EXPECT_EQ(all_addresses(", ,nobody,"), list{});
  EXPECT_EQ(all_addresses("a@x.example"), (list{"a@x.example"}));
}

}  // namespace
}  // namespace exomock::smtp
