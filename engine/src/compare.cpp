// The pipeline: read documents → normalize + segment → fingerprint → align → classify.
#include "accordiff/compare.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <future>
#include <optional>
#include <utility>

#include "align/align.hpp"
#include "align/document_pass.hpp"
#include "align/levels.hpp"
#include "classify/classify.hpp"
#include "commit/commit.hpp"
#include "commit/lexicon.hpp"
#include "commit/track.hpp"
#include "fingerprint/fingerprint.hpp"
#include "normalize/normalize.hpp"
#include "segment/segment.hpp"
#include "util/memory.hpp"
#include "util/parallel.hpp"

namespace accordiff {

std::string_view to_string(kind k) {
  switch (k) {
    case kind::unchanged:
      return "unchanged";
    case kind::moved:
      return "moved";
    case kind::reworded:
      return "reworded";
    case kind::split:
      return "split";
    case kind::merged:
      return "merged";
    case kind::added:
      return "added";
    case kind::dropped:
      return "dropped";
  }
  return "unchanged";
}

std::string_view to_string(strength s) {
  switch (s) {
    case strength::same:
      return "same";
    case strength::strengthened:
      return "strengthened";
    case strength::weakened:
      return "weakened";
    case strength::unknown:
      return "unknown";
  }
  return "unknown";
}

bool comparison::commitments_changed() const {
  return std::any_of(commitments.begin(), commitments.end(),
                     [](const commitment& c) { return c.k != kind::unchanged; });
}

bool comparison::substantive() const {
  if (commitments_changed()) return true;
  return std::any_of(sentences.begin(), sentences.end(), [](const group& g) {
    return g.k == kind::added || g.k == kind::dropped || !g.changes.empty();
  });
}

bool comparison::changed() const {
  for (const auto* level : {&paragraphs, &sentences})
    for (const group& g : *level)
      if (g.k != kind::unchanged || g.moved) return true;
  return false;
}

void unit_list::assign(const std::uint32_t* ids, std::size_t n) {
  if (n > kInline) {
    heap_ = new std::uint32_t[n];
    cap_ = static_cast<std::uint32_t>(n);
  }
  std::copy(ids, ids + n, cap_ > kInline ? heap_ : inline_);
  size_ = static_cast<std::uint32_t>(n);
}

void unit_list::take(unit_list& o) noexcept {
  size_ = o.size_;
  cap_ = o.cap_;
  if (o.cap_ > kInline) {
    heap_ = o.heap_;
  } else {
    inline_[0] = o.inline_[0];
    inline_[1] = o.inline_[1];
  }
  o.size_ = 0;
  o.cap_ = kInline;
  o.inline_[0] = o.inline_[1] = 0;
}

void unit_list::release() noexcept {
  if (cap_ > kInline) delete[] heap_;
  size_ = 0;
  cap_ = kInline;
  inline_[0] = inline_[1] = 0;
}

void unit_list::push_back(std::uint32_t id) {
  if (size_ == cap_) {
    const std::uint32_t cap = cap_ * 2;
    auto* more = new std::uint32_t[cap];
    std::copy(begin(), end(), more);
    if (cap_ > kInline) delete[] heap_;
    heap_ = more;
    cap_ = cap;
  }
  (cap_ > kInline ? heap_ : inline_)[size_++] = id;
}

std::vector<std::string> commitment_side::verbs() const {
  std::vector<std::string> out;
  if (action.empty() && joined.empty()) return out;
  out.reserve(1 + joined.size());
  out.push_back(action);
  out.insert(out.end(), joined.begin(), joined.end());
  return out;
}

std::string clause_text(const document& doc, span s) { return detail::flat_text(doc.bytes, s); }

result<void> validate(const compare_options& opts) {
  const auto& t = opts.limits;
  for (const auto& [name, v] : {std::pair{"--reword-local", t.reword_local},
                                {"--reword-global", t.reword_global},
                                {"--split-threshold", t.split},
                                {"--split-piece", t.split_piece}})
    if (!(v > 0.0 && v <= 1.0)) {
      char shown[32];
      std::snprintf(shown, sizeof shown, "%g", v);
      return fail(errc::invalid_option, std::string("must be a number in (0, 1], not ") + shown,
                  name);
    }
  if (opts.lang != "auto" && !detail::known_language(opts.lang))
    return fail(errc::invalid_option,
                "unknown language '" + opts.lang + "' (auto, es, en, fr, pt, de, it, nl, ca)",
                "--lang");
  return {};
}

namespace {

using detail::idf;
using detail::joined;
using detail::level_input;
using detail::units;

// The word edits of the changed groups of both levels, and the dates, numbers and places
// that changed in the sentence groups, shared by the threads that call work() (each
// group's depend on it alone; the normalizer and the lexicons are only read): the second
// core starts on them while the first does the commitments, then both take what is left.
class edit_work {
 public:
  /// The groups of the levels `levels` (1: paragraphs, 2: sentences, 3: both).
  /// The paragraphs' edits follow `pairing` (none: the paragraphs are the sentences).
  edit_work(comparison& c, const units& uo, const units& un, const detail::normalizer& norm,
            const detail::commitment_input& ci_old, const detail::commitment_input& ci_new,
            unsigned levels, const detail::sentence_pairing* pairing)
      : c_(c), norm_(norm), ci_old_(ci_old), ci_new_(ci_new), pairing_(pairing) {
    level_[0] = {&c.paragraphs, &uo.paragraphs, &un.paragraphs};
    level_[1] = {&c.sentences, &uo.sentences, &un.sentences};
    for (std::uint8_t l = 0; l < 2; ++l)
      for (std::uint32_t g = 0; (levels & (1U << l)) != 0 && g < level_[l].groups->size(); ++g) {
        const kind k = (*level_[l].groups)[g].k;
        if (k == kind::reworded || k == kind::split || k == kind::merged) todo_.push_back({l, g});
      }
  }

