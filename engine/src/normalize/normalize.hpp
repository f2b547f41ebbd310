// Stage 2, normalize: the text of a unit in, comparison tokens out.
//
// A token is a word, a number or one punctuation mark, with its byte span in the document
// and two interned ids: `key`, its normalized form (NFKC, case-folded by default, curly
// quotes, dashes and the like mapped to one form, optionally without accents or number
// formatting) and `stem`, the Snowball stem of the key in the document's language.
// Two texts that differ only in white space, typography or (by default) case give the
// same key sequence. Markup ranges are skipped. The vocabulary is shared by both
// documents so that ids compare across them; every distinct word is normalized and
// stemmed once.
#pragma once

#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "accordiff/document.hpp"
#include "util/bytes.hpp"

namespace accordiff::detail {

struct token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t key = 0;        ///< id of the normalized form in the vocabulary
  std::uint32_t stem : 31 = 0;  ///< id of the stem (punctuation: same as key)
  std::uint32_t word : 1 = 0;   ///< word or number (counts for similarity); 0: punctuation
};
// two tokens per word of both documents: 16 bytes, not 20
static_assert(sizeof(token) == 16);

/// Interned normalized forms and stems, shared by the two documents of a comparison.
class vocabulary {
 public:
  vocabulary();
  ~vocabulary();
  vocabulary(const vocabulary&) = delete;
  vocabulary& operator=(const vocabulary&) = delete;

  std::uint32_t intern(std::string_view s);
  [[nodiscard]] std::string_view text(std::uint32_t id) const;
  /// A 64-bit hash of the form `id` stands for, stable across runs and documents.
  [[nodiscard]] std::uint64_t hash(std::uint32_t id) const;
  [[nodiscard]] std::size_t size() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A spelling of 16 bytes or less (most words) as two words: its bytes in memory order,
/// zeros past them. Equal words and sizes, equal spellings.
struct short_spelling {
  std::uint64_t lo = 0, hi = 0;
  friend bool operator==(const short_spelling&, const short_spelling&) = default;
};
inline constexpr std::size_t kShortSpelling = 16;

/// `n` (at most kShortSpelling) bytes at `p` as a short_spelling.
[[nodiscard]] inline short_spelling short_spelling_of(const char* p, std::size_t n) {
  std::array<char, kShortSpelling> b{};
  if (n > 0) std::memcpy(b.data(), p, n);
  short_spelling w;
  std::memcpy(&w.lo, b.data(), 8);
  std::memcpy(&w.hi, b.data() + 8, 8);
  return w;
}

/// The same where 16 bytes may be read at `p` (the bytes past `n` belong to the same
/// buffer): two loads and two masks, no branch on the length (word lengths follow no
/// pattern a branch predictor can learn: the branches were an eighth of its misses on a
/// whole comparison). 1 <= n <= kShortSpelling.
[[nodiscard]] inline short_spelling short_spelling_within(const char* p, std::size_t n) {
  if constexpr (std::endian::native != std::endian::little) {
    return short_spelling_of(p, n);
  } else {
    assert(n >= 1 && n <= kShortSpelling);
    short_spelling w;
    std::memcpy(&w.lo, p, 8);
    std::memcpy(&w.hi, p + 8, 8);
    const std::size_t low_bytes = n < 8 ? n : 8, high_bytes = n - low_bytes;  // (1..8, 0..8)
    w.lo &= ~std::uint64_t{0} >> (64 - 8 * low_bytes);
    w.hi &= high_bytes == 0 ? 0 : ~std::uint64_t{0} >> (64 - 8 * high_bytes);
    return w;
  }
}

/// The hash of a spelling in a spelling_cache: for one of 16 bytes or less (most words),
/// its short_spelling mixed by two 128-bit products (wyhash's mix) without a call; longer
/// ones by XXH3. For a table in memory only: not stable.
[[nodiscard]] std::uint64_t spelling_hash_long(const char* p, std::size_t n);
[[nodiscard]] inline std::uint64_t spelling_hash(const short_spelling& w, std::size_t n) {
  __extension__ using wide = unsigned __int128;
  auto mix = [](std::uint64_t a, std::uint64_t b) {
    const wide m = static_cast<wide>(a) * b;
    return static_cast<std::uint64_t>(m) ^ static_cast<std::uint64_t>(m >> 64U);
  };
  return mix(mix(w.lo ^ 0x2d358dccaa6c78a5ULL, w.hi ^ 0x8bb84b93962eacc9ULL) ^ n,
             0x4b33a62ed433d4a3ULL);
}
[[nodiscard]] inline std::uint64_t spelling_hash(std::string_view s) {
  if (s.size() > kShortSpelling) return spelling_hash_long(s.data(), s.size());
  return spelling_hash(short_spelling_of(s.data(), s.size()), s.size());
}

// Raw spelling → what the normalizer made of it, looked up once per token of both documents
// (a few thousand distinct spellings, millions of lookups): open addressing over a
// power-of-two table of indexes into the entries, probed in turn; an entry keeps the upper
// half of its spelling's hash to compare before the bytes, which are kept in one buffer,
// and its first 16 bytes as a short_spelling (for a spelling that short: all of it,
// compared without the buffer).
// (std::unordered_map had a division, a bucket and a node to reach for each token.)
class spelling_cache {
 public:
  struct entry {
    std::uint32_t key = 0;   ///< id of the normalized form
    std::uint32_t stem = 0;  ///< id of the stem (or the key)
    bool empty = false;      ///< the normalized form is empty (the token is dropped)
  };

