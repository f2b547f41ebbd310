#include "align/document_pass.hpp"

#include "commit/lexicon.hpp"
#include "fingerprint/fingerprint.hpp"

namespace accordiff::detail {

document_pass read_document_units(const document& doc, std::string_view language, normalizer& norm,
                                  const vocabulary& vocab, const std::vector<std::string>& months,
                                  segment_options opts) {
  document_pass out;
  // about one word per six bytes of prose, and a few placeholders: reserved once rather
  // than doubled as they grow (each doubling copies, and touches new pages)
  out.paragraphs.bags.ids().reserve(doc.bytes.size() / 5 + 16);
  if (!opts.sentences_are_paragraphs) out.sentences.bags.ids().reserve(doc.bytes.size() / 5 + 16);
  value_keys kinds(vocab, months);
  mention_finder commitments(doc, lexicon_for(language), vocab);
  // the fingerprints are the units' own, filled in as they come
  std::vector<std::uint64_t> sentence_prints, paragraph_prints;
  auto bag = [&kinds](const units& u, token_range r, bag_list& into) {
    bag_into(u.tokens.data() + r.begin, u.tokens.data() + r.end, kinds, into.ids());
    into.close();
  };
  std::uint32_t next_sentence = 0;
  const paragraph_visitor visit = [&](const units& u, std::uint32_t p) {
    const token_range pr = u.paragraph_tokens[p];
    paragraph_prints.push_back(fingerprint(u.tokens, pr, vocab));
    out.paragraphs.fingerprints.push_back(paragraph_prints.back());
    bag(u, pr, out.paragraphs.bags);
    // past kMaxSentences the document is read again with the paragraphs as sentences,
    // whose fingerprints and bags are the paragraphs' (compare() reuses those)
    const bool over = !opts.sentences_are_paragraphs && u.sentences.size() > kMaxSentences;
    for (; next_sentence < u.sentences.size(); ++next_sentence) {
      const token_range sr = u.sentence_tokens[next_sentence];
      sentence_prints.push_back(fingerprint(u.tokens, sr, vocab));
      if (over) continue;
      if (!opts.sentences_are_paragraphs) {
        out.sentences.fingerprints.push_back(sentence_prints.back());
        bag(u, sr, out.sentences.bags);
      }
      commitments.sentence(u, next_sentence, u.tokens.data() + sr.begin, u.tokens.data() + sr.end,
                           out.mentions);
    }
  };
  out.u = segment_each(doc, language, norm, visit, opts);
  for (std::size_t i = 0; i < out.u.paragraphs.size(); ++i)
    out.u.paragraphs[i].fingerprint = paragraph_prints[i];
  for (std::size_t i = 0; i < out.u.sentences.size(); ++i)
    out.u.sentences[i].fingerprint = sentence_prints[i];
  // kept until the commitments are paired, when memory peaks: no room to spare
  out.mentions.shrink_to_fit();
  return out;
}

}  // namespace accordiff::detail
