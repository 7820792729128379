// co_spawn for fire-and-forget coroutines that logs an escaping exception
// instead of dropping it silently (asio::detached would).
#pragma once

#include <spdlog/spdlog.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <string>
#include <utility>

namespace exomock::net {

template <typename Executor>
void logged_spawn(const Executor& executor, boost::asio::awaitable<void> work, std::string what) {
  boost::asio::co_spawn(executor, std::move(work),
                        [what = std::move(what)](const std::exception_ptr& failure) {
                          if (!failure) {
                            return;
                          }
                          try {
                            std::rethrow_exception(failure);
                          } catch (const std::exception& e) {
                            spdlog::error("{} failed error={:?}", what, e.what());
                          }
                        });
}

}  // namespace exomock::net
