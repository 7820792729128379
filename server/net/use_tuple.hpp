// The completion token of every coroutine I/O call in net/: an error comes back as a
// value (the first element of the tuple) instead of an exception, so each call site
// decides what a failure means.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace exomock::net {

inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace exomock::net
