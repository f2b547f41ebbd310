// Stage 6, classify: aligned groups in, report-ready groups out.
//
// Orders the groups of a level as the new document reads (a dropped unit right after the
// group of the old unit before it) and gives every reworded, split and merged group its
// word-level edits: dtl's shortest edit script over the tokens of both texts, white space
// included, so that "=" and "-" texts rebuild the old text and "=" and "+" the new one
// byte for byte. Tokens that compare equal but are spelled differently (curly quotes,
// case, line wraps) are written as a "-"/"+" pair, so that both sides stay exact.
#pragma once

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

/// Sorts groups into the order of the new document.
void order_groups(std::vector<group>& groups);

}  // namespace accordiff::detail
