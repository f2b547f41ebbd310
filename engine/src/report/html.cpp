// The HTML reporter: one self-contained page that a reviewer reads in a browser, from
// disk or as an e-mail attachment, on a laptop or a phone.
//
// What it guarantees:
// - Self-contained: the style and the script are inline (embedded at build time from
//   html/report.css and html/report.js); the page loads nothing, and its
//   Content-Security-Policy (default-src 'none' and the SHA-256 of its own style and
//   script) refuses any other script, style, image, font, frame or connection.
// - Every byte of the inputs is escaped (& < > " ') before it reaches the page; nothing
//   from the inputs goes into the script, the style or a URL.
// - Readable without JavaScript: the filters are CSS (checkboxes before the content), runs
//   of unchanged sentences are <details>, a moved sentence and its old place link to each
//   other by fragment; the script only adds keyboard navigation (n / p) and buttons.
// - Rows are the sentence groups in the order of the JSON report, with its ids (s1, s2,
//   …; commitments c1, …), so that the page and the JSON can be read together.
// - Deterministic bytes.
#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>

#include "accordiff/report.hpp"
#include "accordiff/version.hpp"
#include "report/assets.hpp"
#include "report/summary.hpp"
#include "report/view.hpp"

namespace accordiff {

namespace {

// The page is built in a buffer written out in pieces of about this size.
constexpr std::size_t kFlushBytes = std::size_t{1} << 16;

// A run of unchanged sentences keeps one sentence of context next to each change; the
// rest is folded when at least this many sentences would be hidden (folding a single
// sentence saves no space: its summary line takes as much room).
constexpr std::size_t kFoldAtLeast = 2;

// Text of the inputs as HTML text or attribute value: & < > " ' escaped, control
// characters (which HTML does not allow) replaced by U+FFFD.
void escape(std::string& out, std::string_view s) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    switch (c) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\'':
        rep = "&#39;";
        break;
      default:
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) rep = "\xEF\xBF\xBD";
    }
    if (rep == nullptr) continue;
    out.append(s.substr(from, i - from));
    out.append(rep);
    from = i + 1;
  }
  out.append(s.substr(from));
}

class page {
 public:
  explicit page(std::ostream& out) : out_(out) { buf_.reserve(2 * kFlushBytes); }
  ~page() { flush(); }
  page(const page&) = delete;
  page& operator=(const page&) = delete;

  page& raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() > kFlushBytes) flush();
    return *this;
  }
  page& text(std::string_view s) {
    escape(buf_, s);
    if (buf_.size() > kFlushBytes) flush();
    return *this;
  }
  page& num(std::uint64_t n) { return raw(std::to_string(n)); }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  std::ostream& out_;
  std::string buf_;
};

constexpr std::array<kind, 7> kKinds = {kind::unchanged, kind::moved, kind::reworded, kind::split,
                                        kind::merged,    kind::added, kind::dropped};

std::size_t of(const detail::counts& n, kind k) {
  switch (k) {
    case kind::unchanged:
      return n.unchanged;
    case kind::moved:
      return n.moved;
    case kind::reworded:
      return n.reworded;
    case kind::split:
      return n.split;
    case kind::merged:
      return n.merged;
    case kind::added:
      return n.added;
    case kind::dropped:
      return n.dropped;
  }
  return 0;
}

// Everything a row needs to know about the comparison.
struct context {
  const comparison& c;
  detail::line_index old_lines;
  detail::line_index new_lines;
  detail::row_map rows;
  std::vector<bool> changed_commitment;  // per row: holds a commitment that changed
};

std::string sentence_id(std::size_t k) { return "s" + std::to_string(k + 1); }

void badge(page& h, std::string_view cls, std::string_view sym, std::string_view word) {
  h.raw("<span class=\"badge b-").raw(cls).raw("\">").raw(sym).raw(" ").raw(word).raw("</span>");
}

void kind_badge(page& h, kind k) { badge(h, to_string(k), detail::symbol(k), to_string(k)); }

std::size_t line_of(const context& x, bool old_side, std::uint32_t unit) {
  const side& s = old_side ? x.c.old_side : x.c.new_side;
  const auto& li = old_side ? x.old_lines : x.new_lines;
  return li.line(s.sentences[unit].where.start);
}

