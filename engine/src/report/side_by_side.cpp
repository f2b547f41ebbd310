// The side-by-side terminal view: the summary of the text report, then each change with
// the old wording on the left and the new one on the right, word-wrapped so that no line
// is wider than the terminal (display columns: wide East Asian characters count two,
// combining marks none). Colours as in the text report, or [-…-] and {+…+} without.
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>

#include "accordiff/report.hpp"
#include "report/summary.hpp"
#include "report/view.hpp"
#include "util/utf8.hpp"

namespace accordiff {

namespace {

// Narrower than this, two columns of text are no longer readable: the view keeps this
// width and lets the terminal wrap.
constexpr int kMinWidth = 40;
constexpr std::string_view kSeparator = " \xE2\x94\x82";  // " │", then a space before text
constexpr int kSeparatorWidth = 3;

enum class style { plain, del, ins, dim, head, brk };

struct chunk {
  std::string text;
  style st = style::plain;
};

int width_of(char32_t c) {
  if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF) return 0;
  const auto gc = U_GET_GC_MASK(static_cast<UChar32>(c));
  if ((gc & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) != 0) return 0;
  const int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

int width_of(std::string_view s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) w += width_of(detail::next_code_point(s, i));
  return w;
}

struct line {
  std::vector<chunk> chunks;
  int width = 0;
};

// Greedy word wrap of `in` into lines of at most `cols` columns; a word wider than a line
// is cut between code points. Chunks of style brk end a line.
std::vector<line> wrap(const std::vector<chunk>& in, int cols) {
  std::vector<line> out(1);
  bool pending_space = false;
  auto put = [&](std::string_view word, style st, int w) {
    line* l = &out.back();
    if (l->width > 0 && l->width + (pending_space ? 1 : 0) + w > cols) {
      out.emplace_back();
      l = &out.back();
      pending_space = false;
    }
    if (pending_space && l->width > 0) {
      l->chunks.push_back({" ", style::plain});
      l->width += 1;
    }
    pending_space = false;
    if (!l->chunks.empty() && l->chunks.back().st == st) {
      l->chunks.back().text.append(word);
    } else {
      l->chunks.push_back({std::string(word), st});
    }
    l->width += w;
  };
  for (const chunk& c : in) {
    if (c.st == style::brk) {
      if (out.back().width > 0) out.emplace_back();
      pending_space = false;
      continue;
    }
    std::size_t i = 0;
    const std::string_view s = c.text;
    while (i < s.size()) {
      std::size_t j = i;
      if (detail::is_space(detail::next_code_point(s, j))) {
        pending_space = true;
        i = j;
        continue;
      }
      // One word: up to the next space.
      std::size_t end = i;
      while (end < s.size()) {
        std::size_t k = end;
        if (detail::is_space(detail::next_code_point(s, k))) break;
        end = k;
      }
      std::string_view word = s.substr(i, end - i);
      int w = width_of(word);
      while (w > cols) {
        // Cut the word where the line is full.
        line& l = out.back();
        if (l.width > 0) {
          out.emplace_back();
          pending_space = false;
        }
        std::size_t cut = 0;
        int cw = 0;
        while (cut < word.size()) {
          std::size_t k = cut;
          const int x = width_of(detail::next_code_point(word, k));
          if (cw + x > cols) break;
          cw += x;
          cut = k;
        }
        if (cut == 0) cut = detail::sequence_length(static_cast<unsigned char>(word[0]));
        put(word.substr(0, cut), c.st, cw);
        out.emplace_back();
        word.remove_prefix(cut);
        w = width_of(word);
      }
      if (!word.empty()) put(word, c.st, w);
      i = end;
    }
  }
  if (out.size() > 1 && out.back().width == 0) out.pop_back();
  return out;
}

struct painter {
  bool color;
  void emit(std::ostream& out, const line& l) const {
    for (const chunk& c : l.chunks) {
      if (!color || c.st == style::plain) {
        out << c.text;
        continue;
      }
      const char* code = c.st == style::del   ? "\x1b[31m"
                         : c.st == style::ins ? "\x1b[32m"
                         : c.st == style::dim ? "\x1b[2m"
                                              : "\x1b[1m";
      out << code << c.text << "\x1b[0m";
    }
  }
};

// The chunks of one side of a group: its units one after the other (a break between the
// pieces of a split or merge), the words only this side has marked.
std::vector<chunk> side_chunks(const comparison& c, const group& g, bool old_side, bool color) {
  const side& sd = old_side ? c.old_side : c.new_side;
  const auto& ids = old_side ? g.old_units : g.new_units;
  std::vector<chunk> out;
  const style whole = g.k == kind::unchanged ? style::dim : style::plain;
  if (g.edits.empty()) {
    for (std::size_t k = 0; k < ids.size(); ++k) {
      if (k > 0) out.push_back({"", style::brk});
      out.push_back({std::string(sd.doc->text(sd.sentences[ids[k]].where)), whole});
    }
    return out;
  }
  std::vector<std::size_t> ends;
  std::size_t at = 0;
  for (auto id : ids) {
    at += sd.sentences[id].where.size();
    ends.push_back(at);
    ++at;
  }
  const char mine = old_side ? '-' : '+';
  const style mark = old_side ? style::del : style::ins;
  std::size_t pos = 0, piece = 0;
  for (const edit& e : g.edits) {
    if (e.op != '=' && e.op != mine) continue;
    const bool marked = e.op == mine && !detail::blank(e.text);
    std::string_view t = e.text;
    while (!t.empty()) {
      std::size_t room = piece < ends.size() ? ends[piece] - std::min(pos, ends[piece]) : t.size();
      if (room == 0 && piece + 1 < ends.size()) {
        t.remove_prefix(1);
        ++pos;
        ++piece;
        out.push_back({"", style::brk});
        continue;
      }
      if (room == 0) room = t.size();
      const std::string_view part = t.substr(0, std::min(room, t.size()));
      if (!marked) {
        out.push_back({std::string(part), style::plain});
      } else if (color) {
        out.push_back({std::string(part), mark});
      } else {
        // Markers hug the words: white space at the ends stays outside.
        const std::string f = detail::flat(part);
        std::size_t a = 0, b = f.size();
        while (a < b && f[a] == ' ') ++a;
        while (b > a && f[b - 1] == ' ') --b;
        const std::string open = old_side ? "[-" : "{+", close = old_side ? "-]" : "+}";
        if (a > 0) out.push_back({" ", style::plain});
        if (a < b) out.push_back({open + f.substr(a, b - a) + close, style::plain});
        if (b < f.size()) out.push_back({" ", style::plain});
      }
      pos += part.size();
      t.remove_prefix(part.size());
    }
  }
  return out;
}

std::string list(const detail::counts& n) {
  return std::to_string(n.unchanged) + " unchanged, " + std::to_string(n.moved) + " moved, " +
         std::to_string(n.reworded) + " reworded, " + std::to_string(n.split) + " split, " +
         std::to_string(n.merged) + " merged, " + std::to_string(n.added) + " added, " +
         std::to_string(n.dropped) + " dropped";
}

char mark_of(kind k) {
  switch (k) {
    case kind::unchanged:
      return ' ';
    case kind::moved:
    case kind::merged:
      return '>';
    case kind::reworded:
      return '~';
    case kind::split:
      return '<';
    case kind::added:
      return '+';
    case kind::dropped:
      return '-';
  }
  return ' ';
}

}  // namespace

