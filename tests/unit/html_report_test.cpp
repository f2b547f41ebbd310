// The HTML report: self-contained, escaped, every change present with its kind and word
// edits, moves linked both ways, unchanged runs folded. (The browser tests, label
// `browser`, check the same pages rendered in Chromium.)
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "accordiff/report.hpp"
#include "report/view.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;
using testing::run;

std::string html_of(const comparison& c) {
  std::ostringstream out;
  write_html(out, c);
  return out.str();
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

comparison fixture(const std::string& name) {
  const fs::path dir = fs::path(ACCORDIFF_FIXTURES) / name;
  auto a = read_bytes(testing::slurp(dir / "old.txt"), "fixtures/" + name + "/old.txt");
  auto b = read_bytes(testing::slurp(dir / "new.txt"), "fixtures/" + name + "/new.txt");
  EXPECT_TRUE(a && b);
  auto c = compare(std::make_shared<const document>(std::move(*a)),
                   std::make_shared<const document>(std::move(*b)));
  EXPECT_TRUE(c);
  return std::move(*c);
}

// The row with id `id`, from its opening tag to its end.
std::string row_of(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t start = html.rfind("<div class=\"row", at);
  // Escaped text holds no "</div>": the first one before a line break ends the row.
  const std::size_t end = html.find("</div>\n", at);
  return html.substr(start, end - start);
}

TEST(html_report, input_cannot_inject_markup_or_script) {
  const std::string evil =
      "Intro <script>alert(1)</script> and </style><img src=x onerror=alert(2)>.\n\n"
      "A \"quoted\" 'attr' & <!-- comment --> <a href=\"javascript:alert(3)\">link</a>.\n";
  const std::string evil2 =
      "Intro <script>alert(1)</script> and </style><img src=x onerror=alert(2)> changed.\n\n"
      "A \"quoted\" 'attr' & <!-- comment --> <a href=\"javascript:alert(3)\">link</a>.\n\n"
      "</script><script src=\"https://example.org/x.js\"></script> <iframe src=//x></iframe>\n";
  auto a = read_bytes(evil, "<b>old</b>.txt");
  auto b = read_bytes(evil2, "new\"><script>alert(4)</script>.txt");
  ASSERT_TRUE(a && b);
  auto c = compare(std::make_shared<const document>(std::move(*a)),
                   std::make_shared<const document>(std::move(*b)));
  ASSERT_TRUE(c);
  const std::string h = lower(html_of(*c));
  // Only the page's own style and script elements; no element from the inputs.
  EXPECT_EQ(count(h, "<script"), 1u);
  EXPECT_EQ(count(h, "</script"), 1u);
  EXPECT_EQ(count(h, "<style"), 1u);
  EXPECT_EQ(count(h, "</style"), 1u);
  EXPECT_EQ(count(h, "<img"), 0u);
  EXPECT_EQ(count(h, "<iframe"), 0u);
  EXPECT_EQ(count(h, "<!--"), 0u);
  EXPECT_EQ(count(h, "<a href=\"javascript"), 0u);
  EXPECT_EQ(count(h, "<b>"), 0u);
  // The text is there, escaped.
  EXPECT_NE(h.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(h.find("&lt;/style&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(h.find("&quot;quoted&quot; &#39;attr&#39; &amp;"), std::string::npos);
  EXPECT_NE(h.find("&lt;b&gt;old&lt;/b&gt;.txt"), std::string::npos);
  EXPECT_NE(h.find("new&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;.txt"), std::string::npos);
}

TEST(html_report, control_characters_become_replacement_characters) {
  const comparison c = run("Uno\x01 dos.\n", "Uno\x01 tres.\n");
  const std::string h = html_of(c);
  EXPECT_EQ(h.find('\x01'), std::string::npos);
  EXPECT_NE(h.find("Uno\xEF\xBF\xBD"), std::string::npos);
}

TEST(html_report, is_self_contained) {
  const std::string h = html_of(fixture("gis/es"));
  // Nothing to fetch: no src, no url(), no @import, every link within the page.
  EXPECT_EQ(count(lower(h), "src="), 0u);
  EXPECT_EQ(count(lower(h), "url("), 0u);
  EXPECT_EQ(count(lower(h), "@import"), 0u);
  const std::regex href("href=\"([^\"]*)\"");
  std::set<std::string> targets;
  for (std::sregex_iterator it(h.begin(), h.end(), href), end; it != end; ++it) {
    const std::string v = (*it)[1];
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(v[0], '#') << v;
    targets.insert(v.substr(1));
  }
  // Every fragment link has its target, and ids are unique.
  const std::regex id("\\sid=\"([^\"]*)\"");
  std::set<std::string> ids;
  for (std::sregex_iterator it(h.begin(), h.end(), id), end; it != end; ++it)
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  for (const auto& t : targets) EXPECT_TRUE(ids.count(t)) << "no element with id " << t;
  // A Content-Security-Policy refuses anything else.
  EXPECT_NE(h.find("Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"),
            std::string::npos);
  EXPECT_EQ(h.find("unsafe-inline"), std::string::npos);
}

TEST(html_report, every_sentence_group_is_a_row_of_its_kind) {
  for (const char* name : {"gis/es", "gis/en", "cases/split", "cases/merge", "cases/move-only"}) {
    const comparison c = fixture(name);
    const std::string h = html_of(c);
    for (std::size_t k = 0; k < c.sentences.size(); ++k) {
      const group& g = c.sentences[k];
      const std::string id = "s" + std::to_string(k + 1);
      const std::string row = row_of(h, id);
      ASSERT_FALSE(row.empty()) << name << " " << id;
      EXPECT_NE(row.find("k-" + std::string(to_string(g.k))), std::string::npos) << row;
      const bool change = g.k != kind::unchanged || g.moved;
      EXPECT_EQ(row.find(" chg") != std::string::npos, change) << row;
      // Meaning never on colour alone: a badge names the kind.
      EXPECT_NE(row.find(" " + std::string(to_string(g.k)) + "</span>"), std::string::npos) << row;
      // Split and merge: one piece per unit on the side with several.
      if (g.k == kind::split || g.k == kind::merged) {
        EXPECT_EQ(count(row, "<span class=\"pc\">"),
                  std::max(g.old_units.size(), g.new_units.size()))
            << row;
      }
      // A moved group links to its old place, which links back.
      if (g.moved) {
        EXPECT_NE(row.find("href=\"#from-" + id + "\""), std::string::npos) << row;
        const std::string origin = row_of(h, "from-" + id);
        ASSERT_FALSE(origin.empty()) << id;
        EXPECT_NE(origin.find("href=\"#" + id + "\""), std::string::npos) << origin;
      }
    }
  }
}

TEST(html_report, word_edits_are_marked) {
  const comparison c =
      run("Las partes acordaron evaluar el plan.\n", "Las partes acordaron instalar el plan.\n");
  const std::string h = html_of(c);
  EXPECT_NE(h.find("Las partes acordaron <del>evaluar</del> el plan."), std::string::npos);
  EXPECT_NE(h.find("Las partes acordaron <ins>instalar</ins> el plan."), std::string::npos);
}

TEST(html_report, pieces_of_a_split_rebuild_each_sentence) {
  const comparison c = fixture("cases/split");
  const std::string h = html_of(c);
  std::size_t splits = 0;
  for (std::size_t k = 0; k < c.sentences.size(); ++k) {
    const group& g = c.sentences[k];
    if (g.k != kind::split) continue;
    ++splits;
    std::string row = row_of(h, "s" + std::to_string(k + 1));
    const std::size_t n = row.find("<div class=\"n\"");
    row = row.substr(n);
    // Without the tags, each piece is one new sentence.
    const std::regex tags("<[^>]*>");
    std::vector<std::string> pieces;
    std::string rest = row.substr(row.find('>') + 1);
    for (std::size_t at = rest.find("<span class=\"pc\">"); at != std::string::npos;) {
      const std::size_t next = rest.find("<span class=\"pc\">", at + 1);
      pieces.push_back(std::regex_replace(rest.substr(at, next - at), tags, ""));
      at = next;
    }
    ASSERT_EQ(pieces.size(), g.new_units.size());
    for (std::size_t p = 0; p < pieces.size(); ++p)
      EXPECT_EQ(pieces[p], c.new_side.doc->text(c.new_side.sentences[g.new_units[p]].where));
  }
  EXPECT_GT(splits, 0u);
}

TEST(html_report, unchanged_runs_are_folded_with_context) {
  std::string a, b;
  for (int i = 0; i < 10; ++i) a += "Frase igual numero " + std::to_string(i) + ".\n\n";
  b = a + "Una frase nueva al final.\n";
  const std::string h = html_of(run(a, b));
  EXPECT_EQ(count(h, "<details class=\"same\">"), 1u);
  // Nine folded, the last one kept next to the change.
  EXPECT_NE(h.find("<summary>9 unchanged sentences"), std::string::npos) << h;
}

TEST(html_report, header_names_documents_dates_and_counts) {
  const comparison c = fixture("gis/es");
  const std::string h = html_of(c);
  EXPECT_NE(h.find("17 de octubre de 2025"), std::string::npos);
  EXPECT_NE(h.find("11 de diciembre de 2025"), std::string::npos);
  EXPECT_NE(h.find(detail::thousands(c.old_side.doc->bytes.size()) + " bytes, " +
                   std::to_string(c.old_side.paragraphs.size()) + " paragraphs"),
            std::string::npos);
  EXPECT_NE(h.find("<h2 id=\"h-commit\">Commitments</h2>"), std::string::npos);
  // The commitments section is filled from the comparison, as the JSON is.
  ASSERT_FALSE(c.commitments.empty());
  for (std::size_t ci = 0; ci < c.commitments.size(); ++ci) {
    EXPECT_NE(h.find("<li id=\"c" + std::to_string(ci + 1) + "\">"), std::string::npos);
  }
  EXPECT_EQ(h.find("No commitment found"), std::string::npos);
  EXPECT_NE(html_of(run("Uno.\n", "Dos.\n")).find("No commitment found"), std::string::npos);
}

TEST(html_report, no_change_says_so) {
  const std::string h = html_of(run("Igual.\n", "Igual.\n"));
  EXPECT_NE(h.find("<strong>No change.</strong>"), std::string::npos);
  EXPECT_EQ(count(h, " chg"), 0u);
}

TEST(html_report, is_deterministic) {
  EXPECT_EQ(html_of(fixture("gis/es")), html_of(fixture("gis/es")));
}

}  // namespace
}  // namespace accordiff
