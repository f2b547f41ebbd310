// Stage 6b, commitments and typed values: sentences in, commitments and dates, numbers and
// places out; then both sides compared.
//
// A commitment is a clause in which parties commit, agree, decide or announce an action:
// a commit phrase of the language's lexicon ("acordaron", "se comprometieron a",
// "agreed to", "will") or a future tense that is itself the action ("se realizará"),
// followed by the action's verb, its object, and possibly a second action joined to the
// first ("…, además de dar continuidad a …"), which is a commitment of its own. Phrases of
// fact or principle ("coincidieron en que", "agreed that", "as agreed") are not.
// Commitments of the two sides are paired through the sentence alignment first (a
// commitment in a sentence paired with another), then anywhere by their own similarity;
// each pair is unchanged or reworded, with typed changes and a strength direction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "commit/lexicon.hpp"
#include "normalize/normalize.hpp"

namespace accordiff::detail {

/// A word of a sentence as the commitment finder sees it.
struct word {
  std::uint32_t start = 0, end = 0;  ///< byte span in the document
  /// Lower case: the document's bytes where they are in lower case already, else
  /// `lowered` (or, from mention_finder, a lower case it keeps while the words are read).
  /// (a view: copying the lower case of each word of each sentence was 2% of a comparison)
  std::string_view low;
  std::string lowered;  ///< the lower case, where `low` is not the document's bytes
  bool cap = false;     ///< starts with a capital letter
  bool alpha = false;   ///< a word or number (false: punctuation)
  /// opens_bit: the phrase sets that may start here, and whether a commitment may (all
  /// bits where that is not known: every set is looked up)
  std::uint8_t opens = 0xFF;
  /// Whether the word is `s` in lower case (its length compared first: no call).
  [[nodiscard]] bool is(std::string_view s) const { return low == s; }

  word() = default;
  ~word() = default;
  // (a copy or a move views its own `lowered` where the original viewed its own)
  word(const word& o) : lowered(o.lowered) { take_fields(o); }
  word(word&& o) noexcept : lowered(std::move(o.lowered)) {
    take_fields(o);
    o.forget_low();
  }
  word& operator=(const word& o) {
    if (this != &o) {
      lowered = o.lowered;
      take_fields(o);
    }
    return *this;
  }
  word& operator=(word&& o) noexcept {
    if (this != &o) {
      lowered = std::move(o.lowered);
      take_fields(o);
      o.forget_low();
    }
    return *this;
  }

 private:
  // the fields of `o`, `lowered` already taken (its bytes, not necessarily its buffer)
  void take_fields(const word& o) {
    start = o.start;
    end = o.end;
    low = o.owns_low ? std::string_view(lowered) : o.low;
    owns_low = o.owns_low;
    cap = o.cap;
    alpha = o.alpha;
    opens = o.opens;
  }
  // (a word moved from views nothing: its copy's bytes went with the move)
  void forget_low() {
    if (owns_low) low = {};
    owns_low = false;
  }
  bool owns_low = false;  // `low` views `lowered`
  friend void set_word(std::string_view, std::uint32_t, std::uint32_t, bool, word&);
  friend class mention_finder;
};

/// The opens_bit of a word `low` (lower case) in `lx`.
[[nodiscard]] std::uint8_t opens_of(std::string_view low, const lexicon& lx);

/// `s` in lower case (ICU's, with ASCII and Latin-1 done without it); into `out`, whose
/// buffer is reused.
[[nodiscard]] std::string lower(std::string_view s);
void lower_into(std::string_view s, std::string& out);

/// The words of bytes[where].
[[nodiscard]] std::vector<word> words_of(std::string_view bytes, span where);
/// The same into `out`, reusing its elements' buffers.
void words_into(std::string_view bytes, span where, std::vector<word>& out);

/// A value found in a text: a date, a number or a place.
struct entity {
  std::string type;   ///< "date", "number", "place"
  std::string text;   ///< as written
  std::string value;  ///< normalized, for comparing
};

/// Dates, numbers and places in `words` (in order).
[[nodiscard]] std::vector<entity> find_entities(std::string_view bytes,
                                                const std::vector<word>& words, const lexicon& lx);

/// The typed changes between two sets of values.
[[nodiscard]] std::vector<typed_change> diff_entities(const std::vector<entity>& a,
                                                      const std::vector<entity>& b);

/// Whether one of these words (spans of `bytes`, as the tokenizer cut them) may open a
/// commitment: the first word of a commit phrase, or a future form. When not, the sentence
/// holds no commitment and is no lead-in, and find_commitments need not read it.
[[nodiscard]] bool may_hold_commitment(std::string_view bytes, const std::vector<span>& words,
                                       const lexicon& lx);

/// Commitments found in one sentence.
[[nodiscard]] std::vector<commitment_side> find_commitments(std::string_view bytes, span sentence,
                                                            std::uint32_t sentence_index,
                                                            const lexicon& lx);
/// The same from its words (words_into()'s of the sentence: where they are is all a
/// commitment keeps of the text).
[[nodiscard]] std::vector<commitment_side> find_commitments(const std::vector<word>& ws,
                                                            std::uint32_t sentence_index,
                                                            const lexicon& lx);

/// What words_into(bytes, where, out) gives, from the tokens [first, last) the normalizer
/// cut in that sentence: they are its words when nothing but white space lies between them
/// (no markup, no punctuation left out), being cut by the same scanner over the same span;
/// otherwise the words are read again.
void words_of_tokens(std::string_view bytes, span where, const token* first, const token* last,
                     std::vector<word>& out);
/// Whether those tokens are the words of bytes[where], as words_of_tokens() tells.
[[nodiscard]] bool tokens_are_words(std::string_view bytes, span where, const token* first,
                                    const token* last);

/// Makes `w` the word bytes[start, end) (`alpha`: a word or number, not punctuation).
void set_word(std::string_view bytes, std::uint32_t start, std::uint32_t end, bool alpha, word& w);

/// The actors of a lead-in that announces a list of commitments ("Los gobiernos se
/// comprometen a:", "The parties agreed to:"), when the sentence is one.
[[nodiscard]] std::optional<span> lead_in(std::string_view bytes, span sentence, const lexicon& lx);

/// The commitment of one item of such a list ("- reforzar la cooperación …").
[[nodiscard]] std::optional<commitment_side> listed_commitment(std::string_view bytes, span item,
                                                               std::uint32_t sentence_index,
                                                               span actors, const lexicon& lx);

/// bytes[s.start, s.end) with each run of white space as one space: a commitment's actors
/// and object as reports give them; empty for a span past the bytes.
[[nodiscard]] std::string flat_text(std::string_view bytes, span s);
/// The same as a view: of `bytes` when they are flat already, else of `scratch`, which
/// holds them flattened (valid until `scratch` changes).
[[nodiscard]] std::string_view flat_view(std::string_view bytes, span s, std::string& scratch);

/// The strength level (1–4) of a commitment's verbs; 0 when none is in the scale.
[[nodiscard]] int strength_level(const commitment_side& c, const lexicon& lx);

}  // namespace accordiff::detail