  void work() {
    detail::take_runs(next_, todo_.size(), 1, [this](std::size_t k, std::size_t) {
      const level& l = level_[todo_[k].level];
      group& g = (*l.groups)[todo_[k].group];
      bool d = false;
      const std::string a = joined(*c_.old_side.doc, *l.old_units, g.old_units);
      const std::string b = joined(*c_.new_side.doc, *l.new_units, g.new_units);
      if (todo_[k].level == 0 && pairing_ != nullptr)
        g.edits = detail::stretch_edits(a, b, pairing_->stretches(g), norm_, d);
      else
        g.edits = detail::word_edits(a, b, norm_, d);
      if (d) cut_[todo_[k].level].fetch_add(1, std::memory_order_relaxed);
      if (todo_[k].level == 1) {
        std::vector<span> so, sn;
        for (auto i : g.old_units) so.push_back((*l.old_units)[i].where);
        for (auto j : g.new_units) sn.push_back((*l.new_units)[j].where);
        g.changes = detail::typed_changes(ci_old_, so, ci_new_, sn);
      }
    });
  }

  /// After every work() has returned: the notes of groups too long for word edits.
  void notes(std::vector<std::string>& degraded) const {
    for (std::size_t l = 0; l < 2; ++l)
      if (const std::size_t n = cut_[l].load(); n > 0)
        degraded.push_back(std::to_string(n) + (l == 0 ? " paragraph" : " sentence") +
                           " groups too long for word-level edits (limit kMaxEditTokens = " +
                           std::to_string(detail::kMaxEditTokens) +
                           "): shown as one deletion and one insertion");
  }