  /// What number() gives a spelling the cache does not hold.
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  /// The number of `raw`'s entry, whose spelling_hash() is `h` (the entries are numbered
  /// 0, 1, 2… as they are inserted), or kNone.
  [[nodiscard]] std::uint32_t number(std::string_view raw, std::uint64_t h) const {
    return number_where(h, [raw, this](const spelling& s) {
      return s.size == raw.size() && same_bytes(bytes_.data() + s.at, raw.data(), raw.size());
    });
  }
  /// The same for a spelling of kShortSpelling bytes or less, `w` (`n` bytes), whose
  /// spelling_hash() is `h`: its bytes not read again.
  [[nodiscard]] std::uint32_t number(const short_spelling& w, std::size_t n,
                                     std::uint64_t h) const {
    return number_where(h, [&w, n](const spelling& s) { return s.size == n && s.short_form == w; });
  }
  /// Entry number `i` (one number() gave).
  [[nodiscard]] const entry& at(std::uint32_t i) const { return spellings_[i].value; }
  /// The entry of `raw`, whose spelling_hash() is `h`, or nullptr.
  [[nodiscard]] const entry* find(std::string_view raw, std::uint64_t h) const {
    const std::uint32_t i = number(raw, h);
    return i == kNone ? nullptr : &spellings_[i].value;
  }

  /// Adds `raw` (not in the cache), whose spelling_hash() is `h`; returns its number.
  std::uint32_t insert(std::string_view raw, std::uint64_t h, const entry& value);
  /// How many spellings it holds.
  [[nodiscard]] std::size_t size() const { return spellings_.size(); }

 private:
  static constexpr std::uint32_t kFree = 0xFFFFFFFF;
  struct spelling {
    std::uint32_t tag = 0;  // the hash's upper half
    std::uint32_t at = 0;   // the spelling: bytes_[at, at + size)
    std::uint32_t size = 0;
    entry value;
    short_spelling short_form;  // (its first kShortSpelling bytes)
  };
  // The number of the entry of hash `h` that is `same`, or kNone.
  template <class Same>
  [[nodiscard]] std::uint32_t number_where(std::uint64_t h, Same same) const {
    if (index_.empty()) return kNone;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
      const std::uint32_t i = index_[k];
      if (i == kFree) return kNone;
      if (const spelling& s = spellings_[i]; s.tag == tag && same(s)) return i;
    }
  }
  void place(std::uint32_t i, std::uint64_t h);
  void grow();

  std::vector<std::uint32_t> index_;
  std::size_t mask_ = 0;
  std::vector<spelling> spellings_;
  std::string bytes_;
};

/// Tokenizes and normalizes text for one document's language.
class normalizer {
 public:
  normalizer(const compare_options& opts, std::string_view language, vocabulary& vocab);
  ~normalizer();
  normalizer(const normalizer&) = delete;
  normalizer& operator=(const normalizer&) = delete;

  /// Appends the tokens of bytes[where] to `out`, skipping the `markup` ranges (sorted),
  /// and the number of each one's spelling to `spellings`: tokens of the same bytes have the
  /// same number, tokens of other bytes another, for as long as this normalizer lives (the
  /// numbers of one normalizer: see serial()).
  void tokenize(std::string_view bytes, span where, const std::vector<span>& markup,
                std::vector<token>& out, std::vector<std::uint32_t>& spellings);

  /// The normalized form of one word or mark (what `key` stands for).
  [[nodiscard]] std::string normalize(std::string_view raw) const;

  /// A number no other normalizer of this process has had: what a cache of normalized
  /// forms kept past one call tells normalizers apart by (an address can be used again).
  [[nodiscard]] std::uint64_t serial() const { return serial_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::uint64_t serial_;
};

/// The language of a document's text: "es", "en", "fr", "pt" or "de" by function words;
/// "und" when it cannot tell.
[[nodiscard]] std::string detect_language(const document& doc);

/// Whether `code` names a language we stem ("es", "en", …).
[[nodiscard]] bool known_language(std::string_view code);

/// Scans one token starting at bytes[i] (not white space): returns its end and whether it
/// is a word/number. Shared with the word-level differ so both see the same tokens.
std::uint32_t scan_token(std::string_view bytes, std::uint32_t i, std::uint32_t end, bool& word);

/// Function words of a language, lower case (for language detection and for telling
/// whether a capitalised word after an abbreviation starts a sentence).
[[nodiscard]] bool is_function_word(std::string_view language, std::string_view lower_word);

}  // namespace accordiff::detail
