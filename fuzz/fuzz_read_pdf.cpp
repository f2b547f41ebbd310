// Fuzz target: the PDF reader (poppler's layout, then lines, running headers and footers,
// paragraphs, hyphenation).
#include <cstdint>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  accordiff::read_options o;
  o.fmt = accordiff::format::pdf;
  o.allow_empty = true;
  // poppler is a module of its own (read/pdf_module.hpp): without it every input would be
  // refused before poppler sees it, and the fuzzer would fuzz nothing
  static const bool loaded = [&o] {
    const auto r = accordiff::read_bytes("%PDF-1.4\n", "probe.pdf", o);
    return r || r.error().message.find("cannot read PDFs") == std::string::npos;
  }();
  ACCORDIFF_FUZZ_CHECK(loaded, "the PDF module (accordiff-pdf.so) cannot be loaded");
  (void)accordiff::fuzz::read(in, "doc.pdf", o);
  return 0;
}
