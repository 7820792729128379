#include "policy/chaos_triggers.hpp"

#include <algorithm>
#include <charconv>

#include "smtp/ascii.hpp"

namespace exomock::policy {
namespace {

// Rule names mark the chaos rules, so a second PUT finds and replaces them.
constexpr std::string_view chaos_prefix = "mailpit-chaos-";

fault_rule chaos_rule(std::string_view name, fault_stage stage, const chaos_trigger& t,
                      std::string text) {
  fault_rule rule;
  rule.name = std::string(chaos_prefix) + std::string(name);
  rule.match.stages = {stage};
  rule.match.probability = t.probability / 100.0;
  rule.action.kind = fault_kind::reply;
  rule.action.code = t.error_code;
  rule.action.lines = {std::move(text)};  // Mailpit's reply has no enhanced status code
  return rule;
}

}  // namespace

std::optional<std::string> chaos_problem(const chaos_trigger& t) {
  if (t.error_code != 0 && (t.error_code < 400 || t.error_code > 599)) {
    return "error code must be between 400 and 599";
  }
  if (t.probability < 0 || t.probability > 100) {
    return "probability must be between 0 and 100";
  }
  return std::nullopt;
}

std::optional<chaos_triggers> parse_chaos_triggers(std::string_view text, std::string& error) {
  chaos_triggers out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    end = end == std::string_view::npos ? text.size() : end;
    const std::string_view item = text.substr(start, end - start);
    start = end + 1;
    const std::size_t first = item.find(':');
    const std::size_t second = first == std::string_view::npos ? first : item.find(':', first + 1);
    if (second == std::string_view::npos) {
      error = "expected TRIGGER:CODE:PROBABILITY, got \"" + std::string(item) + "\"";
      return std::nullopt;
    }
    const std::string key = smtp::ascii::to_lower(item.substr(0, first));
    chaos_trigger* t = key == "sender"                               ? &out.sender
                       : (key == "recipient" || key == "recipients") ? &out.recipient
                       : (key == "auth" || key == "authentication")  ? &out.authentication
                                                                     : nullptr;
    int code = 0;
    int probability = 0;
    const auto number = [](std::string_view digits, int& value) {
      const auto* last = digits.data() + digits.size();
      const auto [p, ec] = std::from_chars(digits.data(), last, value);
      return ec == std::errc{} && p == last;
    };
    if (t == nullptr) {
      error = "unknown chaos trigger \"" + std::string(item.substr(0, first)) + "\"";
      return std::nullopt;
    }
    if (!number(item.substr(first + 1, second - first - 1), code) ||
        !number(item.substr(second + 1), probability)) {
      error = "expected TRIGGER:CODE:PROBABILITY, got \"" + std::string(item) + "\"";
      return std::nullopt;
    }
    *t = {code == 0 ? t->error_code : code, probability};
    if (auto problem = chaos_problem(*t)) {
      error = *problem;
      return std::nullopt;
    }
  }
  return out;
}

std::shared_ptr<const scenario_model> with_chaos(const scenario_model& base,
                                                 const chaos_triggers& triggers) {
  auto model = std::make_shared<scenario_model>(base);
  std::erase_if(model->faults,
                [](const fault_rule& r) { return r.name.starts_with(chaos_prefix); });
  model->faults.push_back(
      chaos_rule("sender", fault_stage::mail, triggers.sender, "Chaos sender error"));
  model->faults.push_back(
      chaos_rule("recipient", fault_stage::rcpt, triggers.recipient, "Chaos recipient error"));
  model->faults.push_back(chaos_rule("authentication", fault_stage::auth, triggers.authentication,
                                     "Chaos authentication error"));
  return model;
}

}  // namespace exomock::policy
