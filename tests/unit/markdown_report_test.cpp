// The Markdown report and the side-by-side terminal view. (How GitHub renders the
// Markdown is checked with cmark-gfm by tests/report/markdown_render_test.py.)
#include <gtest/gtest.h>

#include "accordiff/report.hpp"
#include "report/view.hpp"
#include "support.hpp"
#include "util/utf8.hpp"

namespace accordiff {
namespace {

using testing::run;

std::string md_of(const comparison& c) {
  std::ostringstream out;
  write_markdown(out, c);
  return out.str();
}

std::string sbs_of(const comparison& c, int width, bool color = false) {
  std::ostringstream out;
  text_options o;
  o.width = width;
  o.color = color;
  write_side_by_side(out, c, o);
  return out.str();
}

TEST(markdown_report, summary_commitments_then_changes) {
  const comparison c = run("Uno.\n\nLas partes acordaron evaluar el plan.\n\nSe va.\n",
                           "Uno.\n\nLas partes acordaron instalar el plan.\n\nNueva frase.\n");
  const std::string s = md_of(c);
  const auto summary = s.find("- sentences: 1 unchanged");
  const auto commitments = s.find("### Commitments");
  const auto changes = s.find("### Changes");
  ASSERT_NE(summary, std::string::npos) << s;
  ASSERT_NE(commitments, std::string::npos);
  ASSERT_NE(changes, std::string::npos);
  EXPECT_LT(summary, commitments);
  EXPECT_LT(commitments, changes);
  EXPECT_NE(s.find("> Las partes acordaron ~~evaluar~~ **instalar** el plan."), std::string::npos)
      << s;
  EXPECT_NE(s.find("> ~~Se va.~~"), std::string::npos) << s;
  EXPECT_NE(s.find("**+ added**"), std::string::npos) << s;
}

TEST(markdown_report, escapes_markdown_of_the_input) {
  const comparison c =
      run("Texto *uno* _dos_ [tres](http://x) <b>cuatro</b> | cinco ~~seis~~ $7 "
          "#8 `nueve` &amp; @usuario.\n",
          "Texto *uno* _dos_ [tres](http://x) <b>cuatro</b> | cinco ~~seis~~ $7 "
          "#8 `nueve` &amp; @usuario cambiado.\n");
  const std::string s = md_of(c);
  EXPECT_NE(s.find("Texto \\*uno\\* \\_dos\\_ \\[tres\\](http://x) \\<b\\>cuatro\\</b\\> \\| cinco "
                   "\\~\\~seis\\~\\~ \\$7 \\#\xE2\x80\x8B"
                   "8 \\`nueve\\` \\&amp; @\xE2\x80\x8Busuario"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("<b>"), std::string::npos);
}

TEST(markdown_report, escapes_what_would_start_a_block) {
  const comparison c = run("- uno.\n\n1. dos.\n", "- uno cambiado.\n\n1. dos cambiado.\n", {});
  const std::string s = md_of(c);
  EXPECT_NE(s.find("> \\- uno"), std::string::npos) << s;
  EXPECT_NE(s.find("> 1\\. dos"), std::string::npos) << s;
}

TEST(markdown_report, falls_back_to_html_tags_where_delimiters_would_not_work) {
  // An inserted comma right after a word: "**," after a letter does not open emphasis.
  const comparison c =
      run("Las partes acordaron el plan hoy.\n", "Las partes acordaron, el plan hoy.\n");
  const std::string s = md_of(c);
  EXPECT_NE(s.find("acordaron<ins>,</ins> el plan"), std::string::npos) << s;
}

TEST(markdown_report, no_change) {
  const std::string s = md_of(run("Igual.\n", "Igual.\n"));
  EXPECT_NE(s.find("**No change.**"), std::string::npos);
  EXPECT_NE(s.find("### Changes\n\nNone."), std::string::npos);
}

int columns(std::string_view line) {
  int w = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\x1b') {
      while (i < line.size() && line[i] != 'm') ++i;
      ++i;
      continue;
    }
    const char32_t c = detail::next_code_point(line, i);
    w += (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                 (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                 (c >= 0xFF00 && c <= 0xFF60)
             ? 2
         : (c >= 0x300 && c <= 0x36F) ? 0
                                      : 1;
  }
  return w;
}

class side_by_side : public ::testing::TestWithParam<int> {};

TEST_P(side_by_side, no_line_is_wider_than_the_terminal) {
  const int width = GetParam();
  const comparison c = run(
      "Las partes acordaron evaluar la instalación de equipos de inspección no intrusiva en los "
      "cruces de Nuevo Laredo y Reynosa. Unapalabramuylargaquenocabeenningunacolumnadeltodo.\n\n"
      "東京で会議が開かれた。\n",
      "Las partes acordaron instalar en el primer semestre de 2026 equipos de inspección no "
      "intrusiva en los cruces de Nuevo Laredo y Reynosa. "
      "Unaparabramuylargaquenocabeenningunacolumnadeltodo.\n\n東京で会議が開かれました。\n");
  for (bool color : {false, true}) {
    const std::string s = sbs_of(c, width, color);
    std::istringstream in(s);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line); ++lines)
      EXPECT_LE(columns(line), std::max(width, 40)) << "[" << line << "]";
    EXPECT_GT(lines, 6u);
  }
}

INSTANTIATE_TEST_SUITE_P(widths, side_by_side, ::testing::Values(40, 60, 80, 100, 157, 20));

TEST(side_by_side_view, old_left_new_right) {
  const comparison c =
      run("Las partes acordaron evaluar el plan.\n", "Las partes acordaron instalar el plan.\n");
  const std::string s = sbs_of(c, 100);
  EXPECT_NE(s.find("Las partes acordaron [-evaluar-] el plan."), std::string::npos) << s;
  const auto l = s.find("[-evaluar-]"), bar = s.find("\xE2\x94\x82", l), r = s.find("{+instalar+}");
  EXPECT_LT(l, bar);
  EXPECT_LT(bar, r);
  // One row: both sides on the same line.
  EXPECT_EQ(s.find('\n', l), s.find('\n', r));
  const std::string colored = sbs_of(c, 100, true);
  EXPECT_NE(colored.find("\x1b[31mevaluar\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[32minstalar\x1b[0m"), std::string::npos);
}

TEST(side_by_side_view, no_change) {
  EXPECT_NE(sbs_of(run("Igual.\n", "Igual.\n"), 80).find("no change\n"), std::string::npos);
}

TEST(document_date, found_in_the_opening) {
  EXPECT_EQ(detail::find_date("Ciudad de México, 11 de diciembre de 2025\n\nTexto."),
            "11 de diciembre de 2025");
  EXPECT_EQ(detail::find_date("Washington, D.C., December 11, 2025 — The"), "December 11, 2025");
  EXPECT_EQ(detail::find_date("Paris, le 1er décembre 2025."), "1er décembre 2025");
  EXPECT_EQ(detail::find_date("Berlin, 11. Dezember 2025"), "11. Dezember 2025");
  EXPECT_EQ(detail::find_date("Published 2025-12-11."), "2025-12-11");
  EXPECT_EQ(detail::find_date("No date here, only 2025 and 11 items."), "");
  EXPECT_EQ(detail::find_date(std::string(detail::kDateScanBytes, 'x') + " 11 May 2025"), "");
}

}  // namespace
}  // namespace accordiff
