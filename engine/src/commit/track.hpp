// Stage 6c, following commitments across releases: the commitments of both sides and the
// sentence alignment in, paired commitments with kinds, typed changes and strength out.
#pragma once

#include <vector>

#include "accordiff/compare.hpp"
#include "commit/commit.hpp"
#include "segment/segment.hpp"

namespace accordiff::detail {

/// Least similarity (weighted Dice of stems) for two commitments whose sentences are
/// aligned to be one commitment reworded: the sentence alignment already vouches for them.
inline constexpr double kCommitmentLocal = 0.25;
/// Least similarity for two commitments in sentences that are not aligned (the commitment
/// moved into another sentence): as for moved-and-reworded sentences.
inline constexpr double kCommitmentGlobal = 0.5;

/// Commitments left unpaired on both sides are compared all with all only up to this many
/// pairs (a 50 MB document can hold tens of thousands of "will"): past it, only
/// commitments in aligned sentences pair up.
inline constexpr std::size_t kMaxGlobalPairs = 250000;

struct commitment_input {
  const document& doc;
  const units& u;
  const lexicon& lx;
};

/// A commitment found in one document, with the words it is made of.
struct commitment_mention {
  commitment_side c;
  std::vector<std::uint32_t> bag;   ///< sorted stems of its words
  std::vector<std::uint32_t> keys;  ///< normalized tokens, in order
};

/// Every commitment of one document, sentence by sentence (lead-in lists included). Needs
/// only that document: the two sides are searched at once, one on each core.
[[nodiscard]] std::vector<commitment_mention> find_mentions(const commitment_input& in);

/// Moves the token and stem ids of `m` into another vocabulary (`remap[id]`).
void remap_mentions(std::vector<commitment_mention>& m, const std::vector<std::uint32_t>& remap);

/// Every commitment of both sides, paired, in the order of the new document. `old_found`
/// and `new_found` are find_mentions of each side, with ids in one vocabulary.
[[nodiscard]] std::vector<commitment> track_commitments(
    const std::vector<group>& sentence_groups, const commitment_input& old_side,
    const commitment_input& new_side, const std::vector<float>& weight,
    const std::vector<commitment_mention>& old_found,
    const std::vector<commitment_mention>& new_found);

/// The same, finding the commitments of both sides first.
[[nodiscard]] std::vector<commitment> track_commitments(const std::vector<group>& sentence_groups,
                                                        const commitment_input& old_side,
                                                        const commitment_input& new_side,
                                                        const std::vector<float>& weight);

/// Typed changes between the texts of two sides of a group.
[[nodiscard]] std::vector<typed_change> typed_changes(const commitment_input& old_side,
                                                      const std::vector<span>& old_spans,
                                                      const commitment_input& new_side,
                                                      const std::vector<span>& new_spans);

}  // namespace accordiff::detail
