// Responses in Microsoft Graph's form: the OData JSON content type, the
// request-id and client-request-id headers Graph sends on every response (the
// client's own client-request-id echoed), and Graph's error envelope.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <string_view>

#include "http/http_message.hpp"

namespace exomock::http {

/// A Graph JSON body with its headers.
[[nodiscard]] response graph_json(int status, const boost::json::object& body, const request& r);

/// {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}},
/// the date at `now` without fraction or zone as Graph writes it, and then the members
/// of `extra` (exomock's own, such as a wait's count).
[[nodiscard]] response graph_error(int status, std::string_view code, std::string_view message,
                                   const request& r, std::chrono::system_clock::time_point now,
                                   const boost::json::object& extra = {});

/// Graph's 400 for a query it cannot serve: code BadRequest and `message`.
[[nodiscard]] response graph_bad_request(std::string_view message, const request& r,
                                         std::chrono::system_clock::time_point now);

}  // namespace exomock::http
