// Stage 4, fingerprint: see fingerprint.hpp for the contract.
#include "fingerprint/fingerprint.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
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

std::vector<std::uint64_t> shingles(const units& u, const vocabulary& vocab) {
  std::vector<std::uint64_t> words;
  words.reserve(u.tokens.size());
  for (const token& t : u.tokens)
    if (t.word) words.push_back(vocab.hash(t.key));
  std::vector<std::uint64_t> out;
  if (words.empty()) return out;
  // A text shorter than a shingle is one shingle of all its words.
  const std::size_t n = std::min(words.size(), kShingleWords);
  out.reserve(words.size() - n + 1);
  for (std::size_t i = 0; i + n <= words.size(); ++i)
    out.push_back(XXH3_64bits(&words[i], n * sizeof(std::uint64_t)));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint64_t loose_fingerprint(std::string_view text) {
  std::string flat;
  flat.reserve(text.size());
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = !flat.empty();
      continue;
    }
    if (space) flat.push_back(' ');
    space = false;
    flat.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return XXH3_64bits(flat.data(), flat.size());
}

std::string xxh3_128_hex(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace accordiff::detail
