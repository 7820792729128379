// Exchange Online's checks on a submitted message at end of DATA (reference
// section 4, "after AUTH"): header size, the mailbox's MaxSendSize, send-as rights,
// and the per-message recipient limit at RCPT. Pure functions of the model and the message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"

namespace exomock::policy {

/// Exchange Online's fixed header limit (256 KB, "Message header size limit").
inline constexpr std::size_t max_header_size = std::size_t{256} * 1024;

/// The header section (up to and excluding the first empty line) is above the limit.
[[nodiscard]] bool header_too_large(std::string_view message);

/// The message is above the login's MaxSendSize.
[[nodiscard]] bool exceeds_send_size(const mailbox& login, std::size_t message_size);

/// The address the login may not send as, or nullopt when the message may go.
/// Checks the MAIL FROM address, every author (`authors`: the addresses of all From
/// fields) and the Sender header: each must be the login or a SendAs target of it; an
/// author may also be a SendOnBehalf target when the Sender header names the login.
[[nodiscard]] std::optional<std::string> send_as_violation(
    const mailbox& login, std::string_view reverse_path, const std::vector<std::string>& authors,
    const std::optional<std::string>& sender_header);

/// A further recipient would exceed the login's RecipientLimits.
[[nodiscard]] bool too_many_recipients(const mailbox& login, std::size_t accepted_so_far);

}  // namespace exomock::policy
