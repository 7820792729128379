// End-of-DATA and RCPT checks of an authenticated submission. Header values
// arrive already unfolded; first_address() (smtp/) extracts the addr-spec.
#include "policy/submission_checks.hpp"

#include "policy/address.hpp"
#include "smtp/message_header.hpp"

namespace exomock::policy {

bool header_too_large(std::string_view message) {
  std::size_t end = message.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    end = message.find("\n\n");
  }
  const std::size_t header_size = end == std::string_view::npos ? message.size() : end;
  return header_size > max_header_size;
}

bool exceeds_send_size(const mailbox& login, std::size_t message_size) {
  return message_size > login.max_send_size;
}

namespace {

bool may_send_as(const mailbox& login, std::string_view address,
                 const std::optional<std::string>& sender_address) {
  if (iequals(address, login.address) || contains_address(login.send_as, address)) {
    return true;
  }
  return contains_address(login.send_on_behalf, address) && sender_address.has_value() &&
         iequals(*sender_address, login.address);
}

}  // namespace

std::optional<std::string> send_as_violation(const mailbox& login, std::string_view reverse_path,
                                             const std::vector<std::string>& authors,
                                             const std::optional<std::string>& sender_header) {
  std::optional<std::string> sender_address;
  if (sender_header) {
    sender_address = smtp::first_address(*sender_header);
  }
  // The null reverse path (<>) names nobody; the From header still counts.
  if (!reverse_path.empty() && !may_send_as(login, reverse_path, sender_address)) {
    return std::string(reverse_path);
  }
  for (const std::string& author : authors) {
    if (!may_send_as(login, author, sender_address)) {
      return author;
    }
  }
  // The Sender is the agent that sent the message: the login itself or one it may send as.
  if (sender_address && !sender_address->empty() &&
      !may_send_as(login, *sender_address, std::nullopt)) {
    return sender_address;
  }
  return std::nullopt;
}

bool too_many_recipients(const mailbox& login, std::size_t accepted_so_far) {
  return accepted_so_far >= login.recipient_limit;
}

}  // namespace exomock::policy
