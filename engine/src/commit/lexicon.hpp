// Language data for commitments and typed changes: data/lang/<code>.lex, embedded at build
// time and parsed at first use (format: data/lang/README.md).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace accordiff::detail {

/// A phrase of lower-case words; a word ending in '*' matches any word with that prefix
/// (a word starting with '*' any word with that suffix).
using phrase = std::vector<std::string>;

struct lexicon {
  std::string language;
  std::vector<phrase> commit, not_commit, skip, join;
  std::vector<std::string> future, future_not, period, place_before;
  std::map<std::string, std::string, std::less<>> lemma;
  std::map<std::string, int, std::less<>> strength, month;
  std::map<std::string, long long, std::less<>> number;
};

/// The lexicon of a language; an empty one for a language without a data file.
[[nodiscard]] const lexicon& lexicon_for(std::string_view language);

/// Parses a lexicon file's text (exposed for tests).
[[nodiscard]] lexicon parse_lexicon(std::string_view language, std::string_view text);

/// Whether `word` matches the pattern word `pat` ("acord*", "*mente", "acordaron").
[[nodiscard]] bool word_matches(std::string_view pat, std::string_view word);

}  // namespace accordiff::detail
