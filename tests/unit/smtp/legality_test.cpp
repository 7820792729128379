// The command × phase matrix: first the table itself against the specification
// written out below, then every command sent in every reachable phase of a real
// session, which must give the table's answer.
#include <gtest/gtest.h>

#include <map>

#include "fake_handler.hpp"
#include "smtp/base64.hpp"
#include "smtp/legality_table.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;
using testing::driver;
using testing::first_reply;

constexpr std::size_t command_phases = 5;  // fresh, ready, mail, rcpt, bdat

// The specification, independent of legality_table.cpp. "ok" means allowed.
// clang-format off
const std::map<command, std::array<std::string, command_phases>> spec = {
  //                     fresh          ready        mail                        rcpt                        bdat
  {command::ehlo,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::helo,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::starttls, {"need_hello", "ok",        "bad_sequence",             "bad_sequence",             "bad_sequence"}},
  {command::auth,     {"need_hello", "ok",        "auth_in_transaction",      "auth_in_transaction",      "auth_in_transaction"}},
  {command::mail,     {"need_hello", "ok",        "sender_already_specified", "sender_already_specified", "sender_already_specified"}},
  {command::rcpt,     {"need_hello", "need_mail", "ok",                       "ok",                       "bad_sequence"}},
  {command::data,     {"need_hello", "need_mail", "need_rcpt",                "ok",                       "bad_sequence"}},
  {command::bdat,     {"need_hello", "need_mail", "need_rcpt",                "ok",                       "ok"}},
  {command::rset,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::noop,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::quit,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::vrfy,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::expn,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
  {command::help,     {"ok",         "ok",        "ok",                       "ok",                       "ok"}},
};
// clang-format on

std::string outcome(std::optional<protocol_error> e) {
  return e ? std::string(testing::name(*e)) : "ok";
}

TEST(LegalityTable, MatchesSpecificationInEveryPhase) {
  ASSERT_EQ(spec.size(), command_count);
  gate_state open;  // no gate can fire: TLS, authenticated, nothing required
  open.tls = false;
  open.authenticated = false;
  open.starttls_available = true;
  open.auth_available = true;
  for (const auto& [c, row] : spec) {
    for (std::size_t p = 0; p < command_phases; ++p) {
      SCOPED_TRACE(std::string(verb_name(c)) + " in phase " + std::to_string(p));
      EXPECT_EQ(outcome(check(c, static_cast<phase>(p), open)), row[p]);
    }
    // While reading DATA text or SASL responses, a line is never a command.
    EXPECT_EQ(table_cell(c, phase::data).verdict, legality::kind::content);
    EXPECT_EQ(table_cell(c, phase::auth_dialogue).verdict, legality::kind::content);
  }
}

/// The expected outcome with gates, written out: need_hello first, then gates, then phase.
std::string expected(command c, std::size_t p, const gate_state& g) {
  const std::string& cell = spec.at(c)[p];
  if (cell == "need_hello") return cell;
  if (c == command::starttls && (g.tls || !g.starttls_available)) return "starttls_not_available";
  if (c == command::auth && !g.auth_available) return "auth_mechanism_unsupported";
  if (c == command::auth && g.authenticated) return "already_authenticated";
  if (c == command::mail && g.mail_requires_tls && !g.tls) return "tls_required";
  if (c == command::mail && g.mail_requires_auth && !g.authenticated) return "auth_required";
  return cell;
}

TEST(LegalityTable, GatesInEveryCombination) {
  for (unsigned bits = 0; bits < 64; ++bits) {
    gate_state g;
    g.tls = bits & 1;
    g.authenticated = bits & 2;
    g.starttls_available = bits & 4;
    g.auth_available = bits & 8;
    g.mail_requires_tls = bits & 16;
    g.mail_requires_auth = bits & 32;
    for (const auto& [c, row] : spec) {
      for (std::size_t p = 0; p < command_phases; ++p) {
        SCOPED_TRACE(std::string(verb_name(c)) + " phase " + std::to_string(p) + " gates " +
                     std::to_string(bits));
        EXPECT_EQ(outcome(check(c, static_cast<phase>(p), g)), expected(c, p, g));
      }
    }
  }
}

// ---- the same matrix through a live session ----

struct probe {
  std::string line;     // the command as sent (BDAT with its chunk)
  std::string allowed;  // the first reply when the command is allowed
};

const std::map<command, probe> probes = {
    {command::ehlo, {"EHLO probe.example\r\n", "hello:probe.example"}},
    {command::helo, {"HELO probe.example\r\n", "hello:probe.example"}},
    {command::starttls, {"STARTTLS\r\n", "fixed:starttls_ready"}},
    {command::auth, {"AUTH LOGIN\r\n", "fixed:auth_login_username"}},
    {command::mail, {"MAIL FROM:<m@probe.example>\r\n", "mail-ok:m@probe.example"}},
    {command::rcpt, {"RCPT TO:<p@probe.example>\r\n", "rcpt-ok:p@probe.example"}},
    {command::data, {"DATA\r\n", "fixed:data_start"}},
    {command::bdat, {"BDAT 2\r\nxy", "fixed:bdat_chunk_accepted"}},
    {command::rset, {"RSET\r\n", "fixed:reset"}},
    {command::noop, {"NOOP\r\n", "fixed:noop"}},
    {command::quit, {"QUIT\r\n", "fixed:quit"}},
    {command::vrfy, {"VRFY someone\r\n", "fixed:vrfy"}},
    {command::expn, {"EXPN list\r\n", "fixed:expn"}},
    {command::help, {"HELP\r\n", "fixed:help"}},
};

enum class security { plain, tls, tls_auth };

/// Brings a session to phase `p` with the given security, using only legal commands.
std::unique_ptr<driver> session_in(std::size_t p, security sec, session_config config) {
  auto d = std::make_unique<driver>(std::move(config));
  if (sec != security::plain) d->feed("EHLO c.example\r\nSTARTTLS\r\n");
  if (p == 0) return d;
  d->feed("EHLO c.example\r\n");
  if (sec == security::tls_auth) {
    d->feed("AUTH PLAIN " + base64_encode("\0alice\0secret"s) + "\r\n");
  }
  if (p >= 2) d->feed("MAIL FROM:<s@x.example>\r\n");
  if (p >= 3) d->feed("RCPT TO:<r@y.example>\r\n");
  if (p >= 4) d->feed("BDAT 3\r\nabc");
  return d;
}

void expect_probe(driver& d, command c, const std::string& want) {
  std::string got = first_reply(d.feed(probes.at(c).line));
  if (want == "ok") {
    EXPECT_TRUE(got.starts_with(probes.at(c).allowed)) << got;
  } else {
    EXPECT_TRUE(got.starts_with("refuse:" + want + ":")) << got << " wanted " << want;
  }
}

TEST(LegalityMatrix, EveryCommandInEveryPhaseOfAnAuthenticatedSession) {
  for (std::size_t p = 1; p < command_phases; ++p) {
    for (const auto& [c, row] : spec) {
      SCOPED_TRACE(std::string(verb_name(c)) + " in phase " + std::to_string(p));
      auto d = session_in(p, security::tls_auth, testing::submission_config());
      ASSERT_EQ(d->core().facts().login.value_or(""), "alice");
      gate_state g{true, true, true, true, true, true};
      expect_probe(*d, c, expected(c, p, g));
    }
  }
}

TEST(LegalityMatrix, EveryCommandBeforeHello) {
  for (security sec : {security::plain, security::tls}) {
    for (const auto& [c, row] : spec) {
      SCOPED_TRACE(std::string(verb_name(c)) + (sec == security::plain ? " plain" : " tls"));
      auto d = session_in(0, sec, testing::submission_config());
      std::string want = row[0];
      // STARTTLS and AUTH never reach their gates before EHLO.
      expect_probe(*d, c, want);
    }
  }
}

TEST(LegalityMatrix, GatedCommandsWhenGreeted) {
  struct row {
    security sec;
    command c;
    std::string want;
  };
  const std::vector<row> rows = {
      {security::plain, command::starttls, "ok"},
      {security::plain, command::auth, "auth_mechanism_unsupported"},  // before TLS (504 5.7.4)
      {security::plain, command::mail, "tls_required"},
      {security::tls, command::starttls, "starttls_not_available"},
      {security::tls, command::auth, "ok"},
      {security::tls, command::mail, "auth_required"},
      {security::tls_auth, command::starttls, "starttls_not_available"},
      {security::tls_auth, command::auth, "already_authenticated"},
      {security::tls_auth, command::mail, "ok"},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(std::string(verb_name(r.c)) + " security " + std::to_string(int(r.sec)));
    auto d = session_in(1, r.sec, testing::submission_config());
    expect_probe(*d, r.c, r.want);
  }
}

TEST(LegalityMatrix, TransactionPhasesWithoutTlsOrAuthRequired) {
  session_config open = testing::submission_config();
  open.mail_requires_tls = false;
  open.mail_requires_auth = false;
  open.auth_requires_tls = false;
  for (std::size_t p = 2; p < command_phases; ++p) {
    for (command c : {command::starttls, command::auth, command::mail}) {
      SCOPED_TRACE(std::string(verb_name(c)) + " in phase " + std::to_string(p));
      auto d = session_in(p, security::plain, open);
      expect_probe(*d, c, spec.at(c)[p]);
    }
  }
}

TEST(LegalityMatrix, RefusalDetailIsTheVerb) {
  driver d;
  EXPECT_EQ(first_reply(d.feed("mail FROM:<a@b.example>\r\n")), "refuse:need_hello:MAIL");
  EXPECT_EQ(first_reply(d.feed("Rcpt TO:<a@b.example>\r\n")), "refuse:need_hello:RCPT");
}

TEST(LegalityMatrix, ListenerWithoutStarttlsOrAuth) {
  session_config c = testing::submission_config();
  c.starttls_available = false;
  c.auth_available = false;
  driver d(c);
  d.feed("EHLO c.example\r\n");
  EXPECT_EQ(first_reply(d.feed("STARTTLS\r\n")), "refuse:starttls_not_available:STARTTLS");
  EXPECT_EQ(first_reply(d.feed("AUTH LOGIN\r\n")), "refuse:auth_mechanism_unsupported:LOGIN");
}

}  // namespace
}  // namespace exomock::smtp
