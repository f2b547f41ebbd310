// Stage 1, read, internals: the limits on inputs, decoding to UTF-8, and the readers of
// each format. read.cpp dispatches; encoding.cpp, html.cpp and pdf.cpp do the work.
//
// Every reader fills a document whose `bytes` is valid UTF-8 without NUL bytes and whose
// blocks are sorted, disjoint, trimmed spans of it; every non-blank byte of `bytes`
// outside the blocks is a separator the reader added (HTML, PDF), so that the spans of
// the blocks cover every non-blank byte of the text kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accordiff/document.hpp"
#include "accordiff/error.hpp"

namespace accordiff::detail {

// ---------------------------------------------------------------------------------------
// Limits. Past one, the input is refused (exit 2) with the limit named: every later stage
// is then known to run in bounded memory (about 15 times the text, measured on the
// benchmarks' 10 MB pairs: 150 MB) and near-linear time.

/// Largest input file (any format, before decoding). The largest official texts we know
/// (a consolidated code of law, a year of a gazette's index) are 10-30 MB of text; a PDF
/// carries fonts and images besides, hence the room.
inline constexpr std::uint64_t kMaxInputBytes = 256ull << 20;
/// Largest text compared (after decoding or extraction): 64 MiB keeps the engine's peak
/// memory near 1 GB (15 bytes per byte of text) on a shared 2-core machine.
inline constexpr std::uint64_t kMaxTextBytes = 64ull << 20;
/// Most paragraphs in one document. Every unit costs about 250 bytes across the pipeline
/// (a pair of documents of a million one-word paragraphs, 10 MB each, peaks at 1.1 GB),
/// so this keeps a comparison under 2 GB; a real document has thousands.
inline constexpr std::size_t kMaxBlocks = 1'500'000;
/// Most pages read from a PDF: 5,000 pages is a ten-volume report; past it the reader's
/// time (poppler lays out every page) would pass a minute.
inline constexpr int kMaxPdfPages = 5000;
/// Deepest nesting of HTML elements. gumbo's tree construction is quadratic in the depth
/// (measured: 20,000 nested <div> take 0.7 s, 100,000 take 38 s, and unclosed formatting
/// elements 300,000 deep overflow its stack); real pages stay under 100.
inline constexpr std::size_t kMaxHtmlDepth = 1000;

// ---------------------------------------------------------------------------------------
// Encodings (encoding.cpp)

struct decoded {
  text_bytes text;         ///< UTF-8 (the input itself where it is UTF-8)
  std::string encoding;    ///< "utf-8", "utf-16le", "windows-1252", … (lower case)
  bool converted = false;  ///< `text` is not the input's bytes (offsets: decoded)
};

/// Decodes `bytes` to UTF-8. `forced` (an ICU converter name) wins; then a byte order
/// mark; then, when `html`, a charset declared by a <meta> tag or an XML declaration;
/// then UTF-8 if valid; then Windows-1252 when the bytes look like Western text in it.
/// Anything else is refused with the reason: we never guess into mojibake.
[[nodiscard]] result<decoded> decode(text_bytes bytes, std::string_view forced, bool html,
                                     const std::string& name);

/// Whether the start of `bytes` (ASCII-compatible) looks like an HTML document; `strict`
/// asks for a doctype or an <html>/<head>/<body> tag (a Markdown file may start with a
/// <div>).
[[nodiscard]] bool looks_like_html(std::string_view bytes, bool strict);

/// Whether `bytes` starts like a PDF: "%PDF-" in its first 1,024 bytes (the PDF
/// specification lets junk come before it).
[[nodiscard]] bool looks_like_pdf(std::string_view bytes);

// ---------------------------------------------------------------------------------------
// Readers

/// HTML (html.cpp): reads `page` (UTF-8) into `doc`: bytes, blocks, source, source_map.
/// `select` names the main content ("tag", "#id", ".class"); "" finds it.
[[nodiscard]] result<void> read_html(document& doc, std::string page, std::string_view select);

/// PDF (pdf.cpp): extracts the text of `pdf` into `doc`: bytes and blocks.
[[nodiscard]] result<void> read_pdf(document& doc, std::string_view pdf);

}  // namespace accordiff::detail
