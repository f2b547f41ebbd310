// Stage 4, fingerprint: units in, 64-bit fingerprints of their normalized text out.
//
// A unit's fingerprint is xxh3-64 over the hashes of its normalized token forms, so it
// does not depend on white space, typography or (by default) case, nor on which other
// document the vocabulary was shared with. Inputs get xxh3-128 of their raw bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "segment/segment.hpp"

namespace accordiff::detail {

[[nodiscard]] std::uint64_t fingerprint(const std::vector<token>& tokens, token_range r,
                                        const vocabulary& vocab);

/// Fills the fingerprint of every paragraph and sentence of `u`.
void fingerprint_units(units& u, const vocabulary& vocab);

/// Words per shingle. Three words: successive releases of one communiqué share about half
/// their 3-word shingles (fixtures/gis/es: 0.57 Jaccard), unrelated texts of the same
/// domain under 1% (0.6% between the es and en fixtures); two words would let common
/// phrases ("de la", "of the") tie unrelated texts, four lose more to small rewordings.
inline constexpr std::size_t kShingleWords = 3;

/// xxh3-64 of every run of kShingleWords consecutive words (numbers count, punctuation
/// does not) of the normalized text, across sentence and paragraph ends; sorted, unique.
[[nodiscard]] std::vector<std::uint64_t> shingles(const units& u, const vocabulary& vocab);

/// xxh3-64 of a text with white space runs collapsed and ASCII letters lower-cased: the
/// identity of a commitment clause across versions.
[[nodiscard]] std::uint64_t loose_fingerprint(std::string_view text);

/// xxh3-128 of `bytes` as 32 lower-case hex digits.
[[nodiscard]] std::string xxh3_128_hex(std::string_view bytes);

}  // namespace accordiff::detail
