// Counting groups by kind, shared by the reporters (internal).
#pragma once

#include <cstddef>
#include <vector>

#include "accordiff/compare.hpp"

namespace accordiff::detail {

struct counts {
  std::size_t unchanged = 0, moved = 0, reworded = 0, split = 0, merged = 0, added = 0, dropped = 0;
  [[nodiscard]] std::size_t changes() const {
    return moved + reworded + split + merged + added + dropped;
  }
};

inline counts count(const std::vector<group>& groups) {
  counts n;
  for (const group& g : groups) {
    switch (g.k) {
      case kind::unchanged:
        ++n.unchanged;
        break;
      case kind::moved:
        ++n.moved;
        break;
      case kind::reworded:
        ++n.reworded;
        break;
      case kind::split:
        ++n.split;
        break;
      case kind::merged:
        ++n.merged;
        break;
      case kind::added:
        ++n.added;
        break;
      case kind::dropped:
        ++n.dropped;
        break;
    }
  }
  return n;
}

}  // namespace accordiff::detail
