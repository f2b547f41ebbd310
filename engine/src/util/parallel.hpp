// Two pieces of work at once, one on each core (internal).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <future>
#include <utility>

namespace accordiff::detail {

/// Runs here() on this thread while there() runs on another when `parallel`; else both
/// here, here() first. Returns once both are done; an exception of either is thrown from
/// here, after the other has finished (each may write into what the caller frees then).
template <class F, class G>
void at_once(bool parallel, F&& here, G&& there) {
  if (!parallel) {
    here();
    there();
    return;
  }
  auto other = std::async(std::launch::async, [&] { there(); });
  try {
    here();
  } catch (...) {
    other.wait();
    throw;
  }
  other.get();
}

/// Calls f(from, to) on runs of at most `run` items of [0, n), taking each next run from
/// `next`: the threads that call it with the same counter share the items, each run done
/// once, and end together whichever started or was slowed first.
template <class F>
void take_runs(std::atomic<std::size_t>& next, std::size_t n, std::size_t run, F&& f) {
  for (std::size_t k; (k = next.fetch_add(run, std::memory_order_relaxed)) < n;)
    f(k, std::min(n, k + run));
}

}  // namespace accordiff::detail