std::uint32_t first_of(std::span<const std::uint32_t> ids) {
  return *std::min_element(ids.begin(), ids.end());
}

// One side of a group: each unit a piece (the new sentences of a split, the old ones of a
// merge), the words only this side has highlighted. The edits rebuild the side's units
// joined by one space (docs/report.md), which is where one piece ends and the next begins.
void write_cell(page& h, const context& x, const group& g, bool old_side) {
  const side& sd = old_side ? x.c.old_side : x.c.new_side;
  const auto& ids = old_side ? g.old_units : g.new_units;
  const document& doc = *sd.doc;
  const bool pieces = ids.size() > 1;
  if (g.edits.empty()) {
    for (auto id : ids) {
      if (pieces) h.raw("<span class=\"pc\">");
      h.text(doc.text(sd.sentences[id].where));
      if (pieces) h.raw("</span>");
    }
    return;
  }
  std::vector<std::size_t> ends;
  std::size_t at = 0;
  for (auto id : ids) {
    at += sd.sentences[id].where.size();
    ends.push_back(at);
    ++at;  // the joining space
  }
  const char mine = old_side ? '-' : '+';
  const std::string_view tag = old_side ? "del" : "ins";
  std::size_t pos = 0, piece = 0;
  if (pieces) h.raw("<span class=\"pc\">");
  for (const edit& e : g.edits) {
    if (e.op != '=' && e.op != mine) continue;
    // A line wrap that moved, or a space that came or went, is not worth a highlight.
    const bool mark = e.op == mine && !detail::blank(e.text);
    std::string_view t = e.text;
    while (!t.empty()) {
      std::size_t room = piece < ends.size() ? ends[piece] - std::min(pos, ends[piece]) : t.size();
      if (room == 0 && piece + 1 < ends.size()) {
        t.remove_prefix(1);
        ++pos;
        ++piece;
        h.raw("</span><span class=\"pc\">");
        continue;
      }
      if (room == 0) room = t.size();
      const std::string_view part = t.substr(0, std::min(room, t.size()));
      if (mark) {
        h.raw("<").raw(tag).raw(">").text(part).raw("</").raw(tag).raw(">");
      } else {
        h.text(part);
      }
      pos += part.size();
      t.remove_prefix(part.size());
    }
  }
  if (pieces) h.raw("</span>");
}

// One side of a list of edits: the words only this side has marked.
void write_edits(page& h, const std::vector<edit>& edits, bool old_side) {
  const char mine = old_side ? '-' : '+';
  const std::string_view tag = old_side ? "del" : "ins";
  for (const edit& e : edits) {
    if (e.op != '=' && e.op != mine) continue;
    if (e.op == mine && !detail::blank(e.text))
      h.raw("<").raw(tag).raw(">").text(e.text).raw("</").raw(tag).raw(">");
    else
      h.text(e.text);
  }
}

void write_lang(page& h, const side& s) {
  if (!s.language.empty()) h.raw(" lang=\"").text(s.language).raw("\"");
}

// Rows inherit the new document's language from <main>; old cells say theirs if it differs.
void write_old_lang(page& h, const context& x) {
  if (x.c.old_side.language != x.c.new_side.language) write_lang(h, x.c.old_side);
}

// Dates, numbers, places … that changed; `skip` names a type shown elsewhere.
void write_typed_changes(page& h, const std::vector<typed_change>& changes,
                         std::initializer_list<std::string_view> skip = {}) {
  const auto shown = [&](const typed_change& t) {
    return std::find(skip.begin(), skip.end(), t.type) == skip.end();
  };
  if (std::none_of(changes.begin(), changes.end(), shown)) return;
  h.raw("<ul class=\"tc\">");
  for (const typed_change& t : changes) {
    if (!shown(t)) continue;
    h.raw("<li><span class=\"t\">").text(t.type).raw("</span> ");
    if (t.old_value.empty())
      h.raw("<span class=\"mute\">(none)</span>");
    else
      h.raw("<del>").text(t.old_value).raw("</del>");
    h.raw(" \xE2\x86\x92 ");  // →
    if (t.new_value.empty())
      h.raw("<span class=\"mute\">(none)</span>");
    else
      h.raw("<ins>").text(t.new_value).raw("</ins>");
    h.raw("</li>");
  }
  h.raw("</ul>");
}

