// The column lists of the sessions and signins tables and the readers of their
// rows, shared by message_reader and audit_reader so the two read a row alike.
// Internal to store/.
#pragma once

#include <chrono>
#include <string_view>

#include "store/captured_message.hpp"
#include "store/sign_in_record.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

/// Columns 0-8 that read_session() reads; column 9 is the transcript (or '' when a
/// listing needs none).
constexpr std::string_view session_fact_columns =
    "session_id, listener, client_ip, client_port, login, tls_version, tls_cipher, started, "
    "ended";
/// Columns 0-10 that read_sign_in() reads.
constexpr std::string_view sign_in_columns =
    "row, id, created, user_principal_name, ip_address, conditional_access_status, error_code, "
    "failure_reason, session_id, mechanism, app_id, smtp_reply";

/// A time column; the epoch when it does not hold iso8601_utc_ms text.
[[nodiscard]] std::chrono::system_clock::time_point read_time(sqlite3_stmt* s, int column);
[[nodiscard]] session_record read_session(sqlite3_stmt* s);
[[nodiscard]] sign_in_row read_sign_in(sqlite3_stmt* s);

}  // namespace exomock::store
