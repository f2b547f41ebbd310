// Sorting (internal): hashes with their indexes, and the ids of a bag.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace accordiff::detail {

using hashed = std::pair<std::uint64_t, std::uint32_t>;  // a hash and an index

/// The pairs (hashes[i], i) of the indexes i that `keep(i)`, sorted as std::sort sorts
/// them (by hash, then index); faster where the hashes are spread over their 64 bits, as
/// fingerprints are: they are dealt straight into about n/4 buckets by their top bits, then
/// each bucket of a few is sorted (hundreds of thousands of sentences' fingerprints: a
/// comparison sort was a third of the sentences' alignment at 50 MB), with no array beside
/// the one made. Any hashes come out sorted; hashes bunched together (one sentence
/// repeated) cost what std::sort does.
template <class Keep>
[[nodiscard]] std::vector<hashed> sorted_hashes(const std::vector<std::uint64_t>& hashes,
                                                Keep keep) {
  std::size_t n = 0;
  for (std::uint32_t i = 0; i < hashes.size(); ++i) n += keep(i) ? 1 : 0;
  std::vector<hashed> out(n);
  if (n < 1024) {
    std::size_t k = 0;
    for (std::uint32_t i = 0; i < hashes.size(); ++i)
      if (keep(i)) out[k++] = {hashes[i], i};
    std::sort(out.begin(), out.end());
    return out;
  }
  unsigned bits = 1;
  while ((std::size_t{1} << bits) < n / 4 && bits < 20) ++bits;
  const unsigned shift = 64 - bits;
  // (where each bucket starts, then where its next pair goes)
  std::vector<std::uint32_t> next((std::size_t{1} << bits) + 1, 0);
  for (std::uint32_t i = 0; i < hashes.size(); ++i)
    if (keep(i)) ++next[(hashes[i] >> shift) + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  for (std::uint32_t i = 0; i < hashes.size(); ++i)
    if (keep(i)) out[next[hashes[i] >> shift]++] = {hashes[i], i};
  // (next[b] is now where bucket b ends, and so where b + 1 starts)
  for (std::size_t b = 0, from = 0; b + 1 < next.size(); from = next[b++])
    if (next[b] - from > 1)
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(from),
                out.begin() + static_cast<std::ptrdiff_t>(next[b]));
  return out;
}

/// Walks two sorted arrays together: `f(x, x1, y, y1)` for each hash both hold, where
/// a[x, x1) and b[y, y1) are the pairs that hold it.
template <class F>
void for_each_shared(const std::vector<hashed>& a, const std::vector<hashed>& b, F f) {
  for (std::size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x].first < b[y].first) {
      ++x;
    } else if (b[y].first < a[x].first) {
      ++y;
    } else {
      const std::uint64_t h = a[x].first;
      std::size_t x1 = x + 1, y1 = y + 1;
      while (x1 < a.size() && a[x1].first == h) ++x1;
      while (y1 < b.size() && b[y1].first == h) ++y1;
      f(x, x1, y, y1);
      x = x1;
      y = y1;
    }
  }
}

/// The pairs (hashes[i], i), sorted.
[[nodiscard]] inline std::vector<hashed> sorted_hashes(const std::vector<std::uint64_t>& hashes) {
  return sorted_hashes(hashes, [](std::uint32_t) { return true; });
}

/// (sort_ids() from kMinCounted to kMaxCounted ids)
inline constexpr std::size_t kMinCounted = 10, kMaxCounted = 96;
void sort_ids_counted(std::span<std::uint32_t> ids);

/// Ids sorted as std::sort sorts them. A bag of a sentence or a clause (ten to a hundred
/// ids) without a branch on the ids: each one's place is how many of the others are below
/// it (a count the compiler makes four at a time), ids that are equal land on one place and
/// the places after it, left empty, take the id before them. std::sort's comparisons are a
/// coin toss for the branch predictor on ids in no order: sorting the bags of the sentences
/// was 6.5% of the time of a 10 MB pair. In a microbenchmark (bags of a skewed vocabulary,
/// two runs) this took 40 to 60% of std::sort's time from 16 ids to 64, 50 to 80% at 96;
/// fewer than 10 or more than 96 go to std::sort (its insertion sort, or the count's n * n).
/// The count is eight ids at a time where the processor has AVX2 (GCC on x86-64: chosen
/// when the program is loaded), four elsewhere: sort_ids_counted(), in sort.cpp.
inline void sort_ids(std::span<std::uint32_t> ids) {
  const std::size_t n = ids.size();
  if (n < kMinCounted || n > kMaxCounted) {
    std::sort(ids.begin(), ids.end());
    return;
  }
  sort_ids_counted(ids);
}

}  // namespace accordiff::detail
