// The names an endpoint shows: the front-end host of the banner and Hello line,
// the DIAG suffix's server and the SIZE it advertises. smtp.office365.com and the
// tenant MX endpoint (TENANT.mail.protection.outlook.com) differ in all three.
#pragma once

#include <cstdint>
#include <string>

#include "policy/model.hpp"

namespace exomock::policy {

struct endpoint_names {
  std::string front_end;  ///< "SN7PR04CA0123", "CH3PEPF00000015"
  std::string region;     ///< "namprd04": DIAG host FE.REGION.prod.outlook.com
  std::string host;       ///< FE.outlook.office365.com or FE.mail.protection.outlook.com
  std::uint64_t advertised_size = 0;  ///< EHLO SIZE
};

/// SIZE on smtp.office365.com, whatever the mailbox limit.
inline constexpr std::uint64_t submission_advertised_size = 157286400;
/// SIZE on the MX endpoint (seen in a 2025 EHLO of *.mail.protection.outlook.com).
inline constexpr std::uint64_t mx_advertised_size = 49283072;

/// The names of a listener of `kind` under the scenario's service identity.
[[nodiscard]] endpoint_names names_for(const service_identity& identity, listener_kind kind);

}  // namespace exomock::policy
