// The queue in front of the writer thread. submit() and record() only append
// under a mutex; the writer takes everything queued at once and hands it to
// group_writer as one transaction, then runs the callbacks: group commit.
#include "store/message_store.hpp"

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

#include "store/group_writer.hpp"

namespace exomock::store {

using done_callback = std::function<void(bool ok, std::int64_t id)>;

struct message_store::impl {
  std::unique_ptr<group_writer> writer;

  mutable std::mutex mutex;
  std::condition_variable work_queued;  // wakes the writer
  std::condition_variable group_done;   // wakes flush()
  std::vector<captured_message> messages;
  std::vector<done_callback> callbacks;  // callbacks[i] belongs to messages[i]
  std::vector<session_record> sessions;
  std::vector<sign_in_record> sign_ins;  // ride along with the next group, like sessions
  std::uint64_t queued = 0;     // items ever queued; an item's ticket is this count after it
  std::uint64_t processed = 0;  // tickets whose group has committed or failed
  std::uint64_t urgent = 0;     // flush() wants every ticket up to this one now
  std::chrono::steady_clock::time_point lazy_since;  // when the oldest queued session arrived
  bool stopping = false;
  store_stats stats;
  std::thread thread;  // runs run(); joined by ~message_store before the members go

  void run();
  void wait_for_group(std::unique_lock<std::mutex>& lock);
  void count_group(bool ok, std::size_t messages, std::size_t sessions, std::string error);
};

void message_store::impl::run() {
  // The group being written; swapped with the queue so their capacity is reused.
  std::vector<captured_message> group;
  std::vector<done_callback> group_callbacks;
  std::vector<session_record> group_sessions;
  std::vector<sign_in_record> group_sign_ins;
  std::vector<std::int64_t> ids;
  for (;;) {
    std::uint64_t through = 0;
    {
      std::unique_lock lock(mutex);
      wait_for_group(lock);
      if (queued == processed) {
        return;  // stopping, and drained
      }
      group.swap(messages);
      group_callbacks.swap(callbacks);
      group_sessions.swap(sessions);
      group_sign_ins.swap(sign_ins);
      through = queued;
    }
    std::string error;
    const bool ok = writer->write(group, group_sessions, group_sign_ins, ids, error);
    count_group(ok, group.size(), group_sessions.size(), std::move(error));
    // Only now, after COMMIT returned, may a session send its 250.
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (group_callbacks[i]) {
        group_callbacks[i](ok, ok ? ids[i] : 0);
      }
    }
    {
      const std::lock_guard lock(mutex);
      processed = through;
    }
    group_done.notify_all();
    group.clear();
    group_callbacks.clear();
    group_sessions.clear();
    group_sign_ins.clear();
  }
}

// A message is written at once: its client waits for the 250. Session records
// wait up to lazy_window for a message group to ride along with, so a connection
// that sends one message costs one fsync, not two; flush() and shutdown end the wait.
void message_store::impl::wait_for_group(std::unique_lock<std::mutex>& lock) {
  constexpr auto lazy_window = std::chrono::milliseconds(200);
  for (;;) {
    if (stopping || !messages.empty() || urgent > processed) {
      return;
    }
    if (sessions.empty() && sign_ins.empty()) {
      work_queued.wait(lock);
    } else if (work_queued.wait_until(lock, lazy_since + lazy_window) == std::cv_status::timeout) {
      return;
    }
  }
}

// Before the callbacks, so a callback (or a test after one) already sees its group counted.
void message_store::impl::count_group(bool ok, std::size_t message_count, std::size_t session_count,
                                      std::string error) {
  const std::lock_guard lock(mutex);
  if (ok) {
    ++stats.groups_committed;
    stats.messages_committed += message_count;
    stats.sessions_committed += session_count;
  } else {
    ++stats.groups_failed;
    stats.messages_failed += message_count;
    stats.last_error = std::move(error);
  }
}

std::unique_ptr<message_store> message_store::open(const std::filesystem::path& dir,
                                                   std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error = "cannot create data directory " + dir.string() + ": " + ec.message();
    return nullptr;
  }
  auto p = std::make_unique<impl>();
  p->writer = group_writer::open(dir / "exomock.sqlite3", error);
  if (!p->writer) {
    return nullptr;
  }
  p->thread = std::thread([raw = p.get()] { raw->run(); });
  return std::unique_ptr<message_store>(new message_store(std::move(p)));
}

message_store::message_store(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

message_store::~message_store() {
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->work_queued.notify_one();
  impl_->thread.join();
}

void message_store::submit(captured_message message, done_callback done) {
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->messages.push_back(std::move(message));
    impl_->callbacks.push_back(std::move(done));
    ++impl_->queued;
  }
  impl_->work_queued.notify_one();
}

void message_store::record(session_record session) {
  {
    const std::lock_guard lock(impl_->mutex);
    if (impl_->sessions.empty() && impl_->sign_ins.empty()) {
      impl_->lazy_since = std::chrono::steady_clock::now();
    }
    impl_->sessions.push_back(std::move(session));
    ++impl_->queued;
  }
  impl_->work_queued.notify_one();  // starts the writer's lazy timer
}

void message_store::record(sign_in_record sign_in) {
  {
    const std::lock_guard lock(impl_->mutex);
    if (impl_->sessions.empty() && impl_->sign_ins.empty()) {
      impl_->lazy_since = std::chrono::steady_clock::now();
    }
    impl_->sign_ins.push_back(std::move(sign_in));
    ++impl_->queued;
  }
  impl_->work_queued.notify_one();
}

void message_store::flush() {
  assert(std::this_thread::get_id() != impl_->thread.get_id() && "flush() from a done callback");
  std::unique_lock lock(impl_->mutex);
  const std::uint64_t ticket = impl_->queued;
  impl_->urgent = ticket;
  impl_->work_queued.notify_one();
  impl_->group_done.wait(lock, [&] { return impl_->processed >= ticket; });
}

store_stats message_store::stats() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

}  // namespace exomock::store
