// Fuzz target: the text and Markdown readers, encoding detection included. The first
// byte picks the options: bit 0 Markdown, bit 1 --allow-empty, bits 2-3 a forced
// encoding (none, windows-1252, utf-16le, iso-8859-15).
#include <cstdint>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t opt = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  accordiff::read_options o;
  o.fmt = (opt & 1) != 0 ? accordiff::format::markdown : accordiff::format::text;
  o.allow_empty = (opt & 2) != 0;
  static const char* const kEncodings[] = {"", "windows-1252", "utf-16le", "iso-8859-15"};
  o.encoding = kEncodings[(opt >> 2) & 3];
  (void)accordiff::fuzz::read(in, (opt & 1) != 0 ? "in.md" : "in.txt", o);
  return 0;
}
