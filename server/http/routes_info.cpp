// GET /api/v1/info and /api/v1/webui (reference §1.10): the application's
// facts and the web UI's configuration, with exactly Mailpit's keys. exomock
// never relays, checks spam or ignores duplicates, so those are off; chaos is
// on when the server was started with it.
#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>
#include <system_error>

#include "http/api_routes.hpp"
#include "policy/traffic_counters.hpp"

namespace exomock::http {
namespace {

namespace bjson = boost::json;

// The SMTP figures are this run's, from the counters /metrics reads: messages
// stored after end of DATA and their bytes, and those refused there. exomock
// never ignores a message as a duplicate.
bjson::object runtime_stats(const route_context& c) {
  const auto uptime = std::chrono::steady_clock::now() - c.facts.started;
  const policy::traffic_counters& smtp = c.live.traffic;
  bjson::object o;
  o["Uptime"] = std::chrono::duration_cast<std::chrono::seconds>(uptime).count();
  o["Memory"] = c.facts.resident_memory ? c.facts.resident_memory() : 0;
  o["MessagesDeleted"] = c.editor.deleted();
  o["SMTPAccepted"] = smtp.messages_accepted.value();
  o["SMTPAcceptedSize"] = smtp.accepted_bytes.value();
  o["SMTPRejected"] = smtp.messages_rejected.value();
  o["SMTPIgnored"] = 0;
  return o;
}

route_result info(request&, route_context& c) {
  const store::mailbox_counts counts = c.mailbox.counts();
  auto tags = c.mailbox.tags();
  // Go's encoder writes map keys in byte order, not the list's case-blind order.
  std::sort(tags.begin(), tags.end());
  bjson::object tag_counts;
  for (const auto& [name, count] : tags) {
    tag_counts[name] = count;
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(c.facts.database, ec);
  bjson::object o;
  o["Version"] = c.facts.version;
  o["LatestVersion"] = "disabled";  // Mailpit's value when it does not look for releases
  o["Database"] = c.facts.database.string();
  o["DatabaseSize"] = ec ? 0 : size;
  o["Messages"] = counts.total;
  o["Unread"] = counts.unread;
  o["Tags"] = std::move(tag_counts);
  o["RuntimeStats"] = runtime_stats(c);
  return json(200, bjson::serialize(o));
}

route_result webui(request&, route_context& c) {
  bool chaos = false;
  {
    const std::lock_guard lock(c.live.mutex);
    chaos = c.live.chaos.has_value();  // serve --enable-chaos
  }
  bjson::object relay;
  relay["Enabled"] = false;
  relay["SMTPServer"] = "";
  relay["ReturnPath"] = "";
  relay["AllowedRecipients"] = "";
  relay["BlockedRecipients"] = "";
  relay["OverrideFrom"] = "";
  relay["PreserveMessageIDs"] = false;
  relay["RecipientAllowlist"] = "";  // deprecated in Mailpit, still sent (mailpit-api checks it)
  bjson::object o;
  o["Label"] = "";
  o["MessageRelay"] = std::move(relay);
  o["SpamAssassin"] = false;
  o["ChaosEnabled"] = chaos;
  o["DuplicatesIgnored"] = false;
  o["HideDeleteAllButton"] = false;
  return json(200, bjson::serialize(o));
}

}  // namespace

void add_info_routes(router& routes) {
  routes.add("GET", "/api/v1/info", info);
  routes.add("GET", "/api/v1/webui", webui);
}

}  // namespace exomock::http
