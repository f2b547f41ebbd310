// The HTML reader: blocks, entities, white space, what is left out, where the content is
// found, and the map from the text kept back into the page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accordiff/read.hpp"
#include "read/readers.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

using testing::slurp;

const std::filesystem::path kFormats = std::filesystem::path(ACCORDIFF_FIXTURES) / "formats";

document html(const std::string& page, read_options o = {}) {
  o.fmt = format::html;
  o.allow_empty = true;
  auto d = read_bytes(page, "page.html", o);
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return d ? std::move(*d) : document{};
}

std::vector<std::string> paragraphs(const document& d) {
  std::vector<std::string> out;
  for (const block& b : d.blocks) out.emplace_back(d.text(b.where));
  return out;
}

using strings = std::vector<std::string>;

TEST(read_html, block_elements_are_paragraphs) {
  const auto d = html(
      "<h1>Title</h1><p>One <b>bold</b> word.</p><ul><li>First</li><li>Second</li></ul>"
      "<blockquote>Quoted.</blockquote><table><tr><td>Cell A</td><td>Cell B</td></tr></table>"
      "<div>Loose text<div>inner block</div>after it</div><h6>Small</h6>");
  EXPECT_EQ(paragraphs(d),
            (strings{"Title", "One bold word.", "First", "Second", "Quoted.", "Cell A", "Cell B",
                     "Loose text", "inner block", "after it", "Small"}));
  EXPECT_EQ(d.fmt, format::html);
  EXPECT_EQ(d.offsets, offset_base::input);
}

TEST(read_html, inline_elements_do_not_break_paragraphs) {
  const auto d = html("<p>A <a href='x'>link</a>, <em>emphasis</em> and <span>a span</span>.</p>");
  EXPECT_EQ(paragraphs(d), (strings{"A link, emphasis and a span."}));
}

TEST(read_html, entities_are_decoded) {
  const auto d = html(
      "<p>Caf&eacute; &amp; t&eacute;, &#8220;dicho&#x201D;, &copy 2025, &#150; &#0; &lt;x&gt; "
      "&unknown; &amp</p>");
  EXPECT_EQ(
      paragraphs(d),
      (strings{"Caf\xC3\xA9 & t\xC3\xA9, \xE2\x80\x9C"
               "dicho\xE2\x80\x9D, \xC2\xA9 2025, \xE2\x80\x93 \xEF\xBF\xBD <x> &unknown; &"}));
}

TEST(read_html, white_space_collapses_and_nbsp_is_a_space) {
  const auto d = html("<p>  Uno,\n\t   dos&nbsp;&nbsp;tres.&nbsp; Cuatro\xC2\xA0 cinco.  </p>");
  EXPECT_EQ(paragraphs(d), (strings{"Uno, dos tres. Cuatro cinco."}));
}

TEST(read_html, soft_hyphens_vanish) {
  EXPECT_EQ(paragraphs(html("<p>coope&shy;raci&oacute;n</p>")), (strings{"cooperaci\xC3\xB3n"}));
}

TEST(read_html, br_is_a_line_break_and_two_end_a_paragraph) {
  const auto d = html("<p>Line one<br>line two<br/>\n<br>New paragraph</p>");
  EXPECT_EQ(paragraphs(d), (strings{"Line one\nline two", "New paragraph"}));
}

TEST(read_html, pre_keeps_its_lines_and_blank_lines_end_paragraphs) {
  const auto d = html("<pre>ARTICULO 1.  Primero\n  sigue.\n\nARTICULO 2. Segundo</pre>");
  EXPECT_EQ(paragraphs(d), (strings{"ARTICULO 1.  Primero\n  sigue.", "ARTICULO 2. Segundo"}));
}

TEST(read_html, chrome_is_left_out) {
  const auto d = html(
      "<html><head><title>T</title><style>p{}</style><script>var p = '<p>x</p>';</script></head>"
      "<body><header><a href='/'>Site</a><nav><a>Menu</a></nav></header>"
      "<div class='cookie-banner'>We use cookies.</div>"
      "<div id='consent'>Consent text.</div>"
      "<form><label>Search</label><input></form>"
      "<p>Kept.</p>"
      "<p hidden>Hidden.</p><p aria-hidden='true'>Also hidden.</p>"
      "<p style='display: none'>Not shown.</p>"
      "<div class='social-share'>Share</div><div role='navigation'>Nav by role</div>"
      "<noscript>Enable JS</noscript><template><p>Template</p></template>"
      "<aside>Related</aside><footer>Copyright</footer>"
      "<p>Also <script>ignored()</script>kept.</p></body></html>");
  EXPECT_EQ(paragraphs(d), (strings{"Kept.", "Also kept."}));
}

