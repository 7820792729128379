#include "store/sign_in_tenant.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "smtp/ascii.hpp"

namespace exomock::store {

std::string tenant_sign_in_sql(const std::string& domains_param, const std::string& apps_param) {
  return "(lower(substr(user_principal_name, instr(user_principal_name, '@') + 1)) IN "
         "(SELECT value FROM json_each(" +
         domains_param + ")) OR (app_id <> '' AND lower(app_id) IN (SELECT value FROM json_each(" +
         apps_param + "))))";
}

std::string lower_json_list(const std::vector<std::string>& list) {
  boost::json::array a;
  for (const std::string& s : list) {
    a.emplace_back(smtp::ascii::to_lower(s));
  }
  return boost::json::serialize(a);
}

}  // namespace exomock::store
