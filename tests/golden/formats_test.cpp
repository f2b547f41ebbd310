// The HTML and PDF twins of text fixtures (fixtures/formats/<case>/, made by
// fixtures/formats/make_twins.py) give the same report as the text: the same sentence
// and paragraph groups, the same kinds, the same word-level edits. The texts of the groups
// and edits are compared with white space folded (each format wraps its lines its way).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdf_writer.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = ACCORDIFF_FIXTURES;

std::string folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// One group as text: kind, moved, the folded texts of both sides and of the edits.
std::vector<std::string> groups_of(const comparison& c, bool sentences) {
  const auto& groups = sentences ? c.sentences : c.paragraphs;
  const auto& ou = sentences ? c.old_side.sentences : c.old_side.paragraphs;
  const auto& nu = sentences ? c.new_side.sentences : c.new_side.paragraphs;
  std::vector<std::string> out;
  for (const group& g : groups) {
    std::string s = std::string(to_string(g.k)) + (g.moved ? " moved" : "") + " |";
    for (auto i : g.old_units) s += " " + folded(c.old_side.doc->text(ou[i].where)) + " |";
    s += "|";
    for (auto j : g.new_units) s += " " + folded(c.new_side.doc->text(nu[j].where)) + " |";
    // edits with white space folded: a change of line wrap is no edit, and the words on
    // either side of it join
    std::vector<std::pair<char, std::string>> edits;
    for (const edit& e : g.edits) {
      const std::string t = folded(e.text);
      if (t.empty()) continue;
      if (!edits.empty() && edits.back().first == e.op)
        edits.back().second = folded(edits.back().second + " " + t);
      else
        edits.emplace_back(e.op, t);
    }
    for (const auto& [op, t] : edits) s += std::string(" ") + op + t;
    out.push_back(s);
  }
  return out;
}

comparison compare_files(const fs::path& a, const fs::path& b) {
  auto da = read_file(a.string());
  auto db = read_file(b.string());
  EXPECT_TRUE(da) << a << ": " << (da ? "" : da.error().message);
  EXPECT_TRUE(db) << b << ": " << (db ? "" : db.error().message);
  auto c = compare(std::make_shared<const document>(std::move(*da)),
                   std::make_shared<const document>(std::move(*db)));
  EXPECT_TRUE(c);
  testing::expect_invariants(*c);
  return std::move(*c);
}

struct twin_case {
  const char* text_case;  // under fixtures/
  const char* twins;      // under fixtures/formats/
};

class twins : public ::testing::TestWithParam<twin_case> {};

TEST_P(twins, html_and_pdf_give_the_report_of_the_text) {
  const fs::path text = kFixtures / GetParam().text_case;
  const fs::path dir = kFixtures / "formats" / GetParam().twins;
  const comparison t = compare_files(text / "old.txt", text / "new.txt");
  for (const char* ext : {".html", ".pdf"}) {
    SCOPED_TRACE(ext);
    const comparison f =
        compare_files(dir / (std::string("old") + ext), dir / (std::string("new") + ext));
    EXPECT_EQ(groups_of(f, true), groups_of(t, true));
    EXPECT_EQ(groups_of(f, false), groups_of(t, false));
    EXPECT_EQ(f.commitments.size(), t.commitments.size());
    EXPECT_EQ(to_string(f.old_side.doc->fmt), std::string(ext + 1));
  }
}

INSTANTIATE_TEST_SUITE_P(fixtures, twins,
                         ::testing::Values(twin_case{"gis/es", "gis-es"},
                                           twin_case{"gis/en", "gis-en"}));

// The committed PDFs are what make_pdf makes of the text today: if pdf_writer.hpp changes,
// make_twins.py must be run again (the test says how).
TEST(twins, committed_pdfs_are_up_to_date) {
  for (const char* lang : {"es", "en"}) {
    for (const char* side : {"old", "new"}) {
      const fs::path txt = kFixtures / "gis" / lang / (std::string(side) + ".txt");
      const fs::path pdf =
          kFixtures / "formats" / (std::string("gis-") + lang) / (std::string(side) + ".pdf");
      testing::pdf_layout lay;
      lay.header =
          std::string(lang) == "es"
              ? "Grupo de Implementaci\xC3\xB3n de Seguridad \xE2\x80\x94 Comunicado conjunto"
              : "Security Implementation Group \xE2\x80\x94 Joint statement";
      lay.columns = 64;
      lay.indent = std::string(side) == "new";
      EXPECT_EQ(testing::typeset_pdf(testing::slurp(txt), lay), testing::slurp(pdf))
          << pdf << " is stale: run fixtures/formats/make_twins.py fixtures/gis/" << lang
          << " fixtures/formats/gis-" << lang << " --make-pdf BUILD/make_pdf --lang " << lang;
    }
  }
}

}  // namespace
}  // namespace accordiff
