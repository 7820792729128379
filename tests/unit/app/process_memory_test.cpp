// The resident memory /api/v1/info reports is the process's, and follows its use.
#include "app/process_memory.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace exomock::app {
namespace {

TEST(process_memory, is_the_resident_set_and_grows_with_touched_memory) {
  const std::uint64_t before = resident_memory_bytes();
  EXPECT_GT(before, 1024u * 1024u);  // a test binary holds more than a megabyte
  constexpr std::size_t size = 64u * 1024u * 1024u;
  const auto block = std::make_unique<char[]>(size);
  std::memset(block.get(), 1, size);  // touched, so resident
  const std::uint64_t after = resident_memory_bytes();
  EXPECT_GE(after, before + size / 2) << static_cast<int>(block[size - 1]);
}

}  // namespace
}  // namespace exomock::app
