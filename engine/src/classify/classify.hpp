// Stage 6, classify: aligned groups in, report-ready groups out.
//
// Orders the groups of a level as the new document reads (a dropped unit right after the
// group of the old unit before it) and gives every reworded, split and merged group its
// word-level edits: dtl's shortest edit script over the tokens of both texts, white space
// included (for paragraphs, of the stretches their sentences' pairing leaves to compare:
// sentence_pairing below), so that "=" and "-" texts rebuild the old text and "=" and "+"
// the new one byte for byte. Tokens that compare equal but are spelled differently
// (curly quotes, case, line wraps) are written as a "-"/"+" pair, so that both sides stay
// exact.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "normalize/normalize.hpp"

namespace accordiff::detail {

/// Word-level edits past this many tokens (both sides) are one deletion and one
/// insertion: dtl is O(ND), and a 50,000-token unit is a whole chapter without a break.
inline constexpr std::size_t kMaxEditTokens = 50000;

/// Word-level edits turning `old_text` into `new_text`; sets `degraded` when the limit hit.
[[nodiscard]] std::vector<edit> word_edits(std::string_view old_text, std::string_view new_text,
                                           const normalizer& norm, bool& degraded);

/// A stretch of each text in the script of a paragraph group: their words compared, or the
/// old one deleted and the new one inserted whole (`compare` false). Offsets in bytes.
struct stretch_pair {
  std::uint32_t old_begin = 0, old_end = 0, new_begin = 0, new_end = 0;
  bool compare = true;
};

/// Word-level edits of two texts cut into `stretches`, which follow one another from the
/// start of both texts to their ends: each pair's script in turn, made readable as one
/// (word_edits()' for a single pair that compares, or for none). The same limit as
/// word_edits().
[[nodiscard]] std::vector<edit> stretch_edits(std::string_view old_text, std::string_view new_text,
                                              std::span<const stretch_pair> stretches,
                                              const normalizer& norm, bool& degraded);

/// What a paragraph group's word edits follow: the pairing of the sentences. The pairs are
/// the sentence groups (of one or more sentences a side) that lie wholly inside the
/// paragraph group, the most of them in the same order on both sides. Text before, between
/// and after them is deleted and inserted whole where both of its sides hold sentences
/// (sentences left unpaired, or paired out of order or outside the paragraph group);
/// everything else (the pairs, white space, a sentence only one side has) is compared word
/// by word, stretches compared one after the other as one. A paragraph script then says
/// what the sentences say, and costs what their scripts cost: the shortest script of two
/// paragraphs with little in common takes time in the product of their lengths, and pairs
/// their common words ("de", "la") across sentences that have nothing else in common.
class sentence_pairing {
 public:
  /// The units of both sides and the sentence groups (kept by reference), for the
  /// reworded, split and merged groups of `paragraph_groups`.
  sentence_pairing(const std::vector<unit>& old_paragraphs, const std::vector<unit>& old_sentences,
                   const std::vector<unit>& new_paragraphs, const std::vector<unit>& new_sentences,
                   const std::vector<group>& paragraph_groups,
                   const std::vector<group>& sentence_groups);
  /// The stretches of paragraph group `g` (reworded, split or merged: one of those given;
  /// for another, none) in its texts as joined() makes them.
  [[nodiscard]] std::vector<stretch_pair> stretches(const group& g) const;

 private:
  static constexpr std::uint32_t kNoSlot = 0xFFFFFFFF;
  struct side {
    const std::vector<unit>* paragraphs = nullptr;
    const std::vector<unit>* sentences = nullptr;
    std::vector<std::uint32_t> slot;   // by paragraph: its place among those kept, or kNoSlot
    std::vector<std::uint32_t> first;  // by place: the paragraph's first sentence
    std::vector<std::uint32_t> base;   // by place: the number of sentences before it
  };
  const std::vector<group>& groups_;
  std::array<side, 2> side_;
  std::vector<std::uint32_t> group_;  // the old side's kept sentences' groups, by base + n
};

/// Sorts groups into the order of the new document (align() makes them in it: this is the
/// order's definition, which tests and assertions hold align() to).
void order_groups(std::vector<group>& groups);

/// Whether `groups` are in the order order_groups() gives (for assertions: it copies them).
[[nodiscard]] bool in_report_order(const std::vector<group>& groups);

}  // namespace accordiff::detail
