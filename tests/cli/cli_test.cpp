// End-to-end tests of the accordiff program: they run the real binary with pipes (or a
// pseudo-terminal) on stdout and stderr, standard input from a file and an environment of
// their own, and check the exit status (0 no change, 1 changed, 2 trouble), the exact
// messages and the files left behind.
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
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace accordiff::cli_testing;

const fs::path kFixtures = ACCORDIFF_FIXTURES;
const std::string kOld = (kFixtures / "gis" / "es" / "old.txt").string();
const std::string kNew = (kFixtures / "gis" / "es" / "new.txt").string();

// Every option of `accordiff compare`, as its help must mention them.
const std::vector<std::string> kOptions = [] {
  std::vector<std::string> v;
  std::istringstream in(
      "--help --format --output --lang --case-sensitive --ignore-accents --ignore-punctuation "
      "--ignore-number-format --format-old --format-new --allow-empty --color --context --all "
      "--quiet --reword-local --reword-global --split-threshold --split-piece");
  for (std::string o; in >> o;) v.push_back(o);
  return v;
}();

// ---------------------------------------------------------------------------------------
// Small helpers

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t count_lines_starting(const std::string& s, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& line : lines_of(s))
    if (line.rfind(prefix, 0) == 0) ++n;
  return n;
}

bool has_ansi(const std::string& s) { return s.find("\x1b[") != std::string::npos; }

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Parses a report, failing the test (not throwing) when it is not valid JSON.
json parse_json(const std::string& s) {
  json j = json::parse(s, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not valid JSON:\n" << s.substr(0, 500);
  return j;
}

// The trouble contract: exit 2, nothing on stdout, exactly one line on stderr.
void expect_trouble(const run_result& r, const std::string& line) {
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, line + "\n");
}

// A test with a temporary directory of its own, removed afterwards.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "accordiff-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr) << std::strerror(errno);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `bytes` to a file of the temporary directory; returns its path.
  std::string put(const std::string& name, const std::string& bytes) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  // Names of the directory's entries that look like temporaries of an atomic write.
  std::vector<std::string> leftovers() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name.find(".tmp-") != std::string::npos) out.push_back(name);
    }
    return out;
  }

  fs::path dir_;
};

using CompareTest = CliTest;
using OutputTest = CliTest;
using StdinTest = CliTest;
using OptionsTest = CliTest;
using ColorTest = CliTest;
using QuietTest = CliTest;
using ContextTest = CliTest;
using DeterminismTest = CliTest;
using MarkdownTest = CliTest;

// ---------------------------------------------------------------------------------------
// compare: the text and JSON reports

TEST_F(CompareTest, TextReportOnChangedFixture) {
  const auto r = run({"compare", kOld, kNew});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "--- " + kOld + " (")) << r.out.substr(0, 200);
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_TRUE(starts_with(lines[1], "+++ " + kNew + " (")) << lines[1];
  EXPECT_TRUE(starts_with(lines[2], "sentences:  ")) << lines[2];
  EXPECT_TRUE(starts_with(lines[3], "paragraphs: ")) << lines[3];
  EXPECT_EQ(r.out.find("no change"), std::string::npos);
  EXPECT_NE(r.out.find("~ reworded"), std::string::npos);
  EXPECT_FALSE(has_ansi(r.out));
}

TEST_F(CompareTest, JsonReportOnChangedFixture) {
  const auto r = run({"compare", kOld, kNew, "-f", "json"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  const json j = parse_json(r.out);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.value("schema", ""), "accordiff.report/1");
  EXPECT_EQ(j["tool"].value("name", ""), "accordiff");
  EXPECT_EQ(j["tool"].value("version", ""), "0.1.0");
  EXPECT_EQ(j["old"].value("path", ""), kOld);
  EXPECT_EQ(j["new"].value("path", ""), kNew);
  EXPECT_EQ(j["old"].value("format", ""), "text");
  EXPECT_EQ(j["old"].value("language", ""), "es");
  EXPECT_TRUE(j["sentences"].is_array());
  EXPECT_TRUE(j["paragraphs"].is_array());
  EXPECT_GT(j["summary"].value("reworded", 0), 0);
}

TEST_F(CompareTest, LongFormatOptionAndEqualsSyntax) {
  const auto a = run({"compare", kOld, kNew, "--format=json"});
  const auto b = run({"compare", kOld, kNew, "-f", "json"});
  EXPECT_EQ(a.status, 1);
  EXPECT_EQ(a.out, b.out);
}

TEST_F(CompareTest, FileWithItselfIsNoChange) {
  const auto r = run({"compare", kOld, kOld});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(r.out.size() >= 10 && r.out.substr(r.out.size() - 10) == "no change\n") << r.out;

  const auto j = run({"compare", kOld, kOld, "-f", "json"});
  EXPECT_EQ(j.status, 0);
  const json rep = parse_json(j.out);
  for (const char* k : {"moved", "reworded", "split", "merged", "added", "dropped"})
    EXPECT_EQ(rep["summary"].value(k, -1), 0) << k;
}

TEST_F(CompareTest, IdenticalCopiesAreNoChange) {
  const std::string copy = put("copy.txt", slurp(kOld));
  const auto r = run({"compare", kOld, copy});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("\nno change\n"), std::string::npos);
}

