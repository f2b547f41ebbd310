// Fuzz target: the HTML reader (gumbo, the content search, entities, the source map).
// The first byte picks --select (none, "main", "#content", ".article", "div.x#y") and
// whether the format is forced or sniffed; the rest is the page.
#include <cstdint>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t opt = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  accordiff::read_options o;
  static const char* const kSelect[] = {"", "main", "#content", ".article", "div.x#y", "", "", ""};
  o.select = kSelect[opt & 7];
  if ((opt & 8) == 0) o.fmt = accordiff::format::html;
  o.allow_empty = true;
  (void)accordiff::fuzz::read(in, "page.html", o);
  return 0;
}