void write_side_by_side(std::ostream& out, const comparison& c, const text_options& opts) {
  const painter paint{opts.color};
  const int width = std::max(opts.width, kMinWidth);
  const int left = (width - kSeparatorWidth) / 2;
  const int right = width - kSeparatorWidth - left;
  const document& od = *c.old_side.doc;
  const document& nd = *c.new_side.doc;
  const detail::line_index lo(od), ln(nd);

  auto full = [&](const std::string& s, style st) {
    for (const line& l : wrap({{s, st}}, width)) {
      paint.emit(out, l);
      out << "\n";
    }
  };
  full("--- " + od.path + " (" + c.old_side.language + ", " +
           std::to_string(c.old_side.paragraphs.size()) + " paragraphs, " +
           std::to_string(c.old_side.sentences.size()) + " sentences)",
       style::head);
  full("+++ " + nd.path + " (" + c.new_side.language + ", " +
           std::to_string(c.new_side.paragraphs.size()) + " paragraphs, " +
           std::to_string(c.new_side.sentences.size()) + " sentences)",
       style::head);
  full("sentences:  " + list(detail::count(c.sentences)), style::plain);
  full("paragraphs: " + list(detail::count(c.paragraphs)), style::plain);
  for (const std::string& d : c.degraded) full("degraded: " + d, style::plain);
  if (!c.changed()) {
    out << "no change\n";
    return;
  }

  const auto& gs = c.sentences;
  std::vector<bool> show(gs.size(), false);
  for (std::size_t k = 0; k < gs.size(); ++k) {
    const bool change = detail::is_change(gs[k]);
    if (opts.all || change) show[k] = true;
    if (change && opts.context > 0) {
      const auto ctx = static_cast<std::size_t>(opts.context);
      for (std::size_t d = 1; d <= ctx; ++d) {
        if (k >= d) show[k - d] = true;
        if (k + d < gs.size()) show[k + d] = true;
      }
    }
  }
  bool gap = false;
  for (std::size_t k = 0; k < gs.size(); ++k) {
    if (!show[k]) {
      gap = true;
      continue;
    }
    const group& g = gs[k];
    out << "\n";
    if (gap && opts.context > 0 && !opts.all) full("  ...", style::dim);
    gap = false;
    std::string head = std::string(1, mark_of(g.k)) + " " + std::string(to_string(g.k));
    if (g.moved && g.k != kind::moved) head += ", moved";
    std::string loc;
    if (!g.old_units.empty())
      loc = "old line " +
            std::to_string(lo.line(c.old_side.sentences[g.old_units.front()].where.start));
    if (!g.old_units.empty() && !g.new_units.empty()) loc += " -> ";
    if (!g.new_units.empty())
      loc += "new line " +
             std::to_string(ln.line(c.new_side.sentences[g.new_units.front()].where.start));
    if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
      char sim[16];
      std::snprintf(sim, sizeof sim, "%.2f", g.similarity);
      loc += std::string("  similarity ") + sim;
    }
    std::vector<chunk> hc = {{head, style::head}, {"  " + loc, style::dim}};
    for (const line& l : wrap(hc, width)) {
      paint.emit(out, l);
      out << "\n";
    }
    const auto lcol = wrap(side_chunks(c, g, true, opts.color), left);
    const auto rcol = wrap(side_chunks(c, g, false, opts.color), right);
    const std::size_t rows = std::max(lcol.size(), rcol.size());
    for (std::size_t r = 0; r < rows; ++r) {
      int used = 0;
      if (r < lcol.size()) {
        paint.emit(out, lcol[r]);
        used = lcol[r].width;
      }
      out << std::string(static_cast<std::size_t>(std::max(0, left - used)), ' ') << kSeparator;
      if (r < rcol.size() && rcol[r].width > 0) {
        out << ' ';
        paint.emit(out, rcol[r]);
      }
      out << "\n";
    }
  }
}

}  // namespace accordiff
