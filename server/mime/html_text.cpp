#include "mime/html_text.hpp"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>

#include <array>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string_view>

namespace exomock::mime {

namespace {

struct doc_free {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using html_doc = std::unique_ptr<xmlDoc, doc_free>;

// libxml2 must be initialised once before threads parse side by side.
html_doc read_html(std::string_view html) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                          HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  return html_doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
}

std::string_view name_of(const xmlNode* n) {
  return n->name == nullptr ? std::string_view{} : reinterpret_cast<const char*>(n->name);
}

// The elements whose text html2text leaves out.
bool skipped(const xmlNode* n) {
  static constexpr std::array<std::string_view, 7> names = {"script", "title", "head",    "link",
                                                            "meta",   "style", "noscript"};
  if (n->type != XML_ELEMENT_NODE) {
    return false;
  }
  for (const std::string_view s : names) {
    if (g_ascii_strncasecmp(s.data(), reinterpret_cast<const char*>(n->name), s.size() + 1) == 0) {
      return true;
    }
  }
  return false;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (const std::string_view n : names) {
    if (n.size() == name.size() && g_ascii_strncasecmp(n.data(), name.data(), n.size()) == 0) {
      return true;
    }
  }
  return false;
}

// The elements after which the plain-text rendering starts a new line.
bool block_element(const xmlNode* n) {
  return n->type == XML_ELEMENT_NODE &&
         one_of(name_of(n),
                {"div",   "p",          "td",  "th",    "tr",    "h1",     "h2",      "h3",
                 "h4",    "h5",         "h6",  "ul",    "ol",    "li",     "address", "article",
                 "aside", "blockquote", "dl",  "dt",    "dd",    "footer", "header",  "hr",
                 "main",  "nav",        "pre", "table", "thead", "tfoot",  "section", "br"});
}

struct text_walk {
  bool include_links = false;
  bool line_breaks = false;
  std::string out;

  void extract(const xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) {
        out += reinterpret_cast<const char*>(node->content);
      }
    }
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (skipped(c)) {
        continue;
      }
      extract(c);
      if (line_breaks && block_element(c)) {
        out += '\n';
      }
      if (include_links && c->type == XML_ELEMENT_NODE && name_of(c) == "a") {
        xmlChar* href = xmlGetProp(c, BAD_CAST "href");
        if (href != nullptr && g_ascii_strncasecmp(reinterpret_cast<char*>(href), "http", 4) == 0) {
          out += " " + std::string(reinterpret_cast<char*>(href)) + " ";
        }
        xmlFree(href);
      }
    }
  }
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
// ASCII space; html2text makes every other character a space.
bool printable(gunichar c) {
  if (c == ' ') {
    return true;
  }
  switch (g_unichar_type(c)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

// html2text's clean(): U+FEFF and every unprintable character become spaces,
// then ASCII whitespace runs collapse and the ends are trimmed. KEEP_LINES keeps
// line breaks (one blank line at most) for the plain-text rendering.
std::string clean(const std::string& text, bool keep_lines) {
  std::string spaced;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    const char* next = g_utf8_find_next_char(p, end);
    next = next == nullptr ? end : next;
    const gunichar c = g_utf8_get_char_validated(p, next - p);
    if (keep_lines && c == '\n') {
      spaced += '\n';
    } else if (c >= 0x80000000U || c == 0xFEFF || !printable(c)) {
      spaced += ' ';
    } else {
      spaced.append(p, static_cast<std::size_t>(next - p));
    }
    p = next;
  }
  std::string out;
  int newlines = 0;
  bool space = false;
  for (const char c : spaced) {
    if (c == '\n') {
      ++newlines;
      space = false;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
    } else {
      if (!out.empty()) {
        if (newlines > 0) {
          out += newlines > 1 ? "\n\n" : "\n";
        } else if (space) {
          out += ' ';
        }
      }
      newlines = 0;
      space = false;
      out += c;
    }
  }
  return out;
}

std::string walk_text(std::string_view html, bool include_links, bool line_breaks) {
  const html_doc doc = read_html(html);
  if (!doc) {
    return {};
  }
  text_walk walk;
  walk.include_links = include_links;
  walk.line_breaks = line_breaks;
  walk.extract(reinterpret_cast<const xmlNode*>(doc.get()));
  return clean(walk.out, line_breaks);
}

void add_targets(xmlNode* node) {
  for (xmlNode* c = node; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && name_of(c) == "a") {
      xmlSetProp(c, BAD_CAST "target", BAD_CAST "_blank");
      xmlSetProp(c, BAD_CAST "rel", BAD_CAST "noreferrer noopener");
    }
    add_targets(c->children);
  }
}

// html2text's own spacing, before parsing (its three regular expressions, done
// in one pass: std::regex costs more than the parse): a space between adjacent
// blocks ("</p><p>" becomes "</p> <p>"), <br> and <br /> as a space, and a space
// before each <img.
std::string space_out(std::string_view h) {
  const auto at = [&](std::size_t i, std::string_view word) {
    return h.size() - i >= word.size() &&
           g_ascii_strncasecmp(h.data() + i, word.data(), word.size()) == 0;
  };
  std::string out;
  out.reserve(h.size() + h.size() / 16);
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h[i] != '<') {
      out += h[i];
      continue;
    }
    if (at(i, "<br>") || at(i, "<br />")) {
      out += ' ';
      i += at(i, "<br>") ? 3 : 5;
      continue;
    }
    if (at(i, "<img")) {
      out += ' ';
    } else if (at(i, "</")) {
      const std::size_t close = h.find('>', i);
      const std::string_view name =
          close == std::string_view::npos ? std::string_view{} : h.substr(i + 2, close - i - 2);
      if (close + 1 < h.size() && h[close + 1] == '<' &&
          one_of(name,
                 {"div",        "p",     "td",    "th",     "h1",     "h2",      "h3",      "h4",
                  "h5",         "h6",    "ul",    "ol",     "li",     "address", "article", "aside",
                  "blockquote", "dl",    "dt",    "footer", "header", "hr",      "main",    "nav",
                  "pre",        "table", "thead", "tfoot",  "video"})) {
        out.append(h.substr(i, close - i + 1));
        out += ' ';
        i = close;
        continue;
      }
    }
    out += '<';
  }
  return out;
}

}  // namespace

std::string strip_html(std::string_view html, bool include_links) {
  if (html.empty()) {
    return {};
  }
  return walk_text(space_out(html), include_links, false);
}

std::string html_to_text(std::string_view html) {
  return walk_text(html, false, true);
}

std::string open_links_in_new_tab(std::string_view html) {
  const html_doc doc = read_html(html);
  if (!doc) {
    return std::string(html);
  }
  add_targets(xmlDocGetRootElement(doc.get()));
  xmlChar* out = nullptr;
  int size = 0;
  htmlDocDumpMemoryFormat(doc.get(), &out, &size, 0);
  std::string rendered =
      out == nullptr ? std::string(html)
                     : std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return rendered;
}

}  // namespace exomock::mime
