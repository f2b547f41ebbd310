// The Markdown reporter: GitHub-flavoured Markdown for pull requests, issues and e-mail.
// The documents and the summary, the commitments, then every change with ~~deleted~~ and
// **inserted** words.
//
// Input text is escaped so that it reads as written: Markdown punctuation is
// backslash-escaped, "@name" and "#12" get a zero-width space after the "@" or "#" (a
// quoted document mentions no one and references no issue), and where a ~~ or ** would not be
// recognised next to punctuation (CommonMark's flanking rules) <del>/<ins> are written instead.
#include <array>
#include <cstdio>
#include <ostream>
#include <string>

#include "accordiff/report.hpp"
#include "accordiff/version.hpp"
#include "report/summary.hpp"
#include "report/view.hpp"
#include "util/utf8.hpp"

namespace accordiff {

namespace {

constexpr const char* kArrow = " \xE2\x86\x92 ";  // →

// Characters that mean something in GitHub Markdown wherever they stand: emphasis, code,
// links, HTML and entities, tables, strikethrough, math, headings.
bool special(char ch) {
  switch (ch) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '&':
    case '|':
    case '~':
    case '$':
    case '#':
      return true;
    default:
      return false;
  }
}

bool word_byte(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return std::isalnum(c) != 0 || ch == '_' || c >= 0x80;
}

// Escapes flattened text (no line breaks). At the start of a line, list markers, a
// setext underline and "1." or "1)" are escaped as well.
std::string escape(std::string_view s, bool line_start) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (special(ch)) {
      out.push_back('\\');
    } else if (line_start && i == 0 && (ch == '-' || ch == '+' || ch == '=')) {
      out.push_back('\\');
    } else if (line_start && (ch == '.' || ch == ')') && i > 0 && i <= 9) {
      bool digits = true;
      for (std::size_t k = 0; k < i; ++k)
        digits = digits && std::isdigit(static_cast<unsigned char>(s[k]));
      if (digits) out.push_back('\\');
    }
    out.push_back(ch);
    // GitHub would notify @name and cross-reference #12 from a quoted document.
    // At the end of a piece, the name may begin the next one.
    if ((ch == '@' && (i + 1 == s.size() || word_byte(s[i + 1]))) ||
        (ch == '#' && (i + 1 == s.size() || std::isdigit(static_cast<unsigned char>(s[i + 1])))))
      out.append("\xE2\x80\x8B");
  }
  return out;
}

std::string text(std::string_view s, bool line_start = false) {
  return escape(detail::flat(s), line_start);
}

// CommonMark's classes of the character next to a delimiter run.
enum class cls { space, punct, other };

cls class_before(const std::string& s) {
  if (s.empty()) return cls::space;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t j = i;
  const char32_t c = detail::next_code_point(s, j);
  if (detail::is_space(c)) return cls::space;
  if (c < 0x80) return std::ispunct(static_cast<int>(c)) != 0 ? cls::punct : cls::other;
  // ¡ « » ¿, and General Punctuation (dashes, quotes, …)
  if (c == 0xA1 || c == 0xAB || c == 0xBB || c == 0xBF || (c >= 0x2010 && c <= 0x205E))
    return cls::punct;
  return cls::other;
}

cls class_after(std::string_view s) {
  if (s.empty()) return cls::space;
  std::size_t j = 0;
  const char32_t c = detail::next_code_point(s, j);
  if (detail::is_space(c)) return cls::space;
  if (c < 0x80) return std::ispunct(static_cast<int>(c)) != 0 ? cls::punct : cls::other;
  if (c == 0xA1 || c == 0xAB || c == 0xBB || c == 0xBF || (c >= 0x2010 && c <= 0x205E))
    return cls::punct;
  return cls::other;
}

struct piece {
  char op;           // '=', '-' or '+'
  std::string text;  // flattened, not yet escaped
};

// Appends `inner` (escaped, no white space at either end) marked as deleted or inserted:
// ~~x~~ or **x**, or <del>x</del> / <ins>x</ins> where CommonMark would not see the
// delimiters as opening and closing (punctuation inside, a letter outside).
void marked(std::string& out, char op, const std::string& inner, cls after) {
  const cls before = class_before(out), first = class_after(inner), last = class_before(inner);
  const bool opens = first != cls::space && (first != cls::punct || before != cls::other);
  const bool closes = last != cls::space && (last != cls::punct || after != cls::other);
  if (opens && closes) {
    const char* d = op == '-' ? "~~" : "**";
    out.append(d).append(inner).append(d);
  } else {
    const char* tag = op == '-' ? "del" : "ins";
    out.append("<").append(tag).append(">").append(inner).append("</").append(tag).append(">");
  }
}

