// Comparing short runs of bytes without a call: most words are a few bytes long, and the
// library's memcmp costs a call and its dispatch each time (a lookup per token of both
// documents).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace accordiff::detail {

/// Whether the `n` bytes at `a` and at `b` are the same.
[[nodiscard]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {  // two words, overlapping when n < 16
    std::uint64_t a0 = 0, b0 = 0, a1 = 0, b1 = 0;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    std::uint32_t a0 = 0, b0 = 0, a1 = 0, b1 = 0;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

}  // namespace accordiff::detail
