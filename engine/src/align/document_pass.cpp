#include "align/document_pass.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <numeric>
#include <utility>

#include <xxhash.h>

#include "commit/lexicon.hpp"
#include "fingerprint/fingerprint.hpp"
#include "util/parallel.hpp"
#include "util/sort.hpp"

namespace accordiff::detail {

namespace {

std::size_t bytes_of(const document& doc, const std::vector<std::uint32_t>* blocks) {
  if (blocks == nullptr) return doc.bytes.size();
  std::size_t n = 0;
  for (std::uint32_t b : *blocks) n += doc.blocks[b].where.size();
  return n;
}

// The blocks `blocks` of `doc` (nullptr: all of them) in one pass. `room`: the bytes to
// make room for (0: those of the blocks; more when other blocks will join them).
// `counted`: the sentences of the document read so far, by this part and any other read
// at the same time (for the kMaxSentences cut); nullptr: this part's own. `sorted` false:
// the bags are left unsorted, for settle_bags() and mention_list::remap() or sort_bags()
// to sort once their ids are the shared vocabulary's.
document_pass read_blocks(const document& doc, std::string_view language, normalizer& norm,
                          const vocabulary& vocab, const std::vector<std::string>& months,
                          segment_options opts, const std::vector<std::uint32_t>* blocks,
                          std::size_t room = 0, std::atomic<std::size_t>* counted = nullptr,
                          bool sorted = true) {
  document_pass out;
  if (blocks != nullptr && blocks->empty()) {
    out.u.language = std::string(language);
    return out;
  }
  // about one word per six bytes of prose, and a few placeholders: reserved once rather
  // than doubled as they grow (each doubling copies, and touches new pages)
  const std::size_t bytes = std::max(room, bytes_of(doc, blocks));
  // (the paragraphs' bags are their sentences', but where the paragraphs are the sentences)
  (opts.sentences_are_paragraphs ? out.paragraphs : out.sentences)
      .bags.ids()
      .reserve(bytes / 5 + 16);
  value_keys kinds(vocab, months);
  mention_finder commitments(doc, lexicon_for(language), vocab, sorted);
  // the fingerprints are the units' own, filled in as they come
  std::vector<std::uint64_t> sentence_prints, paragraph_prints;
  auto bag = [&kinds, sorted](const units& u, token_range r, bag_list& into) {
    bag_into(u.tokens.data() + r.begin, u.tokens.data() + r.end, kinds, into.ids(), sorted);
    into.close();
  };
  std::uint32_t next_sentence = 0;
  const paragraph_visitor visit = [&](const units& u, std::uint32_t p) {
    const token_range pr = u.paragraph_tokens[p];
    paragraph_prints.push_back(fingerprint(u.tokens, pr, vocab));
    out.paragraphs.fingerprints.push_back(paragraph_prints.back());
    // past kMaxSentences the document is read again with the paragraphs as sentences,
    // whose fingerprints and bags are the paragraphs' (compare() reuses those)
    const std::uint32_t first_sentence = next_sentence;
    const std::size_t these = u.sentences.size() - next_sentence;
    const std::size_t so_far = counted == nullptr
                                   ? u.sentences.size()
                                   : counted->fetch_add(these, std::memory_order_relaxed) + these;
    const bool over = !opts.sentences_are_paragraphs && so_far > kMaxSentences;
    // the sentences' bags are made first: when they hold every token of the paragraph (one
    // after the other), its bag is theirs merged, made only if the alignment needs it
    bool covered = !over && !opts.sentences_are_paragraphs;
    std::uint32_t at = pr.begin;
    for (; next_sentence < u.sentences.size(); ++next_sentence) {
      const token_range sr = u.sentence_tokens[next_sentence];
      sentence_prints.push_back(fingerprint(u.tokens, sr, vocab));
      if (over) continue;
      if (!opts.sentences_are_paragraphs) {
        out.sentences.fingerprints.push_back(sentence_prints.back());
        bag(u, sr, out.sentences.bags);
        covered = covered && sr.begin == at;
        at = sr.end;
      }
      commitments.sentence(u, next_sentence, u.tokens.data() + sr.begin, u.tokens.data() + sr.end,
                           out.mentions);
    }
    // (then left empty here: see complete_paragraph_bags())
    if (covered && at == pr.end && next_sentence > first_sentence)
      out.paragraphs.bags.close();
    else
      bag(u, pr, out.paragraphs.bags);
  };
  out.u = blocks == nullptr ? segment_each(doc, language, norm, visit, opts)
                            : segment_blocks(doc, language, norm, *blocks, visit, opts);
  for (std::size_t i = 0; i < out.u.paragraphs.size(); ++i)
    out.u.paragraphs[i].fingerprint = paragraph_prints[i];
  for (std::size_t i = 0; i < out.u.sentences.size(); ++i)
    out.u.sentences[i].fingerprint = sentence_prints[i];
  return out;
}

}  // namespace

document_pass read_document_units(const document& doc, std::string_view language, normalizer& norm,
                                  const vocabulary& vocab, const std::vector<std::string>& months,
                                  segment_options opts) {
  document_pass out = read_blocks(doc, language, norm, vocab, months, opts, nullptr);
  // kept until the commitments are paired, when memory peaks: no room to spare
  out.mentions.shrink_to_fit();
  return out;
}

namespace {

// The relative markup of two blocks of the same text is the same.
bool same_block(const document& a, const block& x, const document& b, const block& y) {
  if (x.where.size() != y.where.size() || x.markup.size() != y.markup.size()) return false;
  for (std::size_t k = 0; k < x.markup.size(); ++k)
    if (x.markup[k].start - x.where.start != y.markup[k].start - y.where.start ||
        x.markup[k].size() != y.markup[k].size())
      return false;
  return a.text(x.where) == b.text(y.where);
}

// From this many paragraphs (both sides), the planning of their reading and the counting of
// their ids are shared by both cores.
constexpr std::size_t kParallelParagraphs = 4096;

// How the two documents are shared between the cores.
struct reading_plan {
  std::vector<std::int64_t> copy_of;  ///< per new block: the old block it repeats, or -1
  std::vector<std::uint32_t> fresh;   ///< the new blocks to read
  std::vector<std::uint32_t> first;   ///< old blocks read on this core
  std::vector<std::uint32_t> second;  ///< old blocks read on the other, before `fresh`
};

// A new block whose text is an old block's is not read again, its units and what they hold
// are the old ones' (the text of a block and the language it is read in are all its
// reading depends on: no copies when the sides' languages differ), unless it is a list
// item or comes before one: then what it holds depends on the blocks before it (the lead-in
// of a list, "se comprometen a:", which mention_finder::sentence() keeps only until a
// paragraph that is no list item), so it is read in its own document's order.
reading_plan plan_reading(const document& a, const document& b, bool same_language) {
  reading_plan plan;
  // The old blocks' hashes (sorted) on this core while the other hashes the new blocks that
  // may be copies, then each core looks up half of those (50MB: 48 ms on one core).
  const bool parallel = a.blocks.size() + b.blocks.size() >= kParallelParagraphs;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> old_by_hash(a.blocks.size());
  std::vector<std::uint64_t> new_hash(b.blocks.size(), 0);
  std::vector<std::uint8_t> may_copy(b.blocks.size(), 0);  // (else never looked up)
  at_once(
      parallel,
      [&] {
        for (std::uint32_t i = 0; i < a.blocks.size(); ++i) {
          const std::string_view t = a.text(a.blocks[i].where);
          old_by_hash[i] = {XXH3_64bits(t.data(), t.size()), i};
        }
        std::sort(old_by_hash.begin(), old_by_hash.end());
      },
      [&] {
        auto list_item = [&b](std::size_t j) {
          return j < b.blocks.size() && starts_list_item(b.text(b.blocks[j].where));
        };
        for (std::uint32_t j = 0; j < b.blocks.size(); ++j) {
          const block& y = b.blocks[j];
          if (!same_language || y.where.size() > kMaxSentenceBytes || list_item(j) ||
              list_item(j + 1))
            continue;
          const std::string_view t = b.text(y.where);
          may_copy[j] = 1;
          new_hash[j] = XXH3_64bits(t.data(), t.size());
        }
      });
  plan.copy_of.assign(b.blocks.size(), -1);
  auto look_up = [&](std::size_t from, std::size_t to) {
    for (std::size_t j = from; j < to; ++j) {
      if (may_copy[j] == 0) continue;
      for (auto it = std::lower_bound(old_by_hash.begin(), old_by_hash.end(),
                                      std::pair<std::uint64_t, std::uint32_t>{new_hash[j], 0});
           it != old_by_hash.end() && it->first == new_hash[j]; ++it)
        if (same_block(a, a.blocks[it->second], b, b.blocks[j])) {
          plan.copy_of[j] = it->second;
          break;
        }
    }
  };
  const std::size_t mid = b.blocks.size() / 2;
  at_once(
      parallel, [&] { look_up(0, mid); }, [&] { look_up(mid, b.blocks.size()); });
  std::size_t fresh_bytes = 0;
  for (std::uint32_t j = 0; j < b.blocks.size(); ++j)
    if (plan.copy_of[j] < 0) {
      plan.fresh.push_back(j);
      fresh_bytes += b.blocks[j].where.size();
    }
  // this core takes old blocks up to half of all there is to read (the other has the
  // rest, then the new blocks), and stops before a block that is not a list item, so that
  // no lead-in is cut from its list
  const std::size_t half = (a.bytes.size() + fresh_bytes) / 2;
  std::size_t taken = 0;
  std::uint32_t h = 0;
  while (h < a.blocks.size() && taken < half) taken += a.blocks[h++].where.size();
  while (h < a.blocks.size() && starts_list_item(a.text(a.blocks[h].where))) ++h;
  plan.first.resize(h);
  std::iota(plan.first.begin(), plan.first.end(), 0U);
  plan.second.resize(a.blocks.size() - h);
  std::iota(plan.second.begin(), plan.second.end(), h);
  return plan;
}

void append_level(level_input& to, level_input&& from) {
  if (to.fingerprints.empty()) {
    to = std::move(from);
    return;
  }
  to.fingerprints.insert(to.fingerprints.end(), from.fingerprints.begin(), from.fingerprints.end());
  to.bags.absorb(std::move(from.bags));
  from = {};
}

// The index of the first of `ms` (in sentence order) in sentence `s` or after it.
std::size_t mentions_from(const mention_list& ms, std::uint32_t s) {
  return static_cast<std::size_t>(std::lower_bound(ms.begin(), ms.end(), s,
                                                   [](const commitment_mention& m,
                                                      std::uint32_t v) { return m.sentence < v; }) -
                                  ms.begin());
}

span moved(span s, std::int64_t delta) {
  return {static_cast<std::uint32_t>(s.start + delta), static_cast<std::uint32_t>(s.end + delta)};
}

// A commitment's actors or object where the new document has them: a part not stated
// stays {0, 0}, as a reading makes it.
span moved_part(span s, std::int64_t delta) { return s.empty() ? span{} : moved(s, delta); }

// From this many sentences in the second part on, the two parts are joined on both cores:
// the sentence level on this one, the rest on the other.
constexpr std::size_t kParallelJoin = 8192;

// Blocks read in two parts, one after the other.
document_pass joined(document_pass&& first, document_pass&& second) {
  if (first.u.paragraphs.empty()) return std::move(second);
  if (second.u.paragraphs.empty()) return std::move(first);
  const auto shift = static_cast<std::uint32_t>(first.u.sentences.size());
  document_pass& out = first;
  // (the sentences' bags, most of what is copied, on this core: their new block is then of
  // this thread's heap, as the rest of the side's; the other core joins the rest, whose
  // room read_pair() has made)
  at_once(
      second.u.sentences.size() >= kParallelJoin,
      [&] { append_level(out.sentences, std::move(second.sentences)); },
      [&] {
        out.u.paragraphs.insert(out.u.paragraphs.end(), second.u.paragraphs.begin(),
                                second.u.paragraphs.end());
        out.u.sentences.insert(out.u.sentences.end(), second.u.sentences.begin(),
                               second.u.sentences.end());
        out.u.long_sentences += second.u.long_sentences;
        append_level(out.paragraphs, std::move(second.paragraphs));
        out.mentions.append(std::move(second.mentions), shift);
      });
  return std::move(out);
}

// A paragraph's bag is merged from its sentences' one after the other when it has at most
// this many (each merge copies what the ones before made), sorted past that.
constexpr std::uint32_t kMaxMerged = 16;

// Where each paragraph's sentences start in `u` (they come in their paragraphs' order).
std::vector<std::uint32_t> first_sentences(const units& u) {
  std::vector<std::uint32_t> first(u.paragraphs.size() + 1, 0);
  for (const unit& s : u.sentences) ++first[s.parent + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  return first;
}

// The sentences of paragraph `p` that have bags: [first[p], first[p + 1]), no further than
// the bags made (none past kMaxSentences).
std::pair<std::uint32_t, std::uint32_t> sentences_of(const level_input& sentences,
                                                     const std::vector<std::uint32_t>& first,
                                                     std::size_t p) {
  const auto made = static_cast<std::uint32_t>(sentences.bags.size());
  return {std::min(first[p], made), std::min(first[p + 1], made)};
}

// Calls `f` on each part of paragraph `p`'s bag: its own bag where it has one, else each of
// its sentences' bags.
template <class F>
void for_each_part(const level_input& paragraphs, const level_input& sentences,
                   const std::vector<std::uint32_t>& first, std::size_t p, F&& f) {
  if (const std::span<const std::uint32_t> own = paragraphs.bags[p]; !own.empty()) {
    f(own);
    return;
  }
  const auto [from, to] = sentences_of(sentences, first, p);
  for (std::uint32_t s = from; s < to; ++s) f(sentences.bags[s]);
}

// Paragraph `p`'s bag in full, appended to `out`: its own, or its sentences' merged (one
// after the other for a few; a paragraph cut into thousands of clauses, a text without a
// full stop, sorted once, where merging would be quadratic).
void full_bag(const level_input& paragraphs, const level_input& sentences,
              const std::vector<std::uint32_t>& first, std::size_t p,
              std::vector<std::uint32_t>& out) {
  const std::size_t from = out.size();
  const auto [s0, s1] = sentences_of(sentences, first, p);
  const bool few = s1 - s0 <= kMaxMerged;
  // (merged through a buffer the thread keeps: std::inplace_merge made one each time)
  thread_local std::vector<std::uint32_t> merged;
  for_each_part(paragraphs, sentences, first, p, [&](std::span<const std::uint32_t> part) {
    if (!few || out.size() == from) {
      out.insert(out.end(), part.begin(), part.end());
      return;
    }
    merged.resize(out.size() - from + part.size());
    std::merge(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), part.begin(), part.end(),
               merged.begin());
    out.resize(from);
    out.insert(out.end(), merged.begin(), merged.end());
  });
  if (!few) std::sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
}

}  // namespace

pair_pass read_pair(const document& a, const document& b, std::string_view lang_a,
                    std::string_view lang_b, normalizer& norm_a, vocabulary& vocab,
                    const compare_options& opts, segment_options so, bool defer_new_mentions) {
  const std::vector<std::string> months = month_keys(opts, {lang_a, lang_b});
  const reading_plan plan = plan_reading(a, b, lang_a == lang_b);
  // the other core: the second part of the old document, then the new blocks, with a
  // vocabulary of its own; no part sorts its bags (sorted when they are settled, on both
  // cores: at 50MB this core's 36 ms of sorting its own had made it finish reading 41 to
  // 55 ms after the other)
  vocabulary vocab_b;
  std::atomic<std::size_t> old_sentences{0};  // (both parts of the old one count them)
  auto other = std::async(std::launch::async, [&] {
    normalizer old_norm(opts, lang_a, vocab_b);
    normalizer new_norm(opts, lang_b, vocab_b);
    // (the bags left unsorted: sorted once their ids are the shared vocabulary's)
    document_pass second = read_blocks(a, lang_a, old_norm, vocab_b, months, so, &plan.second, 0,
                                       &old_sentences, false);
    document_pass fresh =
        read_blocks(b, lang_b, new_norm, vocab_b, months, so, &plan.fresh, 0, nullptr, false);
    return std::pair{std::move(second), std::move(fresh)};
  });
  // (with room for the second part, which joins it)
  document_pass first = read_blocks(a, lang_a, norm_a, vocab, months, so, &plan.first,
                                    a.bytes.size(), &old_sentences, false);
  auto parts = other.get();
  document_pass& second = parts.first;  // (references, not a structured binding: clang 14
  document_pass& fresh = parts.second;  // cannot capture those in a lambda)
  // Room for the second part in the first's units and commitments, made now rather than
  // as they join: growing a list is a new block beside the old one for a moment, and at
  // the join the parts' bags are there too (50MB: 14 MB less at the peak)
  if (!first.u.paragraphs.empty() && !second.u.paragraphs.empty()) {
    first.u.paragraphs.reserve(first.u.paragraphs.size() + second.u.paragraphs.size());
    first.u.sentences.reserve(first.u.sentences.size() + second.u.sentences.size());
    first.mentions.reserve(first.mentions.size() + second.mentions.size(),
                           first.mentions.bag_id_count() + second.mentions.bag_id_count());
  }

  pair_pass out;
  // the other core's ids into this one's, in the order it met them: the order of first
  // use over the old document, then the new one, as one vocabulary read in turn would
  std::vector<std::uint32_t> remap(vocab_b.size());
  for (std::uint32_t id = 0; id < remap.size(); ++id) remap[id] = vocab.intern(vocab_b.text(id));
  out.ph = make_placeholders(vocab, opts, {lang_a, lang_b});
  // the bags settled (the other core's remapped) and sorted on both cores: the first
  // part's sentences and the new ones on the other; on this one the commitments (most
  // sentences hold one) and the paragraphs (most left to their sentences); then both take
  // the second part's sentences a run at a time, so that they end together whichever
  // finished reading first
  std::atomic<std::size_t> next_run{0};
  auto second_sentences = [&] {
    take_runs(next_run, second.sentences.bags.size(), 2048, [&](std::size_t k, std::size_t e) {
      settle_bags(second.sentences, &remap, out.ph, k, e);
    });
  };
  auto settled = std::async(std::launch::async, [&] {
    settle_bags(first.sentences, nullptr, out.ph);
    settle_bags(fresh.sentences, &remap, out.ph);
    second_sentences();
  });
  first.mentions.sort_bags();
  second.mentions.remap(remap);
  fresh.mentions.remap(remap);
  settle_bags(first.paragraphs, nullptr, out.ph);
  settle_bags(second.paragraphs, &remap, out.ph);
  settle_bags(fresh.paragraphs, &remap, out.ph);
  second_sentences();
  settled.get();
  out.old_side = joined(std::move(first), std::move(second));
  out.old_side.u.language = std::string(lang_a);
  out.old_side.mentions.shrink_to_fit();  // (kept until the commitments are paired)
  const document_pass& o = out.old_side;

  // where each old paragraph's sentences start
  const std::vector<std::uint32_t> old_first_sentence = first_sentences(o.u);
  // The new document: its fresh blocks as read, the others as their old twins. Past
  // kMaxSentences in either, only the units (the caller reads both again, with the
  // paragraphs as sentences; the parts stopped making sentence bags and commitments).
  std::size_t new_sentences = fresh.u.sentences.size();
  for (std::uint32_t j = 0; j < b.blocks.size(); ++j)
    if (plan.copy_of[j] >= 0) {
      const auto i = static_cast<std::size_t>(plan.copy_of[j]);
      new_sentences += old_first_sentence[i + 1] - old_first_sentence[i];
    }
  const bool levels =
      so.sentences_are_paragraphs || std::max(o.u.sentences.size(), new_sentences) <= kMaxSentences;
  const bool sentences = !so.sentences_are_paragraphs && levels;
  document_pass& n = out.new_side;
  n.u.language = std::string(lang_b);
  n.u.long_sentences = fresh.u.long_sentences;
  // (reserved at about their size: at most what both readings hold)
  n.u.paragraphs.reserve(b.blocks.size());
  n.u.sentences.reserve(new_sentences);
  // (the bags of copies stay in the old side's lists, which live as long as the new side's)
  if (levels) {
    n.paragraphs.fingerprints.reserve(b.blocks.size());
    n.paragraphs.bags.reserve(b.blocks.size(), fresh.paragraphs.bags.ids().size());
  }
  if (sentences) {
    n.sentences.fingerprints.reserve(new_sentences);
    n.sentences.bags.reserve(new_sentences, fresh.sentences.bags.ids().size());
  }
  // units [first, last) of one level of `from`: the old side's bags are referred to, the
  // fresh ones copied
  auto take_level = [&o](level_input& to, const document_pass& from, const level_input& level,
                         std::uint32_t first, std::uint32_t last) {
    to.fingerprints.insert(to.fingerprints.end(), level.fingerprints.begin() + first,
                           level.fingerprints.begin() + last);
    if (&from == &o)
      to.bags.refer(level.bags, first, last);
    else
      to.bags.append(level.bags, first, last);
  };
  auto copy_levels = [&](const document_pass& from, std::uint32_t p0, std::uint32_t p1,
                         std::uint32_t s0, std::uint32_t s1) {
    if (levels) take_level(n.paragraphs, from, from.paragraphs, p0, p1);
    if (sentences) take_level(n.sentences, from, from.sentences, s0, s1);
  };
  const auto blocks = static_cast<std::uint32_t>(b.blocks.size());
  std::uint32_t fresh_paragraph = 0, fresh_sentence = 0;
  pair_pass::pending pending;  // the new side's commitments: where they come from
  for (std::uint32_t j = 0; j < blocks;) {
    const auto into = static_cast<std::uint32_t>(n.u.sentences.size());
    if (plan.copy_of[j] < 0) {  // a run of blocks read: their units as they are
      std::uint32_t k = j;
      while (k < blocks && plan.copy_of[k] < 0) ++k;
      const std::uint32_t p0 = fresh_paragraph, s0 = fresh_sentence;
      fresh_paragraph += k - j;
      while (fresh_sentence < fresh.u.sentences.size() &&
             fresh.u.sentences[fresh_sentence].parent < k)
        ++fresh_sentence;
      n.u.paragraphs.insert(n.u.paragraphs.end(), fresh.u.paragraphs.begin() + p0,
                            fresh.u.paragraphs.begin() + fresh_paragraph);
      n.u.sentences.insert(n.u.sentences.end(), fresh.u.sentences.begin() + s0,
                           fresh.u.sentences.begin() + fresh_sentence);
      copy_levels(fresh, p0, fresh_paragraph, s0, fresh_sentence);
      if (levels) pending.pieces.push_back({true, s0, fresh_sentence, into, 0});
      j = k;
      continue;
    }
    // a run of copies of old paragraphs i.., in the same order
    const auto i = static_cast<std::uint32_t>(plan.copy_of[j]);
    std::uint32_t k = j + 1;
    while (k < blocks && plan.copy_of[k] == static_cast<std::int64_t>(i + (k - j))) ++k;
    const std::uint32_t s0 = old_first_sentence[i], s1 = old_first_sentence[i + (k - j)];
    for (std::uint32_t q = j; q < k; ++q) {
      const std::uint32_t from = i + (q - j);
      const std::int64_t delta =
          static_cast<std::int64_t>(b.blocks[q].where.start) - a.blocks[from].where.start;
      n.u.paragraphs.push_back({b.blocks[q].where, q, o.u.paragraphs[from].fingerprint});
      for (std::uint32_t s = old_first_sentence[from]; s < old_first_sentence[from + 1]; ++s) {
        const unit& u = o.u.sentences[s];
        n.u.sentences.push_back({moved(u.where, delta), q, u.fingerprint});
      }
      if (levels)
        pending.pieces.push_back({false, old_first_sentence[from], old_first_sentence[from + 1],
                                  into + (old_first_sentence[from] - s0), delta});
    }
    copy_levels(o, i, i + (k - j), s0, s1);
    j = k;
  }
  pending.fresh = std::move(fresh.mentions);
  out.new_mentions_pending = std::move(pending);
  if (!defer_new_mentions) take_new_mentions(out);
  return out;
}

bag_list full_paragraph_bags(const level_input& paragraphs, const level_input& sentences,
                             const units& u) {
  const std::vector<std::uint32_t> first = first_sentences(u);
  bag_list out;
  for (std::size_t p = 0; p < paragraphs.bags.size(); ++p) {
    full_bag(paragraphs, sentences, first, p, out.ids());
    out.close();
  }
  return out;
}

std::vector<float> complete_paragraph_bags(level_input& old_paragraphs,
                                           const level_input& old_sentences, const units& old_units,
                                           level_input& new_paragraphs,
                                           const level_input& new_sentences, const units& new_units,
                                           std::size_t vocab_size) {
  struct side_of {
    level_input& paragraphs;
    const level_input& sentences;
    std::vector<std::uint32_t> first;
  };
  std::array<side_of, 2> sides{side_of{old_paragraphs, old_sentences, first_sentences(old_units)},
                               side_of{new_paragraphs, new_sentences, first_sentences(new_units)}};
  // the weights: in how many paragraphs each id is, once a paragraph (as idf() counts them);
  // each side counted on a core of its own when they are long, then the counts added
  auto count_side = [&](const side_of& sd) {
    // (an id's count beside the paragraph it was last counted for: one place to reach)
    struct counted {
      std::uint32_t df = 0, seen = 0;
    };
    std::vector<counted> ids(vocab_size);
    std::uint32_t stamp = 0;
    auto count = [&](std::span<const std::uint32_t> bag) {
      for (std::uint32_t id : bag) {  // (without a branch: whether it was seen is a coin toss)
        counted& c = ids[id];
        c.df += c.seen != stamp ? 1U : 0U;
        c.seen = stamp;
      }
    };
    for (std::size_t p = 0; p < sd.paragraphs.bags.size(); ++p) {
      ++stamp;
      for_each_part(sd.paragraphs, sd.sentences, sd.first, p, count);
    }
    std::vector<std::uint32_t> df(vocab_size);
    for (std::size_t id = 0; id < vocab_size; ++id) df[id] = ids[id].df;
    return df;
  };
  std::vector<std::uint32_t> df, more;
  at_once(
      old_paragraphs.bags.size() + new_paragraphs.bags.size() >= kParallelParagraphs,
      [&] { df = count_side(sides[0]); }, [&] { more = count_side(sides[1]); });
  for (std::size_t id = 0; id < df.size(); ++id) df[id] += more[id];
  more = {};
  std::vector<float> weight =
      idf_weights(df, old_paragraphs.bags.size() + new_paragraphs.bags.size());
  df = {};
  // The paragraphs whose fingerprint the sides hold a different number of times, found on
  // both sides' fingerprints sorted (a million one-word paragraphs a side: a binary search
  // for each was most of the time), and for each new one among them an old paragraph of
  // the same fingerprint.
  constexpr std::uint32_t kNone = ~0U;
  std::array<std::vector<std::uint8_t>, 2> need{
      std::vector<std::uint8_t>(old_paragraphs.fingerprints.size(), 0),
      std::vector<std::uint8_t>(new_paragraphs.fingerprints.size(), 0)};
  std::vector<std::uint32_t> twin(new_paragraphs.fingerprints.size(), kNone);
  {
    const std::vector<hashed> ko = sorted_hashes(old_paragraphs.fingerprints),
                              kn = sorted_hashes(new_paragraphs.fingerprints);
    for (std::size_t x = 0, y = 0; x < ko.size() || y < kn.size();) {
      const std::uint64_t f = y == kn.size() || (x < ko.size() && ko[x].first <= kn[y].first)
                                  ? ko[x].first
                                  : kn[y].first;
      std::size_t x1 = x, y1 = y;
      while (x1 < ko.size() && ko[x1].first == f) ++x1;
      while (y1 < kn.size() && kn[y1].first == f) ++y1;
      if (x1 - x != y1 - y) {
        for (std::size_t k = x; k < x1; ++k) need[0][ko[k].second] = 1;
        for (std::size_t k = y; k < y1; ++k) {
          need[1][kn[k].second] = 1;
          if (x1 > x) twin[kn[k].second] = ko[x].second;
        }
      }
      x = x1;
      y = y1;
    }
  }
  // (both made before either is replaced: the new side's may refer to the old side's; each
  // side on a core of its own when they are long)
  std::array<bag_list, 2> made;
  std::vector<std::uint32_t> copies;  // new paragraphs whose bag is an old one's
  auto make_side = [&](std::size_t k) {
    const side_of& sd = sides[k];
    for (std::size_t p = 0; p < sd.paragraphs.bags.size(); ++p) {
      if (need[k][p] == 0) {
        made[k].close();
        continue;
      }
      // a new paragraph the reading took from the old document (read_pair(): a block of
      // the same text, read in the same language) refers to the bag of an old one of the
      // same text, as the reading's bags did (once the old side's are all made)
      if (k == 1 && twin[p] != kNone && sd.paragraphs.bags.elsewhere(p)) {
        made[1].close();
        copies.push_back(static_cast<std::uint32_t>(p));
        continue;
      }
      full_bag(sd.paragraphs, sd.sentences, sd.first, p, made[k].ids());
      made[k].close();
    }
  };
  at_once(
      old_paragraphs.bags.size() + new_paragraphs.bags.size() >= kParallelParagraphs,
      [&] { make_side(0); }, [&] { make_side(1); });
  for (const std::uint32_t p : copies) made[1].refer_at(p, made[0], twin[p]);
  old_paragraphs.bags = std::move(made[0]);
  new_paragraphs.bags = std::move(made[1]);
  return weight;
}

void take_new_mentions(pair_pass& both) {
  pair_pass::pending& p = both.new_mentions_pending;
  const mention_list& old = both.old_side.mentions;
  mention_list& out = both.new_side.mentions;
  std::size_t copies = 0;
  for (const pair_pass::piece& c : p.pieces)
    if (!c.fresh) copies += mentions_from(old, c.to) - mentions_from(old, c.from);
  out.reserve(out.size() + p.fresh.size() + copies);
  const std::vector<std::uint32_t> fresh_verbs = out.entries_of(p.fresh);
  const std::vector<std::uint32_t> old_verbs = out.entries_of(old);
  std::size_t next_fresh = 0;
  for (const pair_pass::piece& c : p.pieces) {
    if (c.fresh) {  // read: moved, renumbered
      for (; next_fresh < p.fresh.size() && p.fresh[next_fresh].sentence < c.to; ++next_fresh) {
        commitment_mention m = p.fresh[next_fresh];
        m.sentence = m.sentence - c.from + c.at;
        out.push_copy(m, p.fresh, next_fresh, fresh_verbs);
      }
      continue;
    }
    // the old one's, where the new document has it (its words are the old one's)
    for (std::size_t k = mentions_from(old, c.from); k < old.size() && old[k].sentence < c.to;
         ++k) {
      commitment_mention m = old[k];
      m.sentence = m.sentence - c.from + c.at;
      m.where = moved(m.where, c.delta);
      // (in the block: only a list item, which is never copied, has its actors before it)
      m.actors = moved_part(m.actors, c.delta);
      m.object = moved_part(m.object, c.delta);
      out.push_shared(m, old, k, old_verbs);
    }
  }
  p = {};
}

}  // namespace accordiff::detail
