// The [[fault]] rules' counts as the store keeps them: one row per rule per server
// run, written once at exit beside the captured messages (table fault_firings).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace exomock::store {

struct fault_firing_row {
  std::int64_t rule = 0;  ///< 1-based position in the scenario
  std::string name;
  std::uint64_t occurrences = 0;  ///< events that met the rule's conditions
  std::uint64_t firings = 0;
  std::string recorded;  ///< ISO 8601 UTC with milliseconds (filled in by record_fault_firings)
};

/// The live counts of the current server run, journaled each time they change (a
/// frame of kind 7) and kept in table fault_counts, so a run killed and restarted
/// on the same data directory goes on counting. `ended`: the run stopped cleanly
/// (its counts are in fault_firings), so the next run starts from zero.
struct fault_counts_record {
  bool ended = false;
  std::vector<std::int64_t> rules;  ///< 1-based positions in the scenario
  std::vector<std::string> names;
  std::vector<std::int64_t> occurrences;
  std::vector<std::int64_t> firings;
};

/// Appends `rows` to DIR/exomock.sqlite3 in one transaction, stamped `recorded`.
/// Opens its own connection: WAL lets it write beside a store that is still open.
[[nodiscard]] bool record_fault_firings(const std::filesystem::path& dir,
                                        std::chrono::system_clock::time_point recorded,
                                        const std::vector<fault_firing_row>& rows,
                                        std::string& error);

/// The live counts a run left in table fault_counts (none after a clean stop), by
/// rule; nullopt (and `error`) when the file cannot be read.
[[nodiscard]] std::optional<std::vector<fault_firing_row>> read_fault_counts(
    const std::filesystem::path& dir, std::string& error);

/// Every stored row, oldest first; nullopt (and `error`) when the file cannot be read.
[[nodiscard]] std::optional<std::vector<fault_firing_row>> read_fault_firings(
    const std::filesystem::path& dir, std::string& error);

}  // namespace exomock::store
