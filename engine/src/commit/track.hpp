// Stage 6c, following commitments across releases: the commitments of both sides and the
// sentence alignment in, paired commitments with kinds, typed changes and strength out.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "accordiff/compare.hpp"
#include "align/align.hpp"
#include "commit/commit.hpp"
#include "segment/segment.hpp"
#include "util/bytes.hpp"

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

/// A commitment found in one document: a commitment_side whose verbs are in its list
/// (mention_list::side() gives the whole side). 40 bytes, where a side is 88: a long
/// document's lists hold tens of thousands of them from the reading to the pairing.
struct commitment_mention {
  std::uint32_t sentence = 0;     ///< as commitment_side's
  span where, actors, object;     ///< as commitment_side's
  std::uint32_t verbs = 0;        ///< its action and joined verbs: entry of its list's table
  std::uint64_t fingerprint = 0;  ///< of its normalized tokens, in order (as a unit's)
};

/// A document's commitments in order, with the words each is made of: the sorted stem ids
/// of mention i are bag(i), all in one array (a 50 MB document holds 200,000 of them). (A
/// finder made with `sorted_bags` false leaves them unsorted until remap() or sort_bags().)
class mention_list {
 public:
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  commitment_mention& operator[](std::size_t i) { return items_[i]; }
  const commitment_mention& operator[](std::size_t i) const { return items_[i]; }
  [[nodiscard]] auto begin() { return items_.begin(); }
  [[nodiscard]] auto end() { return items_.end(); }
  [[nodiscard]] auto begin() const { return items_.begin(); }
  [[nodiscard]] auto end() const { return items_.end(); }
  [[nodiscard]] std::span<const std::uint32_t> bag(std::size_t i) const { return bags_[i]; }
  /// Mention `i` as a commitment_side.
  [[nodiscard]] commitment_side side(std::size_t i) const;
  /// The stem ids of the next mention's bag go here, then push_back() it.
  std::vector<std::uint32_t>& bag_ids() { return bags_.ids(); }
  void push_back(const commitment_side& c, std::uint64_t fingerprint);
  /// The entries in this list of the verbs of `from`, by their entry there (each looked up
  /// once: copying the mentions of a long document, one look-up of a string each was most
  /// of the time), for the two below.
  [[nodiscard]] std::vector<std::uint32_t> entries_of(const mention_list& from) {
    std::vector<std::uint32_t> out(from.verbs_.size());
    for (std::size_t k = 0; k < out.size(); ++k)
      out[k] = verbs_from(from, static_cast<std::uint32_t>(k));
    return out;
  }
  /// `m`, which is (a changed copy of) mention `i` of `from`, with its bag copied;
  /// `entries`: entries_of(from).
  void push_copy(commitment_mention m, const mention_list& from, std::size_t i,
                 const std::vector<std::uint32_t>& entries) {
    m.verbs = entries[m.verbs];
    items_.push_back(m);
    bags_.append(from.bags_, i, i + 1);
  }
  /// The same with its bag left there (bag_list::refer(): `from` must outlive this list
  /// and get no more mentions).
  void push_shared(commitment_mention m, const mention_list& from, std::size_t i,
                   const std::vector<std::uint32_t>& entries) {
    m.verbs = entries[m.verbs];
    items_.push_back(m);
    bags_.refer(from.bags_, i, i + 1);
  }
  /// All of `from`, its sentence indices moved by `shift`.
  void append(mention_list&& from, std::uint32_t shift);
  void reserve(std::size_t n) { items_.reserve(n); }
  /// Room for `n` mentions in all whose bags hold `ids` ids.
  void reserve(std::size_t n, std::size_t ids) {
    items_.reserve(n);
    bags_.reserve(n, ids);
  }
  /// The ids of this list's own bags.
  [[nodiscard]] std::size_t bag_id_count() const { return bags_.ids().size(); }
  /// Moves the stem ids into another vocabulary (`remap[id]`) and sorts each bag again;
  /// only for a list that shares no bag.
  void remap(const std::vector<std::uint32_t>& remap);
  /// Sorts each bag (those of a finder made with `sorted_bags` false, in the vocabulary
  /// they are to stay in); only for a list that shares no bag.
  void sort_bags();
  /// The bags are no longer needed (their memory back); the mentions stay.
  void drop_bags() { bags_ = {}; }
  void shrink_to_fit() { items_.shrink_to_fit(); }

