// Lines as devices, swaks and exomock's own transcripts print them.
#include "policy/reply_matcher.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace exomock::policy {
namespace {

std::vector<reply_id> ids(std::string_view line, match_quality expected) {
  const reply_match m = match_reply_line(line);
  EXPECT_EQ(m.quality, expected) << line;
  return m.ids;
}

using ids_t = std::vector<reply_id>;

TEST(ReplyMatcher, AReplyWithItsDiagSuffix) {
  EXPECT_EQ(ids("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled "
                "for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. "
                "[SN7PR04CA0123.namprd04.prod.outlook.com 2026-12-01T10:00:00.000Z "
                "08DE2F4C1A2B3C4D]",
                match_quality::exact),
            ids_t{reply_id::auth_disabled_for_mailbox});
}

TEST(ReplyMatcher, WithoutTheSuffixAndBehindATranscriptOrLogPrefix) {
  const ids_t criteria{reply_id::auth_criteria_not_met};
  const std::string text =
      "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be "
      "authenticated successfully. Contact your administrator.";
  EXPECT_EQ(ids(text, match_quality::exact), criteria);
  EXPECT_EQ(ids("S: " + text, match_quality::exact), criteria);
  EXPECT_EQ(ids(" <~* " + text, match_quality::exact), criteria);
  EXPECT_EQ(ids("2026-12-01 10:00:02.123 smtp[587]: " + text + "\r\n", match_quality::exact),
            criteria);
}

TEST(ReplyMatcher, ALineALogCutShortIsReadByItsStart) {
  EXPECT_EQ(ids("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria "
                "...",
                match_quality::prefix),
            ids_t{reply_id::auth_criteria_not_met});
  EXPECT_EQ(ids("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled "
                "for the T\xE2\x80\xA6",
                match_quality::prefix),
            ids_t{reply_id::auth_disabled_for_tenant});
}

TEST(ReplyMatcher, OnlyTheCodesGiveEveryReplyWithThem) {
  const auto found = ids("535 5.7.139", match_quality::status);
  EXPECT_EQ(found.size(), 9U);
  EXPECT_EQ(found.front(), reply_id::auth_bad_credentials);
  EXPECT_EQ(ids("421", match_quality::status).size(), 5U);
  // A text exomock does not give, with codes it does.
  EXPECT_EQ(ids("550 5.7.30 Basic auth is gone", match_quality::status),
            ids_t{reply_id::auth_basic_retired});
}

TEST(ReplyMatcher, PlaceholdersStandForAnyText) {
  EXPECT_EQ(ids("250 2.0.0 OK <a1@scanner.contoso.com> [Hostname=SN7PR04MB1234.namprd04.prod."
                "outlook.com]",
                match_quality::exact),
            ids_t{reply_id::message_accepted});
  EXPECT_EQ(ids("220 SN7PR04CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at "
                "Tue, 1 Dec 2026 10:00:00 +0000 [08DE2F4C1A2B3C4D]",
                match_quality::exact),
            ids_t{reply_id::greeting});
  EXPECT_EQ(ids("554 5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as "
                "alice@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException."
                "MapiExceptionSendAsDenied; Failed to process message due to a permanent "
                "exception with message [BeginDiagnosticData]Cannot submit message.",
                match_quality::exact),
            ids_t{reply_id::send_as_denied});
}

TEST(ReplyMatcher, TextWithTrailingSpaceAndCaseDifferences) {
  EXPECT_EQ(ids("451 4.7.0 Temporary server error. Please try again later. PRX4  "
                "[SN7PR04CA0123.namprd04.prod.outlook.com 2026-12-01T10:00:00.000Z X]",
                match_quality::exact),
            ids_t{reply_id::temporary_server_error});
  EXPECT_EQ(ids("530 5.7.57 CLIENT NOT AUTHENTICATED TO SEND MAIL.", match_quality::exact),
            ids_t{reply_id::not_authenticated});
}

TEST(ReplyMatcher, ContinuationLinesAndMultiLineReplies) {
  EXPECT_EQ(ids("214-This server supports the following commands:", match_quality::exact),
            ids_t{reply_id::help});
  EXPECT_EQ(ids("334 VXNlcm5hbWU6", match_quality::exact), ids_t{reply_id::auth_username_prompt});
}

TEST(ReplyMatcher, NotAReply) {
  EXPECT_EQ(match_reply_line("").quality, match_quality::none);
  EXPECT_EQ(match_reply_line("C: EHLO printer").quality, match_quality::none);
  EXPECT_EQ(match_reply_line("connected to 10.0.0.5 port 587").quality, match_quality::none);
  EXPECT_EQ(match_reply_line("599 9.9.9 Nothing like it").quality, match_quality::none);
  EXPECT_EQ(match_reply_line("535 9.9.9 Nothing like it").quality, match_quality::none);
  // Very long hostile input is read up to a bound and answered quickly.
  EXPECT_EQ(match_reply_line("250 2.0.0 OK <" + std::string(100000, 'x')).quality,
            match_quality::status);
}

TEST(ReplyMatcher, QualityNames) {
  EXPECT_EQ(quality_name(match_quality::exact), "exact");
  EXPECT_EQ(quality_name(match_quality::none), "none");
}

}  // namespace
}  // namespace exomock::policy
