// The terminal reporter: a summary, then every change with word-level highlights.
#include <algorithm>
#include <ostream>
#include <span>
#include <string>

#include "accordiff/report.hpp"
#include "report/summary.hpp"
#include "report/text_util.hpp"
#include "util/utf8.hpp"

namespace accordiff {

namespace {

using detail::blank;
using detail::changes_line;
using detail::flat;
using detail::render_edits;
using detail::style;

// Line numbers of a document's offsets, counted in its source (an HTML page's lines, not
// those of the text taken from it).
class line_index {
 public:
  explicit line_index(const document& d) : doc_(d) {
    const std::string_view b = d.source_text();
    starts_.push_back(0);
    for (std::uint32_t i = 0; i < b.size(); ++i) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == b.size() || b[i + 1] != '\n')))
        starts_.push_back(i + 1);
    }
  }
  [[nodiscard]] std::size_t line(std::uint32_t offset) const {
    const std::uint32_t at = doc_.source_span({offset, offset}).start;
    return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), at) -
                                    starts_.begin());
  }

 private:
  const document& doc_;
  std::vector<std::uint32_t> starts_;
};

std::string where(const char* label, const line_index& li, const std::vector<unit>& us,
                  std::span<const std::uint32_t> ids) {
  if (ids.empty()) return {};
  std::string s =
      std::string(label) + " line " + std::to_string(li.line(us[ids.front()].where.start));
  return s;
}

std::string list(const detail::counts& n) {
  return std::to_string(n.unchanged) + " unchanged, " + std::to_string(n.moved) + " moved, " +
         std::to_string(n.reworded) + " reworded, " + std::to_string(n.split) + " split, " +
         std::to_string(n.merged) + " merged, " + std::to_string(n.added) + " added, " +
         std::to_string(n.dropped) + " dropped";
}

void write_commitment_counts(std::ostream& out, const comparison& c) {
  std::size_t added = 0, dropped = 0, reworded = 0, unchanged = 0, stronger = 0, weaker = 0;
  for (const commitment& m : c.commitments) {
    added += m.k == kind::added;
    dropped += m.k == kind::dropped;
    reworded += m.k == kind::reworded;
    unchanged += m.k == kind::unchanged;
    stronger += m.k == kind::reworded && m.direction == strength::strengthened;
    weaker += m.k == kind::reworded && m.direction == strength::weakened;
  }
  out << "commitments: " << added << " new, " << dropped << " dropped, " << reworded << " reworded";
  if (stronger + weaker > 0) {
    out << " (";
    if (stronger > 0) out << stronger << " strengthened";
    if (stronger > 0 && weaker > 0) out << ", ";
    if (weaker > 0) out << weaker << " weakened";
    out << ")";
  }
  out << ", " << unchanged << " unchanged\n";
}

void write_commitments(std::ostream& out, const comparison& c, const style& st,
                       const line_index& lo, const line_index& ln) {
  write_commitment_counts(out, c);
  for (const commitment& m : c.commitments) {
    if (m.k == kind::unchanged) continue;
    const char* label = m.k == kind::added     ? "+ new commitment"
                        : m.k == kind::dropped ? "- dropped commitment"
                                               : "~ reworded commitment";
    std::string loc;
    if (m.old_side) loc = "old line " + std::to_string(lo.line(m.old_side->where.start));
    if (m.old_side && m.new_side) loc += " -> ";
    if (m.new_side) loc += "new line " + std::to_string(ln.line(m.new_side->where.start));
    out << "\n" << st.head(label) << "  " << st.dim(loc);
    if (m.k == kind::reworded &&
        (m.direction == strength::strengthened || m.direction == strength::weakened))
      out << "  " << st.head(std::string(to_string(m.direction)));
    out << "\n";
    const commitment_side& s = m.new_side ? *m.new_side : *m.old_side;
    const document& sd = m.new_side ? *c.new_side.doc : *c.old_side.doc;
    std::string who = s.actors.empty() ? "" : flat(clause_text(sd, s.actors)) + ": ";
    out << "    "
        << st.dim(who + "action " +
                  (m.k == kind::reworded && m.old_side->action != m.new_side->action
                       ? m.old_side->action + " -> " + m.new_side->action
                       : s.action));
    if (const std::string ch = changes_line(m.changes); !ch.empty()) out << st.dim("; " + ch);
    out << "\n    ";
    if (m.k == kind::added)
      out << st.ins(flat(c.new_side.doc->text(m.new_side->where)));
    else if (m.k == kind::dropped)
      out << st.del(flat(c.old_side.doc->text(m.old_side->where)));
    else
      render_edits(out, m.edits, st);
    out << "\n";
  }
}

}  // namespace

