#include "http/mailbox_search.hpp"

#include <date/tz.h>

#include <charconv>

#include "http/search_query.hpp"
#include "smtp/ascii.hpp"

namespace exomock::http {
namespace {

// Mailpit loads ?tz= with time.LoadLocation and ignores a name it cannot load;
// without one it reads dates in the server's zone (UTC when it has none).
const date::time_zone* zone_for(std::string_view tz) {
  if (!tz.empty()) {
    try {
      return date::locate_zone(std::string(tz));
    } catch (const std::exception&) {  // not a zone name: as if none were given
    }
  }
  try {
    return date::current_zone();
  } catch (const std::exception&) {
    return nullptr;
  }
}

// The domains of the tenant NAME names (name, domain or id), lower case; none for no tenant.
std::vector<std::string> tenant_domains(const policy::scenario_model* model,
                                        std::string_view name) {
  const policy::tenant* t = model != nullptr ? model->find_tenant(name) : nullptr;
  std::vector<std::string> domains;
  if (t != nullptr) {
    for (const std::string& d : t->domains) {
      domains.push_back(smtp::ascii::to_lower(d));
    }
  }
  return domains;
}

// Go's strconv.Atoi: optional sign, decimal digits, nothing else.
std::optional<std::int64_t> integer(std::optional<std::string_view> text) {
  if (!text) {
    return std::nullopt;
  }
  std::string_view digits = *text;
  if (digits.size() > 1 && digits.front() == '+') {
    digits.remove_prefix(1);
  }
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

store::mailbox_query mailbox_query_for(const route_context& context, std::string_view query,
                                       std::string_view tz) {
  store::mailbox_query q = parse_search(query, zone_for(tz));
  const auto model = context.live.snapshot();
  for (store::search_term& t : q.terms) {
    if (t.field == store::search_field::tenant) {
      t.domains = tenant_domains(model.get(), t.text);
    }
  }
  return q;
}

std::optional<std::int64_t> latest_matching(const route_context& context, std::string_view query,
                                            std::string_view tz) {
  return context.mailbox.latest_matching(mailbox_query_for(context, query, tz));
}

paging paging_of(const request& r) {
  paging p;
  if (const auto start = integer(r.parameter("start")); start && *start > 0) {
    p.start = *start;
  }
  if (const auto limit = integer(r.parameter("limit")); limit && *limit >= 0) {
    p.limit = *limit;
  }
  return p;
}

std::optional<std::chrono::system_clock::time_point> before_of(const request& r) {
  const auto text = r.parameter("before");
  if (!text || text->empty()) {
    return std::nullopt;
  }
  return parse_search_date(smtp::ascii::to_upper(*text), zone_for(""));
}

void fill_mailbox(const route_context& context, messages_envelope& e) {
  e.mailbox = context.mailbox.counts();
  for (auto& [name, count] : context.mailbox.tags()) {
    (void)count;
    e.tags.push_back(std::move(name));
  }
}

messages_envelope search_envelope(const route_context& context, const store::mailbox_query& query,
                                  paging page) {
  messages_envelope e;
  store::mailbox_page found = context.mailbox.search(query, page.start, page.limit);
  e.matched = found.matched;
  e.start = page.start;
  e.messages = std::move(found.messages);
  fill_mailbox(context, e);
  return e;
}

}  // namespace exomock::http
