// The document model: the bytes of one input and its blocks (paragraphs), as byte spans.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accordiff {

/// How the input is read.
enum class format { text, markdown };

[[nodiscard]] std::string_view to_string(format f);

/// A half-open byte range [start, end) into a document's bytes.
struct span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  [[nodiscard]] std::uint32_t size() const { return end - start; }
  friend bool operator==(const span&, const span&) = default;
};

/// A paragraph of the source: its span in the bytes (markup included, so that the spans
/// of all blocks cover every non-blank byte) and the markup ranges inside it, which are
/// not part of the compared text.
struct block {
  span where;
  std::vector<span> markup;
  friend bool operator==(const block&, const block&) = default;
};

/// One input as read: `bytes` are the file's bytes as given (a UTF-8 BOM and CR line
/// ends stay in place, so every offset in a report points into the file itself).
struct document {
  std::string path;   ///< as named on the command line ("-" for standard input)
  std::string bytes;  ///< the whole input
  format fmt = format::text;
  std::vector<block> blocks;
  [[nodiscard]] std::string_view text(span s) const {
    return std::string_view(bytes).substr(s.start, s.size());
  }
  friend bool operator==(const document&, const document&) = default;
};

}  // namespace accordiff
