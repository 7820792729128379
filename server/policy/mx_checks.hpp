// The MX endpoint's decisions (reference section 3): which inbound connector a
// client matches, whether a recipient is accepted (Direct Send, connector relay,
// RejectDirectSend), and the path a captured message came by. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"
#include "policy/reply_catalogue.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::policy {

/// Whether the client certificate's subject (RFC 2253, as net reports it) names the
/// connector's `certificate_subject`: the whole subject or its CN, case-insensitively.
[[nodiscard]] bool certificate_matches(const inbound_connector& connector,
                                       std::string_view peer_subject);

/// Whether the client (its IP address or its TLS client certificate) matches the connector.
[[nodiscard]] bool connector_matches(const inbound_connector& connector,
                                     const smtp::session_facts& facts);

/// The connector that attributes this client's mail to a tenant: one that matches the
/// client, of the tenant whose accepted domain the sender uses; nullptr when none.
[[nodiscard]] const inbound_connector* relay_connector(const scenario_model& model,
                                                       const smtp::session_facts& facts,
                                                       std::string_view reverse_path);

/// The refusal of `recipient` at RCPT on the MX endpoint, or nullopt to accept it.
[[nodiscard]] std::optional<reply_id> mx_recipient_refusal(const scenario_model& model,
                                                           const smtp::session_facts& facts,
                                                           std::string_view reverse_path,
                                                           std::string_view recipient);

/// How an accepted message arrived: "submission" (any listener but MX), "direct-send",
/// or "connector:NAME".
[[nodiscard]] std::string arrival_path(const scenario_model& model, const listener_config& listener,
                                       const smtp::session_facts& facts,
                                       std::string_view reverse_path);

}  // namespace exomock::policy
