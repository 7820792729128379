// How tls_mode, min_tls, max_tls and tls13 fit together: tls_mode decides the
// default range (exchange and allow accept TLS 1.0 in the handshake, refuse starts
// at 1.2); an explicit min_tls that contradicts the mode is a problem, and without
// tls_mode, min_tls alone picks the mode, so scenarios written before tls_mode keep working.
#include "scenario/listener_transport_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace exomock::scenario {

namespace {

using policy::legacy_tls_mode;
using policy::listener_kind;
using policy::tls_version;

bool submission_kind(listener_kind kind) {
  return kind == listener_kind::submission || kind == listener_kind::submission_legacy ||
         kind == listener_kind::implicit_tls;
}

std::optional<tls_version> read_version(table_reader& t, std::string_view key) {
  return t.choice<tls_version>(key, {{"1.0", tls_version::tls1_0},
                                     {"1.1", tls_version::tls1_1},
                                     {"1.2", tls_version::tls1_2},
                                     {"1.3", tls_version::tls1_3}});
}

// Without tls_mode: submission endpoints behave as Exchange does; elsewhere (the MX
// endpoint) old clients are served *(chosen: Microsoft kept TLS 1.0/1.1 on inbound
// MX so that opportunistic senders do not fall back to plaintext)*.
legacy_tls_mode default_mode(listener_kind kind, std::optional<tls_version> min_tls) {
  if (min_tls && *min_tls >= tls_version::tls1_2) {
    return legacy_tls_mode::refuse;
  }
  return submission_kind(kind) ? legacy_tls_mode::exchange : legacy_tls_mode::allow;
}

void read_versions(table_reader& t, policy::listener_config& out) {
  const auto min_tls = read_version(t, "min_tls");
  const auto max_tls = read_version(t, "max_tls");
  const bool tls13 = t.boolean("tls13").value_or(true);
  out.tls_mode = t.choice<legacy_tls_mode>("tls_mode", {{"exchange", legacy_tls_mode::exchange},
                                                        {"refuse", legacy_tls_mode::refuse},
                                                        {"allow", legacy_tls_mode::allow}})
                     .value_or(default_mode(out.kind, min_tls));
  const bool old_accepted = out.tls_mode != legacy_tls_mode::refuse;
  out.min_tls = min_tls.value_or(old_accepted ? tls_version::tls1_0 : tls_version::tls1_2);
  out.max_tls = max_tls.value_or(tls13 ? tls_version::tls1_3 : tls_version::tls1_2);
  if (old_accepted && out.min_tls >= tls_version::tls1_2) {
    t.report("min_tls",
             "tls_mode 'exchange' and 'allow' need TLS 1.0 or 1.1 in the handshake: "
             "set min_tls to \"1.0\" or \"1.1\", or tls_mode = \"refuse\"");
  }
  if (!old_accepted && out.min_tls < tls_version::tls1_2) {
    t.report("min_tls",
             "tls_mode 'refuse' refuses TLS 1.0/1.1: min_tls must be \"1.2\" or \"1.3\"");
  }
  if (!tls13 && max_tls == tls_version::tls1_3) {
    t.report("max_tls", "max_tls = \"1.3\" contradicts tls13 = false");
  }
  if (out.max_tls < out.min_tls) {
    t.report(max_tls ? "max_tls" : "min_tls", "max_tls is below min_tls");
  }
}

// OpenSSL itself judges the list when the listener starts; here only its form.
void read_ciphers(table_reader& t, policy::listener_config& out) {
  out.ciphers = t.string_or("ciphers", "");
  const bool well_formed = std::all_of(out.ciphers.begin(), out.ciphers.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view(":+-!@=_,. ").find(c) != std::string_view::npos;
  });
  if (!well_formed) {
    t.report("ciphers",
             "'ciphers' must be an OpenSSL cipher list such as "
             "\"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256\"");
  }
}

void read_limits(table_reader& t, policy::listener_config& out) {
  constexpr std::int64_t most = 1'000'000;
  out.max_connections =
      static_cast<std::uint32_t>(t.integer("max_connections", 0, most).value_or(0));
  out.max_connections_per_ip =
      static_cast<std::uint32_t>(t.integer("max_connections_per_ip", 0, most).value_or(0));
  out.idle_timeout = t.duration("idle_timeout");
  if (out.idle_timeout && out.idle_timeout->count() == 0) {
    t.report("idle_timeout", "'idle_timeout' must be above 0");
  }
}

}  // namespace

void read_listener_transport(table_reader& t, policy::listener_config& out) {
  read_versions(t, out);
  read_ciphers(t, out);
  out.request_client_certificate =
      t.boolean("request_client_certificate").value_or(out.kind == listener_kind::mx);
  read_limits(t, out);
}

}  // namespace exomock::scenario
