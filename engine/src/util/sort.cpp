#include "util/sort.hpp"

namespace accordiff::detail {

// GCC on x86-64 builds it for AVX2 as well, the build picked when the program is loaded
// (clang before 18 gives the clones names other files cannot call: the plain build there)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define ACCORDIFF_AVX2_TOO [[gnu::target_clones("avx2", "default")]]
#else
#define ACCORDIFF_AVX2_TOO
#endif

ACCORDIFF_AVX2_TOO void sort_ids_counted(std::span<std::uint32_t> ids) {
  const std::size_t n = ids.size();
  std::array<std::uint32_t, kMaxCounted> was;  // (set up to n)
  std::copy(ids.begin(), ids.end(), was.begin());
  std::fill(ids.begin(), ids.end(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t x = was[i];
    std::uint32_t below = 0;
    for (std::size_t j = 0; j < n; ++j) below += was[j] < x ? 1 : 0;
    ids[below] = x;
  }
  for (std::size_t i = 1; i < n; ++i) ids[i] = std::max(ids[i], ids[i - 1]);
}

}  // namespace accordiff::detail