void write_row(page& h, const context& x, std::size_t k) {
  const group& g = x.c.sentences[k];
  const bool change = detail::is_change(g);
  const bool has_c = !x.rows.commitments[k].empty();
  h.raw("<div class=\"row k-").raw(to_string(g.k));
  if (change) h.raw(" chg");
  if (detail::is_substantive(g, x.changed_commitment[k])) h.raw(" subst");
  if (has_c) h.raw(" has-c");
  if (detail::starts_paragraph(x.c, g)) h.raw(" pb");
  h.raw("\" id=\"").raw(sentence_id(k)).raw("\"");
  if (change) h.raw(" tabindex=\"-1\"");
  h.raw(">");

  // The gutter: what happened, where, how alike, and what it means.
  h.raw("<div class=\"g\">");
  kind_badge(h, g.k);
  if (g.moved && g.k != kind::moved) badge(h, "moved", detail::symbol(kind::moved), "moved");
  h.raw("<span class=\"loc\">");
  if (!g.old_units.empty()) h.raw("old line ").num(line_of(x, true, first_of(g.old_units)));
  if (!g.old_units.empty() && !g.new_units.empty()) h.raw(" \xE2\x86\x92 ");
  if (!g.new_units.empty()) h.raw("new line ").num(line_of(x, false, first_of(g.new_units)));
  h.raw("</span>");
  if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
    std::array<char, 16> pct{};
    std::snprintf(pct.data(), pct.size(), "%.0f", g.similarity * 100.0);
    h.raw("<span class=\"loc\">").raw(pct.data()).raw("% alike</span>");
  }
  if (g.moved) {
    h.raw("<a href=\"#from-").raw(sentence_id(k)).raw("\">");
    h.raw("from old line ").num(line_of(x, true, first_of(g.old_units))).raw("</a>");
  }
  for (auto ci : x.rows.commitments[k]) {
    const commitment& m = x.c.commitments[ci];
    h.raw("<a class=\"badge b-commit\" href=\"#c").num(ci + 1).raw("\">\xE2\x97\x86 commitment c");
    h.num(ci + 1).raw(" ").raw(to_string(m.k)).raw("</a>");
  }
  h.raw("</div>");

  h.raw("<div class=\"o\"");
  write_old_lang(h, x);
  h.raw(">");
  if (g.old_units.empty())
    h.raw("<span class=\"empty\">not in the old document</span>");
  else
    write_cell(h, x, g, true);
  h.raw("</div><div class=\"n\">");
  if (g.new_units.empty())
    h.raw("<span class=\"empty\">not in the new document</span>");
  else
    write_cell(h, x, g, false);
  h.raw("</div>");
  // Under both texts: the dates, numbers and places that changed.
  write_typed_changes(h, g.changes);
  h.raw("</div>\n");
}

// Where a moved group stood in the old document: its old text, and a link to where it is
// now (and back from there).
void write_origin(page& h, const context& x, std::size_t k, bool below) {
  const group& g = x.c.sentences[k];
  const side& os = x.c.old_side;
  h.raw("<div class=\"row ghost k-").raw(to_string(g.k)).raw("\" id=\"from-");
  h.raw(sentence_id(k)).raw("\" tabindex=\"-1\"><div class=\"g\">");
  badge(h, "moved", detail::symbol(kind::moved), "moved away");
  h.raw("<span class=\"loc\">old line ").num(line_of(x, true, first_of(g.old_units)));
  h.raw("</span></div><div class=\"o\"");
  write_old_lang(h, x);
  h.raw(">");
  for (std::size_t i = 0; i < g.old_units.size(); ++i) {
    if (i > 0) h.raw(" ");
    h.text(os.doc->text(os.sentences[g.old_units[i]].where));
  }
  h.raw("</div><div class=\"n\"><a href=\"#").raw(sentence_id(k)).raw("\">");
  h.raw(below ? "\xE2\x86\x93" : "\xE2\x86\x91");  // ↓ ↑
  h.raw(" now at new line ").num(line_of(x, false, first_of(g.new_units)));
  h.raw("</a></div></div>\n");
}

