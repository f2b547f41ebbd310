// Stage 6c, following commitments across releases: the commitments of both sides and the
// sentence alignment in, paired commitments with kinds, typed changes and strength out.
#pragma once

#include <optional>
#include <string>
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
  std::vector<std::uint32_t> bag;  ///< sorted stems of its words
  std::uint64_t fingerprint = 0;   ///< of its normalized tokens, in order (as a unit's)
};

/// Whether a paragraph's text opens like a list item ("- ", "1.", "b)", "•"): after a
/// lead-in ("se comprometen a:"), its commitments are the lead-in's.
[[nodiscard]] bool starts_list_item(std::string_view text);

/// Finds the commitments of one document sentence by sentence, in order: a sentence that
/// holds none may be the lead-in of a list ("se comprometen a:"), whose items are then its
/// commitments. Needs only that document, so the two sides are searched at once, one on
/// each core, while they are segmented (the tokens of a sentence need not outlive it).
class mention_finder {
 public:
  mention_finder(const document& doc, const lexicon& lx, const vocabulary& vocab)
      : doc_(doc), lx_(lx), vocab_(vocab) {}
  /// Appends the commitments of sentence `s` of `u` (its paragraph already in `u`), whose
  /// tokens are [first, last).
  void sentence(const units& u, std::uint32_t s, const token* first, const token* last,
                std::vector<commitment_mention>& out);

 private:
  const document& doc_;
  const lexicon& lx_;
  const vocabulary& vocab_;
  std::optional<span> lead_;  // actors of a "se comprometen a:" before a list
  std::uint32_t lead_paragraph_ = 0;
  std::vector<span> words_;
  std::vector<word> words_of_sentence_;  // (their buffers kept from one sentence to the next)
};

/// Every commitment of one document whose units keep their tokens.
[[nodiscard]] std::vector<commitment_mention> find_mentions(const commitment_input& in,
                                                            const vocabulary& vocab);

/// Moves the stem ids of `m` into another vocabulary (`remap[id]`).
void remap_mentions(std::vector<commitment_mention>& m, const std::vector<std::uint32_t>& remap);

/// Every commitment of both sides, paired, in the order of the new document. `old_found`
/// and `new_found` are the mentions of each side, with ids in one vocabulary (taken: their
/// sides move into the commitments).
[[nodiscard]] std::vector<commitment> track_commitments(const std::vector<group>& sentence_groups,
                                                        const commitment_input& old_side,
                                                        const commitment_input& new_side,
                                                        const std::vector<float>& weight,
                                                        std::vector<commitment_mention> old_found,
                                                        std::vector<commitment_mention> new_found);

/// The same, finding the commitments of both sides first (units that keep their tokens,
/// ids in `vocab`).
[[nodiscard]] std::vector<commitment> track_commitments(const std::vector<group>& sentence_groups,
                                                        const commitment_input& old_side,
                                                        const commitment_input& new_side,
                                                        const std::vector<float>& weight,
                                                        const vocabulary& vocab);

/// Typed changes between the texts of two sides of a group.
[[nodiscard]] std::vector<typed_change> typed_changes(const commitment_input& old_side,
                                                      const std::vector<span>& old_spans,
                                                      const commitment_input& new_side,
                                                      const std::vector<span>& new_spans);

}  // namespace accordiff::detail
