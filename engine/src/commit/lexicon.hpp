// Language data for commitments and typed changes: data/lang/<code>.lex, embedded at build
// time and parsed at first use (format: data/lang/README.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace accordiff::detail {

/// A phrase of lower-case words; a word ending in '*' matches any word with that prefix
/// (a word starting with '*' any word with that suffix).
using phrase = std::vector<std::string>;

/// Phrases indexed by their first word, longest first, so that finding the phrase that
/// starts at a word costs a hash lookup rather than a scan of the whole list.
class phrase_set {
 public:
  /// `bit`: this set's bit in word::opens (0: none, the set is always looked up).
  explicit phrase_set(std::uint8_t bit = 0) : bit_(bit) {}
  void add(phrase p);
  [[nodiscard]] std::uint8_t bit() const { return bit_; }
  /// Whether a phrase of the set may start at a word `word` (lower case): its first word is
  /// `word`, or a pattern `word` matches. When not, none matches there, whatever follows.
  [[nodiscard]] bool may_start_with(std::string_view word) const;
  /// Phrases that may start with `first_word`: those whose first word is it, then those
  /// whose first word is a pattern; each group longest first.
  template <class F>
  std::size_t longest(std::string_view first_word, F&& length_if_matches) const {
    if (may_start(first_word))
      if (auto it = exact_.find(first_word); it != exact_.end())
        for (std::size_t k : it->second)
          if (std::size_t n = length_if_matches(all_[k])) return n;
    for (std::size_t k : patterns_)
      if (std::size_t n = length_if_matches(all_[k])) return n;
    return 0;
  }
  /// Whether a phrase may start with `word` (always, when some phrase starts with a pattern).
  [[nodiscard]] bool may_open(std::string_view word) const {
    return !patterns_.empty() || (may_start(word) && exact_.find(word) != exact_.end());
  }
  /// The same, only from the first byte (lower case) and the length of the word: false
  /// says no phrase starts with it.
  [[nodiscard]] bool may_open(unsigned char first, std::size_t size) const {
    return !patterns_.empty() || filter_[filter_bit(first, size)];
  }
  [[nodiscard]] bool empty() const { return all_.empty(); }
  [[nodiscard]] std::size_t size() const { return all_.size(); }
  [[nodiscard]] const phrase& operator[](std::size_t k) const { return all_[k]; }

 private:
  std::vector<phrase> all_;
  // Looked up once per word of every sentence, and almost always in vain: a filter on the
  // first byte and the length says "not a first word" without hashing the word.
  static std::size_t filter_bit(std::string_view w) {
    return w.empty() ? 0 : filter_bit(static_cast<unsigned char>(w[0]), w.size());
  }
  static std::size_t filter_bit(unsigned char first, std::size_t size) {
    return (first * 31U + std::min<std::size_t>(size, 31)) % kFilterBits;
  }
  [[nodiscard]] bool may_start(std::string_view w) const { return filter_[filter_bit(w)]; }
  static constexpr std::size_t kFilterBits = 4096;
  std::vector<bool> filter_ = std::vector<bool>(kFilterBits, false);
  // then hashed, and by string_view
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::size_t>, hash, std::equal_to<>> exact_;
  std::vector<std::size_t> patterns_;
  std::uint8_t bit_ = 0;
};

/// The bits of word::opens, one per phrase set of a lexicon, one for a word that may open a
/// commitment (may_hold_commitment()'s test), one for a future form.
enum opens_bit : std::uint8_t {
  kOpensCommit = 1,
  kOpensNotCommit = 2,
  kOpensSkip = 4,
  kOpensJoin = 8,
  kMayOpenCommitment = 16,
  kFutureForm = 32,      ///< a future form ("reforzará") that is no exception
  kOpensUnknown = 0x80,  ///< (set: the others are not known, each is looked up)
};

struct lexicon {
  std::string language;
  phrase_set commit{kOpensCommit}, not_commit{kOpensNotCommit}, skip{kOpensSkip}, join{kOpensJoin};
  std::vector<std::string> future, future_not, period, place_before;
  /// The last three bytes a future form can end with, hashed into kTailBits bits; all, when
  /// a pattern leaves them open (`future_any`): most words are ruled out before the
  /// patterns are tried (a test on the last byte alone let a third of Spanish words
  /// through, those ending in "s" and "n").
  static constexpr std::size_t kTailBits = 1U << 16U;
  std::vector<bool> future_tail = std::vector<bool>(kTailBits, false);
  bool future_any = false;
  static std::size_t tail_bit(unsigned char a, unsigned char b, unsigned char c) {
    return (a * 961U + b * 31U + c) % kTailBits;
  }
  /// Whether a word (lower case) may be a future form: false says no pattern matches it.
  [[nodiscard]] bool may_be_future(std::string_view w) const {
    if (future_any) return true;
    if (w.size() < 3) return false;
    return future_tail[tail_bit(static_cast<unsigned char>(w[w.size() - 3]),
                                static_cast<unsigned char>(w[w.size() - 2]),
                                static_cast<unsigned char>(w.back()))];
  }
  std::map<std::string, std::string, std::less<>> lemma;
  /// The forms of `lemma` of more than one word ("dar continuidad"), split into words, in
  /// the map's order, each with its lemma: matched after every commit phrase.
  std::vector<std::pair<phrase, std::string>> lemma_phrases;
  std::map<std::string, int, std::less<>> strength, month;
  std::map<std::string, long long, std::less<>> number;
  /// Whether a word (lower case) may be a key of `month` (of `number`): false says it is
  /// none, from its first byte and length, without a lookup (asked of every word of a
  /// changed sentence). Made by parse_lexicon(); a lexicon made otherwise answers true.
  [[nodiscard]] bool may_be_month(std::string_view w) const { return may_be(month_keys, w); }
  [[nodiscard]] bool may_be_number(std::string_view w) const { return may_be(number_keys, w); }
  static constexpr std::size_t kKeyBits = 4096;
  static std::size_t key_bit(std::string_view w) {
    return w.empty()
               ? 0
               : (static_cast<unsigned char>(w[0]) * 31U + std::min<std::size_t>(w.size(), 31)) %
                     kKeyBits;
  }
  std::vector<bool> month_keys, number_keys;  // (key_bit() of each key; empty: not made)

 private:
  static bool may_be(const std::vector<bool>& keys, std::string_view w) {
    return keys.empty() || keys[key_bit(w)];
  }
};

/// The lexicon of a language; an empty one for a language without a data file.
[[nodiscard]] const lexicon& lexicon_for(std::string_view language);

/// Parses a lexicon file's text (exposed for tests).
[[nodiscard]] lexicon parse_lexicon(std::string_view language, std::string_view text);

/// Whether `word` matches the pattern word `pat` ("acord*", "*mente", "acordaron").
[[nodiscard]] bool word_matches(std::string_view pat, std::string_view word);

}  // namespace accordiff::detail
