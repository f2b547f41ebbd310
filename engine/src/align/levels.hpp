// What the aligner reads of each level (internal): the fingerprints and the bags of stems
// of its units, the idf weights of stems over both sides. Shared by compare() and the
// stage benchmarks, so that these measure the code that runs.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "align/align.hpp"
#include "normalize/normalize.hpp"
#include "segment/segment.hpp"

namespace accordiff::detail {

/// Stems that stand for a kind of value: a number or a month in a unit also counts as
/// "some number" or "some date", so that "200 agents" and "350 agents", or two datelines,
/// keep part of their likeness when the value changes.
struct placeholders {
  std::uint32_t number = 0;
  std::uint32_t date = 0;
  std::vector<bool> month;    ///< by key id
  std::vector<bool> numeric;  ///< by key id: a number (its form starts with a digit)
};

[[nodiscard]] placeholders make_placeholders(vocabulary& vocab, const compare_options& opts,
                                             std::initializer_list<std::string_view> languages);

/// The month names of `languages`, normalized as `opts` says.
[[nodiscard]] std::vector<std::string> month_keys(
    const compare_options& opts, std::initializer_list<std::string_view> languages);

/// While a document is read on its own, with a vocabulary of its own, its bags hold these
/// for the placeholders: above every id, number below date, as the shared vocabulary's
/// placeholders will be (make_placeholders() interns them after every word of both sides).
inline constexpr std::uint32_t kNumberSlot = 0xfffffff0U;
inline constexpr std::uint32_t kDateSlot = 0xfffffff1U;

/// Which keys of one vocabulary are numbers and which are month names, learned as the
/// vocabulary grows (for one document read on its own).
class value_keys {
 public:
  value_keys(const vocabulary& vocab, const std::vector<std::string>& months)
      : vocab_(vocab), months_(months) {}
  /// bit 0: a number; bit 1: a month name
  std::uint8_t of(std::uint32_t key) {
    if (key >= kinds_.size()) learn();
    return kinds_[key];
  }

 private:
  void learn();
  const vocabulary& vocab_;
  const std::vector<std::string>& months_;
  std::vector<std::uint8_t> kinds_;
};

/// Appends to `out` the stems of the words of tokens [first, last), with the placeholders
/// kNumberSlot and kDateSlot, sorted; with `sorted` false, in the order of the words, for
/// settle_bags() to sort once their ids are the shared vocabulary's.
void bag_into(const token* first, const token* last, value_keys& kinds,
              std::vector<std::uint32_t>& out, bool sorted = true);

/// Moves the bags of `in` into the shared vocabulary: ids through `remap` when given, the
/// placeholder slots to the ids of `ph`; then sorts them (read_pair() makes them all
/// unsorted). Bags [first, last) only (a range on each core: each bag is changed alone).
void settle_bags(level_input& in, const std::vector<std::uint32_t>* remap, const placeholders& ph,
                 std::size_t first = 0, std::size_t last = SIZE_MAX);

/// The sorted stems of the words of tokens `r`, with the placeholders.
[[nodiscard]] std::vector<std::uint32_t> bag_of(const units& u, token_range r,
                                                const placeholders& ph, const vocabulary& vocab);

/// Fingerprints and bags of the units `us` (tokens `ranges`).
[[nodiscard]] level_input level_of(const units& u, const std::vector<unit>& us,
                                   const std::vector<token_range>& ranges, const placeholders& ph,
                                   const vocabulary& vocab);

/// idf weights of stems over the units of both sides at one level: a word in every unit
/// says little about which units belong together.
[[nodiscard]] std::vector<float> idf(const level_input& a, const level_input& b,
                                     std::size_t vocab_size);

/// The same weights from `df` (in how many units each stem id is) and the number of units.
[[nodiscard]] std::vector<float> idf_weights(const std::vector<std::uint32_t>& df,
                                             std::size_t units);

/// The texts of units `ids`, joined by a space (a group's side, for word edits).
[[nodiscard]] std::string joined(const document& doc, const std::vector<unit>& us,
                                 std::span<const std::uint32_t> ids);

}  // namespace accordiff::detail
