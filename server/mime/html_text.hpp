// HTML read with libxml2's HTML parser (lenient, as a browser is): Mailpit's
// html2text.Strip for snippets and search text, a plain-text rendering for a
// message that has HTML only, and the /view page's links opened in a new tab.
#pragma once

#include <string>
#include <string_view>

namespace exomock::mime {

/// Mailpit's html2text.Strip: the document's text (script, style, head and the
/// like left out) on one line, whitespace collapsed; with INCLUDE_LINKS each
/// http(s) link's address follows its text.
[[nodiscard]] std::string strip_html(std::string_view html, bool include_links);

/// The text of HTML with a line break after each block and <br>, for the Text of
/// a message that has no text/plain part (enmime down-converts such HTML).
[[nodiscard]] std::string html_to_text(std::string_view html);

/// HTML parsed and rendered again with target="_blank" rel="noreferrer noopener"
/// on every <a>, as Mailpit's /view/{ID}.html?embed=1 serves it.
[[nodiscard]] std::string open_links_in_new_tab(std::string_view html);

}  // namespace exomock::mime
