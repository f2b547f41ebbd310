// Sorting hashes with their indexes (internal).
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace accordiff::detail {

using hashed = std::pair<std::uint64_t, std::uint32_t>;  // a hash and an index

/// Sorts `v` as std::sort sorts it (by hash, then index), faster where the hashes are
/// spread over their 64 bits, as fingerprints are: they are dealt into about n/4 buckets by
/// their top bits, then each bucket of a few is sorted (hundreds of thousands of sentences'
/// fingerprints: a comparison sort was a third of the sentences' alignment at 50 MB). Any
/// hashes come out sorted; hashes bunched together (one sentence repeated) cost what
/// std::sort does.
inline void sort_hashed(std::vector<hashed>& v) {
  const std::size_t n = v.size();
  if (n < 1024) {
    std::sort(v.begin(), v.end());
    return;
  }
  unsigned bits = 1;
  while ((std::size_t{1} << bits) < n / 4 && bits < 20) ++bits;
  const unsigned shift = 64 - bits;
  std::vector<std::uint32_t> first((std::size_t{1} << bits) + 1, 0);
  for (const hashed& x : v) ++first[(x.first >> shift) + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<hashed> out(n);
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (const hashed& x : v) out[next[x.first >> shift]++] = x;
  }
  for (std::size_t b = 0; b + 1 < first.size(); ++b)
    if (first[b + 1] - first[b] > 1)
      std::sort(out.begin() + first[b], out.begin() + first[b + 1]);
  v.swap(out);
}

/// The pairs (hashes[i], i), sorted.
[[nodiscard]] inline std::vector<hashed> sorted_hashes(const std::vector<std::uint64_t>& hashes) {
  std::vector<hashed> out(hashes.size());
  for (std::uint32_t i = 0; i < hashes.size(); ++i) out[i] = {hashes[i], i};
  sort_hashed(out);
  return out;
}

}  // namespace accordiff::detail
