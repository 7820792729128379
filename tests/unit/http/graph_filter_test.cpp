// Graph's $filter for the sign-in log: each clause, `and`, keyword case, OData
// string literals, date forms, and everything outside the subset refused.
#include "http/graph_filter.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "policy/time_text.hpp"

namespace exomock::http {
namespace {

using store::sign_in_condition;
using field = sign_in_condition::field;
using comparison = sign_in_condition::comparison;
using namespace std::chrono;

sign_in_condition upn(comparison op, std::string text) {
  sign_in_condition c;
  c.on = field::user_principal_name;
  c.op = op;
  c.text = std::move(text);
  return c;
}
sign_in_condition code(std::int64_t n) {
  sign_in_condition c;
  c.on = field::error_code;
  c.number = n;
  return c;
}
sign_in_condition created(comparison op, system_clock::time_point t) {
  sign_in_condition c;
  c.on = field::created;
  c.op = op;
  c.time = t;
  return c;
}

const auto december_first_10 = sys_days{year{2026} / December / 1} + hours{10};

TEST(graph_filter, user_principal_name_eq) {
  EXPECT_EQ(parse_graph_filter("userPrincipalName eq 'scanner@contoso.com'"),
            (std::vector{upn(comparison::equals, "scanner@contoso.com")}));
}

TEST(graph_filter, startswith_in_either_spelling_and_with_spaces_inside) {
  const std::vector want{upn(comparison::starts_with, "scan")};
  EXPECT_EQ(parse_graph_filter("startswith(userPrincipalName,'scan')"), want);
  EXPECT_EQ(parse_graph_filter("startsWith(userPrincipalName,'scan')"), want);
  EXPECT_EQ(parse_graph_filter("STARTSWITH( userPrincipalName , 'scan' )"), want);
}

TEST(graph_filter, status_error_code_eq) {
  EXPECT_EQ(parse_graph_filter("status/errorCode eq 50126"), (std::vector{code(50126)}));
  EXPECT_EQ(parse_graph_filter("status/errorCode eq 0"), (std::vector{code(0)}));
}

TEST(graph_filter, created_date_time_ge_and_le_unquoted) {
  EXPECT_EQ(parse_graph_filter("createdDateTime ge 2026-12-01T10:00:00Z"),
            (std::vector{created(comparison::at_or_after, december_first_10)}));
  EXPECT_EQ(parse_graph_filter("createdDateTime le 2026-12-01T11:00:00+01:00"),
            (std::vector{created(comparison::at_or_before, december_first_10)}));
  EXPECT_EQ(parse_graph_filter("createdDateTime ge 2026-12-01T10:00:00.250Z"),
            (std::vector{created(comparison::at_or_after, december_first_10 + 250ms)}));
  EXPECT_EQ(parse_graph_filter("createdDateTime ge 2026-12-01"),
            (std::vector{created(comparison::at_or_after, sys_days{year{2026} / December / 1})}));
}

TEST(graph_filter, clauses_joined_by_and_in_any_case) {
  EXPECT_EQ(parse_graph_filter("userPrincipalName eq 'a@contoso.com' AND status/errorCode eq "
                               "50126 and createdDateTime ge 2026-12-01T10:00:00Z"),
            (std::vector{upn(comparison::equals, "a@contoso.com"), code(50126),
                         created(comparison::at_or_after, december_first_10)}));
  EXPECT_EQ(parse_graph_filter("  status/errorCode EQ 0  "), (std::vector{code(0)}));
}

TEST(graph_filter, a_doubled_quote_is_one_quote) {
  EXPECT_EQ(parse_graph_filter("userPrincipalName eq 'o''brien@contoso.com'"),
            (std::vector{upn(comparison::equals, "o'brien@contoso.com")}));
  EXPECT_EQ(parse_graph_filter("userPrincipalName eq ''"),
            (std::vector{upn(comparison::equals, "")}));
}

// Found by fuzz/graph_filter: a year past 2262 (or before 1677) overflowed the
// nanoseconds of system_clock (undefined behaviour); it is no time now, and a 400.
TEST(graph_filter, a_time_system_clock_cannot_hold_is_refused) {
  EXPECT_EQ(parse_graph_filter("createdDateTime ge 9999-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(policy::parse_utc_time("0001-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(policy::parse_utc_time("1677-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(policy::parse_utc_time("2262-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(policy::parse_utc_time("1678-01-01T00:00:00Z"), sys_days{year{1678} / January / 1});
  EXPECT_EQ(policy::parse_utc_time("2261-12-31T23:59:59.999Z"),
            sys_days{year{2261} / December / 31} + 86399999ms);
}

TEST(graph_filter, everything_outside_the_subset_is_refused) {
  for (const char* filter : {
           "",
           "   ",
           "userPrincipalName ne 'a'",                        // another operator
           "userPrincipalName eq a@b",                        // an unquoted string
           "userPrincipalName eq 'a",                         // unterminated
           "userprincipalname eq 'a'",                        // the property's case
           "appDisplayName eq 'x'",                           // another property
           "status/errorCode eq '50126'",                     // a quoted number
           "status/errorCode eq 5.5",                         // not an integer
           "status/errorCode eq 99999999999",                 // beyond Int32
           "status/errorCode ge 1",                           // Graph refuses ge on codes
           "createdDateTime ge '2026-12-01T10:00:00Z'",       // a quoted date
           "createdDateTime gt 2026-12-01T10:00:00Z",         // gt is not served
           "createdDateTime ge 2026-12-01T10:00:00",          // no zone
           "createdDateTime ge 2026-02-30T10:00:00Z",         // no such day
           "status/errorCode eq 0 or status/errorCode eq 1",  // or
           "(status/errorCode eq 0)",                         // parentheses
           "status/errorCode eq 0 and",                       // a dangling and
           "status/errorCode eq 0 status/errorCode eq 1",     // no and
           "status/errorCode eq 0andstatus/errorCode eq 1",   // and without spaces
           "startswith(userPrincipalName,'a'",                // unclosed
           "startswith(userDisplayName,'a')",                 // another property
           "startswith (userPrincipalName,'a') extra",        // trailing words
           "status/errorCodeeq 0",                            // no space before eq
       }) {
    EXPECT_EQ(parse_graph_filter(filter), std::nullopt) << filter;
  }
}

}  // namespace
}  // namespace exomock::http
