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

/// xxh3-128 of `bytes` as 32 lower-case hex digits.
[[nodiscard]] std::string xxh3_128_hex(std::string_view bytes);

}  // namespace accordiff::detail
