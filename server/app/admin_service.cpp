// Each admin change: edits applied to the document (its reader decides), the
// finished model made live, a log line and an audit entry without secrets,
// and with --persist-admin the document written back to the file.
#include "app/admin_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <utility>

#include "policy/join.hpp"
#include "scenario/scenario_loader.hpp"
#include "store/replace_file.hpp"

namespace exomock::app {
namespace {

boost::json::value audit_value(const policy::document_value& v);

// An added table for the audit: its keys in order, each secret_key's value masked.
boost::json::object audit_table(const policy::document_table& t) {
  boost::json::object out;
  for (const auto& [key, value] : t) {
    out[key] = policy::secret_key(key) ? boost::json::value("********") : audit_value(value);
  }
  return out;
}

boost::json::value audit_value(const policy::document_value& v) {
  if (const auto* t = std::get_if<policy::document_table>(&v.value)) {
    return audit_table(*t);
  }
  if (const auto* a = std::get_if<policy::document_array>(&v.value)) {
    boost::json::array out;
    for (const policy::document_value& item : *a) {
      out.push_back(audit_value(item));
    }
    return out;
  }
  if (const auto* s = std::get_if<std::string>(&v.value)) {
    return boost::json::string(*s);
  }
  if (const auto* i = std::get_if<std::int64_t>(&v.value)) {
    return *i;
  }
  if (const auto* d = std::get_if<double>(&v.value)) {
    return *d;
  }
  return std::get<bool>(v.value);
}

// An edit's value for the audit table, a secret as "********".
boost::json::value audit_value(const policy::scenario_edit& e) {
  if (std::holds_alternative<policy::edit_unset>(e.value)) {
    return nullptr;
  }
  if (std::holds_alternative<policy::edit_remove>(e.value)) {
    return "removed";
  }
  if (const auto* add = std::get_if<policy::edit_add>(&e.value)) {
    return audit_table(add->keys);
  }
  if (e.secret) {
    return "********";
  }
  if (const bool* b = std::get_if<bool>(&e.value)) {
    return *b;
  }
  if (const auto* s = std::get_if<std::string>(&e.value)) {
    return boost::json::string(*s);
  }
  boost::json::array list;
  for (const std::string& s : std::get<std::vector<std::string>>(e.value)) {
    list.emplace_back(s);
  }
  return list;
}

// The changed fields as a JSON object (the audit) and as KEY=VALUE pairs (the log).
std::pair<std::string, std::string> shown_fields(const http::admin_change& c) {
  boost::json::object fields;
  std::vector<std::string> pairs;
  for (const auto& [field, value] : c.fields) {
    fields[field] = value;
    pairs.push_back(field);
    pairs.back().append("=").append(value);
  }
  for (const policy::scenario_edit& e : c.edits) {
    fields[e.key] = audit_value(e);
    pairs.push_back(e.key);
    pairs.back().append("=").append(policy::shown_value(e));
  }
  return {boost::json::serialize(fields), policy::join(pairs, " ")};
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
  auto live = finish_(outcome.model);
  live_.replace(live);
  audit(c);
  if (persist_) {
    persist_locked();
  }
  return {http::admin_status::applied, {}, std::move(live)};
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
  return reload_locked("request", scenario::read_text(file_));
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
  (void)reload_locked("file watch", text);
}

http::admin_outcome admin_service::reload_locked(const char* why,
                                                 const std::optional<std::string>& text) {
  std::vector<scenario::problem> problems;
  std::optional<scenario::scenario_document> reread;
  if (text) {
    reread = scenario::scenario_document::parse(*text, file_.string(), problems);
  } else {
    problems = {scenario::cannot_open(file_)};
  }
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

// Journaled before the change is answered, so the audit route (whose reader
// catches up with the journal) shows it at once.
void admin_service::audit(const http::admin_change& c) {
  auto [json, pairs] = shown_fields(c);
  spdlog::info("admin change operation={:?} target={:?} fields={:?}", c.operation, c.target, pairs);
  store_.record(store::admin_record{clock_.now(), c.operation, c.target, std::move(json)});
  store_.write_queued();
}

void admin_service::persist_locked() {
  std::string text = document_.toml();
  std::string error;
  if (!store::replace_file(file_, text, error)) {
    spdlog::error("--persist-admin: {}", error);
    return;
  }
  written_ = std::move(text);
}

}  // namespace exomock::app
