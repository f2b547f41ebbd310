// Inputs read as mappings (read_options::map_file) are the files as they are while
// accordiff runs. One that another program shrinks makes the pages past its new end
// unreadable, and reading one raises SIGBUS; one rewritten in place changes under the
// comparison. Both are said as any bad input is, in one line naming the file with exit
// status 2: the first from the signal (a report being written to a file, -o, is removed
// with its temporary; one on standard output is cut short), the second from a check of
// the file's identity, size and modification time once the report is written, before it
// replaces the -o file.
#pragma once

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>

#include "accordiff/read.hpp"

namespace accordiff::cli {

namespace mapped_detail {

static_assert(std::atomic<std::uintptr_t>::is_always_lock_free);
static_assert(std::atomic<const char*>::is_always_lock_free);

struct watched {
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};  // (the end of the mapping's last page)
  std::atomic<const char*> path{nullptr};
};
inline std::array<watched, 2> inputs;  // OLD and NEW
/// The temporary file write_atomically() is writing, if any.
inline std::atomic<const char*> partial_output{nullptr};
/// Whether a thread is saying the error (both cores may read past the end at once).
inline std::atomic<bool> saying{false};

inline void say(const char* s) {
  std::size_t n = std::strlen(s);
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<std::size_t>(w);
  }
}

// The signal's default action, which then ends the process as it would have.
inline void as_by_default(int signal) {
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  ::sigaction(signal, &sa, nullptr);
}

// (async-signal-safe: atomics, sigaction(2), kill(2), write(2), unlink(2), pause(2),
// _exit(2))
inline void on_bus_error(int signal, siginfo_t* info, void* /*context*/) {
  // sent by a process (kill -BUS), not a fault: as it would be without this handler
  if (info->si_code <= 0) {
    as_by_default(signal);
    ::kill(::getpid(), signal);
    return;
  }
  const auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
  const char* path = nullptr;
  for (const watched& w : inputs) {
    const std::uintptr_t b = w.begin.load();
    if (b != 0 && at >= b && at < w.end.load()) path = w.path.load();
  }
  // another mapping's fault: as without this handler (the fault comes again, and ends
  // the process by the default action)
  if (path == nullptr) {
    as_by_default(signal);
    return;
  }
  if (saying.exchange(true)) {
    for (;;) ::pause();  // until the first one ends the process
  }
  if (const char* tmp = partial_output.load(); tmp != nullptr) ::unlink(tmp);
  say("accordiff: ");
  say(path);
  say(": the file shrank while it was being read (changed by another program?), or could "
      "not be read\n");
  ::_exit(2);
}

}  // namespace mapped_detail

/// Turns the SIGBUS of a watched mapping into the one-line error (once, before the inputs
/// are read).
inline void handle_shrinking_inputs() {
  struct sigaction sa {};
  sa.sa_sigaction = mapped_detail::on_bus_error;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGBUS, &sa, nullptr);
}

/// Watches the mapped inputs while it lives: on_map(slot) goes in the read_options of
/// input `slot` (0 OLD, 1 NEW); changed() tells whether one changed since it was mapped.
class input_watch {
 public:
  input_watch() = default;
  input_watch(const input_watch&) = delete;
  input_watch& operator=(const input_watch&) = delete;
  ~input_watch() {
    for (mapped_detail::watched& w : mapped_detail::inputs) {
      w.begin.store(0);
      w.path.store(nullptr);
    }
  }

  /// What read_file() calls once input `slot` is mapped (from the thread that reads it).
  [[nodiscard]] std::function<void(const accordiff::mapped_file&)> on_map(std::size_t slot) {
    return [this, slot](const accordiff::mapped_file& f) {
      if (slot >= files_.size()) return;
      files_[slot] = {std::string(f.path), f.device, f.inode, f.size, f.modified_ns, true};
      const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
      const auto b = reinterpret_cast<std::uintptr_t>(f.bytes.data());
      const std::size_t n = f.bytes.size();
      mapped_detail::watched& w = mapped_detail::inputs[slot];
      w.path.store(files_[slot].path.c_str());
      w.end.store(b + (page == 0 ? n : (n + page - 1) / page * page));
      w.begin.store(b);
    };
  }

  /// The path of the first input mapped that is no longer the file it was (another file
  /// in its place, another size or modification time), or "" when none is.
  [[nodiscard]] std::string changed() const {
    for (const file& f : files_) {
      if (!f.mapped) continue;
      struct stat st {};
      if (::stat(f.path.c_str(), &st) != 0 || static_cast<std::uint64_t>(st.st_dev) != f.device ||
          static_cast<std::uint64_t>(st.st_ino) != f.inode ||
          static_cast<std::uint64_t>(st.st_size) != f.size ||
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec !=
              f.modified_ns)
        return f.path;
    }
    return "";
  }

 private:
  struct file {
    std::string path;
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t modified_ns = 0;
    bool mapped = false;
  };
  std::array<file, 2> files_;
};

/// The error of an input that changed while it was read.
inline constexpr const char* kChangedWhileRead =
    "the file changed while it was being read (rewritten by another program?); run again";

}  // namespace accordiff::cli
