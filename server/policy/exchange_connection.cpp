// The core's actions become the connection's: each stored message gains how it
// arrived and when it is released, and each AUTH attempt's sign-in event goes
// first in the batch it belongs to.
#include "policy/exchange_connection.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace exomock::policy {

namespace {

const listener_config& find_listener(const scenario_model& model, std::string_view name) {
  const auto it = std::find_if(model.listeners.begin(), model.listeners.end(),
                               [&](const listener_config& l) { return l.name == name; });
  if (it == model.listeners.end()) {
    throw std::invalid_argument("no listener '" + std::string(name) + "' in the scenario");
  }
  return *it;
}

}  // namespace

exchange_connection::exchange_connection(const connection_services& services,
                                         std::string_view listener, std::uint64_t session_number,
                                         smtp::connection_info connection, bool admitted)
    : model_(services.live->snapshot()),
      listener_(&find_listener(*model_, listener)),
      admitted_(admitted),
      traffic_(&services.live->traffic),
      personality_(model_, *listener_, *services.clk, session_number, *services.live,
                   services.tokens),
      faults_(model_, *services.live, *services.clk, [this] { return personality_.diag_suffix(); }),
      // Without rules the core skips the filter altogether.
      session_(session_config_for(*listener_), std::move(connection), personality_,
               model_->faults.empty() ? nullptr : &faults_) {}

exchange_connection::~exchange_connection() = default;

std::vector<connection_action> exchange_connection::start() {
  if (!admitted_) {
    smtp::reply refusal = personality_.refuse_connection();
    traffic_->replies.add(refusal.code);
    return {smtp::send_reply{std::move(refusal)}};
  }
  return performed(session_.start());
}

std::vector<connection_action> exchange_connection::receive(std::string_view bytes) {
  return performed(session_.receive(bytes));
}

std::vector<connection_action> exchange_connection::tls_established(const smtp::tls_info& tls) {
  return performed(session_.tls_established(tls));
}

std::vector<connection_action> exchange_connection::message_stored(bool ok) {
  if (ok) {
    traffic_->messages_accepted.add();
    traffic_->accepted_bytes.add(storing_bytes_);
  } else {
    traffic_->messages_rejected.add();
  }
  return performed(session_.message_stored(ok));
}

std::vector<connection_action> exchange_connection::give_up(smtp::reply_kind why) {
  return performed(session_.give_up(why));
}

void exchange_connection::peer_closed() {
  if (!session_.closed()) {
    session_.peer_closed();
  }
}

handshake_fault exchange_connection::before_tls_handshake() {
  return faults_.before_tls_handshake(session_.facts());
}

const std::string& exchange_connection::session_id() const {
  return personality_.session_id();
}

const smtp::session_facts& exchange_connection::facts() const {
  return session_.facts();
}

const smtp::transcript& exchange_connection::transcript() const {
  return session_.transcript();
}

std::vector<connection_action> exchange_connection::performed(std::vector<smtp::action> actions) {
  std::vector<connection_action> out;
  const auto& events = personality_.sign_in_events();
  out.reserve(actions.size() + events.size() - sign_ins_reported_);
  for (; sign_ins_reported_ < events.size(); ++sign_ins_reported_) {
    out.emplace_back(record_sign_in{events[sign_ins_reported_]});
  }
  for (smtp::action& a : actions) {
    std::visit(
        [&](auto& x) {  // the batch's own action: moved from
          using kind = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<kind, smtp::store_message>) {
            storing_bytes_ = x.content.size();
            std::string path = personality_.arrival_path(x.transaction, x.facts);
            out.emplace_back(
                capture_message{std::move(x), std::move(path), personality_.release_time()});
          } else {
            if constexpr (std::is_same_v<kind, smtp::send_reply>) {
              count_reply(x.answer);
            }
            out.emplace_back(std::move(x));
          }
        },
        a);
  }
  return out;
}

// A reply a fault rule withholds (a silent close, a stall) never reaches the client.
void exchange_connection::count_reply(const smtp::reply& r) {
  if (r.how != smtp::delivery::silent_close && r.how != smtp::delivery::stall) {
    traffic_->replies.add(r.code);
  }
}

}  // namespace exomock::policy
