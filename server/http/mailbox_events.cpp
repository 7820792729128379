#include "http/mailbox_events.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/mailbox_json.hpp"

namespace exomock::http {
namespace {

class silent_events final : public mailbox_events {
 public:
  void publish(mailbox_event /*event*/) override {}
  void changed() override {}
};

}  // namespace

mailbox_events& no_mailbox_events() {
  static silent_events silent;
  return silent;
}

mailbox_event read_event(std::int64_t id, bool read) {
  return {"update", boost::json::object{{"ID", id_text(id)}, {"Read", read}}};
}

mailbox_event tags_event(std::int64_t id, const std::vector<std::string>& tags) {
  boost::json::array list;
  for (const std::string& t : tags) {
    list.emplace_back(t);
  }
  return {"update", boost::json::object{{"ID", id_text(id)}, {"Tags", std::move(list)}}};
}

mailbox_event delete_event(std::int64_t id) {
  return {"delete", boost::json::object{{"ID", id_text(id)}}};
}

mailbox_event prune_event() {
  return {"prune", nullptr};
}

mailbox_event truncate_event() {
  return {"truncate", nullptr};
}

void publish_deleted(mailbox_events& events, const std::vector<std::int64_t>& ids,
                     std::size_t prune_above) {
  if (ids.size() > prune_above) {
    events.publish(prune_event());
  } else {
    for (const std::int64_t id : ids) {
      events.publish(delete_event(id));
    }
  }
  if (!ids.empty()) {
    events.changed();
  }
}

}  // namespace exomock::http
