// Row readers for record_columns.hpp, in the order of its column lists.
#include "store/record_columns.hpp"

#include "store/timestamp.hpp"

namespace exomock::store {

std::chrono::system_clock::time_point read_time(sqlite3_stmt* s, int column) {
  return parse_iso8601_utc_ms(column_bytes(s, column))
      .value_or(std::chrono::system_clock::time_point{});
}

session_record read_session(sqlite3_stmt* s) {
  session_record r;
  r.session_id = column_bytes(s, 0);
  r.listener = column_bytes(s, 1);
  r.client_ip = column_bytes(s, 2);
  r.client_port = static_cast<std::uint16_t>(sqlite3_column_int(s, 3));
  r.login = column_bytes(s, 4);
  r.tls_version = column_bytes(s, 5);
  r.tls_cipher = column_bytes(s, 6);
  r.started = read_time(s, 7);
  r.ended = read_time(s, 8);
  r.transcript = column_bytes(s, 9);
  return r;
}

sign_in_row read_sign_in(sqlite3_stmt* s) {
  sign_in_row r;
  r.row = sqlite3_column_int64(s, 0);
  r.record.id = column_bytes(s, 1);
  r.created = column_bytes(s, 2);
  r.record.created = read_time(s, 2);
  r.record.user_principal_name = column_bytes(s, 3);
  r.record.ip_address = column_bytes(s, 4);
  r.record.conditional_access_status = column_bytes(s, 5);
  r.record.error_code = sqlite3_column_int(s, 6);
  r.record.failure_reason = column_bytes(s, 7);
  r.record.session_id = column_bytes(s, 8);
  r.record.mechanism = column_bytes(s, 9);
  r.record.app_id = column_bytes(s, 10);
  r.record.smtp_reply = column_bytes(s, 11);
  return r;
}

}  // namespace exomock::store
