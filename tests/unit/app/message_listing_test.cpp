// `exomock messages` prints what clients sent: no control octet reaches the terminal,
// and no cell grows without bound.
#include "app/message_listing.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace exomock::app {
namespace {

TEST(MessageTable, ControlOctetsAreEscaped) {
  EXPECT_EQ(table_cell("<a\rb\x1b[2J@x>"), "<a\\x0Db\\x1B[2J@x>");
  EXPECT_EQ(table_cell("tab\there\x7f"), "tab\\x09here\\x7F");
  EXPECT_EQ(table_cell("j\xC3\xBCrgen@b\xC3\xBC.example"), "j\xC3\xBCrgen@b\xC3\xBC.example");
  EXPECT_EQ(table_cell("c1\xC2\x9B"
                       "2J bad\xFF cut\xC3"),
            "c1\\xC2\\x9B2J bad\\xFF cut\\xC3");
}

TEST(MessageTable, LongCellsAreCut) {
  EXPECT_EQ(table_cell(std::string(max_table_cell, 'x')), std::string(max_table_cell, 'x'));
  const std::string cut = table_cell("<" + std::string(980, 'x') + "@client.example>");
  EXPECT_EQ(cut.size(), max_table_cell);
  EXPECT_EQ(cut, "<" + std::string(max_table_cell - 4, 'x') + "...");
  // An escape is never cut in half.
  const std::string escapes = table_cell(std::string(40, '\x1b'));
  EXPECT_EQ(escapes, [] {
    std::string e;
    for (int i = 0; i < 24; ++i) {
      e += "\\x1B";
    }
    return e + "...";
  }());
}

TEST(MessageTable, RowsUseTheCleanedCells) {
  store::message_summary m;
  m.id = 1;
  m.received = "2026-11-28T17:44:36.123Z";
  m.client_ip = "127.0.0.1";
  m.mail_from = "scanner@contoso.com";
  m.rcpt_to = {"bob@fabrikam.com"};
  m.size = 10;
  m.message_id = "<a\rb@x>";
  std::ostringstream out;
  print_message_table(out, {m});
  const std::string text = out.str();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("<a\\x0Db@x>\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace exomock::app
