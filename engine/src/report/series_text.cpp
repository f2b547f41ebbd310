// The series timeline for the terminal: a grid of lineages by version, then the story of
// each lineage that changed, rewordings with word-level edits.
#include <ostream>
#include <string>

#include "accordiff/series.hpp"
#include "report/series_summary.hpp"
#include "report/text_util.hpp"
#include "util/utf8.hpp"

namespace accordiff {

namespace {

using detail::flat;
using detail::style;

/// Characters of a lineage's text shown in its grid row: the row stays within about 100
/// columns for a series of up to 8 versions.
constexpr std::size_t kSnippetChars = 64;

std::string snippet(std::string_view text) {
  const std::string f = flat(text);
  std::size_t i = 0, chars = 0;
  while (i < f.size() && chars < kSnippetChars) {
    (void)detail::next_code_point(f, i);
    ++chars;
  }
  return i < f.size() ? f.substr(0, i) + "…" : f;
}

const lineage_event* event_at(const lineage& g, std::uint32_t v, lineage_event_kind k) {
  for (const lineage_event& e : g.events)
    if (e.version == v && e.kind == k) return &e;
  return nullptr;
}

char mark(const lineage& g, std::uint32_t v) {
  using K = lineage_event_kind;
  const bool present = std::any_of(g.occurrences.begin(), g.occurrences.end(),
                                   [v](const occurrence& o) { return o.version == v; });
  if (!present) {
    if (event_at(g, v, K::dropped)) return '-';
    if (event_at(g, v, K::merged_into)) return 'x';
    return v > g.first_seen() ? '.' : ' ';
  }
  if (event_at(g, v, K::first_seen)) return '+';
  if (event_at(g, v, K::reinstated)) return 'R';
  if (event_at(g, v, K::reworded)) return '~';
  if (event_at(g, v, K::split)) return '<';
  if (event_at(g, v, K::merged)) return '&';
  if (event_at(g, v, K::moved)) return '>';
  return '=';
}

std::string last_text(const series& s, const lineage& g) {
  const occurrence& o = g.occurrences.back();
  return std::string(s.versions[o.version - 1].doc->text(o.where));
}

std::string ids(unit_level l, const std::vector<std::uint32_t>& numbers) {
  std::string out;
  for (std::uint32_t n : numbers) {
    if (!out.empty()) out += ", ";
    out += id_prefix(l) + std::to_string(n);
  }
  return out;
}

std::string fixed2(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

void write_story(std::ostream& out, const series& s, const lineage& g, const style& st) {
  using K = lineage_event_kind;
  out << "  " << st.head(g.id()) << "  first seen v" << g.first_seen() << ", last seen v"
      << g.last_seen() << " (" << detail::status_of(s, g) << ")\n";
  for (const lineage_event& e : g.events) {
    if (e.kind == K::first_seen && e.related.empty()) continue;
    out << "      v" << e.version << " ";
    switch (e.kind) {
      case K::first_seen:
        out << "split off " << ids(g.level, e.related) << "\n";
        continue;
      case K::moved:
        out << "moved\n";
        continue;
      case K::dropped: {
        // the text it had when last seen
        std::string text;
        for (const occurrence& o : g.occurrences)
          if (o.version < e.version) text = s.versions[o.version - 1].doc->text(o.where);
        out << "dropped\n        " << st.del(flat(text)) << "\n";
        continue;
      }
      case K::merged_into:
        out << "merged into " << ids(g.level, e.related) << "\n";
        continue;
      case K::reinstated:
        out << "reinstated (last seen v" << e.since << ")";
        if (e.edits.empty()) {
          out << ", same text\n";
          continue;
        }
        out << ", reworded, similarity " << fixed2(e.similarity);
        break;
      case K::reworded:
        out << "reworded" << (e.moved ? " and moved" : "") << ", similarity "
            << fixed2(e.similarity);
        break;
      case K::split:
        out << "split, the rest into " << ids(g.level, e.related);
        break;
      case K::merged:
        out << "merged with " << ids(g.level, e.related);
        break;
    }
    if (const std::string ch = detail::changes_line(e.changes); !ch.empty())
      out << "; " << st.head(ch);
    out << "\n        ";
    detail::render_edits(out, e.edits, st);
    out << "\n";
  }
}

void write_level(std::ostream& out, const series& s, unit_level l, const text_options& opts,
                 const style& st) {
  const auto& ls = s.at(l);
  const detail::level_summary n = detail::summarize(s, l);
  const std::size_t last = s.versions.size();
  out << "\n"
      << st.head(std::string(to_string(l)) + "s") << ": " << n.lineages << " lineages, "
      << n.present << " present in v" << last << "; " << n.reworded << " reworded, " << n.moved
      << " moved, " << n.split << " split, " << n.merged << " merged, " << n.later
      << " new after v1, " << n.dropped << " dropped, " << n.reinstated << " reinstated\n";
  // Commitments are few and are what a reader follows: all of them; other levels only the
  // lineages that did something, unless asked for all.
  const bool all = opts.all || l == unit_level::commitment;
  const std::size_t width = std::to_string(last).size() + 1;
  bool header = false;
  for (const lineage& g : ls) {
    if (!all && !detail::eventful(s, g)) continue;
    if (!header) {
      out << "  " << std::string(std::to_string(ls.size()).size() + 1, ' ') << "  ";
      std::string row;
      for (std::size_t v = 1; v <= last; ++v) {
        const std::string num = std::to_string(v);
        row += num + std::string(width - num.size(), ' ');
      }
      while (!row.empty() && row.back() == ' ') row.pop_back();
      out << row << "\n";
      header = true;
    }
    std::string id = g.id();
    id.resize(std::to_string(ls.size()).size() + 1, ' ');
    out << "  " << id << "  ";
    for (std::uint32_t v = 1; v <= last; ++v) out << mark(g, v) << std::string(width - 1, ' ');
    out << " " << st.dim(snippet(last_text(s, g))) << "\n";
  }
  bool gap = true;
  for (const lineage& g : ls) {
    if (!detail::eventful(s, g)) continue;
    if (gap) out << "\n";
    gap = false;
    write_story(out, s, g, st);
  }
}

}  // namespace

void write_series_text(std::ostream& out, const series& s, const text_options& opts) {
  const style st{opts.color};
  out << st.head("series of " + std::to_string(s.versions.size()) + " versions") << "\n";
  for (std::size_t k = 0; k < s.versions.size(); ++k) {
    const series_version& v = s.versions[k];
    out << "  v" << (k + 1) << "  " << (v.label.empty() ? v.doc->path : v.label) << "  ("
        << v.language << ", " << v.paragraphs << " paragraphs, " << v.sentences << " sentences, "
        << v.commitments << " commitments)\n";
  }
  for (const std::string& d : s.degraded) out << "degraded: " << d << "\n";
  out << st.dim(
             "marks: + first seen  = unchanged  > moved  ~ reworded  < split  & merged  "
             "x merged into another  - dropped  . absent  R reinstated")
      << "\n";
  for (unit_level l : {unit_level::commitment, unit_level::sentence, unit_level::paragraph})
    write_level(out, s, l, opts, st);
}

}  // namespace accordiff
