// Fuzzes the message readers: the MIME layer's Mailpit view (GMime, libxml2 for
// the HTML part), its header map and part lookup, and the protocol core's own
// header access that the send-as checks read From and Sender with.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_target.hpp"
#include "mime/message_view.hpp"
#include "smtp/message_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace exomock;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);

  const mime::envelope smtp{"sender@contoso.com", {"rcpt@fabrikam.com"}};
  const mime::message_view view = mime::parse(raw, &smtp);
  // Every part the view lists is served by its id, as GET .../part/{PartID} would.
  for (const auto* parts : {&view.inlines, &view.attachments}) {
    for (const auto& p : *parts) (void)mime::part(raw, p.part_id);
  }
  (void)mime::part(raw, "1.2.3");
  if (const auto map = mime::headers(raw)) {
    for (const auto& [key, values] : *map) (void)mime::canonical_header_key(key);
  }

  for (const char* field : {"From", "Sender", "Message-ID"}) {
    for (const auto& value : smtp::find_headers(raw, field)) {
      (void)smtp::first_address(value);
      (void)smtp::all_addresses(value);
    }
  }
  return 0;
}
