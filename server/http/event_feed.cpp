#include "http/event_feed.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/mailbox_json.hpp"

namespace exomock::http {
namespace {

// Rows per query: a burst is told in several reads rather than one huge one.
constexpr std::size_t batch = 500;

boost::json::object sign_in_json(const store::sign_in_row& row) {
  const store::sign_in_record& r = row.record;
  boost::json::object o;
  o["UserPrincipalName"] = r.user_principal_name;
  o["ErrorCode"] = r.error_code;
  o["FailureReason"] = r.failure_reason;
  o["IPAddress"] = r.ip_address;
  o["SessionID"] = r.session_id;
  o["Created"] = go_time(row.created);
  return o;
}

boost::json::object session_json(const store::session_record& r) {
  boost::json::object o;
  o["SessionID"] = r.session_id;
  o["Listener"] = r.listener;
  o["ClientIP"] = r.client_ip;
  o["Login"] = r.login;
  o["Started"] = go_time(r.started);
  o["Ended"] = go_time(r.ended);
  return o;
}

// Reads ROWS batch after batch from the position AFTER on, moving it on.
template <typename Read, typename Position, typename Event>
void drain(std::int64_t& after, Read read, Position position, Event event,
           std::vector<mailbox_event>& out) {
  for (;;) {
    const auto rows = read(after);
    for (const auto& row : rows) {
      after = position(row);
      out.push_back(event(row));
    }
    if (rows.size() < batch) {
      return;
    }
  }
}

}  // namespace

event_feed::event_feed(const store::mailbox_reader& mailbox, const store::message_reader& reader,
                       std::string version)
    : mailbox_(mailbox), reader_(reader), version_(std::move(version)) {}

void event_feed::skip_to_now() {
  last_message_ = mailbox_.latest_id().value_or(0);
  last_sign_in_ = reader_.latest_sign_in_row();
  last_session_ = reader_.latest_session_row();
}

std::vector<mailbox_event> event_feed::committed() {
  std::vector<mailbox_event> out;
  drain(
      last_message_, [&](std::int64_t after) { return mailbox_.summaries_after(after, batch); },
      [](const store::mailbox_summary& m) { return m.id; },
      [](const store::mailbox_summary& m) {
        return mailbox_event{"new", summary_json(m)};
      },
      out);
  drain(
      last_sign_in_, [&](std::int64_t after) { return reader_.sign_ins_after(after, batch); },
      [](const store::sign_in_row& r) { return r.row; },
      [](const store::sign_in_row& r) {
        return mailbox_event{"signin", sign_in_json(r)};
      },
      out);
  drain(
      last_session_, [&](std::int64_t after) { return reader_.sessions_after(after, batch); },
      [](const store::session_row& r) { return r.row; },
      [](const store::session_row& r) {
        return mailbox_event{"session", session_json(r.record)};
      },
      out);
  return out;
}

mailbox_event event_feed::stats() const {
  const store::mailbox_counts counts = mailbox_.counts();
  return {"stats", boost::json::object{
                       {"Total", counts.total}, {"Unread", counts.unread}, {"Version", version_}}};
}

std::string frame_text(const mailbox_event& event) {
  return boost::json::serialize(boost::json::object{{"Type", event.type}, {"Data", event.data}});
}

}  // namespace exomock::http
