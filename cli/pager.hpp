// Paging long reports, as git does: when standard output is a terminal and the report is
// longer than the terminal is high, it goes through $ACCORDIFF_PAGER, else $PAGER, else
// "less -R"; with LESS=FRX unless LESS is set (pass colours through, leave the screen as
// it is) and LV=-c. An empty pager or "cat" means no pager. Never pages when standard
// output is not a terminal, or when the terminal's height is unknown.
#pragma once

#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

namespace accordiff::cli {

/// The pager command to use, or "" for none.
inline std::string pager_command() {
  for (const char* var : {"ACCORDIFF_PAGER", "PAGER"}) {
    const char* v = std::getenv(var);
    if (v == nullptr) continue;
    const std::string cmd(v);
    return cmd == "cat" ? std::string() : cmd;
  }
  return "less -R";
}

/// Columns of the terminal: $COLUMNS, else the width of the terminal on standard output,
/// else `fallback`.
inline int terminal_width(int fallback) {
  if (const char* v = std::getenv("COLUMNS"); v != nullptr && *v != '\0') {
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end != nullptr && *end == '\0' && n > 0 && n < 10000) return static_cast<int>(n);
  }
  winsize ws{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return fallback;
}

/// Lines of the terminal on standard output: $LINES, else its height; 0 when unknown.
inline int terminal_rows() {
  if (const char* v = std::getenv("LINES"); v != nullptr && *v != '\0') {
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end != nullptr && *end == '\0' && n > 0 && n < 100000) return static_cast<int>(n);
  }
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_row;
  return 0;
}

/// While alive, standard output goes to the pager; the destructor closes the pipe and
/// waits for the pager to quit, so that the shell's prompt comes after it.
class pager {
 public:
  pager() = default;
  pager(const pager&) = delete;
  pager& operator=(const pager&) = delete;
  ~pager() { finish(); }

  /// Starts the pager when standard output is a terminal and a pager is set. Returns
  /// whether output now goes to it.
  bool start() {
    if (!::isatty(STDOUT_FILENO)) return false;
    const std::string cmd = pager_command();
    if (cmd.empty()) return false;
    int fds[2];
    if (::pipe(fds) != 0) return false;
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      return false;
    }
    if (pid == 0) {
      ::dup2(fds[0], STDIN_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::setenv("LESS", std::getenv("LESS") != nullptr ? std::getenv("LESS") : "FRX", 1);
      ::setenv("LV", std::getenv("LV") != nullptr ? std::getenv("LV") : "-c", 1);
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[0]);
    saved_ = ::dup(STDOUT_FILENO);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[1]);
    // Quitting the pager early is no error: writes then fail with EPIPE, and are dropped.
    ::signal(SIGPIPE, SIG_IGN);
    pid_ = pid;
    return true;
  }

  [[nodiscard]] bool active() const { return pid_ > 0; }

  /// Writes a report to standard output: through the pager when `allowed`, standard
  /// output is a terminal, a pager is set and the report has more lines than the
  /// terminal; directly otherwise. The report is built in memory only in the first case.
  template <class Writer>
  void write(Writer&& report, bool allowed) {
    if (!allowed || !::isatty(STDOUT_FILENO) || pager_command().empty()) {
      report(std::cout);
      return;
    }
    std::ostringstream buf;
    report(buf);
    const std::string text = std::move(buf).str();
    const auto lines = static_cast<long>(std::count(text.begin(), text.end(), '\n'));
    const int rows = terminal_rows();
    if (rows > 0 && lines >= rows) start();
    std::cout << text;
  }

  void finish() {
    if (pid_ <= 0) return;
    std::cout.flush();
    std::cout.clear();
    // Give standard output back (the pager sees end of file), then wait for it.
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
    int st = 0;
    while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int saved_ = -1;
};

}  // namespace accordiff::cli
