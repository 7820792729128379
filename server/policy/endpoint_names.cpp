// Evidence for the MX forms: a swaks session with outlook-com.olc.protection.outlook.com
// (Jun 2025) shows "220 CH3PEPF00000015.mail.protection.outlook.com Microsoft ESMTP MAIL
// Service ready at ... [SID]", SIZE 49283072, and DIAG "[CH3PEPF00000015.namprd21.prod.
// outlook.com TIME SID]". Older EOP front ends (DB5EUR03FT018.eop-EUR03.prod.protection.
// outlook.com) are not reproduced *(chosen: the current form)*.
#include "policy/endpoint_names.hpp"

namespace exomock::policy {

endpoint_names names_for(const service_identity& identity, listener_kind kind) {
  if (kind == listener_kind::mx) {
    return {identity.mx_front_end, identity.mx_region,
            identity.mx_front_end + ".mail.protection.outlook.com", mx_advertised_size};
  }
  return {identity.front_end, identity.region, identity.front_end + ".outlook.office365.com",
          submission_advertised_size};
}

}  // namespace exomock::policy
