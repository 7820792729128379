#include "app/http_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <thread>

#include "app/process_memory.hpp"
#include "app/read_bound.hpp"
#include "http/api_routes.hpp"
#include "http/event_stream.hpp"
#include "http/http_server.hpp"
#include "net/tls_context.hpp"
#include "store/audit_reader.hpp"
#include "store/message_reader.hpp"

namespace exomock::app {

namespace asio = boost::asio;

std::optional<http::access_settings> http_access(const http_options& options, std::string& error) {
  http::access_settings access;
  access.bearer_token = options.token;
  if (!options.basic.empty()) {
    const std::size_t colon = options.basic.find(':');
    if (colon == std::string::npos || colon == 0) {
      error = "--http-auth: expected USER:PASSWORD";
      return std::nullopt;
    }
    access.basic_user = options.basic.substr(0, colon);
    access.basic_password = options.basic.substr(colon + 1);
  }
  return access;
}

bool http_binding_allowed(const policy::listener_config& listener,
                          const http::access_settings& access, std::string& error) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(listener.host, ec);
  const bool loopback = listener.host == "localhost" || (!ec && address.is_loopback());
  if (loopback || access.required()) {
    return true;
  }
  error = "listener " + listener.name + " (" + listener.host + ":" + std::to_string(listener.port) +
          "): the HTTP API shows captured mail and controls the scenario, so it binds a "
          "non-loopback address only with --http-token or --http-auth";
  return false;
}

// The store's readers and the editor the routes use, each with its own connection.
struct capture_handles {
  std::unique_ptr<store::message_reader> reader;
  std::unique_ptr<store::mailbox_reader> mailbox;
  std::unique_ptr<store::mailbox_editor> editor;
  std::unique_ptr<store::audit_reader> audit;
};

capture_handles open_capture_handles(const std::filesystem::path& data_dir,
                                     const store::journal_end& end, std::string& error) {
  capture_handles h;
  h.reader = store::message_reader::open(data_dir, error, end);
  h.mailbox = h.reader ? store::mailbox_reader::open(data_dir, error, end) : nullptr;
  h.editor = h.mailbox ? store::mailbox_editor::open(data_dir, error, end) : nullptr;
  h.audit = h.editor ? store::audit_reader::open(data_dir, error, end) : nullptr;
  return h;
}

struct http_service::impl {
  impl(http::access_settings a, std::unique_ptr<read_bound> b, capture_handles h,
       store::message_store& store, policy::live_scenario& live, const policy::clock& clock,
       const std::filesystem::path& data_dir, http::scenario_admin& admin)
      : access(std::move(a)),
        read_to(std::move(b)),
        capture(std::move(h)),
        events(io, *capture.mailbox, *capture.reader, store.commits(), version()),
        context{*capture.reader,
                *capture.mailbox,
                *capture.editor,
                live,
                clock,
                http::server_facts{version(), data_dir / "exomock.sqlite3",
                                   std::chrono::steady_clock::now(), resident_memory_bytes},
                *capture.audit,
                store.commit_latency(),
                requests,
                store,
                events,
                &admin},
        routes(http::api_router()),
        server(
            io,
            [this](http::request& req) {
              return read_to->pinned(
                  [&] { return pin_polls(http::answer(routes, access, req, context)); });
            },
            store.commits()) {
    server.on_answered([this](const http::request& req, int status) {
      requests.add({req.route.empty() ? "unmatched" : req.route, std::to_string(status)});
    });
    server.on_upgrade(
        "/api/events",
        [this](const http::request& req) { return http::refuse_unauthorized(req, access); },
        [this](boost::beast::tcp_stream stream, http::beast_request req) {
          http::request parsed;
          std::optional<http::tenant_scope> scope;
          if (http::parse_target(std::string(req.target()), parsed)) {
            scope = http::tenant_scope_of(parsed, *context.live.snapshot());
          }
          return events.serve(std::move(stream), std::move(req), std::move(scope));
        });
  }

  static std::string version() { return std::string("v") + EXOMOCK_VERSION; }

  // Each poll of a held wait is a request of its own to the readers.
  http::route_result pin_polls(http::route_result result) {
    if (auto* held = std::get_if<http::deferred_response>(&result)) {
      held->poll = [this, poll = std::move(held->poll)] { return read_to->pinned(poll); };
      held->expired = [this, expired = std::move(held->expired)] {
        return read_to->pinned(expired);
      };
    }
    return result;
  }

  asio::io_context io;
  http::access_settings access;
  std::unique_ptr<read_bound> read_to;  // before the readers, which ask it
  capture_handles capture;
  http::event_stream events;             // before the context, which tells it of changes
  http::token_endpoint tokens;           // the token routes' key
  policy::labelled_counter<2> requests;  // route, status: exomock_http_requests_total
  http::route_context context;
  http::router routes;
  http::http_server server;
  asio::ip::tcp::endpoint bound;
  std::thread thread;
};

http_service::http_service(const policy::listener_config& listener, http::access_settings access,
                           const std::filesystem::path& data_dir, store::message_store& store,
                           policy::live_scenario& live, const policy::clock& clock,
                           http::scenario_admin& admin, net::certificate_cache& certificates,
                           std::shared_ptr<const identity::signing_key> token_key) {
  std::string error;
  auto bound = std::make_unique<read_bound>(store);
  capture_handles handles = open_capture_handles(data_dir, bound->reader_end(), error);
  if (!handles.audit) {
    throw std::runtime_error("listener " + listener.name + ": cannot open the store: " + error);
  }
  impl_ = std::make_unique<impl>(std::move(access), std::move(bound), std::move(handles), store,
                                 live, clock, data_dir, admin);
  impl_->tokens.key = std::move(token_key);
  if (listener.tls) {
    // The SMTP listeners' certificate machinery: the listener's PEM files, else one
    // generated for its server_name.
    impl_->server.serve_tls(net::make_tls_context(listener, certificates));
  }
  impl_->context.tokens = &impl_->tokens;
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(
      listener.host == "localhost" ? std::string("127.0.0.1") : listener.host, ec);
  if (ec) {
    throw std::runtime_error("listener " + listener.name + ": not an IP address: " + listener.host);
  }
  try {
    impl_->bound = impl_->server.start({address, listener.port});
  } catch (const std::exception& e) {
    throw std::runtime_error("listener " + listener.name + " (" + listener.host + ":" +
                             std::to_string(listener.port) + "): " + e.what());
  }
  impl_->thread = std::thread([io = &impl_->io] {
    auto work = asio::make_work_guard(*io);
    io->run();
  });
}

http_service::~http_service() {
  impl_->server.stop();
  impl_->io.stop();
  impl_->thread.join();
}

asio::ip::tcp::endpoint http_service::endpoint() const {
  return impl_->bound;
}

}  // namespace exomock::app
