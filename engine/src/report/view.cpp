// What the reporters for people share: see view.hpp.
#include "report/view.hpp"

#include <algorithm>
#include <limits>
#include <regex>

#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Month names of the languages accordiff stems (es, en, fr, pt, de, it), lower case.
constexpr const char* kMonths =
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|f\xC3\xA9vrier|fevrier|mars|avril|mai|juin|juillet|ao\xC3\xBBt|aout|septembre|"
    "octobre|novembre|d\xC3\xA9"
    "cembre|decembre|"
    "janeiro|fevereiro|mar\xC3\xA7o|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    "januar|februar|m\xC3\xA4rz|juni|juli|oktober|dezember|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre";

const std::regex& date_pattern() {
  static const std::regex re = [] {
    const std::string m = std::string("(?:") + kMonths + ")";
    // 11 de diciembre de 2025 · 11 December 2025 · 11. Dezember 2025 · 1.º de mayo de 2025
    const std::string day_first =
        "\\b\\d{1,2}(?:\\.\xC2\xBA|\xC2\xBA|\xC2\xB0|\\.|st|nd|rd|th|er)?\\s+"
        "(?:de\\s+)?" +
        m + "\\.?,?\\s+(?:de\\s+|del\\s+)?\\d{4}\\b";
    // December 11, 2025
    const std::string month_first = "\\b" + m + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b";
    // 2025-12-11
    const std::string iso = "\\b\\d{4}-\\d{2}-\\d{2}\\b";
    return std::regex(day_first + "|" + month_first + "|" + iso,
                      std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  }();
  return re;
}

}  // namespace

line_index::line_index(const document& d) : doc_(d) {
  const std::string_view b = d.source_text();
  starts_.push_back(0);
  for (std::uint32_t i = 0; i < b.size(); ++i) {
    if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == b.size() || b[i + 1] != '\n')))
      starts_.push_back(i + 1);
  }
}

std::size_t line_index::line(std::uint32_t offset) const {
  const std::uint32_t at = doc_.source_span({offset, offset}).start;
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), at) -
                                  starts_.begin());
}

std::string flat(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (is_space(next_code_point(s, i))) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.append(s.substr(at, i - at));
  }
  if (space) out.push_back(' ');
  return out;
}

bool blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!is_space(next_code_point(s, i))) return false;
  return true;
}

std::string_view find_date(std::string_view text) {
  const std::string_view head = text.substr(0, kDateScanBytes);
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(head.begin(), head.end(), m, date_pattern())) return {};
  return text.substr(static_cast<std::size_t>(m.position(0)),
                     static_cast<std::size_t>(m.length(0)));
}

std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string_view symbol(kind k) {
  switch (k) {
    case kind::unchanged:
      return "=";
    case kind::moved:
      return "\xE2\x86\x95";  // ↕
    case kind::reworded:
      return "~";
    case kind::split:
      return "<";
    case kind::merged:
      return ">";
    case kind::added:
      return "+";
    case kind::dropped:
      return "\xE2\x88\x92";  // − (minus sign)
  }
  return "?";
}

bool is_substantive(const group& g, bool holds_changed_commitment) {
  return g.k == kind::added || g.k == kind::dropped || !g.changes.empty() ||
         holds_changed_commitment;
}

commitment_counts count_commitments(const comparison& c) {
  commitment_counts n;
  for (const commitment& m : c.commitments) {
    n.added += m.k == kind::added;
    n.dropped += m.k == kind::dropped;
    n.reworded += m.k == kind::reworded;
    n.unchanged += m.k == kind::unchanged;
    n.strengthened += m.k == kind::reworded && m.direction == strength::strengthened;
    n.weakened += m.k == kind::reworded && m.direction == strength::weakened;
  }
  return n;
}

row_map map_rows(const comparison& c) {
  row_map m;
  const auto& gs = c.sentences;
  m.owner_old.assign(c.old_side.sentences.size(), kNone);
  m.owner_new.assign(c.new_side.sentences.size(), kNone);
  for (std::uint32_t k = 0; k < gs.size(); ++k) {
    for (auto i : gs[k].old_units)
      if (i < m.owner_old.size()) m.owner_old[i] = k;
    for (auto j : gs[k].new_units)
      if (j < m.owner_new.size()) m.owner_new[j] = k;
  }
  m.origins.resize(gs.size() + 1);
  for (std::uint32_t k = 0; k < gs.size(); ++k) {
    const group& g = gs[k];
    if (!g.moved || g.old_units.empty()) continue;
    const std::uint32_t first = *std::min_element(g.old_units.begin(), g.old_units.end());
    std::size_t slot = 0;
    for (std::uint32_t i = first; i-- > 0;) {
      const std::uint32_t o = m.owner_old[i];
      if (o != kNone && o != k && !gs[o].moved) {
        slot = o + 1;
        break;
      }
    }
    m.origins[slot].push_back(k);
  }
  for (auto& slot : m.origins)
    std::stable_sort(slot.begin(), slot.end(), [&](std::uint32_t a, std::uint32_t b) {
      return *std::min_element(gs[a].old_units.begin(), gs[a].old_units.end()) <
             *std::min_element(gs[b].old_units.begin(), gs[b].old_units.end());
    });
  m.commitments.resize(gs.size());
  m.commitment_row.assign(c.commitments.size(), kNone);
  for (std::uint32_t ci = 0; ci < c.commitments.size(); ++ci) {
    const commitment& cm = c.commitments[ci];
    std::uint32_t on = kNone, oo = kNone;
    if (cm.new_side && cm.new_side->sentence < m.owner_new.size())
      on = m.owner_new[cm.new_side->sentence];
    if (cm.old_side && cm.old_side->sentence < m.owner_old.size())
      oo = m.owner_old[cm.old_side->sentence];
    m.commitment_row[ci] = on != kNone ? on : oo;
    if (on != kNone) m.commitments[on].push_back(ci);
    if (oo != kNone && oo != on) m.commitments[oo].push_back(ci);
  }
  return m;
}

bool starts_paragraph(const comparison& c, const group& g) {
  const bool use_new = !g.new_units.empty();
  const auto& us = use_new ? c.new_side.sentences : c.old_side.sentences;
  const auto& ids = use_new ? g.new_units : g.old_units;
  if (ids.empty()) return false;
  const std::uint32_t j = *std::min_element(ids.begin(), ids.end());
  return j == 0 || j >= us.size() || us[j - 1].parent != us[j].parent;
}

}  // namespace accordiff::detail
