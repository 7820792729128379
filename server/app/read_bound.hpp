// How far the HTTP API's readers apply the journal before a query. A query
// must see every message whose 250 came before its request, and nothing
// obliges it to chase what arrives while it works: under a steady load that
// chase lasts as long as the load. So one request (or one poll of a held
// wait) applies up to where the journal ended when it began, however many
// queries it runs; a query outside any request (the live event feed) takes
// the end as it is then.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "store/journal_end.hpp"
#include "store/message_store.hpp"

namespace exomock::app {

class read_bound {
 public:
  explicit read_bound(const store::message_store& store) : store_(store) {}
  read_bound(const read_bound&) = delete;
  read_bound& operator=(const read_bound&) = delete;

  /// For the readers: the pinned end while a request is answered, else the end now.
  [[nodiscard]] store::journal_position end() const;
  [[nodiscard]] store::journal_end reader_end() const {
    return [this] { return end(); };
  }

  /// `body` with the end pinned: one request's, or one poll's, queries.
  template <typename Body>
  auto pinned(Body&& body) {
    const pin held(*this);
    return std::forward<Body>(body)();
  }

 private:
  // Pins the journal's end for its lifetime; an inner pin gives the outer one back.
  class pin {
   public:
    explicit pin(read_bound& bound);
    ~pin();
    pin(const pin&) = delete;
    pin& operator=(const pin&) = delete;

   private:
    read_bound& bound_;
    std::optional<store::journal_position> outer_;
  };

  const store::message_store& store_;
  mutable std::mutex mutex_;
  std::optional<store::journal_position> pinned_;
};

}  // namespace exomock::app