TEST_F(CompareTest, FileNamesAfterDoubleDash) {
  put("-old.txt", slurp(kOld));
  const auto r = run({"compare", "--", "-old.txt", kNew}, "/dev/null", base_env(), in_dir(dir_));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "--- -old.txt (")) << r.out.substr(0, 100);
}

TEST_F(CompareTest, WrongNumberOfFiles) {
  expect_trouble(run({"compare", kOld}),
                 "accordiff: compare takes two files, OLD and NEW, not 1 (see 'accordiff compare "
                 "--help')");
  expect_trouble(run({"compare"}),
                 "accordiff: compare takes two files, OLD and NEW, not 0 (see 'accordiff compare "
                 "--help')");
  expect_trouble(run({"compare", kOld, kNew, kNew}),
                 "accordiff: compare takes two files, OLD and NEW, not 3 (see 'accordiff compare "
                 "--help')");
}

// ---------------------------------------------------------------------------------------
// -o FILE: atomic writes

// Inputs are mapped, not copied: a file another program shrinks or rewrites while
// accordiff runs is the one-line error naming it (exit 2, no report nor temporary left),
// never a crash by SIGBUS nor a report of half one text and half another. The file is
// changed once the process has mapped it (/proc/PID/maps names it).
TEST_F(OutputTest, InputChangedDuringTheRunIsAnErrorNotACrash) {
  std::string text;
  for (int k = 0; text.size() < (4u << 20); ++k)
    text += "Los dos gobiernos acordaron revisar el plan " + std::to_string(k) +
            " antes de la reunión de diciembre, con metas y plazos.\n\n";
  const std::string a = put("old.txt", text);
  const fs::path b = dir_ / "new.txt";
  const std::string report = (dir_ / "report.json").string();
  const std::string log = (dir_ / "log.txt").string();
  // Starts a comparison and, once it has mapped new.txt, calls `change`; its exit status.
  auto run_changing = [&](auto change) {
    put("new.txt", text + "Un párrafo nuevo.\n");
    std::ofstream(log, std::ios::trunc).flush();
    const pid_t pid = spawn({"compare", a, b.string(), "-f", "json", "-o", report}, log);
    EXPECT_GT(pid, 0);
    const std::string maps = "/proc/" + std::to_string(pid) + "/maps";
    for (int tries = 0; tries < 20000; ++tries) {
      if (slurp(maps).find(b.string()) != std::string::npos) {
        change();
        break;
      }
      int st = 0;
      if (::waitpid(pid, &st, WNOHANG) == pid)  // (over before it was seen: as exit 0/1)
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    return wait_for(pid);
  };
  // Its one line naming new.txt, exit 2, and neither a report nor a temporary left.
  auto expect_refused = [&](int status, const std::string& reason) {
    EXPECT_EQ(status, 2) << slurp(log);
    EXPECT_EQ(slurp(log), "accordiff: " + b.string() + ": " + reason + "\n");
    EXPECT_FALSE(fs::exists(report));
    EXPECT_TRUE(leftovers().empty());
  };
  // cut to nothing: the pages read next are past its end
  expect_refused(run_changing([&] { fs::resize_file(b, 0); }),
                 "the file shrank while it was being read (changed by another program?), or "
                 "could not be read");
  // rewritten in place, the same size: told by its modification time once the report is
  // written, before it replaces the file
  expect_refused(run_changing([&] {
                   std::this_thread::sleep_for(std::chrono::milliseconds(20));  // (a later mtime)
                   std::fstream f(b, std::ios::in | std::ios::out | std::ios::binary);
                   f.seekp(0);
                   f << "Otro";
                 }),
                 "the file changed while it was being read (rewritten by another program?); "
                 "run again");
}

TEST_F(OutputTest, JsonReportWrittenToFile) {
  const std::string out = (dir_ / "report.json").string();
  const auto r = run({"compare", kOld, kNew, "-f", "json", "-o", out});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  ASSERT_TRUE(fs::exists(out));
  const std::string content = slurp(out);
  const json j = parse_json(content);
  EXPECT_EQ(j.value("schema", ""), "accordiff.report/1");
  // The same bytes as on standard output.
  EXPECT_EQ(content, run({"compare", kOld, kNew, "-f", "json"}).out);
  EXPECT_TRUE(leftovers().empty());
}

TEST_F(OutputTest, TextReportWrittenToFileWithLongOption) {
  const std::string out = (dir_ / "report.txt").string();
  const auto r = run({"compare", kOld, kNew, "--output", out});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  const std::string content = slurp(out);
  EXPECT_TRUE(starts_with(content, "--- " + kOld)) << content.substr(0, 100);
  EXPECT_NE(content.find("\nsentences:  "), std::string::npos);
  EXPECT_EQ(content, run({"compare", kOld, kNew}).out);
}

TEST_F(OutputTest, RelativeFileIsWrittenInWorkingDirectory) {
  const auto r = run({"compare", kOld, kNew, "-f", "json", "-o", "report.json"}, "/dev/null",
                     base_env(), in_dir(dir_));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_FALSE(parse_json(slurp(dir_ / "report.json")).is_discarded());
  EXPECT_TRUE(leftovers().empty());
}

TEST_F(OutputTest, ExistingFileIsReplaced) {
  const std::string out = put("report.json", "previous report\n");
  const auto r = run({"compare", kOld, kOld, "-f", "json", "-o", out});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(parse_json(slurp(out)).value("schema", ""), "accordiff.report/1");
  EXPECT_TRUE(leftovers().empty());
}

TEST_F(OutputTest, DashMeansStandardOutput) {
  const auto r = run({"compare", kOld, kNew, "-f", "json", "-o", "-"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, run({"compare", kOld, kNew, "-f", "json"}).out);
}

TEST_F(OutputTest, ExistingFileUntouchedOnBadInput) {
  const std::string out = put("report.json", "previous report\n");
  const std::string missing = (dir_ / "missing.txt").string();
  const std::string empty = put("empty.txt", "");
  for (const auto& bad : {missing, empty}) {
    SCOPED_TRACE(bad);
    const auto r = run({"compare", kOld, bad, "-f", "json", "-o", out});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_EQ(slurp(out), "previous report\n");
    EXPECT_TRUE(leftovers().empty());
  }
}

TEST_F(OutputTest, NoFileCreatedOnBadInput) {
  const std::string out = (dir_ / "report.json").string();
  const auto r = run({"compare", (dir_ / "missing.txt").string(), kNew, "-o", out});
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(leftovers().empty());
}

TEST_F(OutputTest, MissingDirectoryIsTrouble) {
  const std::string out = (dir_ / "no-such-dir" / "report.json").string();
  const auto r = run({"compare", kOld, kNew, "-f", "json", "-o", out});
  expect_trouble(r, "accordiff: " + out + ": No such file or directory");
  EXPECT_FALSE(fs::exists(dir_ / "no-such-dir"));
}

TEST_F(OutputTest, DirectoryAsOutputIsTrouble) {
  const fs::path sub = dir_ / "sub";
  fs::create_directory(sub);
  const auto r = run({"compare", kOld, kNew, "-o", sub.string()});
  expect_trouble(r, "accordiff: " + sub.string() + ": Is a directory");
  EXPECT_TRUE(fs::is_directory(sub));
  EXPECT_TRUE(leftovers().empty());
}

// -o onto a device writes to it: a temporary file renamed over it would replace the
// device itself (this once turned /dev/null into a regular file).
TEST_F(OutputTest, DeviceAsOutputIsWrittenInPlace) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const auto r = run({"compare", kOld, kNew, "-f", "json", "-o", "/dev/full"});
  expect_trouble(r, "accordiff: /dev/full: No space left on device");
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(OutputTest, FailedWriteToStandardOutputIsTrouble) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  for (const char* fmt : {"text", "json"}) {
    SCOPED_TRACE(fmt);
    const auto r =
        run({"compare", kOld, kNew, "-f", fmt}, "/dev/null", base_env(), to_file("/dev/full"));
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "accordiff: could not write to standard output\n");
  }
}

