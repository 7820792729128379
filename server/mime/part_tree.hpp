// A message's MIME tree as enmime (Mailpit's parser) sees it: each node with
// enmime's PartID ("0" the root, "1", "2" its children, "1.1" a grandchild, a
// nested multipart renamed "1.0"), lower-case media type and disposition, file
// name, Content-ID and, for a leaf, the decoded content (text/* converted to
// UTF-8 from its declared charset). The searches below are enmime's, in its
// breadth- or depth-first order, so the lists come out in Mailpit's order.
// Internal to mime/.
#pragma once

#include <gmime/gmime.h>

#include <functional>
#include <string>
#include <vector>

namespace exomock::mime::detail {

struct mime_node {
  std::string part_id;
  std::string content_type;  ///< "" for a child part without a Content-Type header
  std::string disposition;
  std::string file_name;
  std::string content_id;
  std::string content;  ///< decoded; leaves only
  std::vector<mime_node> children;

  [[nodiscard]] bool is_multipart() const { return content_type.starts_with("multipart/"); }
};

/// The tree under a parsed message's top-level part; with decode_content false the
/// leaves' content stays empty (for a caller that only wants one part).
mime_node build_tree(GMimeMessage* message, bool decode_content = true);

using node_match = std::function<bool(const mime_node&)>;
/// Every match, breadth first (enmime BreadthMatchAll).
std::vector<const mime_node*> breadth_all(const mime_node& root, const node_match& match);
/// Every match, depth first (enmime DepthMatchAll).
std::vector<const mime_node*> depth_all(const mime_node& root, const node_match& match);

/// The parts enmime files as attachments, inlines and other parts (Mailpit adds
/// those to Inline), and the text and HTML bodies it takes.
struct part_lists {
  std::vector<const mime_node*> attachments;
  std::vector<const mime_node*> inlines;
  std::vector<const mime_node*> others;
  std::string text;
  std::string html;
};
part_lists sort_parts(const mime_node& root);

}  // namespace exomock::mime::detail