void write_rows(page& h, const context& x) {
  const auto& gs = x.c.sentences;
  const std::size_t n = gs.size();
  std::size_t k = 0;
  auto origins_before = [&](std::size_t at) {
    for (auto m : x.rows.origins[at]) write_origin(h, x, m, m >= at);
  };
  while (k < n) {
    origins_before(k);
    if (detail::is_change(gs[k])) {
      write_row(h, x, k);
      ++k;
      continue;
    }
    // A run of unchanged groups, up to the next change or the old place of a moved one.
    std::size_t end = k + 1;
    while (end < n && !detail::is_change(gs[end]) && x.rows.origins[end].empty()) ++end;
    const bool after_something = k > 0 || !x.rows.origins[k].empty();
    const bool before_something = end < n || !x.rows.origins[n].empty();
    const std::size_t lead = after_something ? 1 : 0;
    const std::size_t trail = before_something ? 1 : 0;
    const std::size_t len = end - k;
    if (len >= lead + trail + kFoldAtLeast) {
      for (std::size_t i = k; i < k + lead; ++i) write_row(h, x, i);
      const std::size_t a = k + lead, b = end - trail;
      const group& ga = gs[a];
      const group& gb = gs[b - 1];
      h.raw("<details class=\"same\"><summary>").num(b - a).raw(" unchanged sentences");
      h.raw(" <span class=\"mute\">(old lines ").num(line_of(x, true, first_of(ga.old_units)));
      h.raw("\xE2\x80\x93").num(line_of(x, true, first_of(gb.old_units)));
      h.raw(", new lines ").num(line_of(x, false, first_of(ga.new_units)));
      h.raw("\xE2\x80\x93").num(line_of(x, false, first_of(gb.new_units))).raw(")</span>");
      h.raw("</summary>\n");
      for (std::size_t i = a; i < b; ++i) write_row(h, x, i);
      h.raw("</details>\n");
      for (std::size_t i = b; i < end; ++i) write_row(h, x, i);
    } else {
      for (std::size_t i = k; i < end; ++i) write_row(h, x, i);
    }
    k = end;
  }
  origins_before(n);
}

void write_document_table(page& h, const comparison& c) {
  h.raw("<table class=\"docs\"><caption class=\"vh\">The two documents</caption><thead><tr>");
  h.raw("<td></td><th scope=\"col\">old</th><th scope=\"col\">new</th></tr></thead><tbody>");
  const std::array<const side*, 2> sides = {&c.old_side, &c.new_side};
  h.raw("<tr><th scope=\"row\">file</th>");
  for (const side* s : sides)
    h.raw("<td><span class=\"path\">").text(s->doc->path).raw("</span></td>");
  h.raw("</tr><tr><th scope=\"row\">dated</th>");
  for (const side* s : sides) {
    const std::string_view date = detail::find_date(s->doc->bytes);
    h.raw("<td>");
    if (date.empty())
      h.raw("<span class=\"mute\">no date found</span>");
    else
      h.text(detail::flat(date));
    h.raw("</td>");
  }
  h.raw("</tr><tr><th scope=\"row\">size</th>");
  for (const side* s : sides) {
    h.raw("<td>").raw(detail::thousands(detail::input_bytes(*s->doc))).raw(" bytes, ");
    h.raw(detail::thousands(s->paragraphs.size())).raw(" paragraphs, ");
    h.raw(detail::thousands(s->sentences.size())).raw(" sentences</td>");
  }
  h.raw("</tr><tr><th scope=\"row\">read as</th>");
  for (const side* s : sides) {
    h.raw("<td>").text(to_string(s->doc->fmt));
    if (!s->doc->encoding.empty() && s->doc->encoding != "utf-8")
      h.raw(" in ").text(s->doc->encoding);
    h.raw(", language ").text(s->language).raw("</td>");
  }
  h.raw("</tr><tr class=\"hash\"><th scope=\"row\">xxh3-128</th>");
  for (const side* s : sides) h.raw("<td><code>").text(s->xxh3_128).raw("</code></td>");
  h.raw("</tr></tbody></table>\n");
}

