// Stage 4, fingerprint: see fingerprint.hpp for the contract.
#include "fingerprint/fingerprint.hpp"

#include <xxhash.h>

#include <cstdio>

namespace accordiff::detail {

std::uint64_t fingerprint(const std::vector<token>& tokens, token_range r,
                          const vocabulary& vocab) {
  thread_local std::vector<std::uint64_t> hashes;
  hashes.clear();
  for (std::uint32_t i = r.begin; i < r.end; ++i) hashes.push_back(vocab.hash(tokens[i].key));
  return XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t));
}

void fingerprint_units(units& u, const vocabulary& vocab) {
  for (std::size_t i = 0; i < u.sentences.size(); ++i)
    u.sentences[i].fingerprint = fingerprint(u.tokens, u.sentence_tokens[i], vocab);
  for (std::size_t i = 0; i < u.paragraphs.size(); ++i)
    u.paragraphs[i].fingerprint = fingerprint(u.tokens, u.paragraph_tokens[i], vocab);
}

std::string xxh3_128_hex(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace accordiff::detail
