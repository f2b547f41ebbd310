// Running the accordiff program from the end-to-end tests: the real binary with pipes (or
// a pseudo-terminal) on stdout and stderr, standard input from a file and an environment of
// its own. Shared by the CLI test programs.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace accordiff::cli_testing {

namespace fs = std::filesystem;

inline const fs::path kBinary = ACCORDIFF_BINARY;

struct run_result {
  int status = -1;  // exit status; 128 + signal number when killed by a signal
  std::string out;  // standard output (empty when it went to a file)
  std::string err;  // standard error
};

// How standard output is set up, beyond the default pipe.
struct run_extra {
  bool stdout_tty = false;  // a pseudo-terminal, so that isatty(1) holds in the child
  std::string stdout_file;  // this file instead of a pipe (then not captured)
  std::string cwd;          // working directory of the child (default: ours)
};

inline run_extra on_tty() {
  run_extra e;
  e.stdout_tty = true;
  return e;
}

inline run_extra to_file(const std::string& path) {
  run_extra e;
  e.stdout_file = path;
  return e;
}

inline run_extra in_dir(const fs::path& dir) {
  run_extra e;
  e.cwd = dir.string();
  return e;
}

// A small, fixed environment: no NO_COLOR, a colour-capable terminal type.
inline std::vector<std::string> base_env() {
  return {"PATH=/usr/local/bin:/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8"};
}

inline std::vector<std::string> env_with(const std::string& var) {
  auto env = base_env();
  env.push_back(var);
  return env;
}

// Reads `fd` until end of file (or EIO, what a pseudo-terminal master gives when the last
// slave is closed), appending to `into`. Returns false once the descriptor is done.
inline bool drain(int fd, std::string& into) {
  char buf[8192];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    into.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  return false;
}

// Opens a pseudo-terminal in raw output mode (no "\n" -> "\r\n"), the master for us and
// the slave for the child's standard output.
inline bool open_pty(int& master, int& slave) {
  master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) return false;
  const char* name = ::ptsname(master);
  if (name == nullptr) return false;
  slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) return false;
  termios t{};
  if (::tcgetattr(slave, &t) == 0) {
    t.c_oflag &= ~static_cast<tcflag_t>(OPOST);
    ::tcsetattr(slave, TCSANOW, &t);
  }
  return true;
}

// Runs accordiff with `args`, standard input from `stdin_path`, exactly the environment
// `env`; captures standard output and standard error separately.
inline run_result run(const std::vector<std::string>& args,
                      const std::string& stdin_path = "/dev/null",
                      const std::vector<std::string>& env = base_env(),
                      const run_extra& extra = {}) {
  run_result r;
  // Everything the child needs is prepared before fork().
  std::vector<std::string> argv_s{kBinary.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int in_fd = ::open(stdin_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) {
    ADD_FAILURE() << "cannot open " << stdin_path << ": " << std::strerror(errno);
    return r;
  }
  int out_r = -1, out_w = -1, err_p[2] = {-1, -1};
  if (extra.stdout_tty) {
    if (!open_pty(out_r, out_w)) {
      ADD_FAILURE() << "cannot open a pseudo-terminal: " << std::strerror(errno);
      return r;
    }
  } else if (!extra.stdout_file.empty()) {
    out_w = ::open(extra.stdout_file.c_str(), O_WRONLY | O_CLOEXEC);
  } else {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) == 0) {
      out_r = p[0];
      out_w = p[1];
    }
  }
  if (out_w < 0 || ::pipe2(err_p, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "cannot set up standard output or error: " << std::strerror(errno);
    return r;
  }

  const pid_t pid = ::fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls from here on.
    if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(out_w, STDOUT_FILENO) < 0 ||
        ::dup2(err_p[1], STDERR_FILENO) < 0)
      ::_exit(126);
    if (!extra.cwd.empty() && ::chdir(extra.cwd.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_fd);
  ::close(out_w);
  ::close(err_p[1]);
  if (pid < 0) {
    ADD_FAILURE() << "fork: " << std::strerror(errno);
    if (out_r >= 0) ::close(out_r);
    ::close(err_p[0]);
    return r;
  }

  // Read both streams at once, so that neither pipe can fill up and block the child.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool out_open = out_r >= 0, err_open = true;
  while (out_open || err_open) {
    pollfd fds[2] = {{out_open ? out_r : -1, POLLIN, 0}, {err_open ? err_p[0] : -1, POLLIN, 0}};
    const int n = ::poll(fds, 2, 1000);
    if (n < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "accordiff did not finish within 60 s; killed";
      ::kill(pid, SIGKILL);
      break;
    }
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) out_open = drain(out_r, r.out);
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      err_open = drain(err_p[0], r.err);
  }
  if (out_r >= 0) ::close(out_r);
  ::close(err_p[0]);
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

// Starts accordiff with `args` and returns at once: standard input from /dev/null,
// standard output and error to `log` (appended). -1 when it could not be started.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& log = "/dev/null",
                   const std::vector<std::string>& env = base_env()) {
  std::vector<std::string> argv_s{kBinary.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  const int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (in_fd < 0 || out_fd < 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0 ||
        ::dup2(out_fd, STDERR_FILENO) < 0)
      ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_fd);
  ::close(out_fd);
  return pid;
}

// Waits for a spawned process: its exit status, or 128 + the signal that ended it.
inline int wait_for(pid_t pid) {
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

}  // namespace accordiff::cli_testing