void write_summary(page& h, const comparison& c) {
  const detail::counts sc = detail::count(c.sentences);
  const detail::counts pc = detail::count(c.paragraphs);
  h.raw("<p class=\"verdict\">");
  if (!c.changed()) {
    h.raw("<strong>No change.</strong> Every sentence and paragraph is the same.");
  } else {
    h.raw("<strong>").num(sc.changes()).raw(" of ").num(c.sentences.size());
    h.raw(" sentence groups changed</strong>");
    h.raw(c.substantive() ? ", substantively: sentences came or went, or a date, number, place or "
                            "commitment changed."
                          : ", in wording or order only: no sentence came or went and no date, "
                            "number, place or commitment changed.");
  }
  h.raw("</p>\n<div class=\"top\">");
  write_document_table(h, c);
  h.raw("<table class=\"counts\"><caption class=\"vh\">Groups by kind</caption><thead>");
  h.raw("<tr><td></td><th scope=\"col\">sentences</th><th scope=\"col\">paragraphs</th></tr>");
  h.raw("</thead><tbody>");
  for (kind k : kKinds) {
    h.raw("<tr><th scope=\"row\">");
    kind_badge(h, k);
    const std::size_t s = of(sc, k), p = of(pc, k);
    h.raw("</th><td").raw(s == 0 ? " class=\"zero\"" : "").raw(">").num(s).raw("</td>");
    h.raw("<td").raw(p == 0 ? " class=\"zero\"" : "").raw(">").num(p).raw("</td></tr>");
  }
  h.raw("</tbody></table></div>\n");
  for (const std::string& d : c.degraded)
    h.raw("<p class=\"warn\" role=\"note\">\xE2\x9A\xA0 Degraded: ").text(d).raw("</p>\n");
}

void write_commitment(page& h, const context& x, std::size_t ci) {
  const comparison& c = x.c;
  const commitment& m = c.commitments[ci];
  h.raw("<li id=\"c").num(ci + 1).raw("\"><div class=\"chead\">");
  kind_badge(h, m.k);
  if (m.k == kind::reworded && m.direction == strength::strengthened)
    badge(h, "strengthened", "\xE2\x96\xB2", "strengthened");  // ▲
  if (m.k == kind::reworded && m.direction == strength::weakened)
    badge(h, "weakened", "\xE2\x96\xBC", "weakened");  // ▼
  h.raw("<span class=\"mute\">c").num(ci + 1).raw("</span>");
  const std::string_view oa = m.old_side ? std::string_view(m.old_side->action) : "";
  const std::string_view na = m.new_side ? std::string_view(m.new_side->action) : "";
  const std::string who = m.new_side && !m.new_side->actors.empty()
                              ? clause_text(*c.new_side.doc, m.new_side->actors)
                          : m.old_side ? clause_text(*c.old_side.doc, m.old_side->actors)
                                       : std::string();
  h.raw("<span class=\"what\">");
  if (!who.empty()) h.text(who).raw(": ");
  if (!oa.empty() && !na.empty() && oa != na) {
    h.raw("<del>").text(oa).raw("</del> \xE2\x86\x92 <ins>").text(na).raw("</ins>");
  } else {
    h.raw("<strong>").text(na.empty() ? oa : na).raw("</strong>");
  }
  h.raw("</span>");
  const std::uint32_t row = x.rows.commitment_row[ci];
  if (row < c.sentences.size())
    h.raw("<a href=\"#")
        .raw(sentence_id(row))
        .raw("\">sentence ")
        .raw(sentence_id(row))
        .raw("</a>");
  h.raw("</div>");
  // The action is in the line above and the scope in the clauses below.
  // An unchanged commitment reads the same on both sides, in the row it links to.
  if (m.k == kind::unchanged) {
    h.raw("</li>\n");
    return;
  }
  write_typed_changes(h, m.changes, {"action", "scope"});
  h.raw("<div class=\"pair\"><div class=\"o\"");
  write_lang(h, c.old_side);
  h.raw(">");
  if (m.old_side && !m.edits.empty())
    write_edits(h, m.edits, true);
  else if (m.old_side)
    h.text(c.old_side.doc->text(m.old_side->where));
  else
    h.raw("<span class=\"empty\">not in the old document</span>");
  h.raw("</div><div class=\"n\"");
  write_lang(h, c.new_side);
  h.raw(">");
  if (m.new_side && !m.edits.empty())
    write_edits(h, m.edits, false);
  else if (m.new_side)
    h.text(c.new_side.doc->text(m.new_side->where));
  else
    h.raw("<span class=\"empty\">not in the new document</span>");
  h.raw("</div></div></li>\n");
}

