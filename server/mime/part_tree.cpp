#include "mime/part_tree.hpp"

#include <deque>
#include <optional>

#include "mime/gmime_handle.hpp"

namespace exomock::mime::detail {

namespace {

std::string lower(const char* s) {
  return s == nullptr ? std::string{} : take_string(g_ascii_strdown(s, -1));
}

// enmime's FromIDHeader: the angle brackets trimmed, then query-unescaped
// ("+" is a space, %XX a byte), or left as is when that fails.
std::string content_id_of(const std::string& header) {
  std::string_view v = header;
  while (!v.empty() && v.front() == '<') {
    v.remove_prefix(1);
  }
  while (!v.empty() && v.back() == '>') {
    v.remove_suffix(1);
  }
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '+') {
      out += ' ';
    } else if (v[i] == '%') {
      if (i + 2 >= v.size() || g_ascii_xdigit_value(v[i + 1]) < 0 ||
          g_ascii_xdigit_value(v[i + 2]) < 0) {
        return std::string(v);
      }
      out +=
          static_cast<char>(g_ascii_xdigit_value(v[i + 1]) * 16 + g_ascii_xdigit_value(v[i + 2]));
      i += 2;
    } else {
      out += v[i];
    }
  }
  return out;
}

// Charsets whose bytes are already what we keep: enmime reads them unconverted.
bool needs_conversion(const std::string& charset) {
  return !charset.empty() && g_ascii_strcasecmp(charset.c_str(), "utf-8") != 0 &&
         g_ascii_strcasecmp(charset.c_str(), "utf8") != 0 &&
         g_ascii_strcasecmp(charset.c_str(), "us-ascii") != 0;
}

// The transfer-decoded content, converted to UTF-8 when it is text in a declared
// charset iconv knows (otherwise left as it is, as enmime does).
std::string decoded_content(GMimePart* part, bool text, const std::string& charset) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) {
    return {};
  }
  const gobject_ptr<GMimeStream> memory(g_mime_stream_mem_new());
  GMimeFilter* convert = nullptr;
  if (text && needs_conversion(charset)) {
    convert = g_mime_filter_charset_new(charset.c_str(), "UTF-8");
  }
  if (convert == nullptr) {
    g_mime_data_wrapper_write_to_stream(wrapper, memory.get());
    return stream_contents(memory.get());
  }
  const gobject_ptr<GMimeStream> filtered(g_mime_stream_filter_new(memory.get()));
  g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), convert);
  g_object_unref(convert);
  g_mime_data_wrapper_write_to_stream(wrapper, filtered.get());
  g_mime_stream_flush(filtered.get());
  return stream_contents(memory.get());
}

// An embedded message (message/rfc822) is a leaf whose content is its bytes.
std::string message_bytes(GMimeMessagePart* part) {
  GMimeMessage* inner = g_mime_message_part_get_message(part);
  if (inner == nullptr) {
    return {};
  }
  const gobject_ptr<GMimeStream> memory(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, memory.get());
  return stream_contents(memory.get());
}

void describe(GMimeObject* object, bool is_root, mime_node& node) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  const bool has_type = first_raw_header(headers, "Content-Type").has_value();
  if (!has_type && !is_root) {
    return;  // enmime reads nothing more of a part without a Content-Type
  }
  GMimeContentType* type = g_mime_object_get_content_type(object);
  node.content_type =
      has_type ? take_string(g_mime_content_type_get_mime_type(type)) : std::string("text/plain");
  node.content_type = lower(node.content_type.c_str());
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  if (disposition != nullptr) {
    node.disposition = lower(g_mime_content_disposition_get_disposition(disposition));
    const char* name = g_mime_content_disposition_get_parameter(disposition, "filename");
    node.file_name = name == nullptr ? "" : name;
  }
  for (const char* parameter : {"name", "file"}) {
    const char* name = g_mime_content_type_get_parameter(type, parameter);
    if (node.file_name.empty() && name != nullptr) {
      node.file_name = name;
    }
  }
  if (const auto id = first_raw_header(headers, "Content-ID")) {
    node.content_id = content_id_of(*id);
  }
}

