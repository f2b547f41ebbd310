// What the fuzz targets assert on every input: the readers' contract (readers.hpp) and
// the report's invariants (DESIGN.md: nothing is lost). A violation prints what and where
// and aborts, which libFuzzer (or the corpus replay under ctest) reports as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/accordiff.hpp"
#include "util/utf8.hpp"

#define ACCORDIFF_FUZZ_CHECK(cond, what)                                                     \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: invariant violated: %s (%s)\n", __FILE__, __LINE__, what, \
                   #cond);                                                                   \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace accordiff::fuzz {

/// Errors are values, and only these: the message names a reason and the file.
inline void check_error(const error& e) {
  ACCORDIFF_FUZZ_CHECK(!e.message.empty(), "an error without a reason");
  ACCORDIFF_FUZZ_CHECK(e.message.find('\n') == std::string::npos, "a reason of two lines");
}

/// The reader's contract: UTF-8 text without NUL, sorted disjoint trimmed blocks inside
/// it, nothing outside them but white space (text, Markdown) or the reader's own
/// separators (HTML, PDF), and a source map that stays inside the page and in order.
inline void check_document(const document& d) {
  const std::string_view b = d.bytes;
  ACCORDIFF_FUZZ_CHECK(detail::find_invalid_utf8(b) == std::string_view::npos, "text not UTF-8");
  ACCORDIFF_FUZZ_CHECK(b.find('\0') == std::string_view::npos, "a NUL byte in the text");
  std::vector<char> covered(b.size(), 0);
  std::uint32_t last_end = 0;
  for (const block& bl : d.blocks) {
    ACCORDIFF_FUZZ_CHECK(bl.where.start < bl.where.end, "an empty block");
    ACCORDIFF_FUZZ_CHECK(bl.where.end <= b.size(), "a block past the end");
    ACCORDIFF_FUZZ_CHECK(bl.where.start >= last_end, "blocks out of order or overlapping");
    last_end = bl.where.end;
    for (auto i = bl.where.start; i < bl.where.end; ++i) covered[i] = 1;
    std::size_t i = bl.where.start;
    ACCORDIFF_FUZZ_CHECK(!detail::is_space(detail::next_code_point(b, i)),
                         "a block starting with white space");
    for (const span& m : bl.markup)
      ACCORDIFF_FUZZ_CHECK(m.start <= m.end && m.start >= bl.where.start && m.end <= bl.where.end,
                           "markup outside its block");
  }
  // Outside the blocks: white space as the readers trim it (Unicode spaces, form feeds);
  // for HTML and PDF only the blank lines the reader puts between blocks.
  const bool own_separators = d.fmt == format::html || d.fmt == format::pdf;
  std::size_t i = b.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < b.size()) {
    const std::size_t at = i;
    const char32_t cp = detail::next_code_point(b, i);
    if (covered[at]) continue;
    if (own_separators)
      ACCORDIFF_FUZZ_CHECK(b[at] == '\n', "a byte outside the blocks that is not a separator");
    else
      ACCORDIFF_FUZZ_CHECK(detail::is_space(cp), "a non-blank character in no block");
  }
  if (!d.source_map.empty()) {
    ACCORDIFF_FUZZ_CHECK(d.source_map.front().text == 0, "the source map starts late");
    for (std::size_t k = 1; k < d.source_map.size(); ++k) {
      const source_run& p = d.source_map[k - 1];
      const source_run& r = d.source_map[k];
      ACCORDIFF_FUZZ_CHECK(r.text > p.text, "source runs out of text order");
      ACCORDIFF_FUZZ_CHECK(r.source >= p.source, "source runs out of page order");
      if (p.copied)
        ACCORDIFF_FUZZ_CHECK(r.text - p.text == p.size, "a copied run of the wrong size");
    }
    for (const source_run& r : d.source_map)
      ACCORDIFF_FUZZ_CHECK(std::uint64_t{r.source} + r.size <= d.source.size(),
                           "a run past the page");
    for (const block& bl : d.blocks) {
      const span s = d.source_span(bl.where);
      ACCORDIFF_FUZZ_CHECK(s.start <= s.end && s.end <= d.source.size(),
                           "a block mapped out of the page");
    }
  }
}

