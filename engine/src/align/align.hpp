// Stage 5, align: the units of one level (paragraphs or sentences) of both documents in,
// groups out: every unit of both sides in exactly one group.
//
// 1. Exact anchors: fingerprints unique on both sides, kept in order by a longest
//    increasing subsequence (patience), then an LCS over the fingerprints between
//    consecutive anchors (util/onp.hpp, of the units whose fingerprint the other side of
//    the gap has); a gap too large for it is matched by common prefix and suffix.
// 2. Exact matches out of order: equal fingerprints left over are paired first come,
//    first served (they become moves).
// 3. Rewordings: leftover units are paired by a weighted Dice similarity of their stem
//    bags. Candidates come from the units between the same anchors (a small gap: all its
//    pairs) and from an inverted index of stems (capped postings), never all pairs.
//    A pair between the same anchors, or inside paired parents, needs `reword_local`;
//    anywhere else `reword_global`. Best pairs first.
// 4. Splits and merges: a unit whose words reappear spread over consecutive units of the
//    other side (each piece drawing most of its words from it) is grouped with all of them.
// 5. Moves: groups outside the longest increasing subsequence of paired groups moved.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "accordiff/compare.hpp"

namespace accordiff::detail {

/// Widest gap between anchors (units per side) given to the O(NP) LCS; past it the gap
/// is matched by prefix and suffix only and the report says so. 20,000 sentences is a
/// 2 MB stretch without one unchanged unique unit: only unrelated inputs get there.
inline constexpr std::size_t kMaxLcsSide = 20000;
/// A stem in more leftover units than this is not used to find candidates (like xdiff's
/// max_chain_length = 64): it is too common to tell units apart, and would make the
/// search quadratic on unrelated documents.
inline constexpr std::size_t kMaxPostings = 64;
/// Candidates kept per unit from the inverted index, best shared weight first.
inline constexpr std::size_t kMaxCandidates = 16;
/// A gap between anchors with at most this many unit pairs has all of them as candidates.
inline constexpr std::size_t kGapAllPairs = 64;
/// Preference for local pairs when candidates compete (added to the similarity).
inline constexpr double kLocalBonus = 0.15;
/// A split or merge must explain the unit this much better than its best single partner.
inline constexpr double kSplitGain = 0.05;

/// The bags of a level's units in one array (a vector each would cost 40 bytes or more a
/// unit before its first id: a million one-line paragraphs are 100 MB of headers). A bag
/// may also stay in another list it was taken from (refer()): the new document's bags of
/// the blocks it repeats are the old document's.
class bag_list {
 public:
  [[nodiscard]] std::size_t size() const { return at_.size(); }
  [[nodiscard]] std::span<const std::uint32_t> operator[](std::size_t i) const {
    const loc l = at_[i];
    return {((l.size & kElsewhere) != 0 ? other_ : ids_.data()) + l.from, l.size & ~kElsewhere};
  }
  /// Bag `i` to change: one of this list's own (not one it refers to: std::logic_error).
  [[nodiscard]] std::span<std::uint32_t> own(std::size_t i) {
    const loc l = at_[i];
    if ((l.size & kElsewhere) != 0) throw std::logic_error("bag_list: a bag of another list");
    return {ids_.data() + l.from, l.size};
  }
  /// Whether bag `i` is one of the list it refers to (refer()), not its own.
  [[nodiscard]] bool elsewhere(std::size_t i) const { return (at_[i].size & kElsewhere) != 0; }
  /// The ids of the next bag go here: append, then close().
  std::vector<std::uint32_t>& ids() { return ids_; }
  /// This list's own ids (not those of the bags it refers to).
  [[nodiscard]] const std::vector<std::uint32_t>& ids() const { return ids_; }
  void close() {
    const auto to = static_cast<std::uint32_t>(ids_.size());
    at_.push_back({open_, to - open_});
    open_ = to;
  }
  void push_back(std::span<const std::uint32_t> bag) {
    ids_.insert(ids_.end(), bag.begin(), bag.end());
    close();
  }
  /// Appends copies of bags [first, last) of `from`.
  void append(const bag_list& from, std::size_t first, std::size_t last) {
    if (first >= last) return;
    if (from.shares_) {  // (bags of two lists)
      for (std::size_t i = first; i < last; ++i) push_back(from[i]);
      return;
    }
    append_own(from, first, last, ~0U, [](std::uint32_t, std::uint32_t) {});  // (at once)
  }
  /// Appends every bag of `from` and empties it: its ids are copied a piece at a time, the
  /// pages of each piece given back to the system once copied (joining the two halves of a
  /// document read on two cores, 17 MB of ids each at 50 MB, never holds both copies).
  void absorb(bag_list&& from);
  /// Appends bags [first, last) of `from` without copying them: they stay in `from`, which
  /// must refer to no other list, keep its ids where they are (no more bags) and outlive
  /// this one. All the bags a list refers to are in one other list.
  void refer(const bag_list& from, std::size_t first, std::size_t last) {
    if (first >= last) return;
    if (from.shares_ || (shares_ && other_ != from.ids_.data()))
      throw std::logic_error("bag_list: bags of a third list");
    shares_ = true;
    other_ = from.ids_.data();
    for (std::size_t i = first; i < last; ++i)
      at_.push_back({from.at_[i].from, from.at_[i].size | kElsewhere});
  }
  /// Makes bag `i`, an empty one of this list's own, bag `j` of `from` without copying it
  /// (as refer() does).
  void refer_at(std::size_t i, const bag_list& from, std::size_t j) {
    if (from.shares_ || (shares_ && other_ != from.ids_.data()))
      throw std::logic_error("bag_list: bags of a third list");
    if (at_[i].size != 0) throw std::logic_error("bag_list: a bag that is not empty");
    shares_ = true;
    other_ = from.ids_.data();
    at_[i] = {from.at_[j].from, from.at_[j].size | kElsewhere};
  }
  void reserve(std::size_t bags, std::size_t ids) {
    at_.reserve(bags);
    ids_.reserve(ids);
  }

