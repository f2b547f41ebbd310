// Byte loops the stages run over whole documents (internal): comparing short runs without
// a call (most words are a few bytes long, and the library's memcmp costs a call and its
// dispatch each time), and finding the next byte of a kind sixteen bytes at a time where
// SSE2 is (every x86-64), one at a time elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace accordiff::detail {

// Whether the first and the last sizeof(W) bytes of `a` and `b` (n of them, n >= sizeof(W))
// are the same: all n when n <= 2 sizeof(W), the two words overlapping.
template <class W>
[[nodiscard]] inline bool same_ends(const char* a, const char* b, std::size_t n) {
  W a0 = 0, b0 = 0, a1 = 0, b1 = 0;
  std::memcpy(&a0, a, sizeof(W));
  std::memcpy(&b0, b, sizeof(W));
  std::memcpy(&a1, a + n - sizeof(W), sizeof(W));
  std::memcpy(&b1, b + n - sizeof(W), sizeof(W));
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/// Whether the `n` bytes at `a` and at `b` are the same.
[[nodiscard]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) return same_ends<std::uint64_t>(a, b, n);
  if (n >= 4) return same_ends<std::uint32_t>(a, b, n);
  // one to three bytes: the first, the middle and the last are all of them (without a
  // branch a byte: most words are short, of every length)
  if (n == 0) return true;
  return ((a[0] ^ b[0]) | (a[n / 2] ^ b[n / 2]) | (a[n - 1] ^ b[n - 1])) == 0;
}

/// The first position in [i, n) of `s` whose byte is not ASCII (0x80 or more), or n.
[[nodiscard]] inline std::size_t first_non_ascii(const char* s, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    if (const int mask = _mm_movemask_epi8(x); mask != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
  return n;
}

/// The first position in [i, n) of `s` whose byte is `a`, `b` or `c`, or n.
[[nodiscard]] inline std::size_t first_of(const char* s, std::size_t i, std::size_t n, char a,
                                          char b, char c) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                                     _mm_cmpeq_epi8(x, vc));
    if (const int mask = _mm_movemask_epi8(hit); mask != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i)
    if (s[i] == a || s[i] == b || s[i] == c) return i;
  return n;
}

/// The first position in [i, n) of `s` whose byte is no ASCII letter or digit, or n.
[[nodiscard]] inline std::size_t first_non_alnum(const char* s, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  // (x - lo) <= span, unsigned, for each of the three ranges
  const __m128i a = _mm_set1_epi8('a'), upper_a = _mm_set1_epi8('A'), zero = _mm_set1_epi8('0');
  const __m128i letters = _mm_set1_epi8(25), digits = _mm_set1_epi8(9);
  auto within = [](__m128i x, __m128i lo, __m128i span) {
    const __m128i d = _mm_sub_epi8(x, lo);
    return _mm_cmpeq_epi8(_mm_min_epu8(d, span), d);
  };
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i alnum = _mm_or_si128(
        _mm_or_si128(within(x, a, letters), within(x, upper_a, letters)), within(x, zero, digits));
    if (const int mask = _mm_movemask_epi8(alnum) ^ 0xFFFF; mask != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i) {
    const char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return i;
  }
  return n;
}

/// Makes every '\n' and '\r' of the `n` bytes at `p` a space.
inline void line_ends_to_spaces(char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), space = _mm_set1_epi8(' ');
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i end = _mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, cr));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i),
                     _mm_or_si128(_mm_andnot_si128(end, x), _mm_and_si128(end, space)));
  }
#endif
  for (; i < n; ++i)
    if (p[i] == '\n' || p[i] == '\r') p[i] = ' ';
}

}  // namespace accordiff::detail
