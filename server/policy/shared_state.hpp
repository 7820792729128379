// State that outlives one session and is shared by every session of a server:
// smart-lockout counters, sending-limit counters, fault-rule firings. The server
// owns one and hands each exchange_session a reference; decisions stay pure
// functions of (model, session facts, clock, this state), so tests build their own.
#pragma once

#include <mutex>

namespace exomock::policy {

struct shared_state {
  /// Guards every member: connections may run on several threads.
  std::mutex mutex;
};

}  // namespace exomock::policy
