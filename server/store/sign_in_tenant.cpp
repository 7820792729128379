#include "store/sign_in_tenant.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace exomock::store {

std::string tenant_sign_in_sql(const std::string& domains_param, const std::string& apps_param) {
  return "(lower(substr(user_principal_name, instr(user_principal_name, '@') + 1)) IN "
         "(SELECT value FROM json_each(" +
         domains_param + ")) OR (app_id <> '' AND lower(app_id) IN (SELECT value FROM json_each(" +
         apps_param + "))))";
}

std::string lower_json_list(const std::vector<std::string>& list) {
  boost::json::array a;
  for (std::string s : list) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) {
      return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    });
    a.emplace_back(s);
  }
  return boost::json::serialize(a);
}

}  // namespace exomock::store
