// Fuzz target: the PDF reader (poppler's layout, then lines, running headers and footers,
// paragraphs, hyphenation).
#include <cstdint>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  accordiff::read_options o;
  o.fmt = accordiff::format::pdf;
  o.allow_empty = true;
  (void)accordiff::fuzz::read(in, "doc.pdf", o);
  return 0;
}
