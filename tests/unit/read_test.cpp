#include "accordiff/read.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace accordiff {
namespace {

std::vector<std::string> paragraphs(const document& d) {
  std::vector<std::string> out;
  for (const block& b : d.blocks) out.emplace_back(d.text(b.where));
  return out;
}

TEST(read, blank_lines_separate_paragraphs_and_wrapped_lines_join) {
  auto d = read_bytes("First line\nstill first.\n\n\nSecond.\n", "a.txt");
  ASSERT_TRUE(d);
  EXPECT_EQ(paragraphs(*d), (std::vector<std::string>{"First line\nstill first.", "Second."}));
}

TEST(read, bom_is_skipped_and_offsets_point_into_the_file) {
  auto d = read_bytes("\xEF\xBB\xBFHola.\n\nAdi\xC3\xB3s.", "a.txt");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->blocks.size(), 2u);
  EXPECT_EQ(d->blocks[0].where, (span{3, 8}));
  EXPECT_EQ(d->text(d->blocks[1].where), "Adi\xC3\xB3s.");
}

TEST(read, crlf_and_lone_cr_line_ends) {
  auto crlf = read_bytes("One\r\ntwo.\r\n\r\nThree.\r\n", "a.txt");
  auto cr = read_bytes("One\rtwo.\r\rThree.\r", "a.txt");
  ASSERT_TRUE(crlf);
  ASSERT_TRUE(cr);
  EXPECT_EQ(paragraphs(*crlf), (std::vector<std::string>{"One\r\ntwo.", "Three."}));
  EXPECT_EQ(paragraphs(*cr), (std::vector<std::string>{"One\rtwo.", "Three."}));
}

TEST(read, bulleted_lines_are_paragraphs_of_their_own) {
  auto d = read_bytes("Items:\n- one\n- two\n  continued\n", "a.txt");
  ASSERT_TRUE(d);
  EXPECT_EQ(paragraphs(*d), (std::vector<std::string>{"Items:", "- one", "- two\n  continued"}));
}

TEST(read, markdown_headings_lists_and_inline_markup) {
  auto d = read_bytes(
      "# Title #\nBody text with **bold** and a [link](http://x.org).\n\n1. first\n2. second\n",
      "a.md");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->fmt, format::markdown);
  ASSERT_EQ(d->blocks.size(), 4u);
  EXPECT_EQ(d->text(d->blocks[0].where), "# Title #");
  std::vector<std::string> marks;
  for (const span& m : d->blocks[1].markup) marks.emplace_back(d->text(m));
  EXPECT_EQ(marks, (std::vector<std::string>{"**", "**", "[", "](http://x.org)"}));
  EXPECT_EQ(d->text(d->blocks[0].markup.front()), "# ");
  EXPECT_EQ(d->text(d->blocks[2].markup.front()), "1.");
}

TEST(read, markdown_setext_heading_and_rule) {
  auto d = read_bytes("Title\n=====\n\n---\n\nText.\n", "a.md");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->blocks.size(), 3u);
  EXPECT_EQ(d->text(d->blocks[0].where), "Title\n=====");
  EXPECT_EQ(d->text(d->blocks[0].markup.back()), "=====");
  EXPECT_EQ(d->text(d->blocks[1].where), "---");
}

TEST(read, forced_format_wins_over_extension) {
  auto d = read_bytes("# not a heading\n", "a.md", {.fmt = format::text, .allow_empty = false});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->fmt, format::text);
  EXPECT_TRUE(d->blocks[0].markup.empty());
}

struct bad_input {
  std::string bytes;
  errc code;
  std::string message;
};

class read_refuses : public ::testing::TestWithParam<bad_input> {};

TEST_P(read_refuses, with_a_reason) {
  auto d = read_bytes(GetParam().bytes, "x.txt");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, GetParam().code);
  EXPECT_EQ(d.error().message, GetParam().message);
  EXPECT_EQ(d.error().context, "x.txt");
}

INSTANTIATE_TEST_SUITE_P(
    bad, read_refuses,
    ::testing::Values(
        bad_input{"", errc::empty, "empty file (use --allow-empty to compare it anyway)"},
        bad_input{" \n\t\n", errc::empty,
                  "no text, only white space (use --allow-empty to compare it anyway)"},
        bad_input{"\xEF\xBB\xBF", errc::empty,
                  "no text, only white space (use --allow-empty to compare it anyway)"},
        bad_input{std::string("ab\0cd", 5), errc::invalid_input,
                  "binary data, not text (NUL byte at offset 2)"},
        // invalid UTF-8 that is not Windows-1252 text either (read_encoding_test.cpp has
        // the text that is, "caf\xE9 cr\xE8me")
        bad_input{"ok \xC0\xAF", errc::invalid_input,  // overlong
                  "invalid UTF-8 at byte 3, and too many bytes above 0x7F for Windows-1252 text "
                  "(2 of 4; --encoding names the encoding to read it with)"},
        bad_input{"ok \xED\xA0\x80", errc::invalid_input,  // surrogate
                  "invalid UTF-8 at byte 3, and too many bytes above 0x7F for Windows-1252 text "
                  "(3 of 5; --encoding names the encoding to read it with)"},
        bad_input{"ok \xF4\x90\x80\x80", errc::invalid_input,
                  "invalid UTF-8 at byte 3, and too many bytes above 0x7F for Windows-1252 text "
                  "(4 of 6; --encoding names the encoding to read it with)"},
        bad_input{"cut \xE2\x82", errc::invalid_input,
                  "invalid UTF-8 at byte 4 (a character cut short at the end: a truncated file?; "
                  "--encoding names the encoding to read it with)"}));

TEST(read, allow_empty_accepts_an_empty_document) {
  auto d = read_bytes("", "x.txt", {.fmt = std::nullopt, .allow_empty = true});
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->blocks.empty());
}

TEST(read_file, missing_file_and_directory) {
  auto missing = read_file("/nonexistent/accordiff/file.txt");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "no such file");
  EXPECT_EQ(missing.error().context, "/nonexistent/accordiff/file.txt");
  auto dir = read_file(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().message, "is a directory, not a file");
}

TEST(read_file, reads_a_real_file) {
  const auto p = std::filesystem::temp_directory_path() / "accordiff_read_test.txt";
  { std::ofstream(p) << "Uno.\n\nDos.\n"; }
  auto d = read_file(p.string());
  std::filesystem::remove(p);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->blocks.size(), 2u);
  EXPECT_EQ(d->path, p.string());
}

}  // namespace
}  // namespace accordiff
