// One pass over one document, on its own core: the units, their fingerprints, the bags
// of both levels and the commitments, made paragraph by paragraph so that the tokens of
// only one paragraph are alive at once (two 50 MB documents hold about 20 million tokens:
// 320 MB that the comparison never needs all at the same time). A paragraph's bag is left
// to its sentences where they hold all its tokens (complete_paragraph_bags() makes the ones
// the alignment reads).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "align/align.hpp"
#include "align/levels.hpp"
#include "commit/track.hpp"
#include "segment/segment.hpp"

namespace accordiff::detail {

struct document_pass {
  units u;  ///< paragraphs and sentences with fingerprints, no tokens
  /// bags in the document's own vocabulary (kNumberSlot, kDateSlot); empty for a paragraph
  /// whose sentences hold all its tokens (its bag is theirs merged: full_paragraph_bags(),
  /// complete_paragraph_bags()), but when the paragraphs are read as sentences
  level_input paragraphs;
  level_input sentences;  ///< the same; context not set
  mention_list mentions;  ///< stems in the document's own vocabulary
};

/// Reads `doc` with `norm` (whose vocabulary is `vocab`, this document's own). `months`:
/// month_keys() of both sides. Past kMaxSentences sentences, the sentence bags and the
/// commitments are no longer made (the caller reads the document again with
/// `opts.sentences_are_paragraphs`, which leaves `sentences` empty: they are `paragraphs`).
[[nodiscard]] document_pass read_document_units(const document& doc, std::string_view language,
                                                normalizer& norm, const vocabulary& vocab,
                                                const std::vector<std::string>& months,
                                                segment_options opts = {});

/// Both documents read at once, in their units, fingerprints, bags and commitments, with
/// ids in `vocab` (which `norm_a` interns into) and the placeholders of both. The new
/// side's bags of blocks the old one holds stay in the old side's lists (bag_list::refer):
/// a level of the old side must outlive the same level of the new one.
struct pair_pass {
  document_pass old_side;
  document_pass new_side;
  placeholders ph;

  // (what take_new_mentions() makes the new side's commitments of: pieces of sentences in
  // the new document's order, read or copies of old ones)
  struct piece {
    bool fresh;              // read: [from, to) index `pending::fresh`'s sentences
    std::uint32_t from, to;  // otherwise the old document's sentences
    std::uint32_t at;        // where they start in the new document's
    std::int64_t delta;      // how far their text moved (copies)
  };
  struct pending {
    std::vector<piece> pieces;
    mention_list fresh;
  };
  pending new_mentions_pending;
};

/// Reads the old document `a` and the new one `b` on both cores. A block of `b` whose text
/// is a block of `a`'s takes that block's reading (most of a new release repeats the old
/// one; not when the two are read in different languages), and what is left to read is cut
/// in two halves of about the same size: the first part of `a` on this core; the rest of
/// `a`, then the blocks of `b` to read, on another. The result is the same as reading each
/// document on its own with one vocabulary, but past kMaxSentences sentences in either
/// (then only the units are complete: the caller reads both again with
/// `so.sentences_are_paragraphs`, as compare() does).
/// With `defer_new_mentions`, the new side's commitments are left to take_new_mentions(),
/// which the caller runs when it needs them (compare(): after both alignments, so that
/// they do not add to the peak of memory beside the bags).
[[nodiscard]] pair_pass read_pair(const document& a, const document& b, std::string_view lang_a,
                                  std::string_view lang_b, normalizer& norm_a, vocabulary& vocab,
                                  const compare_options& opts, segment_options so = {},
                                  bool defer_new_mentions = false);

/// The bags of `paragraphs` in full: a paragraph's own where it has one, else its sentences'
/// (`sentences`, `u`'s) merged.
[[nodiscard]] bag_list full_paragraph_bags(const level_input& paragraphs,
                                           const level_input& sentences, const units& u);

/// The paragraphs' idf weights over both sides, as idf() gives them on their bags in full,
/// and those bags in full where align() reads them, the others left empty. align() reads
/// the bags of the paragraphs left after the exact pairs only, and pairs exactly, for each
/// fingerprint, as many paragraphs as the side with fewer of it holds: the bags made are
/// those of the paragraphs whose fingerprint the two sides do not hold as many times (a
/// tenth of them, or fewer, between two releases; the sentences' ids again, had they all
/// been kept: 17 MB a side at 50 MB). Not for paragraphs read as sentences.
[[nodiscard]] std::vector<float> complete_paragraph_bags(
    level_input& old_paragraphs, const level_input& old_sentences, const units& old_units,
    level_input& new_paragraphs, const level_input& new_sentences, const units& new_units,
    std::size_t vocab_size);

/// Fills `both.new_side.mentions`: to be called once after read_pair(..., true), before
/// they are used (they are empty until then); reads the old side's.
void take_new_mentions(pair_pass& both);

}  // namespace accordiff::detail
