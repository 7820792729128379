// The serve command: wiring of scenario, store, clock and server, the ready
// line on stdout, and shutdown on SIGINT/SIGTERM.
#include "app/serve_command.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>
#include <vector>

#include "app/admin_service.hpp"
#include "app/data_directory.hpp"
#include "app/duration_text.hpp"
#include "app/fault_report.hpp"
#include "app/http_service.hpp"
#include "app/listener_override.hpp"
#include "app/logging.hpp"
#include "app/scenario_report.hpp"
#include "app/scenario_time.hpp"
#include "app/scenario_watch.hpp"
#include "app/token_key.hpp"
#include "identity/signing_key.hpp"
#include "net/endpoint_text.hpp"
#include "net/server.hpp"
#include "net/wall_clock.hpp"
#include "policy/chaos_triggers.hpp"
#include "scenario/case_library.hpp"
#include "scenario/scenario_loader.hpp"
#include "store/message_store.hpp"

namespace exomock::app {
namespace {

namespace asio = boost::asio;

// --error-delay, when given: it holds for every model that goes live.
std::optional<std::optional<std::chrono::milliseconds>> error_delay_option(
    const serve_options& options) {
  if (options.error_delay.empty()) {
    return std::optional<std::chrono::milliseconds>{};
  }
  const auto delay = parse_duration(options.error_delay);
  if (!delay) {
    spdlog::error("--error-delay: expected a duration such as 0, 250ms or 5s, got {:?}",
                  options.error_delay);
    return std::nullopt;
  }
  return delay;
}

// What --error-delay makes of every model that goes live: at start-up and after
// each admin change or reload.
void apply_error_delay(policy::scenario_model& model,
                       std::optional<std::chrono::milliseconds> error_delay) {
  if (error_delay) {
    model.server.error_delay = *error_delay;
  }
}

// The scenario as loaded, with --ephemeral, --listen and --error-delay applied; nullptr after an
// error.
std::shared_ptr<const policy::scenario_model> configured_model(
    const serve_options& options, const policy::scenario_model& loaded,
    std::optional<std::chrono::milliseconds> error_delay) {
  auto model = std::make_shared<policy::scenario_model>(loaded);
  if (options.ephemeral) {
    for (policy::listener_config& listener : model->listeners) {
      listener.host = "127.0.0.1";
      listener.port = 0;
    }
  }
  std::string error;
  for (const std::string& text : options.listen) {
    const auto parsed = parse_listener_override(text, error);
    if (!parsed || !apply_listener_override(*model, *parsed, error)) {
      spdlog::error("{}", error);
      return nullptr;
    }
  }
  apply_error_delay(*model, error_delay);
  return model;
}

// A model the admin API or a reload read goes live with the running listeners (a
// listener change needs a restart), --error-delay and the chaos rules in force.
model_finisher running_finisher(policy::live_scenario& live,
                                std::optional<std::chrono::milliseconds> error_delay) {
  return [&live, error_delay](const std::shared_ptr<const policy::scenario_model>& read) {
    auto model = std::make_shared<policy::scenario_model>(*read);
    model->listeners = live.snapshot()->listeners;
    apply_error_delay(*model, error_delay);
    std::optional<policy::chaos_triggers> chaos;
    {
      const std::lock_guard lock(live.mutex);
      chaos = live.chaos;
    }
    return chaos ? policy::with_chaos(*model, *chaos)
                 : std::shared_ptr<const policy::scenario_model>(std::move(model));
  };
}

// A positive duration option, or nullopt after logging what was wrong with it.
std::optional<std::chrono::milliseconds> positive_duration(const char* option,
                                                           const std::string& text) {
  const auto value = parse_duration(text);
  if (!value || *value <= std::chrono::milliseconds(0)) {
    spdlog::error("{}: expected a positive duration such as 30s or 10m, got {:?}", option, text);
    return std::nullopt;
  }
  return value;
}

std::optional<net::transport_settings> configured_transport(const serve_options& options) {
  const auto idle_timeout = positive_duration("--idle-timeout", options.idle_timeout);
  const auto message_timeout = positive_duration("--message-timeout", options.message_timeout);
  if (!idle_timeout || !message_timeout) {
    return std::nullopt;
  }
  net::transport_settings settings;
  settings.idle_timeout = *idle_timeout;
  settings.message_timeout = *message_timeout;
  return settings;
}

// Listeners in scenario order, whichever server bound them.
void print_ready_line(const policy::scenario_model& model,
                      const std::vector<net::bound_listener>& bound) {
  std::string line = "exomock ready";
  for (const policy::listener_config& listener : model.listeners) {
    for (const net::bound_listener& l : bound) {
      if (l.name == listener.name) {
        line += " " + l.name + "=" + net::endpoint_text(l.endpoint);
      }
    }
  }
  std::cout << line << std::endl;
}

// Where each HTTP listener serves the web page, logged after the ready line (whose
// `name=HOST:PORT` items scripts parse) so `make run` ends with the page's address.
void log_web_page(const policy::scenario_model& model,
                  const std::vector<net::bound_listener>& bound) {
  for (const policy::listener_config& listener : model.listeners) {
    if (listener.kind != policy::listener_kind::http) {
      continue;
    }
    for (const net::bound_listener& l : bound) {
      if (l.name == listener.name) {
        spdlog::info("web page listener={} url={}://{}/", l.name, listener.tls ? "https" : "http",
                     net::endpoint_text(l.endpoint));
      }
    }
  }
}

// The scenario's HTTP listeners, started beside the SMTP ones; empty after an
// error (logged), with `failed` set.
std::vector<std::unique_ptr<http_service>> start_http(
    const policy::scenario_model& model, const http::access_settings& access,
    const std::filesystem::path& data_dir, store::message_store& store, net::server& server,
    const policy::clock& clock, http::scenario_admin& admin, const token_key& key,
    std::vector<net::bound_listener>& bound, bool& failed) {
  std::vector<std::unique_ptr<http_service>> services;
  failed = false;
  for (const policy::listener_config& listener : model.listeners) {
    if (listener.kind != policy::listener_kind::http) {
      continue;
    }
    try {
      services.push_back(std::make_unique<http_service>(listener, access, data_dir, store,
                                                        server.live(), clock, admin,
                                                        server.certificates(), key.key));
      bound.push_back({listener.name, services.back()->endpoint()});
    } catch (const std::exception& e) {
      spdlog::error("cannot start error={:?}", e.what());
      failed = true;
      services.clear();
      break;
    }
  }
  return services;
}

// The token signing key, loaded or created on another thread: creating one is
// an RSA key generation, and so is the listeners' certificate; side by side on
// two cores the ready line comes in half the time.
struct pending_token_key {
  std::optional<token_key> key;
  std::string error;
};

// The key of the listeners' generated certificates, kept across runs beside the
// token signing key: an RSA generation took most of a start-up (0.1 to 0.7 s
// here). "" (each start generates its own) when the state folder cannot be used.
std::string load_certificate_key() {
  const auto file = identity::state_file("listener-certificate-key.pem");
  std::string error;
  auto pem = file ? identity::load_or_create_key_pem(*file, error) : std::nullopt;
  if (!pem) {
    spdlog::debug("generated certificates get a new key error={:?}", error);
    return {};
  }
  return std::move(*pem);
}

// What serve() needs beside the model and the store.
struct serve_inputs {
  scenario::scenario_document document;
  std::optional<std::chrono::milliseconds> error_delay;
  bool persist_admin = false;
};

int serve(std::shared_ptr<const policy::scenario_model> model, serve_inputs inputs,
          store::message_store& store, const net::transport_settings& settings,
          std::future<pending_token_key> token_key, std::future<std::string> certificate_key,
          const std::filesystem::path& data_dir, const http::access_settings& access,
          const std::optional<policy::chaos_triggers>& chaos) {
  asio::io_context io;
  policy::scenario_clock clock = make_scenario_clock(*model);
  const auto snapshot = model;
  net::server server(io, std::move(model), clock, store, settings);
  if (chaos) {
    server.live().chaos = chaos;
    server.live().replace(policy::with_chaos(*snapshot, *chaos));
  }
  admin_service admin(std::move(inputs.document), server.live(), clock,
                      running_finisher(server.live(), inputs.error_delay), store,
                      inputs.persist_admin);
  scenario_watch watch(io, admin.file(), [&admin] { admin.file_changed(); });
  keep_fault_counts(*snapshot, server.live(), store, data_dir);
  // Installed before the ready line: a client may signal as soon as it has read it.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) {
      return;
    }
    spdlog::info("shutting down signal={}", signal);
    watch.stop();
    asio::co_spawn(io, server.stop(), asio::detached);
  });
  std::vector<net::bound_listener> bound;
  if (std::string key = certificate_key.get(); !key.empty()) {
    server.certificates().use_key(std::move(key));
  }
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    spdlog::error("cannot start error={:?}", e.what());
    return 1;
  }
  // Before the ready line: a client may run `exomock token` as soon as it has read it;
  // and before the HTTP listeners, whose token endpoint signs with it.
  pending_token_key loaded = token_key.get();
  if (!loaded.key) {
    spdlog::error("cannot load the token signing key error={:?}", loaded.error);
    return 1;
  }
  spdlog::info("token signing key path={}", loaded.key->file.string());
  bool http_failed = false;
  const auto http_services = start_http(*snapshot, access, data_dir, store, server, clock, admin,
                                        *loaded.key, bound, http_failed);
  if (http_failed) {
    return 1;
  }
  const auto tokens = make_token_verifier(*loaded.key);
  server.accept_tokens(*tokens);
  print_ready_line(*snapshot, bound);
  log_web_page(*snapshot, bound);
  io.run();
  report_fault_firings(*snapshot, server.live(), store, data_dir, clock.now());
  return 0;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, serve_options& options) {
  CLI::App* serve = app.add_subcommand("serve", "Serve a scenario's SMTP endpoints");
  auto* scenario = serve->add_option("--scenario", options.scenario, "Scenario file (TOML)");
  serve
      ->add_option("--case", options.case_name,
                   "Serve a case of the library instead (`exomock cases` lists them); its "
                   "scenario is written to the data directory as case-NAME.toml")
      ->excludes(scenario);
  serve->add_option("--listen", options.listen,
                    "Override a listener's address: NAME=HOST:PORT (port 0: any free port)");
  serve->add_flag("--ephemeral", options.ephemeral,
                  "Bind every listener on 127.0.0.1 port 0 (any free port; --listen still "
                  "applies), so parallel runs never collide");
  serve
      ->add_option("--http-token", options.http_token,
                   "Bearer token the HTTP API requires on every request (or the environment's "
                   "EXOMOCK_HTTP_TOKEN, which ps does not show)")
      ->envname("EXOMOCK_HTTP_TOKEN");
  serve->add_option("--http-auth", options.http_auth,
                    "USER:PASSWORD the HTTP API requires (Basic auth, as Mailpit's --ui-auth)");
  serve->add_flag("--enable-chaos", options.enable_chaos,
                  "Answer Mailpit's /api/v1/chaos routes (triggers start at 0 %)");
  serve->add_option("--chaos-triggers", options.chaos_triggers,
                    "Mailpit's chaos triggers, e.g. Sender:451:50,Recipient:452:10,Auth:535:5 "
                    "(implies --enable-chaos)");
  serve->add_flag("--persist-admin", options.persist_admin,
                  "Write each admin API change back to the scenario file (atomically; comments "
                  "and layout are not kept); without it changes last until restart");
  serve->add_option("--data-dir", options.data_dir,
                    "Where captured messages are stored (default: a new temporary directory)");
  serve->add_option("--error-delay", options.error_delay,
                    "Delay before 4xx/5xx replies, e.g. 0, 250ms, 5s (default: the scenario's)");
  serve
      ->add_option("--durability", options.durability,
                   "When the 250 for a message is sent: write (once the journal write returned: "
                   "survives exomock being killed, and a power cut 50 ms later) or fsync (once "
                   "it is on disk)")
      ->check(CLI::IsMember({"write", "fsync"}))
      ->capture_default_str();
  serve
      ->add_option("--idle-timeout", options.idle_timeout,
                   "Close a connection after this long without a complete command, e.g. 30s, 10m")
      ->capture_default_str();
  serve
      ->add_option("--message-timeout", options.message_timeout,
                   "Longest a message's octets may take to arrive (DATA or BDAT), e.g. 10m")
      ->capture_default_str();
  serve->add_option("--log-format", options.log_format, "Log format on stderr")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve->add_option("--log-level", options.log_level, "Lowest level logged")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
  return serve;
}