  bag_list() = default;
  bag_list(const bag_list&) = default;  // (a copy refers to the same other list)
  bag_list& operator=(const bag_list&) = default;
  bag_list(bag_list&& o) noexcept
      : ids_(std::move(o.ids_)),
        at_(std::move(o.at_)),
        other_(std::exchange(o.other_, nullptr)),
        open_(std::exchange(o.open_, 0)),
        shares_(std::exchange(o.shares_, false)) {
    o.ids_.clear();
    o.at_.clear();
  }
  bag_list& operator=(bag_list&& o) noexcept {
    if (this != &o) {
      ids_ = std::move(o.ids_);
      at_ = std::move(o.at_);
      other_ = std::exchange(o.other_, nullptr);
      open_ = std::exchange(o.open_, 0);
      shares_ = std::exchange(o.shares_, false);
      o.ids_.clear();
      o.at_.clear();
    }
    return *this;
  }
  ~bag_list() = default;

 private:
  static constexpr std::uint32_t kElsewhere = 1U << 31U;  // in size: the bag is in other_
  // Appends bags [first, last) of `from`, a list that refers to no other (its bags lie in
  // order, one after the other): their ids copied `piece` ids at a time, each piece [k, e)
  // of `from`'s ids handed to `copied` once copied.
  template <class F>
  void append_own(const bag_list& from, std::size_t first, std::size_t last, std::uint32_t piece,
                  F&& copied) {
    const std::uint32_t a = from.at_[first].from;
    const std::uint32_t b = from.at_[last - 1].from + from.at_[last - 1].size;
    const auto shift = static_cast<std::uint32_t>(ids_.size()) - a;
    for (std::uint32_t k = a; k < b;) {
      const std::uint32_t e = b - k > piece ? k + piece : b;
      ids_.insert(ids_.end(), from.ids_.begin() + k, from.ids_.begin() + e);
      copied(k, e);
      k = e;
    }
    for (std::size_t i = first; i < last; ++i)
      at_.push_back({from.at_[i].from + shift, from.at_[i].size});
    open_ = static_cast<std::uint32_t>(ids_.size());
  }

