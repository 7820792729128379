// inotify events of the scenario's directory, filtered to the file's name: a
// write that is closed, or a file moved or created in its place. 200 ms after
// the last one (an editor's save is several events) the file is read again.
#include "app/scenario_watch.hpp"

#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <string>

namespace exomock::app {

namespace asio = boost::asio;

struct scenario_watch::impl : std::enable_shared_from_this<impl> {
  impl(asio::io_context& io, std::string name, std::function<void()> f)
      : descriptor(io), timer(io), file_name(std::move(name)), changed(std::move(f)) {}

  void read() {
    descriptor.async_read_some(asio::buffer(buffer),
                               [self = shared_from_this()](const boost::system::error_code& ec,
                                                           std::size_t n) { self->events(ec, n); });
  }

  void events(const boost::system::error_code& ec, std::size_t n) {
    if (ec || stopped) {
      return;
    }
    bool ours = false;
    for (std::size_t at = 0; at + sizeof(inotify_event) <= n;) {
      inotify_event event{};
      std::memcpy(&event, buffer.data() + at, sizeof event);
      const char* name = buffer.data() + at + sizeof event;
      if (event.len > 0 && file_name == std::string(name, ::strnlen(name, event.len))) {
        ours = true;
      }
      at += sizeof event + event.len;
    }
    if (ours) {
      timer.expires_after(std::chrono::milliseconds(200));
      timer.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
        if (!e && !self->stopped) {
          self->changed();
        }
      });
    }
    read();
  }

  asio::posix::stream_descriptor descriptor;
  asio::steady_timer timer;
  std::string file_name;
  std::function<void()> changed;
  alignas(inotify_event) std::array<char, 4096> buffer{};
  bool stopped = false;
};

scenario_watch::scenario_watch(asio::io_context& io, const std::filesystem::path& file,
                               std::function<void()> changed) {
  const std::filesystem::path absolute = std::filesystem::absolute(file);
  impl_ = std::make_shared<impl>(io, absolute.filename().string(), std::move(changed));
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0 || ::inotify_add_watch(fd, absolute.parent_path().c_str(),
                                    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
    spdlog::warn("scenario file not watched path={} error={:?}", absolute.string(),
                 std::strerror(errno));
    if (fd >= 0) {
      ::close(fd);
    }
    return;
  }
  impl_->descriptor.assign(fd);
  impl_->read();
  spdlog::info("watching the scenario file path={}", absolute.string());
}

scenario_watch::~scenario_watch() {
  stop();
}

void scenario_watch::stop() {
  if (!impl_ || impl_->stopped) {
    return;
  }
  impl_->stopped = true;
  boost::system::error_code ignored;
  impl_->timer.cancel();
  impl_->descriptor.close(ignored);
}

}  // namespace exomock::app
