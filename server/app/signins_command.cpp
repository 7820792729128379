// The signins command: a text table, or one Graph signIn object per line with
// --json (appDisplayName and clientAppUsed are what Entra shows for SMTP AUTH).
#include "app/signins_command.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <iostream>
#include <optional>
#include <vector>

#include "store/message_reader.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::app {
namespace {

constexpr const char* app_display_name = "Office 365 Exchange Online";
constexpr const char* client_app_used = "Authenticated SMTP";

boost::json::object graph_object(const store::sign_in_row& r) {
  const store::sign_in_record& s = r.record;
  boost::json::object line{
      {"id", s.id},
      {"createdDateTime", r.created},
      {"userPrincipalName", s.user_principal_name},
      {"appDisplayName", app_display_name},
      {"clientAppUsed", client_app_used},
      {"ipAddress", s.ip_address},
      {"conditionalAccessStatus", s.conditional_access_status},
      {"status", {{"errorCode", s.error_code}, {"failureReason", s.failure_reason}}},
      // Not Graph fields: where the attempt came from in exomock's own terms.
      {"authenticationMethod", s.mechanism},
      {"sessionId", s.session_id},
  };
  if (!s.app_id.empty()) {
    line["appId"] = s.app_id;
  }
  return line;
}

void print_table(std::ostream& out, const std::vector<store::sign_in_row>& rows) {
  std::vector<std::vector<std::string>> cells{
      {"CREATED", "USER", "IP", "METHOD", "ERROR", "CA", "FAILURE REASON"}};
  for (const auto& r : rows) {
    const auto& s = r.record;
    cells.push_back({r.created, s.user_principal_name, s.ip_address, s.mechanism,
                     std::to_string(s.error_code), s.conditional_access_status, s.failure_reason});
  }
  std::vector<std::size_t> widths(cells.front().size(), 0);
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool last = i + 1 == row.size();
      out << (last ? row[i] : row[i] + std::string(widths[i] - row[i].size() + 2, ' '));
    }
    out << '\n';
  }
}

}  // namespace

CLI::App* add_signins_command(CLI::App& app, signins_options& options) {
  CLI::App* signins =
      app.add_subcommand("signins", "List the sign-in log (one event per AUTH attempt)");
  signins->add_option("--data-dir", options.data_dir, "Data directory of the server")->required();
  signins->add_flag("--json", options.json, "One Graph signIn JSON object per line");
  return signins;
}

int run_signins(const signins_options& options) {
  std::string error;
  const auto reader = store::message_reader::open(options.data_dir, error);
  const auto rows = reader ? reader->sign_ins(error) : std::nullopt;
  if (!rows) {
    std::cerr << "exomock signins: " << error << '\n';
    return 1;
  }
  if (options.json) {
    for (const auto& r : *rows) {
      std::cout << boost::json::serialize(graph_object(r)) << '\n';
    }
  } else {
    print_table(std::cout, *rows);
  }
  std::cout.flush();
  return 0;
}

}  // namespace exomock::app
