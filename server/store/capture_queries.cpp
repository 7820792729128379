#include "store/capture_queries.hpp"

#include "store/schema.hpp"

namespace exomock::store {

capture_queries::capture_queries(std::filesystem::path dir, journal_end end)
    : dir_(dir), journal_(std::move(dir), std::move(end)) {}

std::unique_ptr<capture_queries> capture_queries::open(const std::filesystem::path& dir,
                                                       std::string& error, journal_end end) {
  std::unique_ptr<capture_queries> q(new capture_queries(dir, std::move(end)));
  q->catch_up();
  q->db_ = open_capture(dir, error);
  if (!q->db_) {
    return nullptr;
  }
  return q;
}

}  // namespace exomock::store