TEST(read_html, main_element_is_the_content) {
  const auto d = html(
      "<body><div><p>Outside, a long paragraph of text about something else entirely.</p></div>"
      "<main><h1>Inside</h1><p>Body.</p></main><p>After.</p></body>");
  EXPECT_EQ(paragraphs(d), (strings{"Inside", "Body."}));
}

TEST(read_html, a_single_article_is_the_content_and_its_header_stays) {
  const auto d = html(
      "<body><header>Site name</header><article><header><h1>Headline</h1></header>"
      "<p>Text.</p><footer>Tags</footer></article><p>Outside.</p></body>");
  EXPECT_EQ(paragraphs(d), (strings{"Headline", "Text."}));
}

TEST(read_html, without_landmarks_the_densest_block_is_the_content) {
  std::string prose;
  for (int k = 0; k < 4; ++k)
    prose +=
        "<p>The delegations reviewed the progress of the program, agreed on the next "
        "steps, and asked their teams to report back within thirty days.</p>";
  const auto d = html(
      "<body><div class='top'><a href='/'>Home</a> <a href='/news'>News</a></div>"
      "<div class='menu'><ul><li><a href='/a'>Agencies</a></li><li><a href='/b'>Budget, "
      "plans and reports</a></li></ul></div>"
      "<div class='wrap'><h1>Joint statement</h1><div class='body'>" +
      prose +
      "</div></div><div class='links'><p><a href='/1'>Another statement about another "
      "meeting of another group</a></p></div></body>");
  const strings ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 5u) << ps.front();
  EXPECT_EQ(ps.front(), "Joint statement");
  EXPECT_EQ(ps.back().substr(0, 15), "The delegations");
}

TEST(read_html, select_names_the_content) {
  const std::string page =
      "<body><main><p>Main text.</p></main><div id='law' class='doc text'><p>Article 1.</p>"
      "</div><section class='text'><p>Section.</p></section></body>";
  EXPECT_EQ(paragraphs(html(page, {.select = "#law"})), (strings{"Article 1."}));
  EXPECT_EQ(paragraphs(html(page, {.select = ".text"})), (strings{"Article 1."}));
  EXPECT_EQ(paragraphs(html(page, {.select = "section.text"})), (strings{"Section."}));
  EXPECT_EQ(paragraphs(html(page, {.select = "div#law.doc"})), (strings{"Article 1."}));
  EXPECT_EQ(paragraphs(html(page, {.select = "main"})), (strings{"Main text."}));
}

TEST(read_html, select_that_matches_nothing_or_is_not_a_selector) {
  read_options o;
  o.fmt = format::html;
  o.select = "#nope";
  auto none = read_bytes("<p>x</p>", "p.html", o);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "--select '#nope' matches no element");
  EXPECT_EQ(none.error().context, "p.html");
  o.select = "div##x";
  auto bad = read_bytes("<p>x</p>", "p.html", o);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::invalid_option);
  EXPECT_EQ(bad.error().message, "'div##x' is not a selector we read (tag, #id, .class)");
  EXPECT_EQ(bad.error().context, "--select");
}

TEST(read_html, offsets_map_back_into_the_page) {
  const std::string page = "<p>Uno &amp; dos.</p>\n<p>  Tres\n   <b>cuatro</b>.</p>";
  const auto d = html(page);
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.source, page);
  auto src = [&](span s) {
    const span at = d.source_span(s);
    return page.substr(at.start, at.size());
  };
  EXPECT_EQ(d.text(d.blocks[0].where), "Uno & dos.");
  EXPECT_EQ(src(d.blocks[0].where), "Uno &amp; dos.");
  EXPECT_EQ(src(d.blocks[1].where), "Tres\n   <b>cuatro</b>.");
  // a span that is just the entity maps to all of it; a word maps to itself
  const std::uint32_t amp = d.blocks[0].where.start + 4;
  EXPECT_EQ(src({amp, amp + 1}), "&amp;");
  EXPECT_EQ(src({amp + 2, amp + 5}), "dos");
}

TEST(read_html, every_non_blank_byte_of_the_text_is_in_one_block) {
  const auto d = html(slurp(kFormats / "communique" / "page.html"));
  std::vector<int> cover(d.bytes.size(), 0);
  for (const block& b : d.blocks) {
    for (auto i = b.where.start; i < b.where.end; ++i) ++cover[i];
    EXPECT_NE(d.bytes[b.where.start], ' ');
    EXPECT_NE(d.bytes[b.where.end - 1], ' ');
  }
  for (std::size_t i = 0; i < d.bytes.size(); ++i) {
    if (d.bytes[i] != '\n' && d.bytes[i] != ' ') {
      EXPECT_EQ(cover[i], 1) << i;
    }
  }
}

