// A tenant per test: POST /api/v1/tenants adds a [[tenant]] to the live scenario
// from a JSON body with the scenario's own keys (the loader's reader validates it,
// as every admin change), GET lists or shows tenants, DELETE removes one with its
// captured mail and sign-ins. Parallel CI jobs each create one and search, wait
// and delete by `tenant:ID`, so they never see each other's mail.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <limits>

#include "http/admin_patch.hpp"
#include "http/api_routes.hpp"
#include "http/mailbox_search.hpp"
#include "http/tenant_scope.hpp"

namespace exomock::http {
namespace {

using policy::document_table;
using policy::document_value;

// A generated domain is "t-" and hex digits of a new id under this reserved
// name (RFC 2606), as in the issue's example t-8f3a.example.test.
constexpr std::string_view generated_domain_suffix = ".example.test";

// The body's JSON as a scenario value, or nullopt and `error` naming the JSON path
// of what no scenario file can hold (null, an integer beyond TOML's range).
std::optional<document_value> document_value_of(const boost::json::value& v,
                                                const std::string& path, std::string& error) {
  switch (v.kind()) {
    case boost::json::kind::bool_:
      return document_value{v.get_bool()};
    case boost::json::kind::int64:
      return document_value{v.get_int64()};
    case boost::json::kind::uint64:
      if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        error = path + ": the number is too large for a scenario";
        return std::nullopt;
      }
      return document_value{static_cast<std::int64_t>(v.get_uint64())};
    case boost::json::kind::double_:
      return document_value{v.get_double()};
    case boost::json::kind::string:
      return document_value{std::string(v.get_string())};
    case boost::json::kind::array: {
      policy::document_array items;
      for (std::size_t i = 0; i < v.get_array().size(); ++i) {
        auto item =
            document_value_of(v.get_array()[i], path + "[" + std::to_string(i) + "]", error);
        if (!item) {
          return std::nullopt;
        }
        items.push_back(std::move(*item));
      }
      return document_value{std::move(items)};
    }
    case boost::json::kind::object: {
      document_table keys;
      for (const auto& [key, value] : v.get_object()) {
        auto item = document_value_of(value, path + "." + std::string(key), error);
        if (!item) {
          return std::nullopt;
        }
        keys.push_back({std::string(key), std::move(*item)});
      }
      return document_value{std::move(keys)};
    }
    case boost::json::kind::null:
      break;
  }
  error = path + ": null has no place in a scenario (leave the key out)";
  return std::nullopt;
}

// A domain no tenant of `m` accepts: "t-" and 4 hex digits, more when taken.
std::string generated_domain(const policy::scenario_model& m, const route_context& c) {
  for (std::size_t digits = 4;; digits += 4) {
    std::string hex = c.new_id();
    std::erase(hex, '-');
    std::string domain =
        "t-" + hex.substr(0, std::min(digits, hex.size())) + std::string(generated_domain_suffix);
    if (m.tenant_for("x@" + domain) == nullptr || digits >= hex.size()) {
      return domain;
    }
  }
}

// A password for a mailbox the body gives none: 32 hex digits of a new id.
std::string generated_password(const route_context& c) {
  std::string hex = c.new_id();
  std::erase(hex, '-');
  return hex;
}

const document_value* value_at(const document_table& t, std::string_view key) {
  for (const auto& [k, v] : t) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

const std::string* string_at(const document_table& t, std::string_view key) {
  const document_value* v = value_at(t, key);
  return v != nullptr ? std::get_if<std::string>(&v->value) : nullptr;
}

// What POST answers about one mailbox: its full address, and its password when the
// body gave or the server generated one (the one time the caller is told it).
struct created_mailbox {
  std::string address;
  std::optional<std::string> password;
};

// The [[tenant.mailbox]] tables of body.mailboxes: an address without @ gets the
// domain, a mailbox without a password (or password_env) a generated one.
bool read_mailboxes(const document_value& list, const std::string& domain, const route_context& c,
                    policy::document_array& tables, std::vector<created_mailbox>& created,
                    std::string& error) {
  const auto* items = std::get_if<policy::document_array>(&list.value);
  if (items == nullptr) {
    error = "mailboxes: expected a list of objects";
    return false;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = "mailboxes[" + std::to_string(i) + "]";
    const auto* t = std::get_if<document_table>(&(*items)[i].value);
    const std::string* address = t != nullptr ? string_at(*t, "address") : nullptr;
    if (address == nullptr) {
      error = path + (t == nullptr ? ": expected an object" : ": needs an \"address\" string");
      return false;
    }
    document_table mailbox = *t;
    created_mailbox out{*address, std::nullopt};
    if (out.address.find('@') == std::string::npos) {
      out.address += "@" + domain;
    }
    for (auto& [key, value] : mailbox) {
      if (key == "address") {
        value.value = out.address;
      }
    }
    if (const std::string* password = string_at(mailbox, "password")) {
      out.password = *password;
    } else if (value_at(mailbox, "password_env") == nullptr) {
      out.password = generated_password(c);
      mailbox.push_back({"password", document_value{*out.password}});
    }
    tables.push_back(document_value{std::move(mailbox)});
    created.push_back(std::move(out));
  }
  return true;
}

// The [[tenant]] table the body asks for: its keys, with `name`, `id` and `domains`
// completed and body.domain / body.mailboxes turned into the scenario's keys.
struct tenant_request {
  document_table table;
  std::string name, id, domain;
  std::vector<created_mailbox> mailboxes;
};

std::optional<tenant_request> read_tenant(const boost::json::object& body,
                                          const policy::scenario_model& m, const route_context& c,
                                          std::string& error) {
  auto whole = document_value_of(body, "body", error);
  if (!whole) {
    return std::nullopt;
  }
  tenant_request out;
  document_table given = std::get<document_table>(whole->value);
  std::optional<document_value> mailboxes;
  std::vector<document_value> domains;
  for (auto& [key, value] : given) {
    if (key == "domain") {
      const auto* d = std::get_if<std::string>(&value.value);
      if (d == nullptr) {
        error = "domain: expected a string";
        return std::nullopt;
      }
      out.domain = *d;
    } else if (key == "mailboxes") {
      mailboxes = std::move(value);
    } else if (key == "domains") {
      const auto* list = std::get_if<policy::document_array>(&value.value);
      if (list == nullptr) {
        error = "domains: expected a list of domains";
        return std::nullopt;
      }
      domains = *list;
    } else if ((key == "name" || key == "id") &&
               !std::holds_alternative<std::string>(value.value)) {
      error = key + ": expected a string";  // the table below writes both as strings
      return std::nullopt;
    } else {
      out.table.push_back({key, std::move(value)});
    }
  }
  if (out.domain.empty() && !domains.empty()) {
    if (const auto* first = std::get_if<std::string>(&domains.front().value)) {
      out.domain = *first;
    }
  }
  if (out.domain.empty()) {
    out.domain = generated_domain(m, c);
  }
  if (std::find(domains.begin(), domains.end(), document_value{out.domain}) == domains.end()) {
    domains.insert(domains.begin(), document_value{out.domain});
  }
  const std::string* name = string_at(out.table, "name");
  out.name = name != nullptr ? *name : out.domain;
  const std::string* id = string_at(out.table, "id");
  out.id = id != nullptr ? *id : c.new_id();
  document_table table{{"name", document_value{out.name}},
                       {"id", document_value{out.id}},
                       {"domains", document_value{std::move(domains)}}};
  for (auto& [key, value] : out.table) {
    if (key != "name" && key != "id") {
      table.push_back({key, std::move(value)});
    }
  }
  if (mailboxes) {
    policy::document_array tables;
    if (!read_mailboxes(*mailboxes, out.domain, c, tables, out.mailboxes, error)) {
      return std::nullopt;
    }
    table.push_back({"mailbox", document_value{std::move(tables)}});
  }
  out.table = std::move(table);
  return out;
}

boost::json::object tenant_json(const policy::tenant& t) {
  boost::json::array domains;
  for (const std::string& d : t.domains) {
    domains.emplace_back(d);
  }
  boost::json::array mailboxes;
  for (const policy::mailbox& m : t.mailboxes) {
    mailboxes.emplace_back(m.address);
  }
  return {{"id", t.id},
          {"name", t.name},
          {"domains", std::move(domains)},
          {"mailboxes", std::move(mailboxes)}};
}

route_result create_tenant(request& r, route_context& c) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  std::string error;
  const auto body = read_object(r.body, error);
  const auto model = c.live.snapshot();
  const auto wanted = body ? read_tenant(*body, *model, c, error) : std::nullopt;
  if (!wanted) {
    return text(400, error);
  }
  policy::scenario_edit add{policy::edit_table::tenant,      "",   "", "tenant",
                            policy::edit_add{wanted->table}, false};
  const admin_outcome outcome = c.admin->change({"Create tenant", wanted->name, {add}, {}});
  if (outcome.status != admin_status::applied) {
    return admin_refusal(outcome);
  }
  boost::json::array mailboxes;
  for (const created_mailbox& m : wanted->mailboxes) {
    boost::json::object one{{"address", m.address}};
    if (m.password) {
      one["password"] = *m.password;
    }
    mailboxes.push_back(std::move(one));
  }
  response out = json(
      201,
      boost::json::serialize(boost::json::object{
          {"id", wanted->id}, {"domain", wanted->domain}, {"mailboxes", std::move(mailboxes)}}));
  out.headers.push_back({"Location", "/api/v1/tenants/" + wanted->id});
  return out;
}

route_result list_tenants(request&, route_context& c) {
  boost::json::array tenants;
  for (const policy::tenant& t : c.live.snapshot()->tenants) {
    tenants.push_back(tenant_json(t));
  }
  return admin_object(boost::json::object{{"tenants", std::move(tenants)}});
}

route_result show_tenant(request& r, route_context& c) {
  const auto model = c.live.snapshot();
  response missing;
  const policy::tenant* t = path_tenant(r, *model, missing);
  return t != nullptr ? admin_object(tenant_json(*t)) : missing;
}

// The tenant goes first (so no new mail or sign-in of its can arrive), then what
// was captured for it: the messages `tenant:` finds with its domains, resolved
// before it went, and the sign-ins of its users and applications.
route_result remove_tenant(request& r, route_context& c) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  const auto model = c.live.snapshot();
  response missing;
  const policy::tenant* t = path_tenant(r, *model, missing);
  if (t == nullptr) {
    return missing;
  }
  const store::mailbox_query mail = mailbox_query_for(c, "tenant:" + t->name);
  const tenant_scope scope = scope_of(*t);
  policy::scenario_edit drop{policy::edit_table::tenant, t->name, "", "tenant",
                             policy::edit_remove{},      false};
  const admin_outcome outcome = c.admin->change({"Remove tenant", t->name, {drop}, {}});
  if (outcome.status != admin_status::applied) {
    return admin_refusal(outcome);
  }
  const std::vector<std::int64_t> deleted = c.editor.delete_messages(c.mailbox.matching_ids(mail));
  publish_deleted(c.events, deleted, 200);
  const std::int64_t sign_ins = c.editor.delete_sign_ins(scope.domains, scope.app_ids);
  return admin_object(
      boost::json::object{{"id", t->id},
                          {"messages_deleted", static_cast<std::int64_t>(deleted.size())},
                          {"sign_ins_deleted", sign_ins}});
}

}  // namespace

void add_tenant_routes(router& routes) {
  routes.add("POST", "/api/v1/tenants", create_tenant);
  routes.add("GET", "/api/v1/tenants", list_tenants);
  routes.add("GET", "/api/v1/tenants/{tenant}", show_tenant);
  routes.add("DELETE", "/api/v1/tenants/{tenant}", remove_tenant);
}

}  // namespace exomock::http
