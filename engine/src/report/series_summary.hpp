// What the series reporters share (internal): a lineage's status, its distinct wordings
// and the counts per level.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/series.hpp"

namespace accordiff::detail {

/// "present" in the last version, "merged" into another lineage, or "dropped".
inline std::string_view status_of(const series& s, const lineage& g) {
  if (g.last_seen() == s.versions.size()) return "present";
  if (!g.events.empty() && g.events.back().kind == lineage_event_kind::merged_into) return "merged";
  return "dropped";
}

inline bool has_event(const lineage& g, lineage_event_kind k) {
  return std::any_of(g.events.begin(), g.events.end(),
                     [k](const lineage_event& e) { return e.kind == k; });
}

/// A lineage that did anything after its first appearance.
inline bool eventful(const series& s, const lineage& g) {
  return g.events.size() > 1 || g.first_seen() > 1 || g.last_seen() < s.versions.size();
}

struct wording {
  std::vector<std::uint32_t> versions;
  std::string text;
};

/// The distinct texts of a lineage, in order of first use, with the versions using each.
inline std::vector<wording> wordings(const series& s, const lineage& g) {
  std::vector<wording> out;
  for (const occurrence& o : g.occurrences) {
    const std::string_view t = s.versions[o.version - 1].doc->text(o.where);
    auto it = std::find_if(out.begin(), out.end(), [&](const wording& w) { return w.text == t; });
    if (it == out.end()) {
      out.push_back({{o.version}, std::string(t)});
    } else {
      it->versions.push_back(o.version);
    }
  }
  return out;
}

struct level_summary {
  std::size_t lineages = 0;    ///< all lineages of the level
  std::size_t present = 0;     ///< present in the last version
  std::size_t untouched = 0;   ///< in every version, never moved or reworded
  std::size_t moved = 0;       ///< moved at least once
  std::size_t reworded = 0;    ///< reworded at least once (a reinstatement with new words too)
  std::size_t split = 0;       ///< split at least once
  std::size_t merged = 0;      ///< absorbed others or merged into another
  std::size_t later = 0;       ///< first seen after the first version
  std::size_t dropped = 0;     ///< dropped at least once
  std::size_t reinstated = 0;  ///< reinstated at least once
};

inline level_summary summarize(const series& s, unit_level l) {
  level_summary n;
  for (const lineage& g : s.at(l)) {
    ++n.lineages;
    n.present += g.last_seen() == s.versions.size();
    n.untouched += !eventful(s, g) && g.events.size() == 1;
    n.moved += has_event(g, lineage_event_kind::moved) ||
               std::any_of(g.events.begin(), g.events.end(),
                           [](const lineage_event& e) { return e.moved; });
    n.reworded += has_event(g, lineage_event_kind::reworded) ||
                  std::any_of(g.events.begin(), g.events.end(), [](const lineage_event& e) {
                    return e.kind == lineage_event_kind::reinstated && !e.edits.empty();
                  });
    n.split += has_event(g, lineage_event_kind::split);
    n.merged +=
        has_event(g, lineage_event_kind::merged) || has_event(g, lineage_event_kind::merged_into);
    n.later += g.first_seen() > 1;
    n.dropped += has_event(g, lineage_event_kind::dropped);
    n.reinstated += has_event(g, lineage_event_kind::reinstated);
  }
  return n;
}

}  // namespace accordiff::detail
