// End to end, the input formats: HTML pages, PDF documents, encodings, `accordiff
// extract`, and every damaged or unreadable input with the exact exit-2 message it gets.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "pdf_writer.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kBinary = ACCORDIFF_BINARY;
const fs::path kFormats = fs::path(ACCORDIFF_FIXTURES) / "formats";
const std::string kPage = (kFormats / "communique" / "page.html").string();
const std::string kTwin = (kFormats / "communique" / "page.txt").string();

struct result {
  int status = -1;
  std::string out, err;
};

// Runs accordiff (or `binary`) with `args` and the environment PATH, LANG and `more_env`
// ("NAME=value"); standard input is /dev/null, standard output and error are pipes read
// to the end.
result run(const std::vector<std::string>& args, const std::string& binary = kBinary,
           std::vector<std::string> more_env = {}) {
  result r;
  std::vector<std::string> argv_s{binary};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  more_env.emplace_back("PATH=/usr/bin:/bin");
  more_env.emplace_back("LANG=C.UTF-8");
  std::vector<char*> envp;
  for (auto& e : more_env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int out_p[2], err_p[2];
  if (::pipe2(out_p, O_CLOEXEC) != 0 || ::pipe2(err_p, O_CLOEXEC) != 0) return r;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out_p[1], 1);
    ::dup2(err_p[1], 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_p[1]);
  ::close(err_p[1]);
  pollfd fds[2] = {{out_p[0], POLLIN, 0}, {err_p[0], POLLIN, 0}};
  std::string* into[2] = {&r.out, &r.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (::poll(fds, 2, 60000) <= 0) break;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || (fds[k].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buf[8192];
      const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        into[k]->append(buf, static_cast<std::size_t>(n));
      } else if (!(n < 0 && errno == EINTR)) {
        ::close(fds[k].fd);
        fds[k].fd = -1;
        --open_fds;
      }
    }
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

class formats_cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("accordiff_formats_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string put(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // The file is refused with exactly this message, exit status 2 and nothing on stdout.
  void expect_refused(const std::string& file, const std::string& reason,
                      std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"compare", file, kTwin};
    args.insert(args.end(), extra.begin(), extra.end());
    const result r = run(args);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.err, "accordiff: " + file + ": " + reason + "\n");
    EXPECT_EQ(r.out, "");
  }
  fs::path dir_;
};

// ---------------------------------------------------------------------------------------
// HTML

