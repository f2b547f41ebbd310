// What the aligner reads of each level (internal): the fingerprints and the bags of stems
// of its units, the idf weights of stems over both sides. Shared by compare() and the
// stage benchmarks, so that these measure the code that runs.
#pragma once

#include <cstdint>
#include <initializer_list>
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

/// The texts of units `ids`, joined by a space (a group's side, for word edits).
[[nodiscard]] std::string joined(const document& doc, const std::vector<unit>& us,
                                 const std::vector<std::uint32_t>& ids);

}  // namespace accordiff::detail
