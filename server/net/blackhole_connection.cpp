// The silent listener: input is drained so the peer's writes never block, and
// nothing is ever sent. Ends on EOF, error, the idle timeout or server shutdown.
#include "net/blackhole_connection.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "net/endpoint_text.hpp"
#include "net/logged_spawn.hpp"
#include "net/use_tuple.hpp"

namespace exomock::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

class blackhole_connection final : public closable,
                                   public std::enable_shared_from_this<blackhole_connection> {
 public:
  blackhole_connection(tcp::socket socket, connection_setup setup)
      : setup_(std::move(setup)), socket_(std::move(socket)), idle_(socket_.get_executor()) {}

  asio::awaitable<void> run();

  void close_now() override {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->socket_.close(ignored);
      self->idle_.cancel();
    });
  }

 private:
  connection_setup setup_;
  tcp::socket socket_;
  asio::steady_timer idle_;
};

asio::awaitable<void> blackhole_connection::run() {
  auto membership = setup_.registry->join(weak_from_this());
  boost::system::error_code ec;
  const std::string client = endpoint_text(socket_.remote_endpoint(ec));
  spdlog::debug("blackhole connection listener={} client={}", setup_.listener, client);
  std::array<char, 4096> sink{};
  for (;;) {
    idle_.expires_after(setup_.settings.idle_timeout);
    auto outcome = co_await (socket_.async_read_some(asio::buffer(sink), use_tuple) ||
                             idle_.async_wait(use_tuple));
    // Index 0: the read finished first (data, EOF or error); index 1: idle timeout or shutdown.
    if (outcome.index() == 1 || std::get<0>(std::get<0>(outcome))) {
      break;
    }
  }
  socket_.close(ec);
  setup_.services.live->traffic.sessions.add({setup_.listener, "none"});
  spdlog::info("blackhole connection end listener={} client={}", setup_.listener, client);
}

asio::awaitable<void> serve(std::shared_ptr<blackhole_connection> connection) {
  co_await connection->run();
}

}  // namespace

void start_blackhole_connection(tcp::socket socket, connection_setup setup) {
  const auto executor = socket.get_executor();
  auto connection = std::make_shared<blackhole_connection>(std::move(socket), std::move(setup));
  logged_spawn(executor, serve(std::move(connection)), "blackhole connection");
}

}  // namespace exomock::net
