// Direct Send and connector relay as Microsoft documents them: anonymous mail is
// accepted for the tenant's accepted domains only (else 550 5.7.64); a matching
// inbound connector relays anywhere for a sender in its tenant's domains; with
// RejectDirectSend, a sender in the recipient tenant's own domains needs a connector (5.7.68).
#include "policy/mx_checks.hpp"

#include "policy/address.hpp"
#include "policy/ip_range.hpp"

namespace exomock::policy {

namespace {

// The value of the first CN= attribute of an RFC 2253 subject ("CN=a,O=b"), as
// printed (escapes kept); an escaped comma (backslash, comma) does not end one.
std::string common_name(std::string_view subject) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= subject.size(); ++i) {
    const bool end =
        i == subject.size() || (subject[i] == ',' && (i == 0 || subject[i - 1] != '\\'));
    if (!end) {
      continue;
    }
    std::string_view attribute = subject.substr(start, i - start);
    while (!attribute.empty() && attribute.front() == ' ') {
      attribute.remove_prefix(1);
    }
    if (attribute.size() > 3 && iequals(attribute.substr(0, 3), "CN=")) {
      return std::string(attribute.substr(3));
    }
    start = i + 1;
  }
  return {};
}

}  // namespace

bool certificate_matches(const inbound_connector& connector, std::string_view peer_subject) {
  if (connector.certificate_subject.empty() || peer_subject.empty()) {
    return false;
  }
  return iequals(connector.certificate_subject, peer_subject) ||
         iequals(connector.certificate_subject, common_name(peer_subject));
}

bool connector_matches(const inbound_connector& connector, const smtp::session_facts& facts) {
  for (const std::string& range : connector.client_ip_ranges) {
    if (range_contains(range, facts.connection.client_ip)) {
      return true;
    }
  }
  return facts.tls && certificate_matches(connector, facts.tls->peer_subject);
}

const inbound_connector* relay_connector(const scenario_model& model,
                                         const smtp::session_facts& facts,
                                         std::string_view reverse_path) {
  const tenant* sender_tenant = model.tenant_for(reverse_path);
  if (sender_tenant == nullptr) {
    return nullptr;
  }
  for (const inbound_connector& c : sender_tenant->connectors) {
    if (connector_matches(c, facts)) {
      return &c;
    }
  }
  return nullptr;
}

std::optional<reply_id> mx_recipient_refusal(const scenario_model& model,
                                             const smtp::session_facts& facts,
                                             std::string_view reverse_path,
                                             std::string_view recipient) {
  if (relay_connector(model, facts, reverse_path) != nullptr) {
    return std::nullopt;
  }
  const tenant* recipient_tenant = model.tenant_for(recipient);
  if (recipient_tenant == nullptr) {
    return reply_id::relay_access_denied;
  }
  // (chosen) at RCPT: the recipient names the tenant whose setting applies.
  if (recipient_tenant->reject_direct_send && model.tenant_for(reverse_path) == recipient_tenant) {
    return reply_id::direct_send_not_allowed;
  }
  return std::nullopt;
}

std::string arrival_path(const scenario_model& model, const listener_config& listener,
                         const smtp::session_facts& facts, std::string_view reverse_path) {
  if (listener.kind != listener_kind::mx) {
    return "submission";
  }
  const inbound_connector* c = relay_connector(model, facts, reverse_path);
  return c != nullptr ? "connector:" + c->name : "direct-send";
}

}  // namespace exomock::policy
