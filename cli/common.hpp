// What every command of the CLI shares: exit codes, the one-line error, atomic output.
#pragma once

#include <boost/program_options.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "accordiff/accordiff.hpp"
#include "mapped_inputs.hpp"

// Built with AddressSanitizer (gcc says so with a macro, clang with __has_feature).
#if defined(__SANITIZE_ADDRESS__)
#define ACCORDIFF_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ACCORDIFF_SANITIZED 1
#endif
#endif

namespace accordiff::cli {

/// A command ends the process: what it holds at the end (a comparison of two 50 MB
/// documents is millions of small allocations, a tenth of its run time to free one by one)
/// is left to the operating system. Under the sanitizers it is freed as usual, so that a
/// leak is still found.
template <class T>
void keep_until_exit(T& value) {
#ifndef ACCORDIFF_SANITIZED
  [[maybe_unused]] static T* kept = nullptr;  // reachable, not lost, for valgrind
  kept = new T(std::move(value));
#else
  (void)value;
#endif
}

inline constexpr int kNoChange = 0;
inline constexpr int kChanged = 1;
inline constexpr int kTrouble = 2;

inline int trouble(const std::string& context, const std::string& reason) {
  std::cerr << "accordiff: " << (context.empty() ? "" : context + ": ") << reason << "\n";
  return kTrouble;
}

inline int trouble(const accordiff::error& e) { return trouble(e.context, e.message); }

/// Parses `args` against `opts`; the words that are not options go to `files`. On a bad
/// command line, the exit status to return (after the one-line message).
inline std::optional<int> parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& opts,
    const std::string& command, std::vector<std::string>& files,
    boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("files", po::value(&files));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("files", -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return trouble("", std::string(e.what()) + " (see 'accordiff " + command + " --help')");
  }
  return std::nullopt;
}

/// Input format from --format-old/--format-new ("auto" or empty: by content and extension).
inline std::optional<accordiff::format> input_format(const std::string& name,
                                                     const std::string& opt, std::string& err) {
  if (name.empty() || name == "auto") return std::nullopt;
  if (name == "text" || name == "txt") return accordiff::format::text;
  if (name == "markdown" || name == "md") return accordiff::format::markdown;
  if (name == "html" || name == "htm") return accordiff::format::html;
  if (name == "pdf") return accordiff::format::pdf;
  err = opt + ": unknown input format '" + name + "' (auto, text, markdown, html, pdf)";
  return std::nullopt;
}

// Writes a report to `path` through a temporary file in the same folder and a rename, so
// that a reader never sees half a report and a failure leaves nothing behind. A device or
// a pipe (-o /dev/null, a FIFO) is written in place: a rename would replace the device.
template <class Writer>
bool write_atomically(const std::string& path, Writer&& write, std::string& err) {
  namespace fs = std::filesystem;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    std::ofstream out(path, std::ios::binary);
    write(out);
    out.flush();
    if (!out) err = std::strerror(errno);
    return static_cast<bool>(out);
  }
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) {
    err = std::strerror(errno);
    return false;
  }
  const std::string tmp(buf.data());
  // (removed by the error of an input that shrinks while the report is written)
  mapped_detail::partial_output.store(tmp.c_str());
  struct forget {
    ~forget() { mapped_detail::partial_output.store(nullptr); }
  } forget_tmp;
  // mkstemp creates the file 0600; give it the mode a plain open() would have.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    write(out);
    out.flush();
    if (!out) {
      err = std::strerror(errno != 0 ? errno : EIO);
      ::unlink(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

// NO_COLOR (no-color.org): set to a non-empty value, it turns colours off.
inline bool no_color() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}

int compare_command(const std::vector<std::string>& args);
int extract_command(const std::vector<std::string>& args);
int series_command(const std::vector<std::string>& args);
int track_command(const std::vector<std::string>& args);
int history_command(const std::vector<std::string>& args);
int show_command(const std::vector<std::string>& args);
int similar_command(const std::vector<std::string>& args);

}  // namespace accordiff::cli