void write_text(std::ostream& out, const comparison& c, const text_options& opts) {
  const style st{opts.color};
  const document& od = *c.old_side.doc;
  const document& nd = *c.new_side.doc;
  const line_index lo(od), ln(nd);
  const auto& ou = c.old_side.sentences;
  const auto& nu = c.new_side.sentences;
  // a PDF's line numbers count lines of the text extracted from it (accordiff extract)
  auto extracted = [](const document& d) {
    return d.offsets == offset_base::extracted ? "; lines of the extracted text" : "";
  };
  out << st.head("--- " + od.path) << " (" << c.old_side.language << ", "
      << c.old_side.paragraphs.size() << " paragraphs, " << ou.size() << " sentences"
      << extracted(od) << ")\n";
  out << st.head("+++ " + nd.path) << " (" << c.new_side.language << ", "
      << c.new_side.paragraphs.size() << " paragraphs, " << nu.size() << " sentences"
      << extracted(nd) << ")\n";
  const detail::counts sc = detail::count(c.sentences);
  const detail::counts pc = detail::count(c.paragraphs);
  out << "sentences:  " << list(sc) << "\n";
  out << "paragraphs: " << list(pc) << "\n";
  for (const std::string& d : c.degraded) out << "degraded: " << d << "\n";
  if (opts.summary_only) {
    if (!c.commitments.empty()) write_commitment_counts(out, c);
    return;
  }
  if (!c.commitments.empty()) write_commitments(out, c, st, lo, ln);
  if (!c.changed()) {
    out << "no change\n";
    return;
  }

  // Which unchanged groups are shown: all, or `context` on each side of a change.
  const auto& gs = c.sentences;
  std::vector<bool> show(gs.size(), false);
  for (std::size_t k = 0; k < gs.size(); ++k) {
    const bool change = gs[k].k != kind::unchanged || gs[k].moved;
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
    if (gap && opts.context > 0 && !opts.all) out << st.dim("  ...") << "\n";
    gap = false;
    std::string label;
    char mark = ' ';
    switch (g.k) {
      case kind::unchanged:
        mark = ' ';
        break;
      case kind::moved:
        mark = '>';
        break;
      case kind::reworded:
        mark = '~';
        break;
      case kind::split:
        mark = '<';
        break;
      case kind::merged:
        mark = '>';
        break;
      case kind::added:
        mark = '+';
        break;
      case kind::dropped:
        mark = '-';
        break;
    }
    label = std::string(1, mark) + " " + std::string(to_string(g.k));
    if (g.moved && g.k != kind::moved) label += ", moved";
    std::string loc = where("old", lo, ou, g.old_units);
    const std::string nloc = where("new", ln, nu, g.new_units);
    if (!loc.empty() && !nloc.empty()) loc += " -> ";
    loc += nloc;
    out << st.head(label) << "  " << st.dim(loc);
    if (const std::string ch = changes_line(g.changes); !ch.empty()) out << "  " << st.head(ch);
    if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
      char sim[16];
      std::snprintf(sim, sizeof sim, "%.2f", g.similarity);
      out << st.dim(std::string("  similarity ") + sim);
    }
    out << "\n    ";
    if (g.k == kind::added) {
      for (std::uint32_t j : g.new_units) out << st.ins(flat(nd.text(nu[j].where)));
    } else if (g.k == kind::dropped) {
      for (std::uint32_t i : g.old_units) out << st.del(flat(od.text(ou[i].where)));
    } else if (!g.edits.empty()) {
      render_edits(out, g.edits, st);
    } else {
      const std::string t = flat(nd.text(nu[g.new_units.front()].where));
      out << (g.k == kind::unchanged ? st.dim(t) : t);
    }
    out << "\n";
  }
}

}  // namespace accordiff
