// Stage 1, read, internals: the boundary between the PDF reader (pdf.cpp) and poppler.
//
// poppler and the libraries it pulls in (freetype, fontconfig, NSS, lcms, openjpeg, tiff,
// webp, …: 24 of the program's 37) cost every start of the program 4 MiB of memory and
// 3-4 ms of loading and relocation, though most comparisons read no PDF. So the few calls
// into poppler live in a module of their own (pdf_poppler.cpp, built as accordiff-pdf.so
// beside the program), loaded the first time a PDF is read: every other run never loads
// poppler. Both sides are built together by this project, with the same compiler and
// standard library, so C++ types cross the boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace accordiff::detail::pdf {

/// A run of text as poppler lays it out: its UTF-8 (as poppler gives it, not yet checked),
/// its box in points from the page's top left, whether poppler puts a space after it.
struct word {
  std::string text;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  bool space_after = false;
};

/// Handed to the reader page after page (a page's words are its own to take until the
/// next call). It returns false to stop the reading (the reader knows why).
struct page_sink {
  virtual ~page_sink() = default;
  virtual bool page(double width, double height, word* words, std::size_t count) = 0;
};

/// What the module is asked: the bytes of a PDF (checked for its header already) and the
/// limits; and what it answers: an empty string when every page was handed to `sink`, or
/// the reason the file cannot be read ("corrupt PDF: …", "encrypted PDF …", "PDF of 6,000
/// pages …"), to be reported with the file's name.
struct request {
  std::uint32_t abi = 0;  // kAbi of the program: the module refuses another's
  const char* data = nullptr;
  std::size_t size = 0;
  int max_pages = 0;                 // more pages: refused
  std::uint64_t max_text_bytes = 0;  // more text (words and a byte each): refused
  page_sink* sink = nullptr;
  std::string error;
};

/// The one function the module exports (extern "C", by this name), and its type. The
/// version in the name changes with `request`, `word` or `page_sink`; kAbi, which the
/// module checks, changes with their sizes too (a program copied elsewhere falls back on
/// the module of the build it came from, which may be newer).
inline constexpr const char* kExtractSymbol = "accordiff_pdf_extract_v2";
inline constexpr auto kAbi =
    static_cast<std::uint32_t>((std::size_t{2} << 24U) | (sizeof(request) << 12U) | sizeof(word));
using extract_fn = void (*)(request* r);

/// The module's file name, looked for beside the running program first, then where this
/// build put it (ACCORDIFF_PDF_MODULE_PATH).
inline constexpr const char* kModuleName = "accordiff-pdf.so";

}  // namespace accordiff::detail::pdf
