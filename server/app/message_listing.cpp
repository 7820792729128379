// Text table and JSON lines for captured messages.
#include "app/message_listing.hpp"

#include <boost/json.hpp>
#include <iomanip>
#include <string>

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

row table_row(const store::message_summary& m) {
  return {std::to_string(m.id),
          m.received,
          m.client_ip,
          or_dash(m.login),
          m.mail_from.empty() ? "<>" : m.mail_from,
          joined(m.rcpt_to),
          std::to_string(m.size),
          or_dash(m.tls_version),
          or_dash(m.message_id)};
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
