// Stage 4b, document signatures: a document's word shingles in, a MinHash signature and its
// LSH band keys out; two signatures estimate the Jaccard similarity of their shingle sets.
//
// Signatures are fixed-size and deterministic (fixed seeds), so they can be stored and
// compared across runs and machines. Band keys put documents that share a band of the
// signature into one bucket: documents alike enough land in a common bucket with high
// probability, unrelated ones rarely, so a lookup reads a few buckets instead of every
// stored signature.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace accordiff::detail {

/// Values per signature. 128: the estimate of a Jaccard similarity s has a standard error
/// of sqrt(s(1-s)/128), 0.044 at s = 0.5, small against the gap between a successor
/// (0.5 and up on the fixtures) and an unrelated text (under 0.01).
inline constexpr std::size_t kSignatureSize = 128;
/// Rows per LSH band. With 2 rows in 64 bands, a pair with Jaccard s shares a bucket with
/// probability 1 - (1 - s^2)^64: 0.998 at s = 0.3, 0.92 at s = 0.2, but 0.006 at s = 0.01
/// (unrelated texts of the same domain). Successive communiqués of one body sit at 0.3-0.6
/// (their boilerplate alone gives 0.2), so recall there matters more than a short list.
inline constexpr std::size_t kBandRows = 2;
inline constexpr std::size_t kBands = kSignatureSize / kBandRows;

using signature = std::array<std::uint32_t, kSignatureSize>;

/// The MinHash signature of a set of 64-bit shingle hashes (empty set: all 0xffffffff).
[[nodiscard]] signature minhash(const std::vector<std::uint64_t>& shingles);

/// The bucket key of every band of a signature (band number mixed in, so keys of
/// different bands never meet).
[[nodiscard]] std::array<std::uint64_t, kBands> band_keys(const signature& s);

/// The share of equal positions: an estimate of the Jaccard similarity of the two sets.
[[nodiscard]] double estimate(const signature& a, const signature& b);

}  // namespace accordiff::detail