 private:
  struct level {
    std::vector<group>* groups = nullptr;
    const std::vector<unit>* old_units = nullptr;
    const std::vector<unit>* new_units = nullptr;
  };
  struct job {
    std::uint8_t level;
    std::uint32_t group;
  };
  comparison& c_;
  const detail::normalizer& norm_;
  const detail::commitment_input& ci_old_;
  const detail::commitment_input& ci_new_;
  const detail::sentence_pairing* pairing_;
  std::array<level, 2> level_;
  std::vector<job> todo_;
  std::atomic<std::size_t> next_{0};
  std::array<std::atomic<std::size_t>, 2> cut_{};
};

}  // namespace

result<analysis> analyze(std::shared_ptr<const document> doc, const compare_options& opts) {
  if (auto ok = validate(opts); !ok) return tl::unexpected(ok.error());
  analysis a;
  a.s.doc = std::move(doc);
  const document& d = *a.s.doc;
  a.s.language = opts.lang == "auto" ? detail::detect_language(d) : opts.lang;
  detail::vocabulary vocab;
  detail::normalizer norm(opts, a.s.language, vocab);
  units u = detail::segment(d, a.s.language, norm);
  detail::fingerprint_units(u, vocab);
  a.s.xxh3_128 = detail::xxh3_128_hex(d.bytes);
  a.shingles = detail::shingles(u, vocab);
  // as compare() finds them (lead-in lists included), so that a series' first version
  // holds the commitments its comparisons will follow
  const detail::mention_list found =
      detail::find_mentions({d, u, detail::lexicon_for(a.s.language)}, vocab);
  a.commitments.reserve(found.size());
  for (std::size_t k = 0; k < found.size(); ++k) a.commitments.push_back(found.side(k));
  a.s.paragraphs = std::move(u.paragraphs);
  a.s.sentences = std::move(u.sentences);
  return a;
}

result<comparison> compare(std::shared_ptr<const document> old_doc,
                           std::shared_ptr<const document> new_doc, const compare_options& opts) {
  if (auto ok = validate(opts); !ok) return tl::unexpected(ok.error());
  comparison c;
  c.options = opts;
  c.old_side.doc = std::move(old_doc);
  c.new_side.doc = std::move(new_doc);

  std::string lang_old = opts.lang, lang_new = opts.lang;
  if (opts.lang == "auto") {
    lang_old = detail::detect_language(*c.old_side.doc);
    lang_new = detail::detect_language(*c.new_side.doc);
    if (lang_old == "und") lang_old = lang_new;
    if (lang_new == "und") lang_new = lang_old;
  }
  c.old_side.language = lang_old;
  c.new_side.language = lang_new;

  // Both documents are read at once on both cores (a block the new one repeats from the
  // old one is read once): units, fingerprints, bags and commitments in one pass, the
  // tokens of one paragraph alive at a time, with ids in one vocabulary from there on.
  detail::vocabulary vocab;
  detail::normalizer norm_old(opts, lang_old, vocab);
  auto read = detail::read_pair(*c.old_side.doc, *c.new_side.doc, lang_old, lang_new, norm_old,
                                vocab, opts, {}, true);
  detail::document_pass& ao = read.old_side;  // (read again below past kMaxSentences)
  detail::document_pass& an = read.new_side;
  bool sentences_are_paragraphs = false;
  const std::size_t long_sentences = ao.u.long_sentences + an.u.long_sentences;
  if (std::max(ao.u.sentences.size(), an.u.sentences.size()) > detail::kMaxSentences) {
    std::string note = std::to_string(std::max(ao.u.sentences.size(), an.u.sentences.size()));
    note.append(" sentences in one document (limit kMaxSentences = ")
        .append(std::to_string(detail::kMaxSentences))
        .append("): the sentences compared are the paragraphs");
    c.degraded.push_back(std::move(note));
    read = {};  // (the first reading's memory back before the second)
    sentences_are_paragraphs = true;
    read = detail::read_pair(*c.old_side.doc, *c.new_side.doc, lang_old, lang_new, norm_old, vocab,
                             opts, {.sentences_are_paragraphs = true}, true);
  }
  units& uo = ao.u;
  units& un = an.u;
  if (long_sentences > 0) {
    std::string note = std::to_string(long_sentences);
    note.append(" sentences longer than ").append(std::to_string(detail::kMaxSentenceBytes));
    note.append(" bytes (limit kMaxSentenceBytes) were cut into clauses");
    c.degraded.push_back(std::move(note));
  }

  // While this core pairs the paragraphs, the other makes the sentences' idf weights (from
  // the sentence bags alone), then the hashes of the inputs (members nothing else touches
  // until side_work is joined): none of which the pairing reads.
  // (the weights first: the sentences' pairing waits for them, the hashes wait for that)
  std::vector<float> sentence_weight;
  std::promise<void> weighed;
  std::future<void> weights_made = weighed.get_future();
  auto side_work = std::async(std::launch::async, [&] {
    try {
      if (!sentences_are_paragraphs)
        sentence_weight = idf(ao.sentences, an.sentences, vocab.size());
      weighed.set_value();
    } catch (...) {  // (out of memory: said where the weights are waited for)
      weighed.set_exception(std::current_exception());
      return;
    }
    // of the input as read (the reader knows it; HTML, PDF and decoded text are not it)
    for (side* sd : {&c.old_side, &c.new_side})
      sd->xxh3_128 = sd->doc->input_xxh3_128.empty() ? detail::xxh3_128_hex(sd->doc->bytes)
                                                     : sd->doc->input_xxh3_128;
  });

  // Paragraphs first.
  level_input& pa = ao.paragraphs;
  level_input& pb = an.paragraphs;
  // the aligner's notes say which level they are about
  auto noted = [&c](std::size_t from, std::string_view level) {
    for (std::size_t k = from; k < c.degraded.size(); ++k)
      c.degraded[k] = std::string(level) + ": " + c.degraded[k];
  };
  std::size_t notes = c.degraded.size();
  {
    // (the paragraphs' bags the reading left to their sentences made now, for those the
    // alignment compares)
    const std::vector<float> weight =
        sentences_are_paragraphs ? idf(pa, pb, vocab.size())
                                 : detail::complete_paragraph_bags(pa, ao.sentences, uo, pb,
                                                                   an.sentences, un, vocab.size());
    if (sentences_are_paragraphs)  // (then they are the sentences' too, aligned next)
      c.paragraphs = detail::align(pa, pb, weight, opts.limits, c.degraded);
    else  // (their bags freed before the groups are made)
      c.paragraphs = detail::align(std::move(pa), std::move(pb), weight, opts.limits, c.degraded);
  }
  noted(notes, "paragraphs");
  // (what the paragraphs' pairing freed goes back before the sentences' makes its own: the
  // end of the sentences' pairing is the peak of a 10 MB pair)
  detail::release_free_memory();
  // (the groups come in their final order, which the sentences' context numbers)
  assert(detail::in_report_order(c.paragraphs));
  // Then sentences, anywhere in the documents, with the paragraph pairing as context.
  level_input& sa = ao.sentences;
  level_input& sb = an.sentences;
  if (sentences_are_paragraphs) {  // their fingerprints and bags are the paragraphs'
    sa = std::move(pa);
    sb = std::move(pb);
  }
  weights_made.get();  // (then the side job reads no sentence level: the contexts are ours)
  if (sentences_are_paragraphs) sentence_weight = idf(sa, sb, vocab.size());
  std::vector<std::int32_t> para_group_old(uo.paragraphs.size(), -1);
  std::vector<std::int32_t> para_group_new(un.paragraphs.size(), -1);
  for (std::size_t k = 0; k < c.paragraphs.size(); ++k) {
    const group& g = c.paragraphs[k];
    if (g.old_units.empty() || g.new_units.empty()) continue;
    for (std::uint32_t i : g.old_units) para_group_old[i] = static_cast<std::int32_t>(k);
    for (std::uint32_t j : g.new_units) para_group_new[j] = static_cast<std::int32_t>(k);
  }
  for (const unit& s : uo.sentences) sa.context.push_back(para_group_old[s.parent]);
  for (const unit& s : un.sentences) sb.context.push_back(para_group_new[s.parent]);
  notes = c.degraded.size();
  c.sentences =
      detail::align(std::move(sa), std::move(sb), sentence_weight, opts.limits, c.degraded);
  noted(notes, "sentences");

  assert(detail::in_report_order(c.sentences));
  side_work.get();
  // What the alignments freed (small blocks, held by malloc) goes back before the word
  // edits and the commitments make theirs: at 50 MB, with the reading's halves joined
  // without a second copy, the phases from here on had become the peak (295 MiB; 247 with
  // this).
  detail::release_free_memory();

  // The word edits of paragraphs and sentences, and the dates, numbers and places of
  // changed sentences, on the other core, while this one does the commitments (which only
  // read the sentence groups' kinds and units; the edit work writes their edits and
  // changes), then on both.
  // (the paragraphs' edits follow the sentences' pairing: they come after it)
  const detail::commitment_input ci_old{*c.old_side.doc, uo, detail::lexicon_for(lang_old)};
  const detail::commitment_input ci_new{*c.new_side.doc, un, detail::lexicon_for(lang_new)};
  std::optional<detail::sentence_pairing> pairing;
  if (!sentences_are_paragraphs)
    pairing.emplace(uo.paragraphs, uo.sentences, un.paragraphs, un.sentences, c.paragraphs,
                    c.sentences);
  edit_work edits(c, uo, un, norm_old, ci_old, ci_new, 3, pairing ? &*pairing : nullptr);
  // Then the reworded commitments' word edits, a run at a time on both cores: the other
  // core, done with the units' edits, waits for the commitments to be paired (50MB: it
  // had been idle for 60 ms while this core paired them and made their edits alone).
  std::promise<void> paired;
  std::shared_future<void> commitments_paired = paired.get_future().share();
  std::atomic<std::size_t> next_commitment{0};
  auto commitment_edits = [&] {
    detail::take_runs(
        next_commitment, c.commitments.size(), 64, [&](std::size_t from, std::size_t to) {
          for (std::size_t k = from; k < to; ++k) {
            commitment& m = c.commitments[k];
            if (m.k != kind::reworded) continue;
            bool d = false;
            m.edits = detail::word_edits(c.old_side.doc->text(m.old_side->where),
                                         c.new_side.doc->text(m.new_side->where), norm_old, d);
          }
        });
  };
  auto unit_edits = std::async(std::launch::async, [&] {
    edits.work();
    commitments_paired.wait();
    commitment_edits();
  });
  // (told once, however this goes on: the other core waits for it, and on the way out
  // `unit_edits`, destroyed after this, waits for the other core; thrown before the
  // commitments are made, none are edited)
  struct telling {
    explicit telling(std::promise<void>& p) : paired(p) {}
    std::promise<void>& paired;
    bool told = false;
    void tell() {
      if (!told) paired.set_value();
      told = true;
    }
    telling(const telling&) = delete;
    telling& operator=(const telling&) = delete;
    ~telling() { tell(); }
  } commitments_told{paired};
  // The new side's commitments (copies of the old side's where a block is repeated) are
  // made only now: beside both levels' alignments they would add to the peak of memory.
  detail::take_new_mentions(read);
  c.commitments = detail::track_commitments(c.sentences, ci_old, ci_new, sentence_weight,
                                            std::move(ao.mentions), std::move(an.mentions));
  commitments_told.tell();
  edits.work();  // what the other core has not taken yet
  commitment_edits();
  unit_edits.get();
  edits.notes(c.degraded);

  c.old_side.paragraphs = std::move(uo.paragraphs);
  c.old_side.sentences = std::move(uo.sentences);
  c.new_side.paragraphs = std::move(un.paragraphs);
  c.new_side.sentences = std::move(un.sentences);
  return c;
}

}  // namespace accordiff
