// The report formats of the real binary: -f html and -f markdown, the side-by-side view at
// the terminal's width, paging through $PAGER on a terminal (and never otherwise), and
// `accordiff schema`. Standard output is a pipe or a pseudo-terminal of a given size.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::string kBinary = ACCORDIFF_BINARY;
const fs::path kFixtures = ACCORDIFF_FIXTURES;
const std::string kOld = (kFixtures / "gis" / "es" / "old.txt").string();
const std::string kNew = (kFixtures / "gis" / "es" / "new.txt").string();

struct result {
  int status = -1;
  std::string out, err;
};

// Runs accordiff with exactly `env`; standard output is a pipe, or a pseudo-terminal of
// `cols` columns and `rows` lines when cols > 0.
result run(const std::vector<std::string>& args, std::vector<std::string> env, int cols = 0,
           int rows = 40) {
  result r;
  std::vector<std::string> argv_s{kBinary};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  env.push_back("PATH=/usr/local/bin:/usr/bin:/bin");
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int out_r = -1, out_w = -1, err_p[2];
  if (cols > 0) {
    out_r = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (out_r < 0 || ::grantpt(out_r) != 0 || ::unlockpt(out_r) != 0) return r;
    out_w = ::open(::ptsname(out_r), O_RDWR | O_NOCTTY | O_CLOEXEC);
    termios t{};
    ::tcgetattr(out_w, &t);
    t.c_oflag &= ~static_cast<tcflag_t>(OPOST);
    ::tcsetattr(out_w, TCSANOW, &t);
    winsize ws{};
    ws.ws_col = static_cast<unsigned short>(cols);
    ws.ws_row = static_cast<unsigned short>(rows);
    ::ioctl(out_w, TIOCSWINSZ, &ws);
  } else {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return r;
    out_r = p[0];
    out_w = p[1];
  }
  if (::pipe2(err_p, O_CLOEXEC) != 0) return r;
  const int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_fd, STDIN_FILENO);
    ::dup2(out_w, STDOUT_FILENO);
    ::dup2(err_p[1], STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_fd);
  ::close(out_w);
  ::close(err_p[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool out_open = true, err_open = true;
  char buf[8192];
  while (out_open || err_open) {
    pollfd fds[2] = {{out_open ? out_r : -1, POLLIN, 0}, {err_open ? err_p[0] : -1, POLLIN, 0}};
    if (::poll(fds, 2, 1000) < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "accordiff did not finish within 60 s";
      ::kill(pid, SIGKILL);
      break;
    }
    for (int k = 0; k < 2; ++k) {
      bool& open = k == 0 ? out_open : err_open;
      if (!open || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0)
        (k == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
      else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        open = false;  // a pseudo-terminal master gives EIO once the child is gone
    }
  }
  ::close(out_r);
  ::close(err_p[0]);
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Display columns of a line: escape sequences take none, each code point one (the
// fixtures have no wide characters).
int columns(const std::string& line) {
  int w = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == 0x1b) {
      while (i < line.size() && line[i] != 'm') ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80) ++w;
  }
  return w;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(formats, html_report_to_a_file) {
  const fs::path dir = fs::temp_directory_path() / ("accordiff-fmt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string out = (dir / "report.html").string();
  const result r = run({"compare", kOld, kNew, "-f", "html", "-o", out}, {});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  const std::string page = slurp(out);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(page.find("</html>\n"), std::string::npos);
  // The same bytes on standard output.
  EXPECT_EQ(run({"compare", kOld, kNew, "-f", "html"}, {}).out, page);
  fs::remove_all(dir);
}

TEST(formats, markdown_report_and_its_short_name) {
  const result r = run({"compare", kOld, kNew, "-f", "markdown"}, {});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.rfind("## accordiff: " + kOld + " \xE2\x86\x92 " + kNew, 0), 0u) << r.out;
  EXPECT_NE(r.out.find("### Commitments"), std::string::npos);
  EXPECT_NE(r.out.find("~~primera~~ **segunda**"), std::string::npos);
  EXPECT_EQ(run({"compare", kOld, kNew, "-f", "md"}, {}).out, r.out);
}

TEST(formats, unknown_format_names_every_format) {
  const result r = run({"compare", kOld, kNew, "-f", "xml"}, {});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "accordiff: --format: unknown report format 'xml' (text, json, markdown, html)\n");
}

TEST(formats, help_names_the_formats_and_options) {
  const result r = run({"compare", "--help"}, {});
  for (const char* s : {"markdown", "html", "--side-by-side", "--no-pager"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(side_by_side, fits_columns_from_the_environment) {
  for (int cols : {60, 80, 132}) {
    const result r =
        run({"compare", kOld, kNew, "--side-by-side"}, {"COLUMNS=" + std::to_string(cols)});
    EXPECT_EQ(r.status, 1);
    int widest = 0;
    for (const auto& line : lines_of(r.out)) {
      EXPECT_LE(columns(line), cols) << line;
      widest = std::max(widest, columns(line));
    }
    // Wide enough to use the room it has.
    EXPECT_GT(widest, cols - 10) << cols;
    EXPECT_NE(r.out.find("\xE2\x94\x82"), std::string::npos);
  }
}

TEST(side_by_side, defaults_to_100_columns_off_a_terminal) {
  const result r = run({"compare", kOld, kNew, "--side-by-side"}, {});
  int widest = 0;
  for (const auto& line : lines_of(r.out)) widest = std::max(widest, columns(line));
  EXPECT_LE(widest, 100);
  EXPECT_GT(widest, 90);
}

TEST(side_by_side, fits_the_terminal_it_writes_to) {
  const result r = run({"compare", kOld, kNew, "--side-by-side", "--no-pager"}, {}, 72);
  EXPECT_EQ(r.status, 1);
  int widest = 0;
  for (const auto& line : lines_of(r.out)) {
    EXPECT_LE(columns(line), 72) << line;
    widest = std::max(widest, columns(line));
  }
  EXPECT_GT(widest, 60);
  EXPECT_NE(r.out.find("\x1b[31m"), std::string::npos) << "colours on a terminal";
}

TEST(side_by_side, only_for_the_text_report) {
  const result r = run({"compare", kOld, kNew, "--side-by-side", "-f", "json"}, {});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "accordiff: --side-by-side: only for the text report, not -f json\n");
}

// A pager that marks each line it shows.
const std::string kMarkingPager = "PAGER=sed 's/^/PAGED:/'";

TEST(pager, pages_on_a_terminal) {
  const result r = run({"compare", kOld, kNew}, {kMarkingPager}, 100);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  const auto lines = lines_of(r.out);
  ASSERT_GT(lines.size(), 5u);
  for (const auto& line : lines) EXPECT_EQ(line.rfind("PAGED:", 0), 0u) << line;
}

TEST(pager, not_for_a_report_that_fits_the_terminal) {
  const result r = run({"compare", kOld, kOld}, {kMarkingPager}, 100);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.find("PAGED:"), std::string::npos);
  EXPECT_NE(r.out.find("no change"), std::string::npos);
}

TEST(pager, not_when_the_terminal_height_is_unknown) {
  const result r = run({"compare", kOld, kNew}, {kMarkingPager}, 100, 0);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.find("PAGED:"), std::string::npos);
}

TEST(pager, lines_from_the_environment_count) {
  const result r = run({"compare", kOld, kOld}, {kMarkingPager, "LINES=3"}, 100);
  EXPECT_NE(r.out.find("PAGED:"), std::string::npos);
}

TEST(pager, never_when_output_is_not_a_terminal) {
  const result r = run({"compare", kOld, kNew}, {kMarkingPager});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.find("PAGED:"), std::string::npos);
  EXPECT_EQ(r.out.rfind("--- ", 0), 0u);
}

TEST(pager, not_with_no_pager_or_cat_or_an_empty_pager) {
  for (const auto& [env, args] :
       std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>{
           {{kMarkingPager}, {"compare", kOld, kNew, "--no-pager"}},
           {{"PAGER=cat"}, {"compare", kOld, kNew}},
           {{"PAGER="}, {"compare", kOld, kNew}}}) {
    const result r = run(args, env, 100);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out.find("PAGED:"), std::string::npos) << env[0];
    EXPECT_LT(r.out.find("--- "), 8u) << env[0];  // after a colour code
  }
}

TEST(pager, accordiff_pager_comes_first_and_less_gets_frx) {
  const result r = run({"compare", kOld, kNew},
                       {kMarkingPager, "ACCORDIFF_PAGER=echo LESS=$LESS; cat >/dev/null"}, 100);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "LESS=FRX\n");
  const result mine = run({"compare", kOld, kNew},
                          {"LESS=-S", "ACCORDIFF_PAGER=echo LESS=$LESS; cat >/dev/null"}, 100);
  EXPECT_EQ(mine.out, "LESS=-S\n");
}

TEST(pager, quitting_early_is_no_trouble) {
  // A pager that reads one line and quits: the rest of the report meets a closed pipe.
  const result r = run({"compare", kOld, kNew, "--all"}, {"PAGER=head -n 1"}, 100);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(lines_of(r.out).size(), 1u);
}

TEST(schema, prints_the_schema_file) {
  const result r = run({"schema"}, {});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, slurp(kFixtures.parent_path() / "docs" / "report.schema.json"));
  const result bad = run({"schema", "extra"}, {});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "accordiff: schema takes no arguments\n");
}

}  // namespace
