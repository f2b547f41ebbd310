// Stage 1, read: bytes in, a document of blocks out.
//
// Accepts UTF-8 text (BOM stripped from the text, CRLF and lone CR line ends) as plain
// text or Markdown. Paragraphs are separated by blank lines; lines of one paragraph are
// joined. In Markdown, headings and list items are paragraphs of their own, and markup
// (heading marks, list bullets, quote marks, emphasis) is recorded so that it is left out
// of the comparison while offsets still point into the file.
// Refuses, with a reason: invalid UTF-8, binary data, a missing file, a directory, an
// empty document (unless allowed).
#pragma once

#include <optional>
#include <string>

#include "accordiff/document.hpp"
#include "accordiff/error.hpp"

namespace accordiff {

struct read_options {
  std::optional<format> fmt;  ///< forced format; otherwise from the extension
  bool allow_empty = false;   ///< accept a document with no text
};

/// Reads a file ("-" reads standard input).
[[nodiscard]] result<document> read_file(const std::string& path, const read_options& opts = {});

/// Reads a document from bytes already in memory; `name` is used in errors and reports.
[[nodiscard]] result<document> read_bytes(std::string bytes, std::string name,
                                          const read_options& opts = {});

}  // namespace accordiff
