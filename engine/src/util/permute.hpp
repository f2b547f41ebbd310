// Reordering large arrays in place (internal).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace accordiff::detail {

/// Makes items[k] what items[order[k]] was, for every k, following the permutation cycle by
/// cycle: no second array of items (commitments and groups are a few hundred bytes each, and
/// a long document has hundreds of thousands). `order` must be a permutation of 0..n-1; it
/// is left as the identity.
template <class T, class Index>
void permute_in_place(std::vector<T>& items, std::vector<Index>& order) {
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (static_cast<std::size_t>(order[k]) == k) continue;
    T held = std::move(items[k]);
    std::size_t at = k;
    while (static_cast<std::size_t>(order[at]) != k) {
      const auto from = static_cast<std::size_t>(order[at]);
      items[at] = std::move(items[from]);
      order[at] = static_cast<Index>(at);
      at = from;
    }
    items[at] = std::move(held);
    order[at] = static_cast<Index>(at);
  }
}

}  // namespace accordiff::detail
