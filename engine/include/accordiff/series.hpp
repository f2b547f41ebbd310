// Series: the lineage of every unit across successive releases of one document.
//
// build_series() compares each version with the one before and carries an id along the
// groups: a paragraph, sentence or commitment keeps its lineage id while it is unchanged,
// moved or reworded; a split keeps it on its first piece (the others start lineages of
// their own, split from it); a merge keeps the id of its first part and ends the others.
// A lineage dropped in one version and back in a later one (same text, or paired with its
// last wording by the aligner) is reinstated under its old id. Ids are numbered by level
// ("p1", "s1", "c1" …) in order of first appearance, so the same versions always get the
// same ids. The result is a value; write_series_json() and write_series_text() render it.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "accordiff/document.hpp"
#include "accordiff/error.hpp"
#include "accordiff/report.hpp"

namespace accordiff {

/// The three kinds of units that carry lineages.
enum class unit_level { paragraph, sentence, commitment };
[[nodiscard]] std::string_view to_string(unit_level l);
/// The letter of a level's ids: 'p', 's' or 'c'.
[[nodiscard]] char id_prefix(unit_level l);

/// What happened to a lineage in one version.
enum class lineage_event_kind {
  first_seen,   ///< the unit appears (split off another lineage when `related` is set)
  moved,        ///< same text, out of the order of the document
  reworded,     ///< same unit, other wording (`moved` says whether it also moved)
  split,        ///< the unit became several; it keeps the first piece, `related` the rest
  merged,       ///< the unit absorbed the lineages in `related`
  merged_into,  ///< the lineage ended, merged into `related`
  dropped,      ///< the unit is gone from this version
  reinstated,   ///< back after being dropped (last seen in `since`), maybe reworded
};
[[nodiscard]] std::string_view to_string(lineage_event_kind k);

struct lineage_event {
  std::uint32_t version = 0;  ///< 1-based version number
  lineage_event_kind kind = lineage_event_kind::first_seen;
  double similarity = 1.0;  ///< reworded, reinstated: to the wording before
  bool moved = false;
  std::vector<std::uint32_t> related;  ///< lineage numbers of the same level
  std::uint32_t since = 0;             ///< reinstated: the version it was last seen in
  std::vector<edit> edits;             ///< reworded, reinstated reworded: word-level edits
  std::vector<typed_change> changes;   ///< dates, numbers, places, actions that changed
  friend bool operator==(const lineage_event&, const lineage_event&) = default;
};

/// Where a lineage's unit stands in one version.
struct occurrence {
  std::uint32_t version = 0;
  span where;
  friend bool operator==(const occurrence&, const occurrence&) = default;
};

struct lineage {
  unit_level level = unit_level::sentence;
  std::uint32_t number = 0;             ///< id is id_prefix(level) + number
  std::vector<occurrence> occurrences;  ///< the versions it is present in, ascending
  std::vector<lineage_event> events;    ///< in version order; first_seen first
  [[nodiscard]] std::string id() const;
  [[nodiscard]] std::uint32_t first_seen() const { return occurrences.front().version; }
  [[nodiscard]] std::uint32_t last_seen() const { return occurrences.back().version; }
  friend bool operator==(const lineage&, const lineage&) = default;
};

/// One version of a series.
struct series_version {
  std::shared_ptr<const document> doc;
  std::string language;
  std::string xxh3_128;
  std::uint32_t paragraphs = 0, sentences = 0, commitments = 0;
  std::string label;  ///< how it was named ("v1.txt", "sre/gis@3"); the path when empty
};

struct series {
  compare_options options;
  std::vector<series_version> versions;  ///< version n is versions[n - 1]
  std::vector<lineage> paragraphs, sentences, commitments;
  std::vector<std::string> degraded;  ///< limits hit, and what was done instead
  [[nodiscard]] const std::vector<lineage>& at(unit_level l) const;
};

/// Builds the lineages of a series of versions, oldest first (at least one).
[[nodiscard]] result<series> build_series(const std::vector<std::shared_ptr<const document>>& docs,
                                          const compare_options& opts = {});

/// The JSON view, schema accordiff.series/1 (docs/series.md). Deterministic bytes.
void write_series_json(std::ostream& out, const series& s);

/// The timeline for the terminal: one row per lineage, one column per version, then each
/// lineage that changed with its rewordings.
void write_series_text(std::ostream& out, const series& s, const text_options& opts = {});

}  // namespace accordiff
