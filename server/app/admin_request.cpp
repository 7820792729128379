// The admin operations as docs/admin-api.md lists them. Field names are the
// routes' own (server/http/routes_admin_*.cpp); the flags are those names in
// kebab case, a nested field by its last part where that is unambiguous.
#include "app/admin_request.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

namespace exomock::app {
namespace {

constexpr std::string_view boolean_help = "true or false";

std::vector<admin_operation> operations() {
  using enum value_kind;
  const admin_option smtp_auth{"--smtp-client-authentication-disabled",
                               "SmtpClientAuthenticationDisabled", literal, boolean_help};
  const admin_option mailbox_smtp_auth{"--smtp-client-authentication-disabled",
                                       "SmtpClientAuthenticationDisabled", literal,
                                       "true, false or null (follow the tenant)"};
  return {
      {"get-transport-config",
       "Show a tenant's Set-TransportConfig settings",
       "GET",
       "/api/v1/admin/transport-config/{}",
       {"TENANT"},
       {}},
      {"set-transport-config",
       "Set-TransportConfig",
       "PATCH",
       "/api/v1/admin/transport-config/{}",
       {"TENANT"},
       {smtp_auth,
        {"--allow-legacy-tls-clients", "AllowLegacyTLSClients", literal,
         "true or false: TLS 1.0/1.1 on the submission-legacy listener"}}},
      {"get-cas-mailbox",
       "Show a mailbox's Set-CASMailbox settings",
       "GET",
       "/api/v1/admin/cas-mailbox/{}",
       {"ADDRESS"},
       {}},
      {"set-cas-mailbox",
       "Set-CASMailbox",
       "PATCH",
       "/api/v1/admin/cas-mailbox/{}",
       {"ADDRESS"},
       {mailbox_smtp_auth}},
      {"get-organization-config",
       "Show a tenant's Set-OrganizationConfig settings",
       "GET",
       "/api/v1/admin/organization-config/{}",
       {"TENANT"},
       {}},
      {"set-organization-config",
       "Set-OrganizationConfig",
       "PATCH",
       "/api/v1/admin/organization-config/{}",
       {"TENANT"},
       {{"--reject-direct-send", "RejectDirectSend", literal, boolean_help}}},
      {"get-authentication-policy",
       "Show an authentication policy",
       "GET",
       "/api/v1/admin/authentication-policy/{}/{}",
       {"TENANT", "NAME"},
       {}},
      {"set-authentication-policy",
       "Set-AuthenticationPolicy",
       "PATCH",
       "/api/v1/admin/authentication-policy/{}/{}",
       {"TENANT", "NAME"},
       {{"--allow-basic-auth-smtp", "AllowBasicAuthSmtp", literal, boolean_help}}},
      {"get-user",
       "Show a user (Entra ID) and its smart lockout",
       "GET",
       "/api/v1/admin/users/{}",
       {"ADDRESS"},
       {}},
      {"set-user",
       "Update a user (Entra ID)",
       "PATCH",
       "/api/v1/admin/users/{}",
       {"ADDRESS"},
       {{"--account-enabled", "accountEnabled", literal, boolean_help},
        {"--password", "passwordProfile.password", text, "A new password (never shown)"},
        {"--force-change-password-next-sign-in", "passwordProfile.forceChangePasswordNextSignIn",
         literal, "true or false: the password has expired"},
        {"--per-user-mfa-state", "perUserMfaState", text, "disabled or enforced"},
        {"--app-passwords-add", "appPasswords.add", list, "App passwords to add, comma-separated"},
        {"--app-passwords-remove", "appPasswords.remove", list,
         "App passwords to remove, comma-separated"}}},
      {"reset-lockout",
       "End a user's smart lockout",
       "POST",
       "/api/v1/admin/users/{}/reset-lockout",
       {"ADDRESS"},
       {}},
      {"get-conditional-access",
       "List a tenant's Conditional Access policies, or show one",
       "GET",
       "/api/v1/admin/conditional-access/{}/{}",
       {"TENANT", "[NAME]"},
       {}},
      {"set-conditional-access",
       "Set a Conditional Access policy's state",
       "PATCH",
       "/api/v1/admin/conditional-access/{}/{}",
       {"TENANT", "NAME"},
       {{"--state", "state", text, "enabled, disabled or enabledForReportingButNotEnforced"}}},
      {"get-security-defaults",
       "Show a tenant's security defaults",
       "GET",
       "/api/v1/admin/security-defaults/{}",
       {"TENANT"},
       {}},
      {"set-security-defaults",
       "Turn a tenant's security defaults on or off",
       "PATCH",
       "/api/v1/admin/security-defaults/{}",
       {"TENANT"},
       {{"--is-enabled", "isEnabled", literal, boolean_help}}},
      {"get-basic-auth",
       "Show a tenant's Basic-auth retirement state",
       "GET",
       "/api/v1/admin/basic-auth/{}",
       {"TENANT"},
       {}},
      {"set-basic-auth",
       "Set a tenant's Basic-auth retirement state",
       "PATCH",
       "/api/v1/admin/basic-auth/{}",
       {"TENANT"},
       {{"--basic-auth", "basic_auth", text, "available, disabled or retired"},
        {"--basic-auth-reenabled", "basic_auth_reenabled", literal, boolean_help}}},
      {"get-application",
       "Show an application's grants",
       "GET",
       "/api/v1/admin/applications/{}",
       {"CLIENT_ID"},
       {}},
      {"set-application",
       "Replace an application's grants",
       "PATCH",
       "/api/v1/admin/applications/{}",
       {"CLIENT_ID"},
       {{"--roles", "roles", list, "App roles, comma-separated (\"\" for none)"},
        {"--full-access", "FullAccess", list,
         "Mailboxes it has FullAccess to, comma-separated (\"\" for none)"}}},
      {"scenario", "Print the live scenario as TOML", "GET", "/api/v1/admin/scenario", {}, {}},
      {"reload", "Read the scenario file again", "POST", "/api/v1/admin/scenario/reload", {}, {}},
      {"clock",
       "Show the scenario clock, or move it",
       "POST",
       "/api/v1/admin/clock",
       {},
       {{"--advance", "advance", text, "A Go duration: 90s, 25h, 1h30m"},
        {"--set", "set", text, "A time: 2026-12-31T09:00:00Z"}},
       true},
      {"audit",
       "Show the admin changes, newest first",
       "GET",
       "/api/v1/admin/audit",
       {},
       {{"--limit", "limit", query, "How many (default 100, at most 10000)"}}},
      {"list-device-codes",
       "Show the device codes waiting for a user",
       "GET",
       "/api/v1/admin/device-codes",
       {},
       {}},
      {"approve-device-code",
       "Sign a user in for a device code, as on microsoft.com/devicelogin",
       "POST",
       "/api/v1/admin/device-codes/approve",
       {},
       {{"--user-code", "user_code", text, "The code the device shows"},
        {"--user", "user", text, "The user who signs in (a mailbox of the app's tenant)"}}},
      {"list-tenants", "Show every tenant", "GET", "/api/v1/tenants", {}, {}},
      {"get-tenant", "Show a tenant", "GET", "/api/v1/tenants/{}", {"TENANT"}, {}},
      {"create-tenant",
       "Create a tenant (a tenant per test); prints its id, domain and mailbox passwords",
       "POST",
       "/api/v1/tenants",
       {},
       {{"--domain", "domain", text, "Its accepted domain (default: a generated one)"},
        {"--name", "name", text, "Its name (default: the domain)"},
        {"--json", "", object,
         "More [[tenant]] keys as a JSON object, e.g. '{\"mailboxes\": [{\"address\": "
         "\"printer\"}]}'"}}},
      {"delete-tenant",
       "Remove a tenant with its captured mail and sign-ins",
       "DELETE",
       "/api/v1/tenants/{}",
       {"TENANT"},
       {}},
  };
}

boost::json::value json_of(value_kind kind, const std::string& text) {
  if (kind == value_kind::literal && (text == "true" || text == "false" || text == "null")) {
    return boost::json::parse(text);
  }
  if (kind != value_kind::list) {
    return boost::json::string(text);
  }
  boost::json::array items;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    items.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::string filled_path(const admin_operation& op, const std::vector<std::string>& arguments) {
  std::string out;
  std::size_t next = 0;
  std::string_view rest = op.path;
  while (true) {
    const std::size_t hole = rest.find("{}");
    if (hole == std::string_view::npos) {
      return out + std::string(rest);
    }
    if (next >= arguments.size()) {  // an optional argument left out: its segment too
      return out + std::string(rest.substr(0, hole > 0 ? hole - 1 : 0));
    }
    out += std::string(rest.substr(0, hole)) + encode_component(arguments[next++]);
    rest.remove_prefix(hole + 2);
  }
}

}  // namespace

const std::vector<admin_operation>& admin_operations() {
  static const std::vector<admin_operation> table = operations();
  return table;
}

std::string encode_component(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 0xFU];
    }
  }
  return out;
}

