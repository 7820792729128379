// The admin API's port (http::scenario_admin) as `exomock serve` implements it:
// the scenario document, whose reader validates each edit as it validates the
// file; the live scenario each applied change replaces; what the command line
// makes of every model read (finish); the log, the audit table and, with
// --persist-admin, the scenario file written back. One mutex orders the HTTP
// threads and the file watch.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/scenario_admin.hpp"
#include "policy/live_scenario.hpp"
#include "policy/scenario_clock.hpp"
#include "scenario/scenario_document.hpp"
#include "store/message_store.hpp"

namespace exomock::app {

/// What a model read from the document becomes before it goes live (the running
/// listeners, --error-delay, chaos rules).
using model_finisher = std::function<std::shared_ptr<const policy::scenario_model>(
    const std::shared_ptr<const policy::scenario_model>&)>;

class admin_service final : public http::scenario_admin {
 public:
  /// `store` receives the audit entries; `persist` writes each change to the file.
  admin_service(scenario::scenario_document document, policy::live_scenario& live,
                policy::scenario_clock& clock, model_finisher finish, store::message_store& store,
                bool persist);

  http::admin_outcome change(const http::admin_change& c) override;
  void record(const http::admin_change& c) override;
  [[nodiscard]] std::string document() const override;
  http::admin_outcome reload() override;
  void set_clock(std::chrono::system_clock::time_point to) override;

  /// The scenario file changed on disk (the file watch): reloads it, unless what it
  /// holds is what this service wrote itself.
  void file_changed();
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

 private:
  /// Makes `text` (the file as read, nullopt when it could not be) the document.
  http::admin_outcome reload_locked(const char* why, const std::optional<std::string>& text);
  void audit(const http::admin_change& c);
  void persist_locked();

  mutable std::mutex mutex_;
  scenario::scenario_document document_;
  std::filesystem::path file_;
  policy::live_scenario& live_;
  policy::scenario_clock& clock_;
  model_finisher finish_;
  store::message_store& store_;
  bool persist_;
  std::optional<std::string> written_;  // the text --persist-admin last wrote
};

}  // namespace exomock::app