void write_commitments(page& h, const context& x) {
  const comparison& c = x.c;
  const detail::commitment_counts n = detail::count_commitments(c);
  h.raw("<section aria-labelledby=\"h-commit\"><h2 id=\"h-commit\">Commitments</h2>\n");
  if (n.total() == 0) {
    h.raw(
        "<p class=\"mute\">No commitment found in either document (a clause in which a party "
        "commits, agrees, decides or announces an action).</p></section>\n");
    return;
  }
  h.raw("<p class=\"verdict\">");
  badge(h, "added", detail::symbol(kind::added), std::to_string(n.added) + " added");
  badge(h, "dropped", detail::symbol(kind::dropped), std::to_string(n.dropped) + " dropped");
  badge(h, "reworded", detail::symbol(kind::reworded), std::to_string(n.reworded) + " reworded");
  if (n.strengthened > 0)
    badge(h, "strengthened", "\xE2\x96\xB2", std::to_string(n.strengthened) + " strengthened");
  if (n.weakened > 0)
    badge(h, "weakened", "\xE2\x96\xBC", std::to_string(n.weakened) + " weakened");
  badge(h, "unchanged", detail::symbol(kind::unchanged),
        std::to_string(n.unchanged) + " unchanged");
  h.raw("</p>\n");
  if (n.total() > n.unchanged) {
    h.raw("<ol class=\"clist\">\n");
    for (std::size_t ci = 0; ci < c.commitments.size(); ++ci)
      if (c.commitments[ci].k != kind::unchanged) write_commitment(h, x, ci);
    h.raw("</ol>\n");
  }
  if (n.unchanged > 0) {
    h.raw("<details><summary>").num(n.unchanged).raw(" unchanged commitments</summary>");
    h.raw("<ol class=\"clist\">\n");
    for (std::size_t ci = 0; ci < c.commitments.size(); ++ci)
      if (c.commitments[ci].k == kind::unchanged) write_commitment(h, x, ci);
    h.raw("</ol></details>\n");
  }
  h.raw("</section>\n");
}

void write_bar(page& h, const context& x) {
  const comparison& c = x.c;
  const detail::counts sc = detail::count(c.sentences);
  std::size_t subst = 0, with_c = 0;
  for (std::size_t k = 0; k < c.sentences.size(); ++k) {
    subst += detail::is_substantive(c.sentences[k], x.changed_commitment[k]);
    with_c += !x.rows.commitments[k].empty();
  }
  // The checkboxes stand before the bar and the rows, their siblings, so that CSS alone
  // can show which are checked and hide the rows they filter out.
  for (kind k : kKinds)
    if (of(sc, k) > 0)
      h.raw("<input type=\"checkbox\" class=\"vh\" id=\"f-").raw(to_string(k)).raw("\" checked>");
  h.raw("<input type=\"checkbox\" class=\"vh\" id=\"f-subst\">");
  h.raw("<input type=\"checkbox\" class=\"vh\" id=\"f-commit\"")
      .raw(with_c == 0 ? " disabled" : "");
  h.raw(
      ">\n<nav class=\"bar\" id=\"bar\" aria-label=\"Filters and navigation\"><div "
      "class=\"bar-in\">");
  h.raw("<span class=\"lbl\">Show</span>");
  for (kind k : kKinds) {
    if (of(sc, k) == 0) continue;
    h.raw("<label class=\"tog\" for=\"f-").raw(to_string(k)).raw("\">").raw(detail::symbol(k));
    h.raw(" ").raw(to_string(k)).raw(" <span class=\"cnt\">").num(of(sc, k)).raw("</span></label>");
  }
  h.raw("<label class=\"tog\" for=\"f-subst\">only substantive <span class=\"cnt\">").num(subst);
  h.raw("</span></label><label class=\"tog").raw(with_c == 0 ? " off" : "");
  h.raw("\" for=\"f-commit\">only commitments <span class=\"cnt\">").num(with_c);
  h.raw("</span></label>");
  h.raw(
      "<span id=\"jsbar\" hidden> <button type=\"button\" id=\"prev\">\xE2\x86\x91 "
      "previous</button>");
  h.raw(" <button type=\"button\" id=\"next\">\xE2\x86\x93 next</button>");
  h.raw(" <button type=\"button\" id=\"expand\" aria-pressed=\"false\">expand unchanged</button>");
  h.raw(" <span id=\"pos\" role=\"status\"></span>");
  h.raw(" <span class=\"keys\"><kbd>n</kbd> next, <kbd>p</kbd> previous</span></span>");
  h.raw("</div></nav>\n");
}

}  // namespace