// --case: the case's scenario written into the data directory (made first, so that
// reload, the file watch and --persist-admin work on that copy as on any file).
// Rewritten at each start: a case is served as the library has it.
std::optional<std::filesystem::path> write_case_scenario(const std::string& name,
                                                         const std::filesystem::path& data_dir) {
  const auto found = scenario::find_case(name);
  if (!found) {
    spdlog::error("no case named {:?}: `exomock cases` lists them", name);
    return std::nullopt;
  }
  const auto file = data_dir / ("case-" + name + ".toml");
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << found->toml;
  out.close();
  if (!out) {
    spdlog::error("cannot write the case's scenario path={}", file.string());
    return std::nullopt;
  }
  spdlog::info("case {} ({}) scenario={}", name, found->title, file.string());
  return file;
}

int run_serve(const serve_options& options) {
  configure_logging(options.log_format, options.log_level);
  std::string error;
  std::optional<std::filesystem::path> data_dir;
  std::filesystem::path scenario_file = options.scenario;
  if (!options.case_name.empty()) {
    data_dir = prepare_data_directory(options.data_dir, error);
    if (!data_dir) {
      spdlog::error("{}", error);
      return 1;
    }
    const auto written = write_case_scenario(options.case_name, *data_dir);
    if (!written) {
      return 2;
    }
    scenario_file = *written;
  } else if (options.scenario.empty()) {
    spdlog::error("serve needs --scenario FILE or --case NAME");
    return 2;
  }
  auto document = open_scenario_or_report(scenario_file);
  const auto error_delay = error_delay_option(options);
  if (!document || !error_delay) {
    return 2;
  }
  auto model = configured_model(options, *document->model(), *error_delay);
  if (!model) {
    return 2;
  }
  spdlog::info("scenario loaded file={} summary={:?}", scenario_file.string(),
               scenario::summary(*model));
  const auto settings = configured_transport(options);
  if (!settings) {
    return 2;
  }
  const auto access = http_access({options.http_token, options.http_auth}, error);
  if (!access) {
    spdlog::error("{}", error);
    return 2;
  }
  std::optional<policy::chaos_triggers> chaos;
  if (options.enable_chaos || !options.chaos_triggers.empty()) {
    chaos = policy::parse_chaos_triggers(options.chaos_triggers, error);
    if (!chaos) {
      spdlog::error("--chaos-triggers: {}", error);
      return 2;
    }
  }
  for (const policy::listener_config& listener : model->listeners) {
    if (listener.kind == policy::listener_kind::http &&
        !http_binding_allowed(listener, *access, error)) {
      spdlog::error("{}", error);
      return 2;
    }
  }
  if (!data_dir) {
    data_dir = prepare_data_directory(options.data_dir, error);
  }
  if (!data_dir) {
    spdlog::error("{}", error);
    return 1;
  }
  spdlog::info("data directory path={} durability={}", data_dir->string(), options.durability);
  // The scenario's key or the user's, never one in --data-dir: `exomock token`
  // run without the server's options must find the same key.
  auto token_key = std::async(std::launch::async, [model] {
    pending_token_key loaded;
    loaded.key = load_token_key(*model, loaded.error);
    return loaded;
  });
  auto certificate_key = std::async(std::launch::async, load_certificate_key);
  store::store_options store_options;
  store_options.durability =
      options.durability == "write" ? store::durability::write : store::durability::fsync;
  auto store = store::message_store::open(*data_dir, store_options, error);
  if (!store) {
    spdlog::error("cannot open the store path={} error={:?}", data_dir->string(), error);
    return 1;
  }
  const store::store_stats opened = store->stats();
  if (opened.entries_recovered > 0) {
    spdlog::info("journal of an interrupted run applied entries={}", opened.entries_recovered);
  }
  if (opened.journal_bytes_skipped > 0) {
    spdlog::warn(
        "journal damage passed over bytes={} (a torn final write after a crash, or a "
        "damaged disk)",
        opened.journal_bytes_skipped);
  }
  for (const std::string& warning : opened.foreign_frames) {
    spdlog::warn("journal frame from a newer exomock: {}", warning);
  }
  const int status =
      serve(std::move(model), {std::move(*document), *error_delay, options.persist_admin}, *store,
            *settings, std::move(token_key), std::move(certificate_key), *data_dir, *access, chaos);
  store->flush();
  spdlog::info("stopped");
  return status;
}

}  // namespace exomock::app
