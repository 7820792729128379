// RS256 tokens end to end in memory: exomock's key is created once and reused,
// what token_issuer mints jwt_verifier accepts and check_token_claims passes,
// and any change to header, payload or signature (or another key) is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "identity/directory_ids.hpp"
#include "identity/jwt_verifier.hpp"
#include "identity/signing_key.hpp"
#include "identity/token_issuer.hpp"
#include "policy/token_checks.hpp"
#include "smtp/base64.hpp"

namespace exomock::identity {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class identity_test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("exomock-identity-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    std::string error;
    key_ = signing_key::load_or_create(dir_ / "token-signing-key.pem", error);
    ASSERT_NE(key_, nullptr) << error;
    tenant_.id = "7a4e9c1b-2d3f-4a5b-8c6d-9e0f1a2b3c4d";
    tenant_.domains = {"fabrikam.com"};
    bob_.address = "bob@fabrikam.com";
    app_.client_id = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70";
    app_.roles = {"SMTP.SendAsApp"};
    app_.full_access = {"bob@fabrikam.com"};
    tenant_.applications = {app_};
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string mint(bool app_only = false, std::chrono::seconds expires_in = 3600s) const {
    token_request r;
    r.tenant = &tenant_;
    r.user = &bob_;
    r.app = app_only ? &app_ : nullptr;
    r.expires_in = expires_in;
    r.now = now_;
    return issue_token(*key_, r);
  }

  fs::path dir_;
  std::shared_ptr<const signing_key> key_;
  policy::tenant tenant_;
  policy::mailbox bob_;
  policy::application app_;
  std::chrono::system_clock::time_point now_ =
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + 17h;
};

TEST_F(identity_test, the_key_is_kept_and_reused) {
  const auto file = dir_ / "token-signing-key.pem";
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::group_all, fs::perms::none);
  std::string error;
  const auto again = signing_key::load_or_create(file, error);
  ASSERT_NE(again, nullptr) << error;
  EXPECT_EQ(again->key_id(), key_->key_id());
  EXPECT_EQ(jwt_verifier(again).verify(mint()).has_value(), true);
}

// The listeners' certificate key: created once (owner-only), then the same PEM
// each start; a file that holds no RSA key is refused, not overwritten.
TEST_F(identity_test, a_key_pem_is_created_once_and_read_back) {
  const auto file = dir_ / "state" / "listener-certificate-key.pem";
  std::string error;
  const auto first = load_or_create_key_pem(file, error);
  ASSERT_TRUE(first.has_value()) << error;
  EXPECT_NE(first->find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  EXPECT_EQ(fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
  const auto again = load_or_create_key_pem(file, error);
  ASSERT_TRUE(again.has_value()) << error;
  EXPECT_EQ(*again, *first);
  const auto other = dir_ / "not-a-key.pem";
  { std::ofstream(other) << "not a key\n"; }
  EXPECT_FALSE(load_or_create_key_pem(other, error).has_value());
  EXPECT_EQ(error, other.string() + " holds no unencrypted RSA private key in PEM form");
}

TEST_F(identity_test, state_files_live_under_xdg_state_home_else_home) {
  const char* saved_state = std::getenv("XDG_STATE_HOME");
  const std::string saved = saved_state != nullptr ? saved_state : "";
  ::setenv("XDG_STATE_HOME", "/var/state", 1);
  EXPECT_EQ(state_file("k.pem"), fs::path("/var/state/exomock/k.pem"));
  ::setenv("XDG_STATE_HOME", "relative", 1);  // not absolute: ignored, as the spec says
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(state_file("k.pem"), fs::path(home) / ".local/state/exomock/k.pem");
  if (saved_state != nullptr) {
    ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_STATE_HOME");
  }
}

TEST_F(identity_test, minted_tokens_verify_and_pass_the_claim_checks) {
  const jwt_verifier verifier(key_);
  const auto delegated = verifier.verify(mint());
  ASSERT_TRUE(delegated.has_value());
  EXPECT_EQ(delegated->upn, "bob@fabrikam.com");
  EXPECT_EQ(delegated->scopes, std::vector<std::string>{"SMTP.Send"});
  EXPECT_EQ(policy::check_token_claims(*delegated, &tenant_, &bob_, now_ + 10s).problem,
            policy::token_problem::none);
  const auto app = verifier.verify(mint(true));
  ASSERT_TRUE(app.has_value());
  EXPECT_EQ(app->app_id, app_.client_id);
  EXPECT_EQ(policy::check_token_claims(*app, &tenant_, &bob_, now_).problem,
            policy::token_problem::none);
  const auto expired = verifier.verify(mint(false, -60s));
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(policy::check_token_claims(*expired, &tenant_, &bob_, now_).problem,
            policy::token_problem::expired);
}

TEST_F(identity_test, any_change_breaks_the_signature) {
  const jwt_verifier verifier(key_);
  const std::string token = mint();
  const auto dot = token.find('.');
  const auto last = token.rfind('.');
  std::string payload = *smtp::base64url_decode(token.substr(dot + 1, last - dot - 1));
  payload.replace(payload.find("bob@"), 4, "eve@");
  EXPECT_FALSE(verifier.verify(token.substr(0, dot + 1) + smtp::base64url_encode(payload) +
                               token.substr(last)));
  // Flip a character inside the signature: the last one also carries padding bits, which a
  // flip from 'A' to 'B' may leave the decoded signature unchanged by.
  std::string flipped = token;
  char& c = flipped[last + 8];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verifier.verify(flipped));
  EXPECT_FALSE(verifier.verify(token.substr(0, last)));
  EXPECT_FALSE(verifier.verify("demo-token-bob"));
  // alg "none" with no signature: refused before any key is used.
  const std::string none = smtp::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                           token.substr(dot + 1, last - dot - 1) + ".";
  EXPECT_FALSE(verifier.verify(none));
}

TEST_F(identity_test, another_key_is_refused) {
  std::string error;
  const auto other = signing_key::load_or_create(dir_ / "other.pem", error);
  ASSERT_NE(other, nullptr) << error;
  EXPECT_NE(other->key_id(), key_->key_id());
  EXPECT_FALSE(jwt_verifier(other).verify(mint()).has_value());
}

TEST_F(identity_test, a_named_key_must_exist_and_be_rsa) {
  std::string error;
  EXPECT_EQ(signing_key::load(dir_ / "missing.pem", error), nullptr);
  EXPECT_NE(error.find("missing.pem"), std::string::npos);
  EXPECT_EQ(token_key_file("/etc/exomock/key.pem"), fs::path("/etc/exomock/key.pem"));
  // Without one, the user's key: the same for every server, whatever its --data-dir.
  ASSERT_TRUE(token_key_file("").has_value());
  EXPECT_EQ(token_key_file("")->filename(), "token-signing-key.pem");
  EXPECT_EQ(token_key_file("")->parent_path().filename(), "exomock");
}

TEST(stable_guid, is_stable_and_guid_shaped) {
  EXPECT_EQ(stable_guid("x"), stable_guid("x"));
  EXPECT_NE(stable_guid("x"), stable_guid("y"));
  EXPECT_EQ(stable_guid("x").size(), 36u);
}

}  // namespace
}  // namespace exomock::identity
