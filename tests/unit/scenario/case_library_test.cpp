// The case library as compiled in: every case loads clean and says what it shows, why
// and how to fix it; every case an explanation names exists; the header reader.
#include "scenario/case_library.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "policy/reply_explanations.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::scenario {
namespace {

std::set<std::string> names() {
  std::set<std::string> out;
  for (const case_entry& c : case_library()) {
    out.insert(c.name);
  }
  return out;
}

TEST(CaseLibrary, EveryCaseLoadsAndHasItsCommentBlock) {
  const auto cases = case_library();
  EXPECT_GE(cases.size(), 30U);
  for (const case_entry& c : cases) {
    SCOPED_TRACE(c.name);
    const load_result loaded = load_string(c.toml, "scenarios/cases/" + c.name + ".toml");
    for (const problem& p : loaded.problems) {
      ADD_FAILURE() << p.str();
    }
    EXPECT_FALSE(c.title.empty());
    EXPECT_FALSE(c.symptom.empty());
    EXPECT_FALSE(c.shows.empty());
    EXPECT_FALSE(c.cause.empty());
    EXPECT_FALSE(c.fix.empty());
    EXPECT_FALSE(c.live.empty());
    EXPECT_NE(c.toml.find("exomock serve --case " + c.name + "\n"), std::string_view::npos);
  }
}

TEST(CaseLibrary, EveryCaseAnExplanationNamesExists) {
  const auto known = names();
  for (std::size_t i = 0; i <= static_cast<std::size_t>(policy::reply_id::bad_sequence); ++i) {
    std::string_view list = policy::explanation(static_cast<policy::reply_id>(i)).cases;
    while (!list.empty()) {
      const auto space = list.find(' ');
      const std::string name(list.substr(0, space));
      EXPECT_TRUE(known.contains(name)) << "reply " << i << " names the missing case " << name;
      list.remove_prefix(space == std::string_view::npos ? list.size() : space + 1);
    }
  }
}

TEST(CaseLibrary, FindCase) {
  const auto found = find_case("lockout");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "lockout");
  EXPECT_FALSE(find_case("no-such-case").has_value());
  EXPECT_FALSE(find_case("").has_value());
}

TEST(CaseLibrary, HeaderKeysContinuationLinesAndTheEndOfTheBlock) {
  const case_entry e = read_case_header(
      "# Title: A title\n"
      "# Symptom: one line\n"
      "# Shows: first part\n"
      "#   and the rest\n"
      "#\n"
      "#   not a continuation after a blank comment line\n"
      "# Cause: x: y\n"
      "# Unknown: ignored\n"
      "#   nor this\n"
      "\n"
      "# Fix: after the block\n");
  EXPECT_EQ(e.title, "A title");
  EXPECT_EQ(e.symptom, "one line");
  EXPECT_EQ(e.shows, "first part and the rest");
  EXPECT_EQ(e.cause, "x: y");
  EXPECT_EQ(e.fix, "");
  EXPECT_EQ(e.live, "");
}

}  // namespace
}  // namespace exomock::scenario
