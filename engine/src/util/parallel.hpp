// Two pieces of work at once, one on each core (internal).
#pragma once

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

}  // namespace accordiff::detail
