// Window arithmetic of the sending limits. Minutes are clock minutes (09:00:00 to
// 09:00:59.999), so "delayed into the following minute" means released at its start;
// the recipient windows slide: an entry leaves exactly 24 hours after it was counted.
#include "policy/sending_counters.hpp"

#include <algorithm>

#include "policy/address.hpp"

namespace exomock::policy {

namespace {

constexpr std::chrono::hours rolling_day{24};

std::int64_t minute_of(time_point t) {
  return std::chrono::floor<std::chrono::minutes>(t).time_since_epoch().count();
}

}  // namespace

mailbox_counters& counters_of(sending_counters& all, std::string_view mailbox) {
  const std::string key = to_lower(mailbox);
  auto it = all.mailboxes.find(key);
  if (it == all.mailboxes.end()) {
    it = all.mailboxes.emplace(key, mailbox_counters{}).first;
  }
  return it->second;
}

void register_submitter(mailbox_counters& m, std::uint64_t session) {
  if (std::find(m.submitting.begin(), m.submitting.end(), session) == m.submitting.end()) {
    m.submitting.push_back(session);
  }
}

void unregister_submitter(mailbox_counters& m, std::uint64_t session) {
  std::erase(m.submitting, session);
}

bool concurrency_exceeded(const mailbox_counters& m, std::uint64_t session, std::uint32_t limit) {
  if (limit == 0) {
    return false;
  }
  const auto it = std::find(m.submitting.begin(), m.submitting.end(), session);
  // A connection closing moves the later ones up: the excess is always the newest.
  return it != m.submitting.end() && static_cast<std::size_t>(it - m.submitting.begin()) >= limit;
}

bool minute_full(mailbox_counters& m, std::uint32_t limit, time_point now) {
  if (limit == 0) {
    return false;
  }
  const auto current = minute_of(now);
  std::erase_if(m.released_per_minute, [&](const auto& kv) { return kv.first < current; });
  const auto it = m.released_per_minute.find(current);
  return it != m.released_per_minute.end() && it->second >= limit;
}

time_point reserve_release(mailbox_counters& m, std::uint32_t limit, time_point now) {
  if (limit == 0) {
    return now;
  }
  auto minute = minute_of(now);
  std::erase_if(m.released_per_minute, [&](const auto& kv) { return kv.first < minute; });
  while (m.released_per_minute[minute] >= limit) {
    ++minute;
  }
  ++m.released_per_minute[minute];
  if (minute == minute_of(now)) {
    return now;
  }
  return time_point{} + std::chrono::minutes{minute};
}

std::uint64_t sum_last_day(std::deque<dated_count>& window, time_point now) {
  while (!window.empty() && window.front().at + rolling_day <= now) {
    window.pop_front();
  }
  std::uint64_t total = 0;
  for (const dated_count& d : window) {
    total += d.count;
  }
  return total;
}

bool day_quota_exceeded(std::deque<dated_count>& window, std::uint32_t limit, std::uint32_t more,
                        time_point now) {
  return limit != 0 && sum_last_day(window, now) + more > limit;
}

void record_day_count(std::deque<dated_count>& window, std::uint32_t count, time_point now) {
  if (count > 0) {
    window.push_back({now, count});
  }
}

std::optional<error_class> throttled(const mailbox_counters& m, time_point now) {
  if (m.throttled_for && now < m.throttled_until) {
    return m.throttled_for;
  }
  return std::nullopt;
}

void record_error(mailbox_counters& m, error_class c, const throttling_settings& s,
                  time_point now) {
  if (s.errors == 0) {
    return;
  }
  auto& seen = m.errors[static_cast<std::size_t>(c)];
  while (!seen.empty() && seen.front() + s.window <= now) {
    seen.pop_front();
  }
  seen.push_back(now);
  if (seen.size() >= s.errors) {
    m.throttled_for = c;
    m.throttled_until = now + s.period;
    seen.clear();  // the next throttle needs a fresh run of errors after this one
  }
}

std::uint32_t count_external(const std::vector<std::string>& recipients,
                             const std::vector<std::string>& accepted_domains) {
  return static_cast<std::uint32_t>(std::count_if(
      recipients.begin(), recipients.end(),
      [&](const std::string& r) { return !contains_address(accepted_domains, domain_of(r)); }));
}

}  // namespace exomock::policy