// A text with its word-level edits marked.
std::string with_edits(const std::vector<edit>& edits) {
  std::vector<piece> ps;
  for (std::size_t e = 0; e < edits.size(); ++e) {
    const edit& ed = edits[e];
    if (ed.op != '=' && detail::blank(ed.text)) {
      // A line wrap that moved, or a space that came or went: one space, unmarked.
      if (ed.op == '-' && e + 1 < edits.size() && edits[e + 1].op == '+' &&
          detail::blank(edits[e + 1].text))
        continue;
      ps.push_back({'=', " "});
      continue;
    }
    ps.push_back({ed.op, detail::flat(ed.text)});
  }
  std::string out;
  // One space where a marked piece and the text after it both bring one.
  const auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (std::size_t k = 0; k < ps.size(); ++k) {
    const piece& p = ps[k];
    if (p.op == '=') {
      const bool skip = !p.text.empty() && p.text[0] == ' ' && !out.empty() && out.back() == ' ';
      out.append(escape(std::string_view(p.text).substr(skip ? 1 : 0), out.empty()));
      continue;
    }
    // White space at the ends of a marked piece goes outside the delimiters.
    std::size_t a = 0, b = p.text.size();
    while (a < b && p.text[a] == ' ') ++a;
    while (b > a && p.text[b - 1] == ' ') --b;
    if (a > 0) space();
    // A deletion right before an insertion: a space between, so that the two read apart.
    const bool spaced = p.op == '-' && k + 1 < ps.size() && ps[k + 1].op == '+';
    if (p.op == '+' && k > 0 && ps[k - 1].op == '-') space();
    const cls after = b < p.text.size() || spaced || k + 1 == ps.size()
                          ? cls::space
                          : class_after(ps[k + 1].text);
    if (a < b) marked(out, p.op, escape(p.text.substr(a, b - a), false), after);
    if (b < p.text.size()) space();
  }
  return out;
}

std::string side_text(const comparison& c, const group& g, bool old_side) {
  const side& s = old_side ? c.old_side : c.new_side;
  const auto& ids = old_side ? g.old_units : g.new_units;
  std::string out;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) out.push_back(' ');
    out.append(s.doc->text(s.sentences[ids[k]].where));
  }
  return out;
}

void typed_changes(std::ostream& out, const std::vector<typed_change>& changes,
                   const char* indent) {
  for (const typed_change& t : changes) {
    out << indent << "- " << escape(t.type, false) << ": "
        << (t.old_value.empty() ? "(none)" : text(t.old_value)) << kArrow
        << (t.new_value.empty() ? "(none)" : text(t.new_value)) << "\n";
  }
}

std::string count_line(const detail::counts& n) {
  std::string s;
  const std::array<std::pair<kind, std::size_t>, 7> all = {{{kind::unchanged, n.unchanged},
                                                            {kind::moved, n.moved},
                                                            {kind::reworded, n.reworded},
                                                            {kind::split, n.split},
                                                            {kind::merged, n.merged},
                                                            {kind::added, n.added},
                                                            {kind::dropped, n.dropped}}};
  for (const auto& [k, v] : all) {
    if (!s.empty()) s += ", ";
    s += std::to_string(v) + " " + std::string(to_string(k));
  }
  return s;
}

// "~ reworded": a lone tilde before a space opens no strikethrough, so labels need no escape.
std::string label(kind k) {
  return std::string(detail::symbol(k)) + " " + std::string(to_string(k));
}

}  // namespace

