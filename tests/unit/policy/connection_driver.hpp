// Drives one policy::exchange_connection in memory as a transport would: sends
// lines, completes STARTTLS and stores, and keeps the replies and captures, so
// policy tests can speak SMTP to the real core and Exchange personality.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "policy/exchange_connection.hpp"
#include "smtp/base64.hpp"

namespace exomock::policy::testing {

class connection_driver {
 public:
  connection_driver(live_scenario& live, const clock& clk, std::string listener = "submission")
      : services_{&live, &clk, nullptr},
        connection_(services_, listener, ++sessions_, {listener, "127.0.0.1", 50000, "", 587}) {
    perform(connection_.start());
  }

  /// The first line of the last reply to `line`.
  std::string say(const std::string& line) {
    perform(connection_.receive(line + "\r\n"));
    return last_line();
  }
  /// STARTTLS (TLS 1.2) and EHLO.
  void secure() {
    say("EHLO client.example");
    say("STARTTLS");
    say("EHLO client.example");
  }
  /// secure(), then AUTH LOGIN as `user` with the demo password; the final reply line.
  std::string auth(const std::string& user) {
    secure();
    say("AUTH LOGIN " + smtp::base64_encode(user));
    return say(smtp::base64_encode("Demo-Passw0rd!"));
  }
  void login(const std::string& user) {
    EXPECT_EQ(auth(user), "235 2.7.0 Authentication successful");
  }
  /// A small message and its end; the final reply line.
  std::string send_message() { return say("Subject: s\r\n\r\nbody\r\n."); }
  void fail_next_store() { store_ok_ = false; }

  [[nodiscard]] const smtp::reply& greeting() const { return replies_.front(); }
  [[nodiscard]] const smtp::reply& last_reply() const { return replies_.back(); }
  [[nodiscard]] std::size_t stored() const { return stored_; }
  [[nodiscard]] bool closed() const { return closed_; }
  [[nodiscard]] const smtp::session_facts& facts() const { return connection_.facts(); }
  [[nodiscard]] exchange_connection& connection() { return connection_; }
  [[nodiscard]] const std::vector<sign_in_event>& sign_ins() const { return sign_ins_; }
  [[nodiscard]] const std::vector<capture_message>& captures() const { return captures_; }

 private:
  std::string last_line() const {
    if (replies_.empty() || replies_.back().lines.empty()) return "";
    return std::to_string(replies_.back().code) + " " + replies_.back().lines.front();
  }

  void perform(std::vector<connection_action> actions) {
    for (auto& a : actions) {
      if (auto* r = std::get_if<smtp::send_reply>(&a)) {
        replies_.push_back(r->answer);
        if (r->answer.close_after || r->answer.how != smtp::delivery::normal) closed_ = true;
      } else if (std::holds_alternative<smtp::start_tls>(a)) {
        perform(connection_.tls_established({"TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"}));
      } else if (std::holds_alternative<smtp::close_connection>(a)) {
        closed_ = true;
      } else if (auto* m = std::get_if<capture_message>(&a)) {
        const bool ok = std::exchange(store_ok_, true);
        if (ok) {
          ++stored_;
          captures_.push_back(std::move(*m));
        }
        perform(connection_.message_stored(ok));
      } else if (auto* s = std::get_if<record_sign_in>(&a)) {
        sign_ins_.push_back(s->event);
      }
    }
  }

  inline static std::uint64_t sessions_ = 0;
  connection_services services_;
  exchange_connection connection_;
  std::vector<smtp::reply> replies_;
  std::vector<sign_in_event> sign_ins_;
  std::vector<capture_message> captures_;
  std::size_t stored_ = 0;
  bool store_ok_ = true;
  bool closed_ = false;
};

}  // namespace exomock::policy::testing