void write_html(std::ostream& out, const comparison& c) {
  page h(out);
  context x{c,
            detail::line_index(*c.old_side.doc),
            detail::line_index(*c.new_side.doc),
            detail::map_rows(c),
            {}};
  x.changed_commitment.assign(c.sentences.size(), false);
  for (std::size_t k = 0; k < c.sentences.size(); ++k)
    for (auto ci : x.rows.commitments[k])
      if (c.commitments[ci].k != kind::unchanged) x.changed_commitment[k] = true;

  const std::string& old_path = c.old_side.doc->path;
  const std::string& new_path = c.new_side.doc->path;
  h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ");
  h.raw("style-src 'sha256-").raw(detail::assets::html_css_sha256).raw("'; ");
  h.raw("script-src 'sha256-").raw(detail::assets::html_js_sha256).raw("'; ");
  h.raw("base-uri 'none'; form-action 'none'\">\n");
  h.raw("<meta name=\"referrer\" content=\"no-referrer\">\n");
  h.raw("<meta name=\"generator\" content=\"accordiff ").raw(version).raw("\">\n");
  h.raw("<title>accordiff: ").text(old_path).raw(" \xE2\x86\x92 ").text(new_path);
  h.raw("</title>\n<style>").raw(detail::assets::html_css).raw("</style>\n</head>\n<body>\n");
  h.raw("<a class=\"skip\" href=\"#changes\">Skip to the changes</a>\n<header>\n");
  h.raw("<h1><span class=\"mute\">accordiff:</span> <span class=\"path\">").text(old_path);
  h.raw("</span> <span class=\"arrow\">\xE2\x86\x92</span> <span class=\"path\">").text(new_path);
  h.raw("</span></h1>\n");
  write_summary(h, c);
  write_commitments(h, x);
  h.raw("</header>\n");
  write_bar(h, x);
  h.raw("<main id=\"changes\" tabindex=\"-1\"");
  write_lang(h, c.new_side);
  h.raw(">\n<h2 class=\"vh\">The documents side by side</h2>\n");
  h.raw("<div class=\"row cols\" aria-hidden=\"true\"><div class=\"g\">sentence</div>");
  h.raw("<div class=\"o\">old <span class=\"path\">").text(old_path).raw("</span></div>");
  h.raw("<div class=\"n\">new <span class=\"path\">").text(new_path).raw("</span></div></div>\n");
  write_rows(h, x);
  h.raw("</main>\n<footer>accordiff ").raw(version);
  h.raw(
      ", report schema accordiff.report/1. Sentence ids (s1, s2, \xE2\x80\xA6) and commitment ids");
  h.raw(" (c1, \xE2\x80\xA6) are those of the JSON report (<code>-f json</code>).</footer>\n");
  h.raw("<script>").raw(detail::assets::html_js).raw("</script>\n</body>\n</html>\n");
}

}  // namespace accordiff
