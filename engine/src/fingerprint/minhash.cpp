// Stage 4b, document signatures: see minhash.hpp for the contract.
#include "fingerprint/minhash.hpp"

#include <xxhash.h>

#include <limits>

namespace accordiff::detail {

namespace {

// splitmix64's finalizer: a bijection on 64 bits with good avalanche, so that x ^ seed
// for different seeds gives independent-looking permutations of the shingle hashes.
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr std::array<std::uint64_t, kSignatureSize> make_seeds() {
  std::array<std::uint64_t, kSignatureSize> seeds{};
  std::uint64_t state = 0x6163636f72646966ULL;  // "accordif": fixed, so signatures persist
  for (auto& s : seeds) {
    state += 0x9e3779b97f4a7c15ULL;
    s = mix(state);
  }
  return seeds;
}

constexpr std::array<std::uint64_t, kSignatureSize> kSeeds = make_seeds();

}  // namespace

signature minhash(const std::vector<std::uint64_t>& shingles) {
  std::array<std::uint64_t, kSignatureSize> low;
  low.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::uint64_t h : shingles)
    for (std::size_t i = 0; i < kSignatureSize; ++i) {
      const std::uint64_t v = mix(h ^ kSeeds[i]);
      if (v < low[i]) low[i] = v;
    }
  signature s{};
  // The high 32 bits of the least value: two different least values agree there with
  // probability 2^-32, which adds nothing measurable to the estimate's error.
  for (std::size_t i = 0; i < kSignatureSize; ++i) s[i] = static_cast<std::uint32_t>(low[i] >> 32);
  return s;
}

std::array<std::uint64_t, kBands> band_keys(const signature& s) {
  std::array<std::uint64_t, kBands> keys{};
  for (std::size_t b = 0; b < kBands; ++b) {
    std::array<std::uint32_t, kBandRows + 1> band{};
    band[0] = static_cast<std::uint32_t>(b);
    for (std::size_t r = 0; r < kBandRows; ++r) band[r + 1] = s[b * kBandRows + r];
    // SQLite integers are signed 64-bit: keep the key in range by clearing the top bit.
    keys[b] = XXH3_64bits(band.data(), sizeof band) >> 1;
  }
  return keys;
}

double estimate(const signature& a, const signature& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < kSignatureSize; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kSignatureSize;
}

}  // namespace accordiff::detail