http_call admin_call(const admin_operation& op, const std::vector<std::string>& arguments,
                     const std::vector<given_option>& options) {
  http_call call{std::string(op.method), filled_path(op, arguments), ""};
  boost::json::object body;
  std::string query;
  std::optional<std::string> not_an_object;  // --json text that is no JSON object: sent as is
  for (const auto& [option, text] : options) {
    if (option->kind == value_kind::object) {
      boost::system::error_code ec;
      const boost::json::value v = boost::json::parse(text, ec);
      if (ec || !v.is_object()) {
        not_an_object = text;
        continue;
      }
      for (const auto& [key, value] : v.as_object()) {
        body[key] = value;
      }
      continue;
    }
    if (option->kind == value_kind::query) {
      query +=
          (query.empty() ? "?" : "&") + std::string(option->field) + "=" + encode_component(text);
      continue;
    }
    const std::size_t dot = option->field.find('.');
    if (dot == std::string_view::npos) {
      body[option->field] = json_of(option->kind, text);
    } else {
      boost::json::value& parent = body[option->field.substr(0, dot)];
      if (!parent.is_object()) {
        parent = boost::json::object{};
      }
      parent.as_object()[option->field.substr(dot + 1)] = json_of(option->kind, text);
    }
  }
  call.target += query;
  if (not_an_object) {
    call.body = *not_an_object;
  } else if (op.method != "GET" && op.method != "DELETE" && !(op.get_when_empty && body.empty())) {
    call.body = boost::json::serialize(body);
  } else if (op.get_when_empty) {
    call.method = "GET";
  }
  return call;
}

std::string answer_message(const http_answer& answer) {
  std::string message = answer.body;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(answer.body, ec);
  if (!ec && v.is_object()) {
    for (const char* key : {"Error", "message"}) {
      if (const auto* m = v.as_object().if_contains(key); m != nullptr && m->is_string()) {
        message = m->as_string();
      }
    }
  }
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back())) != 0) {
    message.pop_back();
  }
  return message;
}

}  // namespace exomock::app
