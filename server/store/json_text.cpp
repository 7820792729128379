// JSON array-of-strings text through Boost.JSON. Its parser is told to take
// invalid UTF-8, so a list round-trips byte for byte whatever a client sent;
// its serializer copies such bytes unchanged.
#include "store/json_text.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace exomock::store {

std::string json_string_array(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const std::string& item : items) {
    array.emplace_back(boost::json::string_view(item));
  }
  return boost::json::serialize(array);
}

std::optional<std::vector<std::string>> parse_json_string_array(std::string_view text) {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec || !value.is_array()) {
    return std::nullopt;
  }
  std::vector<std::string> items;
  items.reserve(value.get_array().size());
  for (const boost::json::value& item : value.get_array()) {
    if (!item.is_string()) {
      return std::nullopt;
    }
    items.emplace_back(item.get_string());
  }
  return items;
}

}  // namespace exomock::store
