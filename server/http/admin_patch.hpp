// What the admin routes share: finding a tenant or mailbox in the live model
// (404 otherwise), reading a PATCH body into scenario edits with errors that
// name the JSON field, and the flow target -> edits -> apply -> the object as
// GET shows it.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/route_context.hpp"
#include "http/router.hpp"
#include "policy/model.hpp"
#include "policy/scenario_edit.hpp"

namespace exomock::http {

/// `string` passes any string on: the scenario reader says whether it is one it takes
/// (state, basic_auth); `choice` maps JSON strings to other scenario values.
enum class field_kind : std::uint8_t { boolean, string, strings, choice };

struct field_choice {
  std::string_view json;  ///< the JSON string accepted
  policy::edit_value value;
};

/// A field its route reads itself (an object such as passwordProfile): appends the
/// edits of the table `where` names, or false and `error`.
using field_reader =
    std::function<bool(const boost::json::value& v, const policy::scenario_edit& where,
                       std::vector<policy::scenario_edit>& edits, std::string& error)>;

/// One JSON field of a PATCH body and the scenario key it sets.
struct admin_field {
  std::string_view name{};  ///< "SmtpClientAuthenticationDisabled"
  std::string_view key{};   ///< "smtp_client_authentication_disabled"
  field_kind kind = field_kind::boolean;
  std::vector<field_choice> choices{};  ///< choice: the accepted strings
  /// null is taken (where the cmdlet takes $null): it removes the key.
  bool nullable = false;
  field_reader read{};  ///< set: reads the field instead of `kind`
};

/// One field's JSON value as an edit value; nullopt and `error` ("NAME: expected
/// true or false, got a string") when it does not fit.
[[nodiscard]] std::optional<policy::edit_value> read_field(const admin_field& f,
                                                           const boost::json::value& v,
                                                           std::string& error);

/// The body as a JSON object; nullopt and `error` otherwise.
[[nodiscard]] std::optional<boost::json::object> read_object(std::string_view body,
                                                             std::string& error);

/// The edits a body asks of the table `where` names: one per field present (names
/// compared without regard to case); an unknown field or a bad value is an error.
[[nodiscard]] std::optional<std::vector<policy::scenario_edit>> read_patch(
    const boost::json::object& body, const std::vector<admin_field>& fields,
    const policy::scenario_edit& where, std::string& error);

/// An admin resource as a route sees it once found.
struct admin_resource {
  std::string operation;  ///< for the audit: "Set-CASMailbox"
  std::string target;     ///< "printer@contoso.com"
  policy::scenario_edit where;
  /// The live model it was found in, held so that a reload meanwhile cannot take
  /// the object away from under GET (which shows it from this model).
  std::shared_ptr<const policy::scenario_model> model;
  /// The object as GET shows it, from a model (the found one, or the one a change
  /// produced); nullopt when that model no longer holds it.
  std::function<std::optional<boost::json::value>(const policy::scenario_model&)> render;
};

/// 200 and the object.
[[nodiscard]] response admin_object(const boost::json::value& v);
/// 503 when the server has no admin port (unit tests without one).
[[nodiscard]] response admin_unavailable();
/// 404 naming what is missing.
[[nodiscard]] response admin_not_found(const std::string& what);
/// 200 and the resource as `m` holds it; 404 when `m` no longer does.
[[nodiscard]] response show_admin(const admin_resource& resource, const policy::scenario_model& m);

/// The answer to a change the document refused: 404 for a missing target, 400 with
/// the validator's messages (one a line).
[[nodiscard]] response admin_refusal(const admin_outcome& outcome);

/// Applies `edits` as `resource`'s change and answers the object as the model the
/// change produced holds it: 200, 400 with the validator's messages (one a line), 404.
[[nodiscard]] response apply_admin(route_context& c, const admin_resource& resource,
                                   std::vector<policy::scenario_edit> edits);

/// PATCH: reads the body against `fields`, then apply_admin.
[[nodiscard]] response patch_admin(request& r, route_context& c, const admin_resource& resource,
                                   const std::vector<admin_field>& fields);

/// Finds a route's resource from its path (nullopt and the 404 in `missing`).
using admin_finder =
    std::function<std::optional<admin_resource>(const request&, const route_context&, response&)>;

/// GET (the object) and PATCH (fields) on PATH.
void add_admin_resource(router& routes, const std::string& path, const admin_finder& find,
                        std::vector<admin_field> fields);

/// The tenant of `m` the path's first capture names, or nullptr and the 404 in `missing`.
[[nodiscard]] const policy::tenant* path_tenant(const request& r, const policy::scenario_model& m,
                                                response& missing);

/// GET|PATCH PATH/{tenant} over settings of the [[tenant]] table itself.
void add_tenant_setting(router& routes, const std::string& path, std::string operation,
                        std::vector<admin_field> fields,
                        std::function<boost::json::value(const policy::tenant&)> render);

}  // namespace exomock::http