 private:
  // The entry of this list's table for the verbs `key` (the action, then each joined
  // verb after a '\n'), and for entry `k` of `from`'s.
  std::uint32_t verbs_entry(std::string key);
  std::uint32_t verbs_from(const mention_list& from, std::uint32_t k) {
    return &from == this ? k : verbs_entry(from.verbs_[k]);
  }

  std::vector<commitment_mention> items_;
  bag_list bags_;
  std::vector<std::string> verbs_;  // the distinct verbs of its mentions: a few hundred
  std::unordered_map<std::string, std::uint32_t> verbs_index_;
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
  /// `sorted_bags` false: the commitments' bags are left in the order of their words, for
  /// mention_list::remap() (ids of another vocabulary) or sort_bags() to sort later.
  mention_finder(const document& doc, const lexicon& lx, const vocabulary& vocab,
                 bool sorted_bags = true)
      : doc_(doc), lx_(lx), vocab_(vocab), sorted_bags_(sorted_bags) {}
  /// Appends the commitments of sentence `s` of `u` (its paragraph already in `u`), whose
  /// tokens are [first, last).
  void sentence(const units& u, std::uint32_t s, const token* first, const token* last,
                mention_list& out);

 private:
  // What the finder asks of a word, known once per spelling (the normalizer's number of
  // its bytes, units::spellings): its lower case, whether it starts with a capital, and
  // opens_of(). (Kept by key, with the token's bytes compared to the spelling kept, this was
  // a look at a far place of the document for most tokens.)
  // (16 bytes, returned in two registers on x86-64: as a view and two flags, 24 bytes,
  // they went through memory and were read back before their stores had landed, on every
  // token)
  struct facts {
    const char* low_data = nullptr;  // the lower case (valid until the next word is learnt)
    std::uint32_t low_size = 0;
    bool upper = false;  // starts with a capital letter
    std::uint8_t opens = 0;
    [[nodiscard]] std::string_view low() const { return {low_data, low_size}; }
  };
  static_assert(sizeof(facts) == 16);
  static facts facts_with(std::string_view low, bool upper, std::uint8_t opens) {
    return {low.data(), static_cast<std::uint32_t>(low.size()), upper, opens};
  }
  // (the common case inline: the token's spelling is known)
  facts facts_of(const token& t, std::uint32_t spelling) {
    if (spelling < known_.size()) {
      if (const known& k = known_[spelling]; k.learnt) {
        // (a spelling in lower case already is its own lower case: the token's bytes)
        const char* low = k.low_in_doc ? doc_.bytes.data() + t.start : lowered_.data() + k.low_at;
        return {low, k.low_size, k.upper, k.opens};
      }
    }
    return learn(t, spelling);
  }
  // The facts of a spelling not known (learnt now; the views of earlier facts may be gone).
  facts learn(const token& t, std::uint32_t spelling);
  // (12 bytes a spelling)
  struct known {
    std::uint32_t low_at = 0;  // its lower case in lowered_ (but when low_in_doc)
    std::uint32_t low_size = 0;
    bool learnt = false;
    bool low_in_doc = false;  // a spelling in lower case already
    bool upper = false;
    std::uint8_t opens = 0;
  };

  const document& doc_;
  const lexicon& lx_;
  const vocabulary& vocab_;
  bool sorted_bags_ = true;
  std::optional<span> lead_;  // actors of a "se comprometen a:" before a list
  std::uint32_t lead_paragraph_ = 0;
  std::vector<word> words_of_sentence_;  // (their buffers kept from one sentence to the next)
  std::uint64_t learnt_ = 0;             // how many times learn() was called
  std::vector<known> known_;             // by the number of the spelling
  std::uint64_t spelled_by_ = 0;         // the normalizer those numbers are of
  std::string lowered_;                  // lower cases that are not their spelling
  std::string scratch_;
};

/// Every commitment of one document whose units keep their tokens.
[[nodiscard]] mention_list find_mentions(const commitment_input& in, const vocabulary& vocab);

/// Every commitment of both sides, paired, in the order of the new document. `old_found`
/// and `new_found` are the mentions of each side, with ids in one vocabulary (taken: their
/// sides move into the commitments).
[[nodiscard]] std::vector<commitment> track_commitments(const std::vector<group>& sentence_groups,
                                                        const commitment_input& old_side,
                                                        const commitment_input& new_side,
                                                        const std::vector<float>& weight,
                                                        mention_list old_found,
                                                        mention_list new_found);

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
