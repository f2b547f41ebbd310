// Document signatures: MinHash estimates, LSH band keys, and their stored form.
#include "fingerprint/minhash.hpp"

#include <gtest/gtest.h>

#include <random>

#include "fingerprint/fingerprint.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

using detail::band_keys;
using detail::estimate;
using detail::minhash;

std::vector<std::uint64_t> range(std::uint64_t from, std::uint64_t to) {
  std::vector<std::uint64_t> v;
  for (std::uint64_t x = from; x < to; ++x) v.push_back(x * 0x9e3779b97f4a7c15ULL);
  return v;
}

TEST(minhash, estimates_the_jaccard_similarity) {
  // |A ∩ B| = 600, |A ∪ B| = 1400: J = 0.43; the estimate's standard error is 0.044.
  const auto a = minhash(range(0, 1000));
  const auto b = minhash(range(400, 1400));
  EXPECT_NEAR(estimate(a, b), 600.0 / 1400.0, 0.15);
  EXPECT_EQ(estimate(a, a), 1.0);
  EXPECT_LT(estimate(a, minhash(range(5000, 6000))), 0.05);
}

TEST(minhash, signatures_and_band_keys_are_stable_across_runs) {
  // Stores keep signatures and bucket keys: changing the seeds, the mixing or the band
  // layout would make every stored version unfindable. These values must never change
  // (or a schema migration must recompute the index).
  const auto s = minhash(range(0, 100));
  EXPECT_EQ(s[0], 0x03072d60u) << std::hex << s[0];
  EXPECT_EQ(s[127], 0x0470f571u) << std::hex << s[127];
  EXPECT_EQ(band_keys(s)[0], 0x36ae902ae9970730u) << std::hex << band_keys(s)[0];
}

TEST(minhash, a_band_shared_means_a_bucket_shared) {
  const auto a = minhash(range(0, 1000));
  auto b = a;
  for (std::size_t i = 2; i < b.size(); ++i) b[i] ^= 1;  // only band 0 equal
  const auto ka = band_keys(a), kb = band_keys(b);
  EXPECT_EQ(ka[0], kb[0]);
  for (std::size_t i = 1; i < ka.size(); ++i) EXPECT_NE(ka[i], kb[i]);
  for (std::uint64_t k : ka) EXPECT_LT(k, 1ULL << 63) << "fits an SQLite integer";
}

TEST(shingles, ignore_typography_case_and_wrapping) {
  auto a = analyze(testing::doc("Las partes acordaron “intensificar”\nel intercambio."));
  auto b = analyze(testing::doc("las  partes ACORDARON \"intensificar\" el intercambio."));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->shingles, b->shingles);
  EXPECT_EQ(a->shingles.size(), 4u) << "six words, four 3-word shingles";
  auto tiny = analyze(testing::doc("Hola."));
  ASSERT_TRUE(tiny.has_value());
  EXPECT_EQ(tiny->shingles.size(), 1u) << "shorter than a shingle: one of all its words";
}

}  // namespace
}  // namespace accordiff