// ---------------------------------------------------------------------------------------
// Bad inputs: exit 2, nothing on stdout, one line `accordiff: PATH: reason`, in either place

class BadInput : public CliTest {
 protected:
  void expect_refused(const std::string& bad, const std::string& reason,
                      const std::vector<std::string>& more = {}) {
    const std::string line = "accordiff: " + bad + ": " + reason;
    {
      SCOPED_TRACE("as OLD");
      std::vector<std::string> args{"compare", bad, kNew};
      args.insert(args.end(), more.begin(), more.end());
      expect_trouble(run(args), line);
    }
    {
      SCOPED_TRACE("as NEW");
      std::vector<std::string> args{"compare", kOld, bad};
      args.insert(args.end(), more.begin(), more.end());
      expect_trouble(run(args), line);
    }
  }
};

TEST_F(BadInput, MissingFile) { expect_refused((dir_ / "nope.txt").string(), "no such file"); }

TEST_F(BadInput, MissingFileInMissingDirectory) {
  expect_refused((dir_ / "nowhere" / "nope.txt").string(), "no such file");
}

TEST_F(BadInput, Directory) { expect_refused(dir_.string(), "is a directory, not a file"); }

TEST_F(BadInput, EmptyFile) {
  const std::string empty = put("empty.txt", "");
  expect_refused(empty, "empty file (use --allow-empty to compare it anyway)");
  // the message names the option that accepts it
  const auto r = run({"compare", empty, kNew});
  EXPECT_NE(r.err.find("--allow-empty"), std::string::npos);
}

TEST_F(BadInput, WhitespaceOnlyFile) {
  const std::string blank = put("blank.txt", "  \n\t\n\r\n   \n");
  expect_refused(blank, "no text, only white space (use --allow-empty to compare it anyway)");
}