TEST_F(formats_cli, html_page_and_its_text_twin_have_no_change) {
  const result r = run({"compare", kPage, kTwin});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no change"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST_F(formats_cli, json_offsets_point_into_the_page) {
  const result r = run({"compare", kPage, kTwin, "-f", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["old"]["format"], "html");
  EXPECT_EQ(j["old"]["encoding"], "utf-8");
  EXPECT_EQ(j["old"]["offsets"], "input");
  EXPECT_EQ(j["old"]["bytes"], fs::file_size(kPage));
  EXPECT_EQ(j["new"]["format"], "text");
  const std::string page = slurp(kPage);
  // The page's bytes at a span, as a browser shows them: tags out, the page's entities
  // decoded, white space folded.
  auto shown = [](std::string html) {
    std::string out;
    bool in_tag = false;
    for (char c : html) {
      if (c == '<') in_tag = true;
      if (!in_tag) out.push_back(c);
      if (c == '>') in_tag = false;
    }
    for (const auto& [entity, text] :
         std::vector<std::pair<std::string, std::string>>{{"&nbsp;", " "},
                                                          {"&aacute;", "\xC3\xA1"},
                                                          {"&laquo;", "\xC2\xAB"},
                                                          {"&raquo;", "\xC2\xBB"}})
      for (std::size_t at; (at = out.find(entity)) != std::string::npos;)
        out.replace(at, entity.size(), text);
    std::string folded;
    for (char c : out) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space || (!folded.empty() && folded.back() != ' ')) folded.push_back(space ? ' ' : c);
    }
    return folded;
  };
  std::size_t checked = 0;
  for (const char* level : {"sentences", "paragraphs"}) {
    for (const auto& g : j[level]) {
      for (const auto& s : g["old"]) {
        const auto start = s["start"].get<std::size_t>(), end = s["end"].get<std::size_t>();
        ASSERT_LE(end, page.size());
        EXPECT_EQ(shown(page.substr(start, end - start)), shown(s["text"].get<std::string>()));
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 16u + 13u);
}

TEST_F(formats_cli, a_txt_that_is_html_is_read_as_html_unless_told) {
  const std::string saved = put("saved-page.txt", slurp(kPage));
  EXPECT_EQ(run({"compare", saved, kTwin}).status, 0);
  // told to read it as text, the markup is text and everything differs
  const result r = run({"compare", saved, kTwin, "--format-old", "text"});
  EXPECT_EQ(r.status, 1);
}

TEST_F(formats_cli, select_names_the_content) {
  const result r = run({"compare", kPage, kTwin, "--select", "#contenido"});
  EXPECT_EQ(r.status, 0) << r.err;
  const result h1 = run({"extract", kPage, "--select", "h1"});
  EXPECT_EQ(h1.status, 0);
  EXPECT_EQ(h1.out,
            "La Comisi\xC3\xB3n Estatal Forestal y Protecci\xC3\xB3n Civil presentan el plan para "
            "la temporada de incendios 2025\n");
  expect_refused(kPage, "--select '#nothing-here' matches no element",
                 {"--select", "#nothing-here"});
  const result bad = run({"compare", kPage, kTwin, "--select", "a b"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "accordiff: --select: 'a b' is not a selector we read (tag, #id, .class)\n");
}

TEST_F(formats_cli, extract_prints_the_text_compared) {
  const result r = run({"extract", kPage});
  EXPECT_EQ(r.status, 0) << r.err;
  // the same paragraphs as the twin, each on one line
  std::string twin = slurp(kTwin), flat;
  for (std::size_t i = 0; i < twin.size(); ++i) {
    if (twin[i] == '\n' && i + 1 < twin.size() && twin[i + 1] != '\n' && i > 0 &&
        twin[i - 1] != '\n')
      flat.push_back(' ');
    else
      flat.push_back(twin[i]);
  }
  // (the contact lines are <br> line breaks in the page: kept as line ends)
  EXPECT_EQ(r.out.substr(0, 200), flat.substr(0, 200));
  const result blocks = run({"extract", kPage, "--blocks"});
  EXPECT_EQ(blocks.status, 0);
  EXPECT_EQ(std::count(blocks.out.begin(), blocks.out.end(), '\n'), 13);
  EXPECT_EQ(blocks.out.find('\t') > 0, true);
}

TEST_F(formats_cli, html_bad_inputs) {
  // a page cut off before its body: nothing to compare
  const std::string page = slurp(kPage);
  const std::string cut = put("cut.html", page.substr(0, page.find("<body")));
  expect_refused(cut,
                 "no text in this page's content (use --select to name the element that holds "
                 "it, or --allow-empty to compare it anyway)");
  // cut in the middle of a character
  const std::size_t in_char = page.find("\xC3\xB3", page.find("<h1>"));
  const std::string mid = put("mid.html", page.substr(0, in_char + 1));
  expect_refused(mid, "invalid UTF-8 at byte " + std::to_string(in_char) +
                          " (a character cut short at the end: a truncated file?; --encoding "
                          "names the encoding to read it with)");
  // binary data named .html
  expect_refused(put("image.html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)),
                 "binary data, not text (NUL byte at offset 8)");
  // nested beyond reason
  std::string deep;
  for (int k = 0; k < 5000; ++k) deep += "<span><b>";
  expect_refused(put("deep.html", deep + "x"),
                 "HTML nested deeper than 1000 elements (limit kMaxHtmlDepth): not a page we can "
                 "read safely");
}

// ---------------------------------------------------------------------------------------
// Encodings

TEST_F(formats_cli, legacy_encodings_are_decoded_and_the_report_says_so) {
  const std::string p1252 = (kFormats / "communique" / "page-1252.html").string();
  const result r = run({"compare", p1252, kTwin, "-f", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["old"]["encoding"], "windows-1252");
  EXPECT_EQ(j["old"]["offsets"], "decoded");
  const std::string utf16 = (kFormats / "communique" / "page-utf16.txt").string();
  const result u = run({"compare", utf16, kTwin, "-f", "json"});
  ASSERT_EQ(u.status, 0) << u.err;
  EXPECT_EQ(json::parse(u.out)["old"]["encoding"], "utf-16le");
  const std::string latin1 = (kFormats / "communique" / "page-latin1.txt").string();
  EXPECT_EQ(run({"compare", latin1, kTwin}).status, 0);
}

TEST_F(formats_cli, encoding_forces_one_and_bad_text_is_refused) {
  const std::string p1252 = (kFormats / "communique" / "page-1252.html").string();
  const std::string page = slurp(p1252);
  const std::size_t first_high = static_cast<std::size_t>(
      std::find_if(page.begin(), page.end(),
                   [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) -
      page.begin());
  expect_refused(p1252,
                 "invalid UTF-8 at byte " + std::to_string(first_high) + " (--encoding utf-8)",
                 {"--encoding", "utf-8"});
  expect_refused(kPage, "unknown encoding 'ebcdic-klingon' (--encoding)",
                 {"--encoding", "ebcdic-klingon"});
  // forced windows-1252 on the Latin-1 twin: the same text
  const std::string latin1 = (kFormats / "communique" / "page-latin1.txt").string();
  const result r = run({"compare", latin1, latin1, "--encoding", "windows-1252"});
  EXPECT_EQ(r.status, 0) << r.err;
  // UTF-8 damaged by one stray byte: refused, not read as Windows-1252
  std::string twin = slurp(kTwin);
  const std::string damaged = put("damaged.txt", twin.substr(0, 100) + "\xFF" + twin.substr(100));
  expect_refused(damaged,
                 "invalid UTF-8 at byte 100 (the rest is UTF-8: a damaged file?; --encoding names "
                 "the encoding to read it with)");
  // UTF-16 without its byte order mark
  const std::string u16 = slurp((kFormats / "communique" / "page-utf16.txt").string());
  // mostly ASCII with a name in Cyrillic (KOI8-R): not taken for Windows-1252
  expect_refused(put("koi8.txt",
                     "El embajador \xf7\xcc\xc1\xc4\xc9\xcd\xc9\xd2 asisti\xf3 a la reuni\xf3n de "
                     "ministros que se celebr\xf3 ayer en la capital.\n"),
                 "invalid UTF-8 at byte 13, and not Windows-1252 either (more than 3 bytes above "
                 "0x7F in a row at byte 13: a word in another script?; --encoding names the "
                 "encoding to read it with)");
  expect_refused(put("nobom.txt", u16.substr(2)),
                 "binary data, not text (NUL byte at offset 1; UTF-16 without a byte order "
                 "mark? try --encoding utf-16le)");
  // --encoding is for both inputs
  const std::string nobom = put("nobom2.txt", u16.substr(2));
  const result forced = run({"compare", nobom, nobom, "--encoding", "utf-16le"});
  EXPECT_EQ(forced.status, 0) << forced.err;
}

// ---------------------------------------------------------------------------------------
// PDF

TEST_F(formats_cli, pdf_and_its_text_twin_have_no_change) {
  accordiff::testing::pdf_layout lay;
  lay.header = "Comisi\xC3\xB3n Estatal Forestal - Comunicado 047/2025";
  lay.columns = 40;  // two pages: the header repeats, and is dropped
  const std::string twin = slurp(kTwin);
  // the twin's <br> lines are one paragraph: typeset it on one line of its own
  const std::string pdf = put("page.pdf", accordiff::testing::typeset_pdf(twin, lay));
  const result r = run({"compare", pdf, kTwin, "-f", "json"});
  const json j = json::parse(r.out);
  EXPECT_EQ(j["old"]["format"], "pdf");
  EXPECT_EQ(j["old"]["offsets"], "extracted");
  EXPECT_EQ(j["old"]["encoding"], "");
  EXPECT_EQ(j["summary"]["changed"], r.status == 1);
  // The only difference: the contact lines ran together by the typesetter
  std::size_t changed = 0;
  for (const auto& g : j["paragraphs"]) changed += g["kind"] != "unchanged";
  EXPECT_LE(changed, 1u) << r.out;
  // the text report says what its line numbers count
  const result plain = run({"compare", pdf, kTwin});
  EXPECT_NE(plain.out.find("sentences; lines of the extracted text)\n+++ " + kTwin + " (es, "),
            std::string::npos)
      << plain.out.substr(0, 400);
  // offsets refer to the extracted text, which `extract` prints
  const result text = run({"extract", pdf});
  ASSERT_EQ(text.status, 0);
  for (const auto& g : j["sentences"])
    for (const auto& s : g["old"]) {
      const auto start = s["start"].get<std::size_t>(), end = s["end"].get<std::size_t>();
      EXPECT_EQ(text.out.substr(start, end - start), s["text"].get<std::string>());
    }
}

// PDFs another tool made (Chromium's print to PDF, embedded TrueType fonts, words placed
// one by one): a justified page, whose widest gaps poppler takes for a gutter, and a page
// in two columns, whose paragraphs go on from the foot of one column to the top of the
// next. Both read as the text they were printed from (fixtures/formats/printed/).
TEST_F(formats_cli, pdfs_printed_by_a_browser_read_as_their_text) {
  const fs::path fixtures = ACCORDIFF_FIXTURES;
  for (const auto& [pdf, text] : {std::pair{"gis-es-old-justified.pdf", "gis/es/old.txt"},
                                  std::pair{"gis-en-old-columns.pdf", "gis/en/old.txt"}}) {
    const result r = run({"compare", (kFormats / "printed" / pdf).string(),
                          (fixtures / text).string(), "-f", "json"});
    EXPECT_EQ(r.status, 0) << pdf << ": " << r.err << r.out.substr(0, 2000);
  }
}

TEST_F(formats_cli, pdf_bad_inputs) {
  const std::string good = accordiff::testing::typeset_pdf(slurp(kTwin));
  expect_refused(put("cut.pdf", good.substr(0, 60)), "corrupt PDF (poppler cannot open it)");
  expect_refused(put("fake.pdf", "%PDF-1.4\nthis is not a PDF at all\n"),
                 "corrupt PDF (poppler cannot open it)");
  expect_refused(put("text.pdf", "Just text, named like a PDF.\n"), "not a PDF (no %PDF- header)");
  expect_refused(put("scan.pdf", accordiff::testing::make_pdf({{}})),
                 "no text in this PDF (scanned pages without a text layer? use --allow-empty to "
                 "compare it anyway)");
  const result forced = run({"compare", kTwin, kTwin, "--format-old", "pdf"});
  EXPECT_EQ(forced.status, 2);
  EXPECT_EQ(forced.err, "accordiff: " + kTwin + ": not a PDF (no %PDF- header)\n");
  const result unknown = run({"compare", kTwin, kTwin, "--format-new", "docx"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.err,
            "accordiff: --format-new: unknown input format 'docx' (auto, text, markdown, html, "
            "pdf)\n");
}

// poppler and its two dozen libraries are loaded only to read a PDF (a module beside the
// program, engine/src/read/pdf_module.hpp): a comparison of texts never maps them, and a
// program whose module cannot be loaded still compares texts, and refuses a PDF saying why.
TEST_F(formats_cli, poppler_is_loaded_only_to_read_a_pdf) {
  const std::string pdf = put("page.pdf", accordiff::testing::typeset_pdf(slurp(kTwin)));
  const result text = run({"compare", kTwin, kTwin}, kBinary, {"LD_DEBUG=files"});
  EXPECT_EQ(text.status, 0) << text.err.substr(0, 2000);
  EXPECT_EQ(text.err.find("libpoppler"), std::string::npos) << text.err.substr(0, 4000);
  const result read = run({"compare", pdf, kTwin}, kBinary, {"LD_DEBUG=files"});
  EXPECT_LE(read.status, 1) << read.err.substr(0, 2000);
  EXPECT_NE(read.err.find("libpoppler"), std::string::npos);

  // a copy of the program with a damaged module beside it: that one is loaded first
  const fs::path bin = dir_ / "bin";
  fs::create_directories(bin);
  fs::copy_file(kBinary, bin / "accordiff");
  { std::ofstream(bin / "accordiff-pdf.so") << "not a shared object\n"; }
  const std::string copy = (bin / "accordiff").string();
  const result still = run({"compare", kTwin, kTwin, "-f", "json"}, copy);
  EXPECT_EQ(still.status, 0) << still.err;
  EXPECT_EQ(still.out, run({"compare", kTwin, kTwin, "-f", "json"}).out);
  const result refused = run({"compare", pdf, kTwin}, copy);
  EXPECT_EQ(refused.status, 2);
  EXPECT_EQ(refused.out, "");
  const std::string says =
      "accordiff: " + pdf + ": cannot read PDFs: " + (bin / "accordiff-pdf.so").string() + ": ";
  EXPECT_EQ(refused.err.substr(0, says.size()), says) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
}

// ---------------------------------------------------------------------------------------
// Limits

TEST_F(formats_cli, an_input_past_the_size_limit_is_refused_unread) {
  const fs::path huge = dir_ / "huge.txt";
  { std::ofstream(huge) << "x"; }
  fs::resize_file(huge, (256ull << 20) + 1);  // sparse: costs no disk
  expect_refused(huge.string(), "too large: 256 MiB (limit kMaxInputBytes = 256 MiB)");
}

}  // namespace
