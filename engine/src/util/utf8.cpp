#include "util/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace accordiff::detail {

namespace {

#if defined(__SSE2__)
// The first position from `i` on that sixteen bytes at a time do not vouch for: blocks of
// ASCII and two-byte sequences (Latin letters: the bulk of text in Spanish, French or
// German, where the byte-at-a-time decoding was the cost) are checked whole, each lead
// (C2 to DF) followed by one continuation (80 to BF) and each continuation preceded by a
// lead, across the blocks' edges too. Returns a character's first byte.
std::size_t skip_valid_blocks(const unsigned char* p, std::size_t i, std::size_t n) {
  // (bytes compared as signed: 80..BF are -128..-65, C2..DF are -62..-33)
  const __m128i below_c0 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i above_c1 = _mm_set1_epi8(static_cast<char>(0xC1));
  const __m128i below_e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  unsigned carry = 0;  // the block before ended with a lead
  // whether block x (at i) holds ASCII and whole two-byte sequences only; sets carry
  auto latin = [&](__m128i x) {
    const auto high = static_cast<unsigned>(_mm_movemask_epi8(x));
    const auto cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(below_c0, x)));
    const auto lead = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, above_c1), _mm_cmpgt_epi8(below_e0, x))));
    const bool ok = (high & ~(cont | lead)) == 0 && (((lead << 1U) | carry) & 0xFFFFU) == cont;
    carry = ok ? lead >> 15U : carry;
    return ok;
  };
  auto block = [p](std::size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
  };
  // 64 bytes at a time: ASCII in one test (English text), else block by block without a
  // branch but where one fails (a test per block mispredicted on text that mixes them)
  for (; i + 64 <= n; i += 64) {
    const __m128i a = block(i), b = block(i + 16), c = block(i + 32), d = block(i + 48);
    if (carry == 0 && _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) == 0)
      continue;
    if (!latin(a)) return i - carry;
    if (!latin(b)) return i + 16 - carry;
    if (!latin(c)) return i + 32 - carry;
    if (!latin(d)) return i + 48 - carry;
  }
  for (; i + 16 <= n; i += 16)
    if (!latin(block(i))) break;
  return i - carry;
}
#endif

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    i = skip_valid_blocks(p, i, n);
#else
    // ASCII fast path, eight bytes at a time, then straight to the first byte that is not
    // (little-endian: the lowest set high bit is the first such byte)
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (const std::uint64_t high = w & 0x8080808080808080ULL; high != 0) {
        if constexpr (std::endian::native == std::endian::little)
          i += static_cast<std::size_t>(__builtin_ctzll(high)) / 8;
        break;
      }
      i += 8;
    }
#endif
    // one character at a time over the next sixteen bytes (a block the fast path left:
    // three- and four-byte sequences, or an error to find)
    for (const std::size_t stop = std::min(n, i + 16); i < stop;) {
      const unsigned char c = p[i];
      if (c < 0x80) {
        ++i;
        continue;
      }
      std::size_t len;
      std::uint32_t lo = 0x80, hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;  // overlong
        if (c == 0xED) hi = 0x9F;  // surrogates
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;  // overlong
        if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
      } else {
        return i;
      }
      if (i + len > n) return i;
      if (p[i + 1] < lo || p[i + 1] > hi) return i;
      for (std::size_t k = 2; k < len; ++k)
        if ((p[i + k] & 0xC0) != 0x80) return i;
      i += len;
    }
  }
  return std::string_view::npos;
}

bool is_space(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v':
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

}  // namespace accordiff::detail
