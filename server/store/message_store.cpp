// The store's public face: forwards to journal_store, which runs the threads.
#include "store/message_store.hpp"

#include <system_error>

#include "store/journal_store.hpp"
#include "store/private_directory.hpp"

namespace exomock::store {

std::unique_ptr<message_store> message_store::open(const std::filesystem::path& dir,
                                                   std::string& error) {
  return open(dir, store_options{}, error);
}

std::unique_ptr<message_store> message_store::open(const std::filesystem::path& dir,
                                                   const store_options& options,
                                                   std::string& error) {
  if (!make_private_directory(dir, error)) {
    error = "data directory: " + error;
    return nullptr;
  }
  std::unique_ptr<message_store> store(new message_store());
  store->impl_ = journal_store::open(dir, options, store->commits_, error);
  if (!store->impl_) {
    return nullptr;
  }
  return store;
}

message_store::~message_store() = default;

bool message_store::submit(captured_message message, done_callback done) {
  return impl_->submit(std::move(message), std::move(done));
}

void message_store::record(const session_record& session) {
  impl_->record(session);
}

bool message_store::record(const session_record& session, std::function<void(bool ok)> written) {
  return impl_->record(session, std::move(written));
}

void message_store::record(const fault_counts_record& counts) {
  impl_->record(counts);
}

void message_store::record(const sign_in_record& sign_in) {
  impl_->record(sign_in);
}

void message_store::record(const admin_record& change) {
  impl_->record(change);
}

void message_store::write_queued() {
  impl_->write_queued();
}

void message_store::flush() {
  impl_->flush();
}

store_stats message_store::stats() const {
  return impl_->stats();
}

journal_position message_store::journal_end() const {
  return impl_->written_end();
}

const latency_histogram& message_store::commit_latency() const {
  return impl_->commit_latency;
}

}  // namespace exomock::store
