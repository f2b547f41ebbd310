// Stage 3, segment: a document in, paragraphs and sentences with their tokens out.
//
// Paragraphs are the reader's blocks. Sentences come from ICU's sentence breaks inside
// each paragraph (hard line wraps do not break), corrected for the abbreviations of
// official texts: titles and references ("Sr.", "Dra.", "Lic.", "No. 5", "art. 27",
// "EE. UU.") never end a sentence; acronyms that may ("U.S.", "D.C.", "EE.UU.") end one
// only when a function word follows; list markers ("1.", "IV.", "a)") stay with their
// item. Sentence spans partition each paragraph's text: together they cover every
// non-blank byte of it. Every unit gets its token range and fingerprint.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "accordiff/compare.hpp"
#include "normalize/normalize.hpp"

namespace accordiff::detail {

/// Longest sentence, in bytes. Past it a "sentence" (a paragraph without full stops, a
/// list run together) is cut into clauses: at semicolons and colons, then at commas,
/// then at words chosen by their content (so that the cuts stay put when text is
/// inserted before them), then at this length; the report says so. Legal sentences with
/// enumerations reach 2,000-3,000 bytes; the aligner, the word-level edits and the
/// commitment tracker are quadratic in the clauses of one unit, which this bounds.
inline constexpr std::size_t kMaxSentenceBytes = 4096;

/// Most sentences in one document. Past it (a document of a million one-line sentences)
/// the sentence level is the paragraph level: each paragraph counts as one sentence, the
/// report says so, and memory stays under 2 GB (about 250 bytes per unit, see the
/// reader's kMaxBlocks).
inline constexpr std::size_t kMaxSentences = 1'500'000;

struct token_range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// A document cut into units: public unit records plus their token ranges.
struct units {
  std::string language;
  std::vector<token> tokens;
  /// Per token, the number of its spelling (normalizer::tokenize()'s), in the normalizer
  /// whose serial() is `spelled_by`: tokens of the same bytes have the same number.
  std::vector<std::uint32_t> spellings;
  std::uint64_t spelled_by = 0;
  std::vector<unit> paragraphs;
  std::vector<unit> sentences;
  std::vector<token_range> paragraph_tokens;
  std::vector<token_range> sentence_tokens;
  std::size_t long_sentences = 0;  ///< sentences cut into clauses (kMaxSentenceBytes)
};

/// Makes the sentences of `u` its paragraphs (past kMaxSentences).
void sentences_as_paragraphs(units& u);

/// Sentence breaks (UAX #29, as ICU makes them) inside `text`, a paragraph without line
/// ends, decided from ASCII alone: false when a decision needs another character.
[[nodiscard]] bool ascii_sentence_breaks(std::string_view text, std::vector<std::size_t>& out);
/// The same from ICU's sentence break iterator (the reference the fast path must match).
[[nodiscard]] std::vector<std::size_t> icu_sentence_breaks(std::string_view text,
                                                           std::string_view language);

/// Sentence spans of one paragraph (exposed for tests).
[[nodiscard]] std::vector<span> split_sentences(std::string_view bytes, span paragraph,
                                                std::string_view language);

/// Cuts a document into units and tokenizes them with `norm`.
[[nodiscard]] units segment(const document& doc, std::string_view language, normalizer& norm);

/// How segment_each() cuts and what it keeps.
struct segment_options {
  /// Each paragraph is one sentence, not cut (the sentence level past kMaxSentences).
  bool sentences_are_paragraphs = false;
};

/// Called once per paragraph, when its sentences are in `u`: `u.tokens` holds the tokens
/// of that paragraph only, and the token ranges of it and its sentences index them.
/// `paragraph` indexes `u.paragraphs` (the document's block is `u.paragraphs[paragraph]
/// .parent`, which a sentence's `parent` names too).
using paragraph_visitor = std::function<void(const units& u, std::uint32_t paragraph)>;

/// Cuts a document into units one paragraph at a time, with the tokens of one paragraph
/// alive at once: what the units are made of is taken by `visit` (fingerprints, bags,
/// commitments) as it goes. The units come back without tokens or token ranges.
[[nodiscard]] units segment_each(const document& doc, std::string_view language, normalizer& norm,
                                 const paragraph_visitor& visit, segment_options opts = {});

/// The same over some blocks of the document only (`blocks`: ascending indices): the units
/// are theirs, in that order, and their `parent` is the block's index in the document.
[[nodiscard]] units segment_blocks(const document& doc, std::string_view language, normalizer& norm,
                                   std::span<const std::uint32_t> blocks,
                                   const paragraph_visitor& visit, segment_options opts = {});

}  // namespace accordiff::detail