  struct loc {
    std::uint32_t from;  // first id
    std::uint32_t size;  // ids, | kElsewhere
  };
  std::vector<std::uint32_t> ids_;
  std::vector<loc> at_;
  const std::uint32_t* other_ = nullptr;
  std::uint32_t open_ = 0;  // where the bag being filled starts in ids_
  bool shares_ = false;     // some bags are in other_
};

struct level_input {
  std::vector<std::uint64_t> fingerprints;
  bag_list bags;  ///< sorted stem ids of the words, per unit
  /// Parent group per unit (sentences: the paragraph group of its paragraph), -1 if none;
  /// units with the same context on both sides are local to each other.
  std::vector<std::int32_t> context;
};

/// Weighted Dice similarity of two sorted bags; also the share of each side's weight
/// found in the other (containment).
struct overlap {
  double dice = 0;
  double in_old = 0;  ///< share of the old bag's weight found in the new one
  double in_new = 0;  ///< share of the new bag's weight found in the old one
};
[[nodiscard]] overlap similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                                 const std::vector<float>& weight);
/// The weight of a bag, as similarity() adds it up.
[[nodiscard]] double weight_of(std::span<const std::uint32_t> bag,
                               const std::vector<float>& weight);
/// similarity() of bags whose weights are known (weight_of() each): the same result.
[[nodiscard]] overlap similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                                 const std::vector<float>& weight, double weight_a,
                                 double weight_b);
/// One bag's ids counted by id, to compare many bags with it: after count(bag),
/// similarity(other, ...) is similarity(bag, other, ...) to the bit (the common ids'
/// weights added in the order of the ids, as the merge of two sorted bags adds them), with
/// one look-up an id of `other` and no branch where the merge had one a step. `ids`: the
/// number of ids (the size of the weights).
class bag_counts {
 public:
  explicit bag_counts(std::size_t ids) : count_(ids, 0) {}
  /// The bag the next calls compare with (it must outlive them; its ids are copied to be
  /// taken back by the next count()).
  void count(std::span<const std::uint32_t> bag);
  [[nodiscard]] overlap similarity(std::span<const std::uint32_t> other,
                                   const std::vector<float>& weight, double weight_bag,
                                   double weight_other);

 private:
  // (a count is 16 bits: a longer bag, whose one id could be there 65,536 times, is merged)
  static constexpr std::size_t kMaxCounted = 0xFFFF;
  std::vector<std::uint16_t> count_;
  std::span<const std::uint32_t> bag_;
  std::vector<std::uint32_t> counted_;  // (the ids whose counts are not 0)
  std::vector<std::uint32_t> taken_;
};
[[nodiscard]] inline overlap similarity(const std::vector<std::uint32_t>& a,
                                        const std::vector<std::uint32_t>& b,
                                        const std::vector<float>& weight) {
  return similarity(std::span<const std::uint32_t>(a), std::span<const std::uint32_t>(b), weight);
}

/// Aligns one level. `weight` gives each stem id its weight (idf). Groups come back in
/// the order order_groups() gives them (which then moves none), kinds set (edits are the
/// classifier's), `moved` set.
[[nodiscard]] std::vector<group> align(const level_input& old_units, const level_input& new_units,
                                       const std::vector<float>& weight, const thresholds& t,
                                       std::vector<std::string>& degraded);
/// The same, leaving `old_units` and `new_units` empty: their bags are freed once the
/// pairs are made, before the groups take their room (both levels' bags and groups of a
/// 50 MB pair would otherwise be alive at once).
[[nodiscard]] std::vector<group> align(level_input&& old_units, level_input&& new_units,
                                       const std::vector<float>& weight, const thresholds& t,
                                       std::vector<std::string>& degraded);

}  // namespace accordiff::detail
