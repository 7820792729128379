// Time as policy sees it: injected, so every decision replays in a unit test.
#pragma once

#include <chrono>

namespace exomock::policy {

class clock {
 public:
  virtual ~clock() = default;
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
};

/// A clock a test moves by hand.
class manual_clock final : public clock {
 public:
  explicit manual_clock(std::chrono::system_clock::time_point start) : now_(start) {}
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return now_; }
  void advance(std::chrono::system_clock::duration d) { now_ += d; }
  void set(std::chrono::system_clock::time_point t) { now_ = t; }

 private:
  std::chrono::system_clock::time_point now_;
};

}  // namespace exomock::policy
