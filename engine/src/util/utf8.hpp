// UTF-8 helpers shared by the stages (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace accordiff::detail {

/// Decodes the code point at `i` (which must start a valid sequence: documents are
/// validated when read) and advances `i` past it.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int n = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : 1;
  char32_t cp = b0 & (0x3F >> n);
  ++i;
  for (; n > 0 && i < s.size(); --n, ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

/// Length in bytes of the sequence starting with `b0`.
inline std::size_t sequence_length(unsigned char b0) {
  return b0 < 0x80 ? 1 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
}

/// Offset of the first byte that is not valid UTF-8, or npos. Rejects overlong forms,
/// surrogates and code points above U+10FFFF.
std::size_t find_invalid_utf8(std::string_view s);

/// White space as a reader sees it: ASCII blanks, NBSP and the Unicode space separators.
bool is_space(char32_t c);

}  // namespace accordiff::detail
