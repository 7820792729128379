// Each admin change: edits applied to the document (its reader decides), the
// finished model made live, a log line and an audit entry without secrets,
// and with --persist-admin the document written back to the file.
#include "app/admin_service.hpp"

#include <spdlog/spdlog.h>

#include <utility>

#include "app/atomic_file.hpp"
#include "policy/join.hpp"
#include "scenario/scenario_reader.hpp"

namespace exomock::app {
namespace {

// The fields of a change as the audit shows them: key and value, secrets masked.
std::vector<std::pair<std::string, std::string>> shown_fields(const http::admin_change& c) {
  auto out = c.fields;
  for (const policy::scenario_edit& e : c.edits) {
    out.emplace_back(e.key, policy::shown_value(e));
  }
  return out;
}

}  // namespace

admin_service::admin_service(scenario::scenario_document document, policy::live_scenario& live,
                             policy::scenario_clock& clock, model_finisher finish,
                             store::message_store& store, bool persist)
    : document_(std::move(document)),
      file_(document_.file()),
      live_(live),
      clock_(clock),
      finish_(std::move(finish)),
      store_(store),
      persist_(persist) {}

http::admin_outcome admin_service::change(const http::admin_change& c) {
  const std::lock_guard lock(mutex_);
  scenario::edit_outcome outcome = document_.apply(c.edits);
  if (outcome.status != scenario::edit_status::applied) {
    spdlog::info("admin change refused operation={:?} target={:?} reason={:?}", c.operation,
                 c.target, policy::join(outcome.messages, "; "));
    return {outcome.status == scenario::edit_status::not_found ? http::admin_status::not_found
                                                               : http::admin_status::invalid,
            std::move(outcome.messages)};
  }
  live_.replace(finish_(outcome.model));
  audit(c);
  if (persist_) {
    persist_locked();
  }
  return {};
}

void admin_service::record(const http::admin_change& c) {
  const std::lock_guard lock(mutex_);
  audit(c);
}

std::string admin_service::document() const {
  const std::lock_guard lock(mutex_);
  return document_.toml();
}

http::admin_outcome admin_service::reload() {
  const std::lock_guard lock(mutex_);
  return reload_locked("request");
}

void admin_service::set_clock(std::chrono::system_clock::time_point to) {
  clock_.set(to);
}

void admin_service::file_changed() {
  const std::lock_guard lock(mutex_);
  const auto text = scenario::read_text(file_);
  if (text && written_ && *text == *written_) {
    return;  // our own --persist-admin write
  }
  (void)reload_locked("file watch");
}

http::admin_outcome admin_service::reload_locked(const char* why) {
  std::vector<scenario::problem> problems;
  auto reread = scenario::scenario_document::open(file_, problems);
  if (!reread) {
    http::admin_outcome out{http::admin_status::invalid, {}};
    for (const scenario::problem& p : problems) {
      spdlog::error("scenario reload refused ({}): {}", why, p.str());
      out.messages.push_back(p.str());
    }
    return out;
  }
  document_ = std::move(*reread);
  written_.reset();
  live_.replace(finish_(document_.model()));
  spdlog::info("scenario reloaded file={} trigger={:?}", file_.string(), why);
  audit({"Reload scenario", file_.string(), {}, {{"trigger", why}}});
  return {};
}

void admin_service::audit(const http::admin_change& c) {
  const auto fields = shown_fields(c);
  std::vector<std::string> pairs;
  for (const auto& [field, value] : fields) {
    pairs.push_back(field + "=" + value);
  }
  spdlog::info("admin change operation={:?} target={:?} fields={:?}", c.operation, c.target,
               policy::join(pairs, " "));
}

void admin_service::persist_locked() {
  std::string text = document_.toml();
  std::string error;
  if (!replace_file(file_, text, error)) {
    spdlog::error("--persist-admin: {}", error);
    return;
  }
  written_ = std::move(text);
}

}  // namespace exomock::app