/// The report's invariants: every unit of each side in exactly one group per level, the
/// edits rebuilding both texts, and JSON that parses with the contract's fields.
inline void check_comparison(const comparison& c) {
  for (int lvl = 0; lvl < 2; ++lvl) {
    const auto& groups = lvl == 0 ? c.paragraphs : c.sentences;
    const auto& ou = lvl == 0 ? c.old_side.paragraphs : c.old_side.sentences;
    const auto& nu = lvl == 0 ? c.new_side.paragraphs : c.new_side.sentences;
    std::vector<int> seen_old(ou.size(), 0), seen_new(nu.size(), 0);
    for (const group& g : groups) {
      ACCORDIFF_FUZZ_CHECK(!(g.old_units.empty() && g.new_units.empty()), "an empty group");
      for (auto i : g.old_units) {
        ACCORDIFF_FUZZ_CHECK(i < ou.size(), "a group naming no old unit");
        ++seen_old[i];
      }
      for (auto j : g.new_units) {
        ACCORDIFF_FUZZ_CHECK(j < nu.size(), "a group naming no new unit");
        ++seen_new[j];
      }
      if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
        std::string o, n, want_o, want_n;
        for (const edit& e : g.edits) {
          if (e.op != '+') o += e.text;
          if (e.op != '-') n += e.text;
        }
        for (std::size_t k = 0; k < g.old_units.size(); ++k)
          want_o.append(k > 0 ? " " : "").append(c.old_side.doc->text(ou[g.old_units[k]].where));
        for (std::size_t k = 0; k < g.new_units.size(); ++k)
          want_n.append(k > 0 ? " " : "").append(c.new_side.doc->text(nu[g.new_units[k]].where));
        ACCORDIFF_FUZZ_CHECK(o == want_o, "edits do not rebuild the old text");
        ACCORDIFF_FUZZ_CHECK(n == want_n, "edits do not rebuild the new text");
      }
    }
    for (int s : seen_old) ACCORDIFF_FUZZ_CHECK(s == 1, "an old unit not in exactly one group");
    for (int s : seen_new) ACCORDIFF_FUZZ_CHECK(s == 1, "a new unit not in exactly one group");
  }
  std::ostringstream out;
  write_json(out, c);
  const auto j = nlohmann::json::parse(out.str(), nullptr, false);
  ACCORDIFF_FUZZ_CHECK(!j.is_discarded(), "the JSON report does not parse");
  for (const char* key : {"schema", "old", "new", "summary", "paragraphs", "sentences"})
    ACCORDIFF_FUZZ_CHECK(j.contains(key), "the JSON report lacks a field of the contract");
  ACCORDIFF_FUZZ_CHECK(j["sentences"].size() == c.sentences.size(), "JSON sentences miscounted");
  for (const auto* level : {&j["paragraphs"], &j["sentences"]})
    for (const auto& g : *level)
      for (const char* side : {"old", "new"})
        for (const auto& s : g[side]) {
          const auto start = s["start"].get<std::uint64_t>();
          const auto end = s["end"].get<std::uint64_t>();
          const document& d = side[0] == 'o' ? *c.old_side.doc : *c.new_side.doc;
          ACCORDIFF_FUZZ_CHECK(start <= end && end <= d.source_text().size(),
                               "a span outside its input");
        }
  std::ostringstream text;
  write_text(text, c);
}

/// Reads `data` as one input, `name` telling its extension.
inline result<document> read(std::string_view data, const std::string& name,
                             const read_options& o = {}) {
  auto d = read_bytes(std::string(data), name, o);
  if (d)
    check_document(*d);
  else
    check_error(d.error());
  return d;
}

}  // namespace accordiff::fuzz