TEST(read_html, a_txt_that_is_html_is_read_as_html_and_markdown_keeps_its_divs) {
  auto d = read_bytes("<!DOCTYPE html><html><body><p>Hola.</p></body></html>", "saved.txt");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->fmt, format::html);
  EXPECT_EQ(paragraphs(*d), (strings{"Hola."}));
  auto frag = read_bytes("<p>Un fragmento.</p>\n<p>Otro.</p>", "-");
  ASSERT_TRUE(frag);
  EXPECT_EQ(frag->fmt, format::html);
  auto md = read_bytes("<div align=\"center\">Logo</div>\n\n# Title\n", "README.md");
  ASSERT_TRUE(md);
  EXPECT_EQ(md->fmt, format::markdown);
  auto forced = read_bytes("<p>Hola.</p>", "a.html", {.fmt = format::text});
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->fmt, format::text);
  EXPECT_EQ(paragraphs(*forced), (strings{"<p>Hola.</p>"}));
}

TEST(read_html, a_page_name_without_a_tag_is_read_as_text) {
  auto plain = read_bytes("Primer parrafo.\n\nSegundo parrafo, 3 < 4.\n", "saved.html");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->fmt, format::text);
  EXPECT_EQ(paragraphs(*plain), (strings{"Primer parrafo.", "Segundo parrafo, 3 < 4."}));
  auto page = read_bytes("Intro.\n<p>Hola.</p>", "page.htm");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->fmt, format::html);
}

TEST(read_html, deep_nesting_is_refused_before_the_parser_sees_it) {
  std::string page;
  for (std::size_t k = 0; k <= detail::kMaxHtmlDepth; ++k) page += "<div>";
  page += "text";
  auto d = read_bytes(page, "deep.html");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message,
            "HTML nested deeper than 1000 elements (limit kMaxHtmlDepth): not a page we can read "
            "safely");
  // "<b/>" is an open <b> to HTML (not inside SVG, where <path/> is closed)
  std::string self_closing;
  for (std::size_t k = 0; k <= detail::kMaxHtmlDepth; ++k) self_closing += "<b/>";
  EXPECT_FALSE(read_bytes(self_closing + "x", "b.html"));
  std::string icons = "<svg>";
  for (std::size_t k = 0; k <= 2 * detail::kMaxHtmlDepth; ++k) icons += "<path d='M0 0'/>";
  EXPECT_TRUE(read_bytes(icons + "</svg><p>x</p>", "icons.html"));
  // as deep, but closed as it goes: fine
  std::string flat;
  for (std::size_t k = 0; k <= 2 * detail::kMaxHtmlDepth; ++k) flat += "<div>x</div><p>y<li>z";
  EXPECT_TRUE(read_bytes(flat, "flat.html"));
}

TEST(read_html, a_page_without_text_is_empty_unless_allowed) {
  auto d = read_bytes(
      "<html><head><title>Only a title</title></head><body><nav>Menu</nav></body>"
      "</html>",
      "empty.html");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, errc::empty);
  EXPECT_EQ(d.error().message,
            "no text in this page's content (use --select to name the element that holds it, or "
            "--allow-empty to compare it anyway)");
}

// The communiqué page and its variants read as the same text as the plain-text twin.
class communique : public ::testing::TestWithParam<const char*> {};

TEST_P(communique, has_the_same_content_as_its_text_twin) {
  auto page = read_file((kFormats / "communique" / GetParam()).string());
  auto twin = read_file((kFormats / "communique" / "page.txt").string());
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_TRUE(twin);
  const auto c =
      compare(std::make_shared<const document>(*page), std::make_shared<const document>(*twin));
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->changed());
  EXPECT_EQ(c->sentences.size(), 16u);
  testing::expect_invariants(*c);
}

INSTANTIATE_TEST_SUITE_P(pages, communique,
                         ::testing::Values("page.html", "page-divs.html", "page-1252.html",
                                           "page-latin1.txt", "page-utf16.txt"));

TEST(read_html, a_windows_1252_page_says_so_and_points_into_the_decoded_page) {
  auto d = read_file((kFormats / "communique" / "page-1252.html").string());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "windows-1252");
  EXPECT_EQ(d->offsets, offset_base::decoded);
  // the decoded page is UTF-8 and the map points into it
  for (const block& b : d->blocks) {
    const span at = d->source_span(b.where);
    const std::string_view there = std::string_view(d->source).substr(at.start, at.size());
    const std::string_view text = d->text(b.where);
    EXPECT_EQ(there.substr(0, 3), text.substr(0, 3));
  }
}

}  // namespace
}  // namespace accordiff
