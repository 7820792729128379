// State that outlives one session and is shared by every session of a server:
// smart-lockout counters, sending-limit counters, fault-rule firings. The server
// owns one and hands each exchange_session a reference; decisions stay pure
// functions of (model, session facts, clock, this state), so tests build their own.
#pragma once

#include <mutex>

#include "policy/access_token.hpp"
#include "policy/fault_rules.hpp"
#include "policy/lockout_book.hpp"
#include "policy/sending_counters.hpp"

namespace exomock::policy {

struct shared_state {
  /// Guards every member: connections may run on several threads.
  std::mutex mutex;
  /// Smart lockout of every account, across sessions.
  lockout_book lockouts;
  /// Verifies XOAUTH2 JWTs; nullptr: only the scenario's opaque tokens are accepted.
  const token_verifier* tokens = nullptr;
  /// Sending-limit counters per mailbox and tenant (sending_limits.*).
  sending_counters sending;
  /// Per [[fault]] rule: matching events and firings.
  fault_tally faults;
};

}  // namespace exomock::policy
