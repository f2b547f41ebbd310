// The document model: the bytes of one input and its blocks (paragraphs), as byte spans.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accordiff {

/// How the input is read.
enum class format { text, markdown, html, pdf };

[[nodiscard]] std::string_view to_string(format f);

/// What the offsets of a report point into (JSON `offsets`): the input's own bytes
/// (UTF-8 text, Markdown, UTF-8 HTML), the input decoded to UTF-8 (another encoding), or
/// the text extracted from it (PDF).
enum class offset_base { input, decoded, extracted };

[[nodiscard]] std::string_view to_string(offset_base b);

/// A half-open byte range [start, end) into a document's bytes.
struct span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  [[nodiscard]] std::uint32_t size() const { return end - start; }
  [[nodiscard]] bool empty() const { return end == start; }
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

/// A run of a document's text and where it came from in its source (HTML: the page, as
/// UTF-8). Runs are sorted by `text`; each covers the text up to the next run. A copied
/// run maps byte for byte; any other (an entity, collapsed white space, a line break
/// for <br>) maps as a whole to its `size` source bytes.
struct source_run {
  std::uint32_t text = 0;    ///< first byte of the run in `document::bytes`
  std::uint32_t source = 0;  ///< first byte of its origin in `document::source`
  std::uint32_t size = 0;    ///< source bytes it came from
  bool copied = true;        ///< the text is the source bytes as they are
  friend bool operator==(const source_run&, const source_run&) = default;
};

/// The bytes of a document: a string of its own, or a read-only mapping of its file
/// (read_options::map_file), which is neither copied nor zero-filled first (a 50 MB file:
/// 30 ms less on one core). Read as a std::string_view; the byte after the last is
/// readable either way, as a std::string's is (a mapping's is NUL while the file is not
/// written to). Copies of a mapping share it.
class text_bytes {
 public:
  text_bytes() = default;
  text_bytes(std::string s) : own_(std::move(s)) {}  // NOLINT: a string is text_bytes
  text_bytes(const char* s) : own_(s) {}             // NOLINT
  /// `view`, mapped memory that `keep` keeps (its last byte followed by a readable NUL).
  text_bytes(std::shared_ptr<const void> keep, std::string_view view)
      : keep_(std::move(keep)), mapped_(view) {}
  operator std::string_view() const { return view(); }  // NOLINT: reads as a view
  [[nodiscard]] std::string_view view() const { return keep_ ? mapped_ : std::string_view(own_); }
  [[nodiscard]] const char* data() const { return view().data(); }
  [[nodiscard]] std::size_t size() const { return view().size(); }
  [[nodiscard]] bool empty() const { return view().empty(); }
  char operator[](std::size_t i) const { return view()[i]; }
  [[nodiscard]] int compare(std::size_t pos, std::size_t n, std::string_view s) const {
    return view().compare(pos, n, s);
  }
  /// Whether the bytes are a mapping of the file.
  [[nodiscard]] bool mapped() const { return keep_ != nullptr; }
  /// The string to build the text in: its own (a mapping is copied into it first).
  std::string& own() {
    if (keep_) {
      own_.assign(mapped_);
      keep_.reset();
      mapped_ = {};
    }
    return own_;
  }
  /// The bytes as a string (moved out of this when they are its own).
  [[nodiscard]] std::string release() && { return std::move(own()); }
  /// (the same bytes: another text_bytes, a string, a view; none copied)
  friend bool operator==(const text_bytes& a, const text_bytes& b) { return a.view() == b.view(); }
  friend bool operator==(const text_bytes& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const text_bytes& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const text_bytes& a, const char* b) { return a.view() == b; }

 private:
  std::string own_;
  std::shared_ptr<const void> keep_;
  std::string_view mapped_;
};

/// One input as read: `bytes` is the text that is compared, in UTF-8. For UTF-8 text and
/// Markdown it is the file's bytes as given (a UTF-8 BOM and CR line ends stay in place,
/// so every offset in a report points into the file itself); for another encoding, the
/// input decoded; for HTML, the text of the kept blocks (entities decoded, tags left out)
/// with `source` the page and `source_map` the way back; for PDF, the extracted text.
struct document {
  std::string path;  ///< as named on the command line ("-" for standard input)
  text_bytes bytes;  ///< the text compared, UTF-8
  format fmt = format::text;
  std::vector<block> blocks;
  std::string encoding = "utf-8";  ///< of the input ("utf-16le", "windows-1252", …; "" for PDF)
  offset_base offsets = offset_base::input;
  std::uint64_t input_size = 0;  ///< bytes of the input as read, before decoding or extraction
  std::string input_xxh3_128;    ///< XXH3-128 of those bytes, 32 hex digits ("": not read)
  std::string source;            ///< HTML: the page as UTF-8; empty for the other formats
  std::vector<source_run> source_map;  ///< HTML: how `bytes` maps back into `source`
  [[nodiscard]] std::string_view text(span s) const {
    return bytes.view().substr(s.start, s.size());
  }
  /// `s` (a span of `bytes`) as the report gives it: for HTML, the bytes of `source` it
  /// came from (tags inside it included); for the other formats `s` itself.
  [[nodiscard]] span source_span(span s) const;
  /// The text report's line numbers count lines of this: `source` when there is one.
  [[nodiscard]] std::string_view source_text() const {
    return source.empty() ? bytes.view() : std::string_view(source);
  }
  friend bool operator==(const document&, const document&) = default;
};

}  // namespace accordiff
