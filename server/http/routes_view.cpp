// Mailpit's rendered bodies: GET /view/{ID}.html (cid: references pointed at the
// part route; ?embed=1 opens links in a new tab) and GET /view/{ID}.txt.
#include <regex>

#include "http/api_routes.hpp"
#include "http/message_lookup.hpp"
#include "mime/html_text.hpp"
#include "mime/message_view.hpp"

namespace exomock::http {

namespace {

// Mailpit's linkInlineImages: `=` and an optional quote, cid:ID, then one of
// " | ' \ s / > ; (its Go pattern's class, whose doubled backslashes make \s a
// backslash and an 's', not white space).
std::string link_inline_images(std::string html, std::int64_t id,
                               const std::vector<mime::part_summary>& parts) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  for (const mime::part_summary& p : parts) {
    if (p.content_id.empty()) {
      continue;
    }
    const std::string quoted = std::regex_replace(p.content_id, special, R"(\$&)");
    const std::regex cid("(=[\"']?)(cid:" + quoted + ")([\"|'\\\\s/>;])", std::regex::icase);
    std::string replacement = "$1/api/v1/message/";
    replacement += std::to_string(id);
    replacement += "/part/";
    replacement += p.part_id;
    replacement += "$3";
    html = std::regex_replace(html, cid, replacement);
  }
  return html;
}

// The script Mailpit's embed mode adds, so an iframe's parent learns the height.
constexpr std::string_view height_script = R"(<script nonce="">
				if (typeof window.parent == "object") {
					window.addEventListener('load', function () {
						window.parent.postMessage({ messageHeight: document.body.scrollHeight}, "*")
					})
				}
			</script>)";

response render_html(const request& r, std::int64_t id, const mime::message_view& m) {
  if (m.html.empty()) {
    return text(404, "This message does not contain a HTML part", "text/plain; charset=utf-8");
  }
  std::string html = link_inline_images(m.html, id, m.inlines);
  html = link_inline_images(std::move(html), id, m.attachments);
  if (r.parameter("embed") == "1") {
    html = mime::open_links_in_new_tab(html);
    for (std::size_t at = html.find("</body>"); at != std::string::npos;
         at = html.find("</body>", at + height_script.size() + 7)) {
      html.insert(at, height_script);
    }
  }
  return text(200, std::move(html), "text/html; charset=utf-8");
}

route_result get_view(request& r, route_context& c) {
  const std::string& file = r.captures.at(0);
  const bool html = file.ends_with(".html");
  if (!html && !file.ends_with(".txt")) {
    return page_not_found();  // Mailpit's web UI would answer here
  }
  const std::string id_text = file.substr(0, file.size() - (html ? 5 : 4));
  const auto resolved = resolve_message_id(r, c, id_text, message_not_found());
  if (const auto* refusal = std::get_if<response>(&resolved)) {
    return *refusal;
  }
  const std::int64_t id = std::get<std::int64_t>(resolved);
  const auto message = c.reader.message(id);
  if (!message) {
    return message_not_found();
  }
  const mime::envelope smtp{message->mail_from, message->rcpt_to};
  const mime::message_view m = mime::parse(message->raw, &smtp);
  mark_fetched(c, id);  // Mailpit's view routes read the message as GET message does
  if (html) {
    return render_html(r, id, m);
  }
  return text(200, m.text, "text/plain; charset=utf-8");
}

}  // namespace

void add_view_routes(router& routes) {
  routes.add("GET", "/view/{file}", get_view);
}

}  // namespace exomock::http
