// Text table and JSON lines for captured messages.
#include "app/message_listing.hpp"

#include <boost/json.hpp>
#include <cstddef>
#include <iomanip>
#include <string>
#include <string_view>

namespace exomock::app {
namespace {

using row = std::vector<std::string>;

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : ",") + item;
  }
  return text;
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

// The length of the valid UTF-8 sequence at text[i] that is no C0 or C1 control, or 0.
std::size_t printable_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    return c >= 0x20 && c != 0x7F ? 1 : 0;
  }
  const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (c < 0xC2 || c > 0xF4 || text.size() - i < n) {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  const auto c1 = static_cast<unsigned char>(text[i + 1]);
  const bool bad = (c == 0xC2 && c1 < 0xA0) || (c == 0xE0 && c1 < 0xA0) ||
                   (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F);
  return bad ? 0 : n;
}

}  // namespace

std::string table_cell(std::string_view text) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string cell;
  std::size_t fits = 0;  // the length of `cell` up to which "..." still fits behind it
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = printable_length(text, i);
    if (n > 0) {
      cell.append(text.substr(i, n));
      i += n;
    } else {
      const auto c = static_cast<unsigned char>(text[i++]);
      cell += {'\\', 'x', hex[c >> 4], hex[c & 15]};
    }
    if (cell.size() <= max_table_cell - 3) {
      fits = cell.size();
    } else if (cell.size() > max_table_cell) {
      return cell.substr(0, fits) + "...";
    }
  }
  return cell;
}

namespace {

row table_row(const store::message_summary& m) {
  return {std::to_string(m.id),
          table_cell(m.received),
          table_cell(m.client_ip),
          table_cell(or_dash(m.login)),
          table_cell(m.mail_from.empty() ? "<>" : m.mail_from),
          table_cell(joined(m.rcpt_to)),
          std::to_string(m.size),
          table_cell(or_dash(m.tls_version)),
          table_cell(or_dash(m.message_id))};
}

void print_row(std::ostream& out, const row& cells, const std::vector<std::size_t>& widths) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool last = i + 1 == cells.size();
    out << (last ? cells[i] : cells[i] + std::string(widths[i] - cells[i].size() + 2, ' '));
  }
  out << '\n';
}

}  // namespace

void print_message_table(std::ostream& out, const std::vector<store::message_summary>& messages) {
  std::vector<row> rows{
      {"ID", "RECEIVED", "CLIENT", "LOGIN", "MAIL FROM", "RCPT TO", "SIZE", "TLS", "MESSAGE-ID"}};
  for (const store::message_summary& m : messages) {
    rows.push_back(table_row(m));
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const row& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      widths[i] = std::max(widths[i], r[i].size());
    }
  }
  for (const row& r : rows) {
    print_row(out, r, widths);
  }
}

void print_message_json_lines(std::ostream& out,
                              const std::vector<store::message_summary>& messages) {
  for (const store::message_summary& m : messages) {
    boost::json::array rcpt_to;
    for (const std::string& r : m.rcpt_to) {
      rcpt_to.emplace_back(r);
    }
    const boost::json::object line{
        {"id", m.id},
        {"received", m.received},
        {"session_id", m.session_id},
        {"listener", m.listener},
        {"client_ip", m.client_ip},
        {"login", m.login},
        {"mail_from", m.mail_from},
        {"rcpt_to", std::move(rcpt_to)},
        {"size", m.size},
        {"tls_version", m.tls_version},
        {"message_id", m.message_id},
        {"path", m.path},
        {"released", m.released},
    };
    out << boost::json::serialize(line) << '\n';
  }
}

}  // namespace exomock::app
