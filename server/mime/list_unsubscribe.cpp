#include "mime/list_unsubscribe.hpp"

#include <boost/url/parse.hpp>
#include <regex>
#include <vector>

namespace exomock::mime {

namespace {

std::string trimmed(const std::string& v) {
  const auto first = v.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  return v.substr(first, v.find_last_not_of(" \t\r\n") - first + 1);
}

std::string quoted(const std::string& v) {
  return "\"" + v + "\"";
}

// One <...> link: its text when it is usable, else what is wrong with it.
bool check_link(const std::string& link, bool& has_mailto, bool& has_http,
                std::vector<std::string>& errors) {
  static const std::regex mailto("^mailto:[a-zA-Z0-9]");
  static const std::regex web("^https?://[a-zA-Z0-9]", std::regex::icase);
  if (link.find_first_of(" \t\r\n\f\v") != std::string::npos) {
    errors.push_back(quoted(link) + " should not contain spaces");
    return false;
  }
  if (std::regex_search(link, mailto)) {
    if (has_mailto) {
      errors.push_back(quoted(link) + " should only contain one mailto:");
      return false;
    }
    has_mailto = true;
  } else if (std::regex_search(link, web)) {
    if (has_http) {
      errors.push_back(quoted(link) + " should only contain one HTTP link");
      return false;
    }
    has_http = true;
  } else {
    errors.push_back(quoted(link) + " should start with either http(s):// or mailto:");
    return false;
  }
  if (!boost::urls::parse_uri(link)) {
    errors.push_back("parse " + quoted(link) + ": invalid URI for request");
    return false;
  }
  return true;
}

}  // namespace

list_unsubscribe read_list_unsubscribe(std::string_view header, std::string post) {
  list_unsubscribe out;
  out.header = std::string(header);
  out.header_post = std::move(post);
  if (header.empty()) {
    return out;
  }
  static const std::regex comment(R"(\([^]*?\))");
  static const std::regex link("<(.*?)>");
  static const std::regex between(">([^]*?)<");
  static const std::regex join(R"(^\s*,\s*$)");
  std::string v = trimmed(std::regex_replace(trimmed(std::string(header)), comment, ""));
  if (!std::regex_search(v, link)) {
    out.errors = quoted(v) + " no valid unsubscribe links found";
    return out;
  }
  if (v.front() != '<' || v.back() != '>') {
    out.errors = quoted(v) + " should be enclosed in <>";
    return out;
  }
  std::vector<std::string> found;
  for (std::sregex_iterator it(v.begin(), v.end(), link), end; it != end; ++it) {
    found.push_back((*it)[1].str());
  }
  std::vector<std::string> errors;
  if (found.size() > 2) {
    errors.push_back(quoted(v) + " should include a maximum of one email and one HTTP link");
  } else {
    for (std::sregex_iterator it(v.begin(), v.end(), between), end; it != end; ++it) {
      if (!std::regex_match((*it)[1].str(), join)) {
        out.errors = quoted(v) + " <> should be split with a comma and optional spaces";
        return out;
      }
    }
    bool has_mailto = false;
    bool has_http = false;
    for (const std::string& l : found) {
      if (check_link(l, has_mailto, has_http, errors)) {
        out.links.push_back(l);
      }
    }
  }
  for (std::size_t i = 0; i < errors.size(); ++i) {
    out.errors += (i > 0 ? ", " : "") + errors[i];
  }
  return out;
}

}  // namespace exomock::mime