void build(GMimeObject* object, mime_node& node, bool is_root, bool decode) {
  describe(object, is_root, node);
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) {
      mime_node child;
      child.part_id = is_root ? std::to_string(i + 1) : node.part_id + "." + std::to_string(i + 1);
      build(g_mime_multipart_get_part(multipart, i), child, false, decode);
      node.children.push_back(std::move(child));
    }
    if (!is_root) {
      node.part_id += ".0";  // enmime names a nested multipart after its subtree's root
    }
    return;
  }
  if (!decode) {
    return;
  }
  if (GMIME_IS_MESSAGE_PART(object)) {
    node.content = message_bytes(GMIME_MESSAGE_PART(object));
  } else if (GMIME_IS_PART(object)) {
    const char* charset =
        g_mime_content_type_get_parameter(g_mime_object_get_content_type(object), "charset");
    node.content = decoded_content(GMIME_PART(object), node.content_type.starts_with("text/"),
                                   charset == nullptr ? "" : charset);
  }
}

bool is_text_body(const mime_node& n) {
  return n.content_type == "text/plain" && n.disposition != "attachment";
}
bool is_html_body(const mime_node& n) {
  return n.content_type == "text/html" && n.disposition != "attachment";
}

void depth_walk(const mime_node& node, const node_match& match,
                std::vector<const mime_node*>& out) {
  if (match(node)) {
    out.push_back(&node);
  }
  for (const mime_node& child : node.children) {
    depth_walk(child, match, out);
  }
}

// enmime's detectBinaryBody for a message that is one part: anything but
// text/plain and text/html, or text marked as an attachment.
bool binary_body(const mime_node& root) {
  if (root.content_type == "text/plain" || root.content_type == "text/html") {
    return root.disposition == "attachment";
  }
  return true;
}

}  // namespace

mime_node build_tree(GMimeMessage* message, bool decode_content) {
  mime_node root;
  root.part_id = "0";
  if (GMimeObject* top = g_mime_message_get_mime_part(message)) {
    build(top, root, true, decode_content);
  } else {
    root.content_type = "text/plain";
  }
  return root;
}

std::vector<const mime_node*> breadth_all(const mime_node& root, const node_match& match) {
  std::vector<const mime_node*> out;
  std::deque<const mime_node*> queue{&root};
  while (!queue.empty()) {
    const mime_node* node = queue.front();
    queue.pop_front();
    if (match(*node)) {
      out.push_back(node);
    }
    for (const mime_node& child : node->children) {
      queue.push_back(&child);
    }
  }
  return out;
}

std::vector<const mime_node*> depth_all(const mime_node& root, const node_match& match) {
  std::vector<const mime_node*> out;
  depth_walk(root, match, out);
  return out;
}

// enmime's EnvelopeFromPart: parseMultiPartBody for a multipart message,
// parseTextOnlyBody or the binary-body case for a single part.
part_lists sort_parts(const mime_node& root) {
  part_lists lists;
  if (!root.is_multipart()) {
    if (binary_body(root)) {
      (root.disposition == "inline" ? lists.inlines : lists.attachments).push_back(&root);
    } else if (root.content_type == "text/html") {
      lists.html = root.content;
    } else {
      lists.text = root.content;
    }
    return lists;
  }
  if (root.content_type == "multipart/alternative") {
    const auto first = breadth_all(root, is_text_body);
    if (!first.empty()) {
      lists.text = first.front()->content;
    }
  } else {
    const auto texts = depth_all(root, is_text_body);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      lists.text += (i > 0 ? "\n--\n" : "") + texts[i]->content;
    }
  }
  const auto html = depth_all(root, is_html_body);
  if (!html.empty()) {
    lists.html = html.front()->content;
  }
  lists.attachments = breadth_all(root, [](const mime_node& n) {
    return n.disposition == "attachment" || n.content_type == "application/octet-stream";
  });
  lists.inlines = breadth_all(
      root, [](const mime_node& n) { return n.disposition == "inline" && !n.is_multipart(); });
  lists.others = breadth_all(root, [](const mime_node& n) {
    return !n.is_multipart() && n.disposition.empty() &&
           n.content_type != "application/octet-stream" && n.content_type != "text/plain" &&
           n.content_type != "text/html";
  });
  return lists;
}

}  // namespace exomock::mime::detail
