// Stage 1, read: bytes in, a document of blocks out.
//
// Accepts UTF-8 text (BOM stripped from the text, CRLF and lone CR line ends) as plain
// text or Markdown. Paragraphs are separated by blank lines; lines of one paragraph are
// joined. In Markdown, headings and list items are paragraphs of their own, and markup
// (heading marks, list bullets, quote marks, emphasis) is recorded so that it is left out
// of the comparison while offsets still point into the file.
// HTML: block elements are paragraphs, entities decoded, site chrome (navigation,
// headers, footers, scripts, forms, cookie banners, share widgets) left out, the main
// content found (article/main, then text density) or named with `select`.
// PDF: text in reading order, paragraphs rebuilt from line spacing, hyphenated words
// rejoined, running headers, footers and page numbers dropped.
// The format comes from the content (%PDF- magic, an HTML document), then the extension.
// Encodings: UTF-8 (BOM or not), UTF-16/32 with a BOM, a charset declared by an HTML
// page, Windows-1252 detected from invalid UTF-8, or one forced; decoded with ICU.
// Refuses, with a reason: text in no encoding we can tell (never mojibake), binary data,
// a corrupt PDF, a missing file, a directory, an input past the limits (read/limits.hpp),
// an empty document (unless allowed).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "accordiff/document.hpp"
#include "accordiff/error.hpp"

namespace accordiff {

/// A file read as a mapping (read_options::map_file): its bytes, and the file's identity
/// and state when it was mapped, for a check that it did not change since.
struct mapped_file {
  std::string_view path;
  std::string_view bytes;
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0;  ///< last modification, nanoseconds since the epoch
};

struct read_options {
  std::optional<format> fmt = {};  ///< forced format; otherwise from the content and extension
  bool allow_empty = false;        ///< accept a document with no text
  std::string encoding = {};       ///< forced encoding (an ICU converter name); "" detects it
  /// HTML: the element holding the main content, as "tag", "#id" or ".class" (the first
  /// match in document order); "" finds it automatically.
  std::string select = {};
  /// A regular file is mapped into memory rather than copied (document::bytes then is
  /// the mapping, where the file is UTF-8 text or Markdown; any other is copied from it):
  /// faster for large files, but what the document reads is the file as it is now: it
  /// must not change while the document lives. A page past a new, shorter end reads as
  /// SIGBUS, as with any mapping; `on_map` lets a caller watch for both (the command line
  /// turns them into errors). A file that grows is read up to the size it had when opened.
  bool map_file = false;
  /// With `map_file`: called once the file is mapped, before any byte of it is read.
  std::function<void(const mapped_file&)> on_map = {};
};

/// The format of `bytes` by content, then by the extension of `name` (.md, .html, .pdf…).
[[nodiscard]] format sniff_format(std::string_view bytes, std::string_view name);

/// Reads a file ("-" reads standard input).
[[nodiscard]] result<document> read_file(const std::string& path, const read_options& opts = {});

/// Reads a document from bytes already in memory; `name` is used in errors and reports.
[[nodiscard]] result<document> read_bytes(std::string bytes, std::string name,
                                          const read_options& opts = {});

}  // namespace accordiff
