#include "app/json_pretty.hpp"

#include <boost/json/serialize.hpp>

namespace exomock::app {
namespace {

void write(const boost::json::value& v, int depth, std::string& out) {
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string outer(static_cast<std::size_t>(depth) * 2, ' ');
  if (const auto* o = v.if_object(); o != nullptr && !o->empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : *o) {
      out += (first ? "" : ",\n") + inner + boost::json::serialize(boost::json::string(key)) + ": ";
      write(item, depth + 1, out);
      first = false;
    }
    out += "\n" + outer + "}";
  } else if (const auto* a = v.if_array(); a != nullptr && !a->empty()) {
    out += "[\n";
    bool first = true;
    for (const auto& item : *a) {
      out += (first ? "" : ",\n") + inner;
      write(item, depth + 1, out);
      first = false;
    }
    out += "\n" + outer + "]";
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& v) {
  std::string out;
  write(v, 0, out);
  return out;
}

}  // namespace exomock::app
