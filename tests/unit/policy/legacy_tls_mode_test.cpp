// What a TLS 1.0/1.1 client meets at AUTH under each listener tls_mode: `exchange`
// refuses with 421 4.7.66 (except on the legacy endpoint for opted-in tenants),
// `allow` lets it through; current TLS is never affected.
#include <gtest/gtest.h>

#include "policy/auth_checks.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using testing::fixed_moment;
using testing::tls_facts;

class legacy_tls_mode_test : public ::testing::Test {
 protected:
  reply_id reply_for(const std::string& login, listener_kind kind, legacy_tls_mode mode,
                     const std::string& version) {
    listener_config listener;
    listener.name = "l";
    listener.kind = kind;
    listener.tls_mode = mode;
    const smtp::credentials c{"LOGIN", login, "Demo-Passw0rd!", ""};
    const smtp::session_facts facts = tls_facts(version);
    return decide_authentication(make_auth_request(model_, listener, c, facts, fixed_moment()))
        .reply;
  }

  scenario_model model_ = testing::make_model();
};

TEST_F(legacy_tls_mode_test, exchange_mode_refuses_old_tls_with_4_7_66) {
  for (const char* version : {"TLSv1", "TLSv1.1"}) {
    EXPECT_EQ(reply_for("scanner@contoso.com", listener_kind::submission, legacy_tls_mode::exchange,
                        version),
              reply_id::tls_legacy_unsupported)
        << version;
    // The tenant's opt-in works on the legacy endpoint only.
    EXPECT_EQ(reply_for("carol@northwind.com", listener_kind::submission, legacy_tls_mode::exchange,
                        version),
              reply_id::tls_legacy_unsupported);
    EXPECT_EQ(reply_for("carol@northwind.com", listener_kind::submission_legacy,
                        legacy_tls_mode::exchange, version),
              reply_id::auth_successful);
    EXPECT_EQ(reply_for("scanner@contoso.com", listener_kind::submission_legacy,
                        legacy_tls_mode::exchange, version),
              reply_id::tls_legacy_unsupported);
  }
}

TEST_F(legacy_tls_mode_test, allow_mode_serves_old_tls_like_current_tls) {
  EXPECT_EQ(
      reply_for("scanner@contoso.com", listener_kind::submission, legacy_tls_mode::allow, "TLSv1"),
      reply_id::auth_successful);
  // The rest of the pipeline still applies.
  EXPECT_EQ(
      reply_for("alice@contoso.com", listener_kind::submission, legacy_tls_mode::allow, "TLSv1.1"),
      reply_id::auth_disabled_for_tenant);
}

TEST_F(legacy_tls_mode_test, current_tls_is_never_refused_for_its_version) {
  for (const legacy_tls_mode mode :
       {legacy_tls_mode::exchange, legacy_tls_mode::refuse, legacy_tls_mode::allow}) {
    for (const char* version : {"TLSv1.2", "TLSv1.3"}) {
      EXPECT_EQ(reply_for("scanner@contoso.com", listener_kind::submission, mode, version),
                reply_id::auth_successful);
    }
  }
}

}  // namespace
}  // namespace exomock::policy
