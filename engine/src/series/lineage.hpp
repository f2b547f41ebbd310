// Stage 8, lineage: the lineage ids of one version's units and the comparison with the
// next version in, the next version's lineage ids and what happened to each lineage out.
//
// The state is small and plain (spans, fingerprints, numbers), so that a store can keep it
// between runs: the units of the latest version with their lineage numbers, the dropped
// lineages that may still come back, and the next free number per level. Carrying ids
// along the groups of one comparison is exact; a unit added in the new version is matched
// against dropped lineages first by fingerprint (any age), then by the aligner itself,
// comparing the version a lineage was last seen in with the new one (the most recent
// kMaxReinstateLookback such versions). Units are identified by their spans, so a state
// built by one run applies to a comparison made by another.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accordiff/compare.hpp"
#include "accordiff/series.hpp"

namespace accordiff::detail {

inline constexpr std::size_t kLevels = 3;
[[nodiscard]] inline std::size_t index_of(unit_level l) { return static_cast<std::size_t>(l); }
inline constexpr std::array<unit_level, kLevels> kAllLevels = {
    unit_level::paragraph, unit_level::sentence, unit_level::commitment};

/// How many earlier versions a new unit is compared with (one comparison each) to find a
/// dropped lineage it reinstates with other wording. A commitment dropped for longer than
/// eight releases and back reworded is more likely a new commitment than an old one; and
/// the bound keeps a long series linear in its length. Same text is found at any age.
inline constexpr std::size_t kMaxReinstateLookback = 8;

/// A unit of one version with its lineage number.
struct tagged {
  span where;
  std::uint64_t fingerprint = 0;  ///< paragraphs, sentences: the unit's; commitments: loose
  std::uint32_t lineage = 0;
  friend bool operator==(const tagged&, const tagged&) = default;
};

/// Every unit of one version, by level, in document order.
struct version_tags {
  std::array<std::vector<tagged>, kLevels> at;
  friend bool operator==(const version_tags&, const version_tags&) = default;
};

/// A dropped lineage that may come back: where it stood when last seen.
struct dormant_unit {
  unit_level level = unit_level::sentence;
  std::uint32_t lineage = 0;
  std::uint32_t version = 0;  ///< the version it was last seen in
  span where;
  std::uint64_t fingerprint = 0;
  friend bool operator==(const dormant_unit&, const dormant_unit&) = default;
};

struct lineage_state {
  std::uint32_t version = 0;  ///< number of the latest version (0: none yet)
  version_tags latest;
  std::vector<dormant_unit> dormant;
  std::array<std::uint32_t, kLevels> next{1, 1, 1};  ///< next free lineage number per level
};

struct tagged_event {
  unit_level level = unit_level::sentence;
  std::uint32_t lineage = 0;
  lineage_event event;
};

/// What one version did to the lineages.
struct lineage_step {
  version_tags tags;
  std::vector<tagged_event> events;  ///< by level, then in document order
};

/// The document of an earlier version, for comparisons with dropped units.
using version_loader =
    std::function<result<std::shared_ptr<const document>>(std::uint32_t version)>;

/// The lineages of a source's first version: every unit starts one.
[[nodiscard]] lineage_step first_version(lineage_state& state, const analysis& a);

/// The next version: `c` compares the state's latest version with it.
[[nodiscard]] result<lineage_step> advance(lineage_state& state, const comparison& c,
                                           const version_loader& load,
                                           std::vector<std::string>& degraded);

}  // namespace accordiff::detail