TEST_F(BadInput, BinaryFileWithNul) {
  const std::string bin = put("data.bin", std::string("Hola\0mundo\n", 11));
  expect_refused(bin, "binary data, not text (NUL byte at offset 4)");
  const std::string late = put("late.txt", slurp(kOld) + std::string(1, '\0'));
  expect_refused(late, "binary data, not text (NUL byte at offset " +
                           std::to_string(fs::file_size(kOld)) + ")");
}

TEST_F(BadInput, InvalidUtf8) {
  // Invalid UTF-8 that is not Windows-1252 text either (Latin-1 text, as an old download
  // might be, is read: tests/cli/formats_cli_test.cpp). The reason says which it looks like.
  const std::string damaged =
      " (the rest is UTF-8: a damaged file?; --encoding names the "
      "encoding to read it with)";
  // a stray byte after plain ASCII
  expect_refused(put("a.txt", "Hola mundo.\xff m\xc3\xa1s\n"),
                 "invalid UTF-8 at byte 11" + damaged);
  // after valid multi-byte characters: N counts bytes, not characters
  const std::string accented = "\xc2\xbfQu\xc3\xa9 tal? ";  // "¿Qué tal? ": 12 bytes
  expect_refused(put("b.txt", accented + "\x80" + "\n"), "invalid UTF-8 at byte 12" + damaged);
  // a truncated sequence at the end
  expect_refused(put("c.txt", "abc\xc3"),
                 "invalid UTF-8 at byte 3 (a character cut short at the end: a truncated file?; "
                 "--encoding names the encoding to read it with)");
  // an overlong encoding of '/'
  expect_refused(put("d.txt", "ab\xc0\xaf\n"),
                 "invalid UTF-8 at byte 2, and too many bytes above 0x7F for Windows-1252 text "
                 "(2 of 4; --encoding names the encoding to read it with)");
  // a UTF-16 surrogate encoded in UTF-8
  expect_refused(put("e.txt", "x\xed\xa0\x80\n"),
                 "invalid UTF-8 at byte 1, and too many bytes above 0x7F for Windows-1252 text "
                 "(3 of 4; --encoding names the encoding to read it with)");
  // far into a file, past the ASCII fast path
  const std::string body = slurp(kOld);
  expect_refused(put("g.txt", body + "\xfe"),
                 "invalid UTF-8 at byte " + std::to_string(body.size()) + damaged);
}

TEST_F(BadInput, BomIsNotAnError) {
  const std::string bom = put("bom.txt", "\xef\xbb\xbf" + slurp(kOld));
  const auto r = run({"compare", kOld, bom});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(BadInput, AllowEmptyAcceptsEmptyFile) {
  const std::string empty = put("empty.txt", "");
  const auto r = run({"compare", empty, kNew, "--allow-empty"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "--- " + empty + " (")) << r.out.substr(0, 100);

  const auto j = run({"compare", kOld, empty, "--allow-empty", "-f", "json"});
  EXPECT_EQ(j.status, 1);
  EXPECT_EQ(j.err, "");
  const json rep = parse_json(j.out);
  EXPECT_EQ(rep["new"].value("sentences", -1), 0);
  EXPECT_EQ(rep["summary"].value("dropped", -1), rep["old"].value("sentences", -2));

  const auto both = run({"compare", empty, empty, "--allow-empty"});
  EXPECT_EQ(both.status, 0);
  EXPECT_EQ(both.err, "");
  EXPECT_NE(both.out.find("no change"), std::string::npos);

  const std::string blank = put("blank.txt", " \n\n");
  const auto w = run({"compare", blank, empty, "--allow-empty"});
  EXPECT_EQ(w.status, 0);
  EXPECT_EQ(w.err, "");
}

TEST_F(BadInput, AllowEmptyDoesNotAcceptBinary) {
  const std::string bin = put("data.bin", std::string("\0", 1));
  expect_refused(bin, "binary data, not text (NUL byte at offset 0)", {"--allow-empty"});
}

TEST_F(BadInput, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string locked = put("locked.txt", "Texto.\n");
  fs::permissions(locked, fs::perms::none);
  expect_refused(locked, "Permission denied");
}

TEST_F(BadInput, PathThroughAFile) {
  const std::string file = put("plain.txt", "Texto.\n");
  expect_refused(file + "/x.txt", "Not a directory");
}

TEST_F(BadInput, FirstBadFileIsReported) {
  const std::string a = (dir_ / "a.txt").string(), b = (dir_ / "b.txt").string();
  expect_trouble(run({"compare", a, b}), "accordiff: " + a + ": no such file");
}

// ---------------------------------------------------------------------------------------
// Standard input

TEST_F(StdinTest, OldFromStandardInput) {
  const auto r = run({"compare", "-", kNew}, kOld);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "--- - (")) << r.out.substr(0, 100);

  const auto j = run({"compare", "-", kNew, "-f", "json"}, kOld);
  EXPECT_EQ(j.status, 1);
  json from_stdin = parse_json(j.out);
  EXPECT_EQ(from_stdin["old"].value("path", ""), "-");
  // the same report as from the file, but for the path
  json from_file = parse_json(run({"compare", kOld, kNew, "-f", "json"}).out);
  from_stdin["old"].erase("path");
  from_file["old"].erase("path");
  EXPECT_EQ(from_stdin, from_file);
}

