// The scenario file watch: inotify on the file's directory (so an editor that
// saves by writing a new file and renaming it over the old one is seen too),
// read through Asio on the server's io_context; a burst of events is debounced
// into one call of `changed`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>

namespace exomock::app {

class scenario_watch {
 public:
  /// Starts watching; logs and watches nothing when inotify is not available.
  scenario_watch(boost::asio::io_context& io, const std::filesystem::path& file,
                 std::function<void()> changed);
  ~scenario_watch();
  scenario_watch(const scenario_watch&) = delete;
  scenario_watch& operator=(const scenario_watch&) = delete;

  /// Stops watching (before the io_context's run() can return).
  void stop();

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace exomock::app
