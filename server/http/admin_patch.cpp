// Reading admin PATCH bodies into scenario edits, and the answer to each: the
// object after the change, or the reason it was refused. Field errors are the
// route's (they name the JSON field); value errors are the scenario reader's.
#include "http/admin_patch.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "http/go_json.hpp"
#include "policy/address.hpp"
#include "policy/join.hpp"

namespace exomock::http {
namespace {

std::string a_kind(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::null:
      return "null";
    default:
      return "a number";
  }
}

std::optional<policy::edit_value> mismatch(const admin_field& f, const boost::json::value& v,
                                           std::string_view expected, std::string& error) {
  error = std::string(f.name) + " must be " + std::string(expected) + ", not " + a_kind(v);
  return std::nullopt;
}

std::string choice_list(const admin_field& f) {
  std::vector<std::string> names;
  for (const field_choice& c : f.choices) {
    names.push_back("\"" + std::string(c.json) + "\"");
  }
  return policy::join(names, ", ");
}

}  // namespace

std::optional<policy::edit_value> read_field(const admin_field& f, const boost::json::value& v,
                                             std::string& error) {
  if (v.is_null() && f.nullable) {
    return policy::edit_value{policy::edit_unset{}};
  }
  const std::string_view or_null = f.nullable ? " or null" : "";
  switch (f.kind) {
    case field_kind::boolean:
      if (!v.is_bool()) {
        return mismatch(f, v, f.nullable ? "true, false or null" : "true or false", error);
      }
      return policy::edit_value{v.as_bool()};
    case field_kind::string:
      if (!v.is_string()) {
        return mismatch(f, v, "a string" + std::string(or_null), error);
      }
      return policy::edit_value{std::string(v.as_string())};
    case field_kind::strings: {
      const auto* a = v.if_array();
      std::vector<std::string> out;
      for (std::size_t i = 0; a != nullptr && i < a->size(); ++i) {
        if (!(*a)[i].is_string()) {
          return mismatch(f, v, "an array of strings" + std::string(or_null), error);
        }
        out.emplace_back((*a)[i].as_string());
      }
      if (a == nullptr) {
        return mismatch(f, v, "an array of strings" + std::string(or_null), error);
      }
      return policy::edit_value{std::move(out)};
    }
    case field_kind::choice:
      if (const auto* s = v.if_string()) {
        for (const field_choice& c : f.choices) {
          if (*s == c.json) {
            return c.value;
          }
        }
      }
      return mismatch(f, v, "one of " + choice_list(f) + std::string(or_null), error);
  }
  return std::nullopt;
}

std::optional<boost::json::object> read_object(std::string_view body, std::string& error) {
  const auto parsed = parse_body(body, error);
  if (!parsed) {
    return std::nullopt;
  }
  if (!parsed->is_object()) {
    error = "the body must be a JSON object, not " + a_kind(*parsed);
    return std::nullopt;
  }
  return parsed->as_object();
}

std::optional<std::vector<policy::scenario_edit>> read_patch(const boost::json::object& body,
                                                             const std::vector<admin_field>& fields,
                                                             const policy::scenario_edit& where,
                                                             std::string& error) {
  std::vector<policy::scenario_edit> edits;
  for (const auto& [name, value] : body) {
    const admin_field* field = nullptr;
    for (const admin_field& f : fields) {
      if (policy::iequals(f.name, name)) {
        field = &f;
        break;
      }
    }
    if (field == nullptr) {
      std::vector<std::string> names;
      names.reserve(fields.size());
      for (const admin_field& f : fields) {
        names.emplace_back(f.name);
      }
      error = "unknown field '" + std::string(name) + "'; allowed: " + policy::join(names, ", ");
      return std::nullopt;
    }
    if (field->read) {
      if (!field->read(value, where, edits, error)) {
        return std::nullopt;
      }
      continue;
    }
    auto v = read_field(*field, value, error);
    if (!v) {
      return std::nullopt;
    }
    policy::scenario_edit e = where;
    e.key = field->key;
    e.value = std::move(*v);
    edits.push_back(std::move(e));
  }
  return edits;
}

response admin_object(const boost::json::value& v) {
  return json(200, boost::json::serialize(v));
}

response admin_unavailable() {
  return text(503, "the admin API is not available");
}

response admin_not_found(const std::string& what) {
  return text(404, what);
}

response show_admin(const admin_resource& resource, const policy::scenario_model& m) {
  const auto shown = resource.render(m);
  return shown ? admin_object(*shown)
               : admin_not_found("'" + resource.target + "' is no longer in the scenario");
}

response admin_refusal(const admin_outcome& outcome) {
  return text(outcome.status == admin_status::not_found ? 404 : 400,
              policy::join(outcome.messages, "\n"));
}

response apply_admin(route_context& c, const admin_resource& resource,
                     std::vector<policy::scenario_edit> edits) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  if (edits.empty()) {
    return show_admin(resource, *resource.model);
  }
  const admin_outcome outcome =
      c.admin->change({resource.operation, resource.target, std::move(edits), {}});
  if (outcome.status != admin_status::applied) {
    return admin_refusal(outcome);
  }
  return show_admin(resource, outcome.model ? *outcome.model : *c.live.snapshot());
}

response patch_admin(request& r, route_context& c, const admin_resource& resource,
                     const std::vector<admin_field>& fields) {
  std::string error;
  const auto body = read_object(r.body, error);
  if (!body) {
    return text(400, error);
  }
  auto edits = read_patch(*body, fields, resource.where, error);
  if (!edits) {
    return text(400, error);
  }
  return apply_admin(c, resource, std::move(*edits));
}

void add_admin_resource(router& routes, const std::string& path, const admin_finder& find,
                        std::vector<admin_field> fields) {
  routes.add("GET", path, [find](request& r, route_context& c) -> route_result {
    response missing;
    const auto found = find(r, c, missing);
    return found ? show_admin(*found, *found->model) : missing;
  });
  routes.add("PATCH", path,
             [find, fields = std::move(fields)](request& r, route_context& c) -> route_result {
               response missing;
               const auto found = find(r, c, missing);
               return found ? patch_admin(r, c, *found, fields) : missing;
             });
}

const policy::tenant* path_tenant(const request& r, const policy::scenario_model& m,
                                  response& missing) {
  const policy::tenant* t = m.find_tenant(r.captures.at(0));
  if (t == nullptr) {
    missing = admin_not_found("no tenant '" + r.captures.at(0) + "' in the scenario");
  }
  return t;
}

void add_tenant_setting(router& routes, const std::string& path, std::string operation,
                        std::vector<admin_field> fields,
                        std::function<boost::json::value(const policy::tenant&)> render) {
  auto find = [operation = std::move(operation), render = std::move(render)](
                  const request& r, const route_context& c,
                  response& missing) -> std::optional<admin_resource> {
    auto model = c.live.snapshot();
    const policy::tenant* t = path_tenant(r, *model, missing);
    if (t == nullptr) {
      return std::nullopt;
    }
    return admin_resource{
        operation,
        t->name,
        {policy::edit_table::tenant, t->name, "", "", {}, false},
        std::move(model),
        [name = t->name,
         render](const policy::scenario_model& m) -> std::optional<boost::json::value> {
          const policy::tenant* now = m.find_tenant(name);
          return now != nullptr ? std::optional(render(*now)) : std::nullopt;
        }};
  };
  add_admin_resource(routes, path, find, std::move(fields));
}

}  // namespace exomock::http