TEST_F(StdinTest, NewFromStandardInput) {
  const auto r = run({"compare", kOld, "-", "-f", "json"}, kNew);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(parse_json(r.out)["new"].value("path", ""), "-");
  const auto same = run({"compare", kOld, "-"}, kOld);
  EXPECT_EQ(same.status, 0);
  EXPECT_NE(same.out.find("+++ - ("), std::string::npos);
}

TEST_F(StdinTest, BothStandardInputIsTrouble) {
  expect_trouble(run({"compare", "-", "-"}, kOld),
                 "accordiff: only one of OLD and NEW can be standard input ('-')");
}

TEST_F(StdinTest, EmptyStandardInputIsRefused) {
  expect_trouble(run({"compare", "-", kNew}, "/dev/null"),
                 "accordiff: -: empty file (use --allow-empty to compare it anyway)");
  const auto r = run({"compare", "-", kNew, "--allow-empty"}, "/dev/null");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
}

TEST_F(StdinTest, InvalidStandardInputNamesDash) {
  // (0x81: neither UTF-8 nor Windows-1252, which "abc\xff" would be read as)
  const std::string bad = put("bad.txt", "abc\x81\n");
  expect_trouble(run({"compare", kOld, "-"}, bad),
                 "accordiff: -: invalid UTF-8 at byte 3, and not Windows-1252 either (byte 0x81 "
                 "at 3; --encoding names the encoding to read it with)");
}

// ---------------------------------------------------------------------------------------
// Options

TEST_F(OptionsTest, BadOptionsAreTrouble) {
  const std::string see = " (see 'accordiff compare --help')";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--frobnicate"}, "accordiff: unrecognised option '--frobnicate'" + see},
      {{"-f", "xml"},
       "accordiff: --format: unknown report format 'xml' (text, json, markdown, html)"},
      {{"--format=rtf"},
       "accordiff: --format: unknown report format 'rtf' (text, json, markdown, html)"},
      {{"-f"}, "accordiff: the required argument for option '--format' is missing" + see},
      {{"--color=blue"}, "accordiff: --color: must be auto, always or never, not 'blue'"},
      {{"--color", "yes"}, "accordiff: --color: must be auto, always or never, not 'yes'"},
      {{"--lang", "xx"},
       "accordiff: --lang: unknown language 'xx' (auto, es, en, fr, pt, de, it, nl, ca)"},
      {{"--context", "-1"}, "accordiff: --context: must be 0 or more"},
      {{"--context", "abc"},
       "accordiff: the argument ('abc') for option '--context' is invalid" + see},
      {{"--reword-local", "abc"},
       "accordiff: the argument ('abc') for option '--reword-local' is invalid" + see},
      {{"--format-old", "rtf"},
       "accordiff: --format-old: unknown input format 'rtf' (auto, text, markdown, html, pdf)"},
      {{"--format-new", "pdf"}, "accordiff: " + kNew + ": not a PDF (no %PDF- header)"},
  };
  for (const auto& [extra, line] : cases) {
    std::vector<std::string> args{"compare", kOld, kNew};
    args.insert(args.end(), extra.begin(), extra.end());
    SCOPED_TRACE(extra.front());
    expect_trouble(run(args), line);
  }
}

TEST_F(OptionsTest, ThresholdOutOfRangeIsTrouble) {
  for (const char* opt :
       {"--reword-local", "--reword-global", "--split-threshold", "--split-piece"})
    for (const char* v : {"1.5", "0", "-0.2", "nan"}) {
      SCOPED_TRACE(std::string(opt) + " " + v);
      const auto r = run({"compare", kOld, kNew, opt, v});
      EXPECT_EQ(r.status, 2);
      EXPECT_EQ(r.out, "");
      EXPECT_TRUE(starts_with(
          r.err, "accordiff: " + std::string(opt) + ": must be a number in (0, 1], not "))
          << r.err;
      EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    }
}

// The value in the message should read as the user wrote it: "not 1.5", not "not 1.500000".
TEST_F(OptionsTest, ThresholdMessageEchoesValueAsGiven) {
  expect_trouble(run({"compare", kOld, kNew, "--reword-local", "1.5"}),
                 "accordiff: --reword-local: must be a number in (0, 1], not 1.5");
}

TEST_F(OptionsTest, GoodOptionsAreAccepted) {
  const std::vector<std::vector<std::string>> cases = {
      {"--lang", "es"},         {"--lang", "auto"},         {"--case-sensitive"},
      {"--ignore-accents"},     {"--ignore-punctuation"},   {"--ignore-number-format"},
      {"--reword-local", "1"},  {"--reword-global", "0.6"}, {"--split-threshold", "0.5"},
      {"--split-piece", "0.7"}, {"--format-old", "text"},   {"--format-new", "auto"},
      {"--context", "0"},       {"--color", "never"},       {"-f", "text"}};
  for (const auto& extra : cases) {
    std::vector<std::string> args{"compare", kOld, kNew};
    args.insert(args.end(), extra.begin(), extra.end());
    SCOPED_TRACE(extra.front());
    const auto r = run(args);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "");
    EXPECT_FALSE(r.out.empty());
  }
}