void write_markdown(std::ostream& out, const comparison& c) {
  const document& od = *c.old_side.doc;
  const document& nd = *c.new_side.doc;
  const detail::line_index lo(od), ln(nd);
  const detail::row_map rows = detail::map_rows(c);

  out << "## accordiff: " << text(od.path) << kArrow << text(nd.path) << "\n\n";
  out << "| | old | new |\n| --- | --- | --- |\n";
  out << "| file | " << text(od.path) << " | " << text(nd.path) << " |\n";
  const std::string_view odate = detail::find_date(od.bytes), ndate = detail::find_date(nd.bytes);
  out << "| dated | " << (odate.empty() ? "no date found" : text(odate)) << " | "
      << (ndate.empty() ? "no date found" : text(ndate)) << " |\n";
  out << "| size |";
  for (const side* s : {&c.old_side, &c.new_side}) {
    out << " " << detail::thousands(detail::input_bytes(*s->doc)) << " bytes, "
        << s->paragraphs.size() << " paragraphs, " << s->sentences.size() << " sentences |";
  }
  out << "\n| language | " << text(c.old_side.language) << " | " << text(c.new_side.language)
      << " |\n\n";

  const detail::counts sc = detail::count(c.sentences);
  const detail::counts pc = detail::count(c.paragraphs);
  if (!c.changed()) {
    out << "**No change.** Every sentence and paragraph is the same.\n\n";
  } else {
    out << "**" << sc.changes() << " of " << c.sentences.size() << " sentence groups changed**"
        << (c.substantive() ? ", substantively: sentences came or went, or a date, number, place "
                              "or commitment changed.\n\n"
                            : ", in wording or order only.\n\n");
  }
  out << "- sentences: " << count_line(sc) << "\n";
  out << "- paragraphs: " << count_line(pc) << "\n";
  for (const std::string& d : c.degraded) out << "- degraded: " << text(d) << "\n";

  out << "\n### Commitments\n\n";
  const detail::commitment_counts cc = detail::count_commitments(c);
  if (cc.total() == 0) {
    out << "No commitment found in either document.\n";
  } else {
    out << cc.added << " added, " << cc.dropped << " dropped, " << cc.reworded << " reworded";
    if (cc.strengthened > 0 || cc.weakened > 0)
      out << " (" << cc.strengthened << " strengthened, " << cc.weakened << " weakened)";
    out << ", " << cc.unchanged << " unchanged.\n\n";
    for (std::size_t ci = 0; ci < c.commitments.size(); ++ci) {
      const commitment& m = c.commitments[ci];
      if (m.k == kind::unchanged) continue;
      out << "- **" << label(m.k) << "** c" << ci + 1;
      if (m.k == kind::reworded && m.direction != strength::same)
        out << ", " << to_string(m.direction);
      const std::string oa = m.old_side ? m.old_side->action : "";
      const std::string na = m.new_side ? m.new_side->action : "";
      if (!oa.empty() && !na.empty() && oa != na)
        out << ": ~~" << text(oa) << "~~" << kArrow << "**" << text(na) << "**";
      else if (!oa.empty() || !na.empty())
        out << ": " << text(na.empty() ? oa : na);
      const std::uint32_t row = rows.commitment_row[ci];
      if (row < c.sentences.size()) out << " (s" << row + 1 << ")";
      out << "\n";
      if (!m.edits.empty()) {
        out << "  - " << with_edits(m.edits) << "\n";
      } else {
        if (m.old_side)
          out << "  - old: " << (m.k == kind::dropped ? "~~" : "")
              << text(od.text(m.old_side->where)) << (m.k == kind::dropped ? "~~" : "") << "\n";
        if (m.new_side) out << "  - new: " << text(nd.text(m.new_side->where)) << "\n";
      }
      // The action is in the line above and the scope in the clause.
      for (const typed_change& t : m.changes)
        if (t.type != "action" && t.type != "scope") typed_changes(out, {t}, "  ");
    }
  }

  out << "\n### Changes\n";
  if (!c.changed()) out << "\nNone.\n";
  for (std::size_t k = 0; k < c.sentences.size(); ++k) {
    const group& g = c.sentences[k];
    if (!detail::is_change(g)) continue;
    out << "\n**" << label(g.k) << "**";
    if (g.moved && g.k != kind::moved) out << ", \xE2\x86\x95 moved";
    out << " s" << k + 1 << " \xC2\xB7 ";
    if (!g.old_units.empty())
      out << "old line " << lo.line(c.old_side.sentences[g.old_units.front()].where.start);
    if (!g.old_units.empty() && !g.new_units.empty()) out << kArrow;
    if (!g.new_units.empty())
      out << "new line " << ln.line(c.new_side.sentences[g.new_units.front()].where.start);
    if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
      std::array<char, 16> pct{};
      std::snprintf(pct.data(), pct.size(), "%.0f", g.similarity * 100.0);
      out << " \xC2\xB7 " << pct.data() << "% alike";
    }
    for (auto ci : rows.commitments[k])
      out << " \xC2\xB7 commitment c" << ci + 1 << " " << to_string(c.commitments[ci].k);
    out << "\n\n> ";
    if (g.k == kind::dropped)
      out << "~~" << text(side_text(c, g, true), true) << "~~";
    else if (g.k == kind::added)
      out << text(side_text(c, g, false), true);
    else if (!g.edits.empty())
      out << with_edits(g.edits);
    else
      out << text(side_text(c, g, false), true);
    out << "\n";
    if (!g.changes.empty()) {
      out << "\n";
      typed_changes(out, g.changes, "");
    }
  }
  out << "\n---\n_accordiff " << version
      << ", report schema accordiff.report/1; s1, s2, \xE2\x80\xA6 and c1, c2, \xE2\x80\xA6 are "
         "the "
         "ids of the JSON report._\n";
}

}  // namespace accordiff
