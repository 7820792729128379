// Command-line framing. The over-long decision is split-proof: a line is refused
// as soon as `limit` octets without LF are buffered, which is exactly when the
// whole line, seen at once, would measure more than `limit` with its LF.
#include "smtp/line_reader.hpp"

#include "smtp/ascii.hpp"

namespace exomock::smtp {

namespace {

bool starts_with_auth(std::string_view in) {
  return in.size() >= 5 && in[4] == ' ' && ascii::istarts_with(in, "AUTH");
}

}  // namespace

line_reader::result line_reader::next(std::string_view in, std::size_t limit,
                                      std::size_t auth_limit) {
  result r;
  if (discarding_) {
    std::size_t nl = in.find('\n');
    if (nl == std::string_view::npos) {
      r.consumed = in.size();
      return r;
    }
    discarding_ = false;
    r.consumed = nl + 1;
    in.remove_prefix(nl + 1);
  }
  // The AUTH prefix is known before the limit can be reached (limit >= 5 octets).
  std::size_t max = starts_with_auth(in) ? auth_limit : limit;
  std::size_t nl = in.find('\n');
  if (nl == std::string_view::npos) {
    if (in.size() >= max) {
      discarding_ = true;
      r.what = kind::too_long;
      r.consumed += in.size();
    }
    return r;
  }
  r.consumed += nl + 1;
  if (nl + 1 > max) {
    r.what = kind::too_long;
    return r;
  }
  r.what = kind::line;
  r.text = in.substr(0, nl);
  if (!r.text.empty() && r.text.back() == '\r') {
    r.text.remove_suffix(1);
  }
  return r;
}

}  // namespace exomock::smtp
