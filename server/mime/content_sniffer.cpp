// detect_content_type(): the signatures of Go's net/http sniff.go (the WHATWG
// MIME sniffing table) that mail attachments meet, in Go's order; the Send API
// labels an attachment sent without a ContentType with what Go would say.
#include <array>
#include <cctype>

#include "mime/send_request.hpp"

namespace exomock::mime {

namespace {

struct signature {
  std::string_view prefix;
  std::string_view mask;  ///< "" for an exact prefix; else ANDed byte by byte
  std::string_view type;
};

// Go's htmlSig list: matched case-insensitively after leading white space, and
// only when a space or '>' follows the tag.
bool html(std::string_view data) {
  static constexpr std::array<std::string_view, 17> tags = {"<!DOCTYPE HTML",
                                                            "<HTML",
                                                            "<HEAD",
                                                            "<SCRIPT",
                                                            "<IFRAME",
                                                            "<H1",
                                                            "<DIV",
                                                            "<FONT",
                                                            "<TABLE",
                                                            "<A",
                                                            "<STYLE",
                                                            "<TITLE",
                                                            "<B",
                                                            "<BODY",
                                                            "<BR",
                                                            "<P",
                                                            "<!--"};
  for (const std::string_view tag : tags) {
    if (data.size() <= tag.size()) {
      continue;
    }
    bool same = true;
    for (std::size_t i = 0; i < tag.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(data[i])) == tag[i];
    }
    if (same && (data[tag.size()] == ' ' || data[tag.size()] == '>')) {
      return true;
    }
  }
  return false;
}

bool matches(std::string_view data, const signature& s) {
  if (data.size() < s.prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < s.prefix.size(); ++i) {
    const auto byte = static_cast<unsigned char>(data[i]);
    const auto want = static_cast<unsigned char>(s.prefix[i]);
    const auto mask = s.mask.empty() ? 0xFFU : static_cast<unsigned char>(s.mask[i]);
    if ((byte & mask) != want) {
      return false;
    }
  }
  return true;
}

using namespace std::string_view_literals;

constexpr std::array<signature, 22> signatures = {{
    {"%PDF-"sv, ""sv, "application/pdf"sv},
    {"%!PS-Adobe-"sv, ""sv, "application/postscript"sv},
    {"\xFE\xFF"sv, ""sv, "text/plain; charset=utf-16be"sv},
    {"\xFF\xFE"sv, ""sv, "text/plain; charset=utf-16le"sv},
    {"\xEF\xBB\xBF"sv, ""sv, "text/plain; charset=utf-8"sv},
    {"\x00\x00\x01\x00"sv, ""sv, "image/x-icon"sv},
    {"\x00\x00\x02\x00"sv, ""sv, "image/x-icon"sv},
    {"BM"sv, ""sv, "image/bmp"sv},
    {"GIF87a"sv, ""sv, "image/gif"sv},
    {"GIF89a"sv, ""sv, "image/gif"sv},
    {"RIFF\x00\x00\x00\x00WEBPVP"sv, "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF"sv,
     "image/webp"sv},
    {"\x89PNG\x0D\x0A\x1A\x0A"sv, ""sv, "image/png"sv},
    {"\xFF\xD8\xFF"sv, ""sv, "image/jpeg"sv},
    {"RIFF\x00\x00\x00\x00WAVE"sv, "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv,
     "audio/wave"sv},
    {"ID3"sv, ""sv, "audio/mpeg"sv},
    {"OggS\x00"sv, ""sv, "application/ogg"sv},
    {"\x1A\x45\xDF\xA3"sv, ""sv, "video/webm"sv},
    {"\x1F\x8B\x08"sv, ""sv, "application/x-gzip"sv},
    {"PK\x03\x04"sv, ""sv, "application/zip"sv},
    {"Rar!\x1A\x07\x00"sv, ""sv, "application/x-rar-compressed"sv},
    {"Rar!\x1A\x07\x01\x00"sv, ""sv, "application/x-rar-compressed"sv},
    {"\x00\x61\x73\x6D"sv, ""sv, "application/wasm"sv},
}};

// Go's textSig: no byte that only binary data has.
bool text(std::string_view data) {
  for (const char c : data) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string detect_content_type(std::string_view data) {
  data = data.substr(0, 512);  // Go reads no further
  std::string_view trimmed = data;
  while (!trimmed.empty() &&
         std::string_view("\t\n\x0C\r ").find(trimmed.front()) != std::string_view::npos) {
    trimmed.remove_prefix(1);
  }
  if (html(trimmed)) {
    return "text/html; charset=utf-8";
  }
  if (trimmed.starts_with("<?xml")) {
    return "text/xml; charset=utf-8";
  }
  for (const signature& s : signatures) {
    if (matches(data, s)) {
      return std::string(s.type);
    }
  }
  return text(data) ? "text/plain; charset=utf-8" : "application/octet-stream";
}

}  // namespace exomock::mime