TEST_F(OptionsTest, OptionsAreRecordedInJson) {
  const auto r = run({"compare", kOld, kNew, "-f", "json", "--lang", "es", "--ignore-accents"});
  EXPECT_EQ(r.status, 1);
  const json j = parse_json(r.out);
  EXPECT_EQ(j["old"].value("language", ""), "es");
  EXPECT_EQ(j["new"].value("language", ""), "es");
}

TEST_F(OptionsTest, CompareHelpMentionsEveryOption) {
  for (const char* h : {"--help", "-h"}) {
    SCOPED_TRACE(h);
    const auto r = run({"compare", h});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(starts_with(r.out, "Usage: accordiff compare OLD NEW [options]\n")) << r.out;
    for (const auto& opt : kOptions) EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
    for (const char* s : {"-f [ --format ]", "-o [ --output ]", "-q [ --quiet ]"})
      EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST_F(OptionsTest, HelpWinsOverOtherArguments) {
  const auto r = run({"compare", kOld, "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "Usage: accordiff compare"));
}

TEST_F(OptionsTest, TopLevelHelp) {
  for (const char* h : {"--help", "-h", "help"}) {
    SCOPED_TRACE(h);
    const auto r = run({h});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(starts_with(r.out, "accordiff: compare successive releases")) << r.out;
    EXPECT_NE(r.out.find("accordiff compare OLD NEW [options]"), std::string::npos);
    EXPECT_NE(r.out.find("Exit status: 0 no change, 1 changed, 2 trouble"), std::string::npos);
  }
}

// `accordiff --help` must lead to every option: list them, or say where they are listed.
TEST_F(OptionsTest, TopLevelHelpLeadsToEveryOption) {
  const auto r = run({"--help"});
  bool lists_all = true;
  for (const auto& opt : kOptions) lists_all = lists_all && r.out.find(opt) != std::string::npos;
  EXPECT_TRUE(lists_all || r.out.find("accordiff compare --help") != std::string::npos)
      << "`accordiff --help` neither lists the options of compare nor points to "
         "'accordiff compare --help':\n"
      << r.out;
}

TEST_F(OptionsTest, Version) {
  const auto r = run({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "accordiff 0.1.0\n");
}

TEST_F(OptionsTest, NoArgumentsPrintsUsageOnStderr) {
  const auto r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(starts_with(r.err, "accordiff: compare successive releases")) << r.err;
  EXPECT_NE(r.err.find("Usage:"), std::string::npos);
  EXPECT_NE(r.err.find("accordiff compare OLD NEW"), std::string::npos);
  // the same text as --help, on the other stream
  EXPECT_EQ(r.err, run({"--help"}).out);
}

TEST_F(OptionsTest, UnknownCommand) {
  expect_trouble(run({"frobnicate"}),
                 "accordiff: unknown command 'frobnicate' (see 'accordiff --help')");
  expect_trouble(run({"diff", kOld, kNew}),
                 "accordiff: unknown command 'diff' (see 'accordiff --help')");
}

// ---------------------------------------------------------------------------------------
// Colour

TEST_F(ColorTest, AlwaysHasEscapes) {
  for (const auto& opt :
       std::vector<std::vector<std::string>>{{"--color=always"}, {"--color", "always"}}) {
    std::vector<std::string> args{"compare", kOld, kNew};
    args.insert(args.end(), opt.begin(), opt.end());
    const auto r = run(args);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(has_ansi(r.out));
  }
}

TEST_F(ColorTest, NeverAndPipeDefaultHaveNone) {
  const auto never = run({"compare", kOld, kNew, "--color=never"});
  EXPECT_EQ(never.status, 1);
  EXPECT_FALSE(has_ansi(never.out));
  const auto def = run({"compare", kOld, kNew});
  EXPECT_FALSE(has_ansi(def.out));
  EXPECT_EQ(def.out, never.out);
  const auto aut = run({"compare", kOld, kNew, "--color=auto"});
  EXPECT_FALSE(has_ansi(aut.out));
}

TEST_F(ColorTest, AutoOnTerminalHasEscapes) {
  const auto r = run({"compare", kOld, kNew, "--color=auto"}, "/dev/null", base_env(), on_tty());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(has_ansi(r.out)) << r.out.substr(0, 200);
  const auto def = run({"compare", kOld, kNew}, "/dev/null", base_env(), on_tty());
  EXPECT_TRUE(has_ansi(def.out));
}

TEST_F(ColorTest, AutoWithNoColorHasNone) {
  for (const bool tty : {false, true}) {
    SCOPED_TRACE(tty ? "terminal" : "pipe");
    const auto r = run({"compare", kOld, kNew, "--color=auto"}, "/dev/null", env_with("NO_COLOR=1"),
                       tty ? on_tty() : run_extra{});
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "");
    EXPECT_FALSE(r.out.empty());
    EXPECT_FALSE(has_ansi(r.out));
  }
}

TEST_F(ColorTest, NeverOnTerminalHasNone) {
  const auto r = run({"compare", kOld, kNew, "--color=never"}, "/dev/null", base_env(), on_tty());
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(r.out.empty());
  EXPECT_FALSE(has_ansi(r.out));
}

TEST_F(ColorTest, AlwaysOverridesNoColor) {
  const auto r =
      run({"compare", kOld, kNew, "--color=always"}, "/dev/null", env_with("NO_COLOR=1"));
  EXPECT_TRUE(has_ansi(r.out));
}

TEST_F(ColorTest, FileOutputOnTerminalHasNone) {
  const std::string out = (dir_ / "report.txt").string();
  const auto r = run({"compare", kOld, kNew, "-o", out}, "/dev/null", base_env(), on_tty());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(has_ansi(slurp(out)));
}

TEST_F(ColorTest, JsonNeverHasEscapes) {
  const auto r = run({"compare", kOld, kNew, "-f", "json", "--color=always"});
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(has_ansi(r.out));
  EXPECT_FALSE(parse_json(r.out).is_discarded());
}

// ---------------------------------------------------------------------------------------
// --fail-on: which changes set exit status 1

TEST_F(QuietTest, FailOnPicksWhichChangesCount) {
  const std::string moved_old = (kFixtures / "cases" / "move-only" / "old.txt").string();
  const std::string moved_new = (kFixtures / "cases" / "move-only" / "new.txt").string();
  // a paragraph moved: a change, but neither substantive nor a commitment change
  EXPECT_EQ(run({"compare", "-q", moved_old, moved_new}).status, 1);
  EXPECT_EQ(run({"compare", "-q", "--fail-on", "any", moved_old, moved_new}).status, 1);
  EXPECT_EQ(run({"compare", "-q", "--fail-on", "substantive", moved_old, moved_new}).status, 0);
  EXPECT_EQ(run({"compare", "-q", "--fail-on=commitments", moved_old, moved_new}).status, 0);
  // the communiqués: commitments added, dropped and reworded
  EXPECT_EQ(run({"compare", "-q", "--fail-on", "substantive", kOld, kNew}).status, 1);
  EXPECT_EQ(run({"compare", "-q", "--fail-on", "commitments", kOld, kNew}).status, 1);
  expect_trouble(run({"compare", "--fail-on", "some", kOld, kNew}),
                 "accordiff: --fail-on: must be any, substantive or commitments, not 'some'");
}

// ---------------------------------------------------------------------------------------
// --quiet

TEST_F(QuietTest, PrintsNothingButKeepsStatus) {
  for (const char* q : {"--quiet", "-q"}) {
    SCOPED_TRACE(q);
    const auto changed = run({"compare", kOld, kNew, q});
    EXPECT_EQ(changed.status, 1);
    EXPECT_EQ(changed.out, "");
    EXPECT_EQ(changed.err, "");
    const auto same = run({"compare", kOld, kOld, q});
    EXPECT_EQ(same.status, 0);
    EXPECT_EQ(same.out, "");
    EXPECT_EQ(same.err, "");
    const auto json_changed = run({"compare", kOld, kNew, q, "-f", "json"});
    EXPECT_EQ(json_changed.status, 1);
    EXPECT_EQ(json_changed.out, "");
  }
}

TEST_F(QuietTest, TroubleIsStillReported) {
  const std::string missing = (dir_ / "missing.txt").string();
  expect_trouble(run({"compare", missing, kNew, "-q"}), "accordiff: " + missing + ": no such file");
}

// -o FILE asks for the report on disk; --quiet only silences the terminal (the nightly
// job of the design wants the exit status and the JSON report on disk).
TEST_F(QuietTest, StillWritesOutputFile) {
  const std::string out = (dir_ / "report.json").string();
  const auto r = run({"compare", kOld, kNew, "-q", "-f", "json", "-o", out});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(fs::exists(out)) << "--quiet -o FILE wrote no report";
  if (fs::exists(out)) {
    EXPECT_EQ(parse_json(slurp(out)).value("schema", ""), "accordiff.report/1");
  }
}

// ---------------------------------------------------------------------------------------
// --context and --all

TEST_F(ContextTest, ContextAndAllShowMore) {
  const auto plain = run({"compare", kOld, kNew});
  const auto ctx = run({"compare", kOld, kNew, "--context", "1"});
  const auto ctx2 = run({"compare", kOld, kNew, "--context=2"});
  const auto all = run({"compare", kOld, kNew, "--all"});
  for (const auto* r : {&plain, &ctx, &ctx2, &all}) {
    EXPECT_EQ(r->status, 1);
    EXPECT_EQ(r->err, "");
  }
  const auto n = [](const run_result& r) { return lines_of(r.out).size(); };
  EXPECT_LT(n(plain), n(ctx));
  EXPECT_LE(n(ctx), n(ctx2));
  EXPECT_LT(n(ctx), n(all));

  // unchanged sentences appear only with context, with "..." marking what is left out
  EXPECT_EQ(count_lines_starting(plain.out, "  unchanged"), 0u);
  EXPECT_GT(count_lines_starting(ctx.out, "  unchanged"), 0u);
  EXPECT_GT(count_lines_starting(ctx.out, "  ..."), 0u);
  EXPECT_EQ(count_lines_starting(all.out, "  ..."), 0u);

  // --all shows every unchanged sentence, as many as the summary counts
  const auto lines = lines_of(all.out);
  ASSERT_GE(lines.size(), 3u);
  const std::size_t unchanged = std::stoul(lines[2].substr(std::string("sentences:  ").size()));
  EXPECT_GT(unchanged, 0u);
  EXPECT_EQ(count_lines_starting(all.out, "  unchanged"), unchanged);
}

TEST_F(ContextTest, ContextZeroIsTheDefault) {
  EXPECT_EQ(run({"compare", kOld, kNew, "--context", "0"}).out, run({"compare", kOld, kNew}).out);
}

TEST_F(ContextTest, NoChangeIgnoresContext) {
  const auto r = run({"compare", kOld, kOld, "--all", "--context", "3"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("no change"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Determinism

TEST_F(DeterminismTest, SameInputsSameBytes) {
  const auto a = run({"compare", kOld, kNew, "-f", "json"});
  const auto b = run({"compare", kOld, kNew, "-f", "json"});
  EXPECT_EQ(a.status, 1);
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, b.out);
  const auto t1 = run({"compare", kOld, kNew, "--all"});
  const auto t2 = run({"compare", kOld, kNew, "--all"});
  EXPECT_EQ(t1.out, t2.out);
  // files written with -o too
  const std::string f1 = (dir_ / "1.json").string(), f2 = (dir_ / "2.json").string();
  run({"compare", kOld, kNew, "-f", "json", "-o", f1});
  run({"compare", kOld, kNew, "-f", "json", "-o", f2});
  EXPECT_EQ(slurp(f1), slurp(f2));
  EXPECT_EQ(slurp(f1), a.out);
}

// ---------------------------------------------------------------------------------------
// Markdown input

const char* kMarkdownOld =
    "# Acuerdo de cooperaci\xc3\xb3n\n"
    "\n"
    "Las partes acordaron **intensificar** el intercambio de informaci\xc3\xb3n.\n"
    "\n"
    "- Reuni\xc3\xb3n mensual de los equipos t\xc3\xa9"
    "cnicos.\n"
    "- Informe trimestral a los ministros.\n";

const char* kMarkdownNew =
    "# Acuerdo de cooperaci\xc3\xb3n\n"
    "\n"
    "Las partes acordaron **acelerar** el intercambio de informaci\xc3\xb3n sobre armas.\n"
    "\n"
    "- Reuni\xc3\xb3n semanal de los equipos t\xc3\xa9"
    "cnicos.\n"
    "- Informe trimestral a los ministros.\n";

TEST_F(MarkdownTest, RewordedCopyIsChanged) {
  const std::string a = put("old.md", kMarkdownOld), b = put("new.md", kMarkdownNew);
  const auto r = run({"compare", a, b});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(starts_with(r.out, "--- " + a + " (")) << r.out.substr(0, 100);
  EXPECT_NE(r.out.find("~ reworded"), std::string::npos);

  const auto j = run({"compare", a, b, "-f", "json"});
  EXPECT_EQ(j.status, 1);
  const json rep = parse_json(j.out);
  EXPECT_EQ(rep["old"].value("format", ""), "markdown");
  EXPECT_EQ(rep["new"].value("format", ""), "markdown");
  EXPECT_GE(rep["summary"].value("reworded", 0), 2);
  EXPECT_EQ(rep["summary"].value("added", -1), 0);
  EXPECT_EQ(rep["summary"].value("dropped", -1), 0);
  // the heading and the last list item did not change
  bool heading_unchanged = false, item_unchanged = false;
  for (const auto& g : rep["sentences"]) {
    if (g.value("kind", "") != "unchanged" || g["new"].empty()) continue;
    const std::string text = g["new"][0].value("text", "");
    heading_unchanged = heading_unchanged || text.find("Acuerdo de cooperaci") != std::string::npos;
    item_unchanged = item_unchanged || text.find("Informe trimestral") != std::string::npos;
  }
  EXPECT_TRUE(heading_unchanged);
  EXPECT_TRUE(item_unchanged);
}

TEST_F(MarkdownTest, SameDocumentIsNoChange) {
  const std::string a = put("old.md", kMarkdownOld), b = put("copy.md", kMarkdownOld);
  const auto r = run({"compare", a, b});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("no change"), std::string::npos);
}

TEST_F(MarkdownTest, FormatOfStandardInputIsGiven) {
  const std::string a = put("old.md", kMarkdownOld), b = put("new.md", kMarkdownNew);
  const auto r = run({"compare", "-", b, "-f", "json", "--format-old", "markdown"}, a);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  const json rep = parse_json(r.out);
  EXPECT_EQ(rep["old"].value("path", ""), "-");
  EXPECT_EQ(rep["old"].value("format", ""), "markdown");
  // without --format-old, standard input is read as plain text
  const auto t = run({"compare", "-", b, "-f", "json"}, a);
  EXPECT_EQ(parse_json(t.out)["old"].value("format", ""), "text");
}

}  // namespace
