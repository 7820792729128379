// Mailpit's List-Unsubscribe reading (tools.ListUnsubscribeParser): the
// links of the header and what is wrong with it, in Mailpit's words.
#pragma once

#include <string>
#include <string_view>

#include "mime/message_view.hpp"

namespace exomock::mime {

/// HEADER is the decoded List-Unsubscribe value; POST the List-Unsubscribe-Post one.
[[nodiscard]] list_unsubscribe read_list_unsubscribe(std::string_view header, std::string post);

}  // namespace exomock::mime
