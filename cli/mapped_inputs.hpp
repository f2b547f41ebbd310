// Inputs read as mappings (read_options::map_file): a file that another program shrinks
// while accordiff reads it makes the pages past its new end unreadable, and reading one
// raises SIGBUS. That is said as any bad input is, in one line naming the file, with exit
// status 2 and no report half-written (the temporary file of write_atomically() removed).
#pragma once

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <string>

#include "accordiff/document.hpp"

namespace accordiff::cli {

namespace mapped_detail {

struct watched {
  std::atomic<const char*> begin{nullptr};
  std::atomic<const char*> end{nullptr};  // (the end of the mapping's last page)
  std::atomic<const char*> path{nullptr};
};
inline std::array<watched, 2> inputs;  // OLD and NEW
/// The temporary file write_atomically() is writing, if any.
inline std::atomic<const char*> partial_output{nullptr};

inline void say(const char* s) {
  std::size_t n = std::strlen(s);
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<std::size_t>(w);
  }
}

/// Whether a thread is saying the error (both cores may read past the end at once).
inline std::atomic<bool> saying{false};

// (async-signal-safe: atomics, write(2), unlink(2), pause(2), _exit(2))
inline void on_bus_error(int /*signal*/, siginfo_t* info, void* /*context*/) {
  if (saying.exchange(true)) {
    for (;;) ::pause();  // until the first one ends the process
  }
  const auto* at = static_cast<const char*>(info->si_addr);
  const char* path = nullptr;
  for (const watched& w : inputs) {
    const char* b = w.begin.load();
    if (b != nullptr && at >= b && at < w.end.load()) path = w.path.load();
  }
  if (const char* tmp = partial_output.load(); tmp != nullptr) ::unlink(tmp);
  say("accordiff: ");
  if (path != nullptr) {
    say(path);
  } else {  // (not yet known: while they are read) both
    const char* a = inputs[0].path.load();
    const char* b = inputs[1].path.load();
    say(a != nullptr ? a : "an input");
    if (b != nullptr) {
      say(" or ");
      say(b);
    }
  }
  say(": the file shrank while it was being read (changed by another program?)\n");
  ::_exit(2);
}

}  // namespace mapped_detail

/// Turns SIGBUS into the one-line error (once, before the inputs are read).
inline void handle_shrinking_inputs() {
  struct sigaction sa {};
  sa.sa_sigaction = mapped_detail::on_bus_error;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGBUS, &sa, nullptr);
}

/// Names the inputs in that error while it lives: both, until mapped() says where each
/// one's bytes are. The strings and documents given must outlive it.
class input_watch {
 public:
  input_watch(const std::string& old_path, const std::string& new_path) {
    mapped_detail::inputs[0].path.store(old_path.c_str());
    mapped_detail::inputs[1].path.store(new_path.c_str());
  }
  input_watch(const input_watch&) = delete;
  input_watch& operator=(const input_watch&) = delete;
  ~input_watch() {
    for (mapped_detail::watched& w : mapped_detail::inputs) {
      w.begin.store(nullptr);
      w.path.store(nullptr);
    }
  }
  /// Where input `slot` (0 OLD, 1 NEW) is mapped, if `d`'s bytes are a mapping.
  void mapped(std::size_t slot, const accordiff::document& d) {
    if (!d.bytes.mapped() || slot >= mapped_detail::inputs.size()) return;
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t n = d.bytes.size();
    const char* b = d.bytes.data();
    mapped_detail::watched& w = mapped_detail::inputs[slot];
    w.end.store(b + (page == 0 ? n : (n + page - 1) / page * page));
    w.begin.store(b);
  }
};

}  // namespace accordiff::cli
