// Stage benchmarks (Google Benchmark): the time of each stage of one comparison, in
// bytes of input per second, so that a change to one stage shows up in its own row.
//
//   accordiff_stages_bench [--pair DIR] [google benchmark flags…]
//   ACCORDIFF_BENCH_PAIR=DIR accordiff_stages_bench --benchmark_min_time=0.2
//
// DIR holds old.txt and new.txt (benchmarks/gen_pair.py writes such pairs). Without one,
// a pair of about ACCORDIFF_BENCH_BYTES bytes (default 1 MiB) is generated here,
// deterministically, with gen_pair.py's edit mix (5% of paragraphs reworded, 2% dropped,
// 2% added, 1% moved far), so the benchmark runs without Python.
//
// Every row counts the bytes of both inputs (old + new): bytes/s are comparable across
// rows, and the rows' times add up to about one comparison. The stages run as
// compare() runs them (engine/src/compare.cpp), but one after the other on one thread and
// with one vocabulary for both sides; BM_compare is the real thing, for reference.
//   read        read_bytes() of both texts (paragraph blocks)
//   normalize   detect_language() and tokenize() of every paragraph (ICU, Snowball)
//   segment     the sentence splitter alone (split_sentences per paragraph)
//   segment+normalize   detail::segment(): sentences, and tokens of every unit
//   document_pass  what compare() runs in each document's thread: read_document_units(),
//               units, fingerprints, bags of both levels (a paragraph's left to its
//               sentences where they hold all its tokens: compare() makes those it
//               aligns by complete_paragraph_bags(), in no row here) and commitments in
//               one pass with one paragraph's tokens at a time (the rows segment+normalize,
//               fingerprint, the bags of align_inputs and the finding part of
//               commitments, as compare() now does them), both documents on one core
//   read_pair   what compare() runs to read both documents: read_pair(), the blocks the
//               new document repeats taken from the old one's reading, the rest cut in
//               two halves read on two cores (wall time: the only row on both cores)
//   fingerprint fingerprint_units() of both sides
//   align_inputs  stem bags and idf weights of both levels (compare.cpp's level_of, idf)
//   align       align() of paragraphs, then of sentences with the paragraph context
//   classify    the word-level edits of changed groups (align() makes the groups in order)
//   commitments typed_changes() of changed sentences and track_commitments(); the two
//               apart in typed_changes and track_commitments
//   report_json / report_text   the public reporters, into a stream that only counts
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "accordiff/accordiff.hpp"
#include "align/align.hpp"
#include "align/document_pass.hpp"
#include "align/levels.hpp"
#include "classify/classify.hpp"
#include "commit/lexicon.hpp"
#include "commit/track.hpp"
#include "fingerprint/fingerprint.hpp"
#include "normalize/normalize.hpp"
#include "segment/segment.hpp"

namespace {

using namespace accordiff;

// --- the inputs --------------------------------------------------------------------------

/// A tiny deterministic generator (SplitMix64): the same bytes with every compiler and
/// standard library, unlike <random>'s distributions.
class splitmix {
 public:
  explicit splitmix(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t s_;
};

constexpr const char* kSubjects[] = {
    "La Secretaría de Economía", "El Consejo General",   "La Comisión Nacional del Agua",
    "El Gobierno Federal",       "La Junta de Gobierno", "El Comité Técnico de Evaluación",
    "Las autoridades",           "Los Estados Parte",    "Las entidades federativas",
    "El Banco de México",        "La Asamblea General",  "El Órgano Interno de Control"};
constexpr const char* kVerbs[] = {"aprobó",      "revisó",   "emitirá",   "publicará",
                                  "evaluará",    "autorizó", "ratificó",  "analizó",
                                  "supervisará", "presentó", "difundirá", "dio seguimiento a"};
constexpr const char* kObjects[] = {
    "el programa de trabajo",     "los lineamientos de operación", "el informe anual",
    "las reglas de operación",    "el presupuesto de egresos",     "el plan de acción",
    "los indicadores de gestión", "el calendario de sesiones",     "el acuerdo de cooperación",
    "las medidas de mitigación",  "el padrón de beneficiarios",    "los criterios de evaluación"};
constexpr const char* kTails[] = {"en coordinación con las dependencias competentes",
                                  "conforme a la normativa aplicable",
                                  "antes del cierre del ejercicio fiscal",
                                  "en el ámbito de sus atribuciones",
                                  "con la participación de la sociedad civil",
                                  "en los términos del presente acuerdo",
                                  "a más tardar el 15 de marzo de 2026",
                                  "en las 32 entidades federativas",
                                  "para el periodo 2025-2030",
                                  "de conformidad con el artículo 27"};
constexpr const char* kMonths[] = {"enero", "marzo", "junio", "septiembre", "noviembre"};

template <class T, std::size_t N>
const char* pick(splitmix& r, T (&a)[N]) {
  return a[r.below(N)];
}

std::string sentence(splitmix& r) {
  std::string s = pick(r, kSubjects);
  s.append(" ").append(pick(r, kVerbs)).append(" ").append(pick(r, kObjects));
  // A number and a date keep sentences unique, as in real documents.
  s.append(" número ").append(std::to_string(100 + r.below(90000)));
  for (std::size_t k = r.below(3); k > 0; --k) s.append(", ").append(pick(r, kTails));
  s.append(" el ").append(std::to_string(1 + r.below(28))).append(" de ");
  s.append(pick(r, kMonths)).append(" de ").append(std::to_string(2020 + r.below(8))).append(".");
  return s;
}

std::string paragraph(splitmix& r) {
  std::string p;
  for (std::size_t k = 2 + r.below(7); k > 0; --k) {
    if (!p.empty()) p.push_back(' ');
    p += sentence(r);
  }
  return p;
}

/// A few words of one sentence changed: a substitution and an insertion.
std::string reword(std::string p, splitmix& r) {
  const std::size_t at = p.find(' ', r.below(p.size()));
  if (at != std::string::npos) p.insert(at, " adicionalmente");
  const std::size_t of = p.find(" de ");
  if (of != std::string::npos) p.replace(of, 4, " para ");
  return p;
}

struct text_pair {
  std::string old_text, new_text, origin;
};

text_pair generated_pair(std::size_t target) {
  splitmix r(20240607);
  std::vector<std::string> old_paras;
  std::size_t size = 0;
  while (size < target) {
    old_paras.push_back(paragraph(r));
    size += old_paras.back().size() + 2;
  }
  // The edit mix of gen_pair.py, in percent of old paragraphs.
  std::vector<std::string> new_paras;
  std::vector<std::pair<std::size_t, std::string>> moved;  // (insert before old index, text)
  for (std::size_t i = 0; i < old_paras.size(); ++i) {
    for (auto it = moved.begin(); it != moved.end();)
      if (it->first == i) {
        new_paras.push_back(std::move(it->second));
        it = moved.erase(it);
      } else {
        ++it;
      }
    const std::size_t roll = r.below(100);
    if (roll < 5) {
      new_paras.push_back(reword(old_paras[i], r));
    } else if (roll < 7) {
      // dropped
    } else if (roll < 9) {
      new_paras.push_back(old_paras[i]);
      new_paras.push_back(paragraph(r));
    } else if (roll < 10) {
      moved.emplace_back((i + old_paras.size() / 4 + 1) % old_paras.size(), old_paras[i]);
    } else {
      new_paras.push_back(old_paras[i]);
    }
  }
  for (auto& m : moved) new_paras.push_back(std::move(m.second));  // wrapped past the end
  text_pair p;
  for (auto* side : {&old_paras, &new_paras}) {
    std::string& out = side == &old_paras ? p.old_text : p.new_text;
    for (const std::string& para : *side) out.append(para).append("\n\n");
  }
  p.origin = "built-in generator, " + std::to_string(target) + " bytes asked";
  return p;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "accordiff_stages_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

std::string g_pair_dir;  // --pair, or ACCORDIFF_BENCH_PAIR

const text_pair& inputs() {
  static const text_pair p = [] {
    if (!g_pair_dir.empty())
      return text_pair{slurp(g_pair_dir + "/old.txt"), slurp(g_pair_dir + "/new.txt"), g_pair_dir};
    std::size_t bytes = 1u << 20;
    if (const char* b = std::getenv("ACCORDIFF_BENCH_BYTES"); b && *b)
      bytes = std::strtoull(b, nullptr, 10);
    return generated_pair(std::max<std::size_t>(bytes, 1024));
  }();
  return p;
}

std::int64_t input_bytes() {
  return static_cast<std::int64_t>(inputs().old_text.size() + inputs().new_text.size());
}

document read_or_die(const std::string& bytes, const char* name) {
  auto d = read_bytes(bytes, name, {.fmt = format::text});
  if (!d) {
    std::fprintf(stderr, "accordiff_stages_bench: %s: %s\n", name, d.error().message.c_str());
    std::exit(2);
  }
  return std::move(*d);
}

// --- the pipeline, stage by stage (as in engine/src/compare.cpp) ---------------------------

// compare.cpp's stem bags, fingerprints and idf weights: engine/src/align/levels.hpp
using detail::idf;
using detail::joined;
using detail::level_of;
using detail::make_placeholders;
using detail::placeholders;

/// Everything one stage needs from the stages before it, computed once.
struct pipeline {
  compare_options opts;
  std::shared_ptr<const document> old_doc, new_doc;
  std::string lang;
  detail::vocabulary vocab;
  std::unique_ptr<detail::normalizer> norm_old, norm_new;
  detail::units uo, un;
  placeholders ph;
  detail::level_input pa, pb, sa, sb;
  std::vector<float> para_weight, sentence_weight;
  std::vector<group> paragraphs, sentences;
  std::vector<std::string> degraded;
  comparison full;  // compare() of the pair, for the reporters

  pipeline() {
    const text_pair& in = inputs();
    old_doc = std::make_shared<const document>(read_or_die(in.old_text, "old.txt"));
    new_doc = std::make_shared<const document>(read_or_die(in.new_text, "new.txt"));
    lang = detail::detect_language(*old_doc);
    if (lang == "und") lang = "es";
    opts.lang = lang;
    norm_old = std::make_unique<detail::normalizer>(opts, lang, vocab);
    norm_new = std::make_unique<detail::normalizer>(opts, lang, vocab);
    uo = detail::segment(*old_doc, lang, *norm_old);
    un = detail::segment(*new_doc, lang, *norm_new);
    detail::fingerprint_units(uo, vocab);
    detail::fingerprint_units(un, vocab);
    ph = make_placeholders(vocab, opts, {lang});
    pa = level_of(uo, uo.paragraphs, uo.paragraph_tokens, ph, vocab);
    pb = level_of(un, un.paragraphs, un.paragraph_tokens, ph, vocab);
    para_weight = idf(pa, pb, vocab.size());
    paragraphs = detail::align(pa, pb, para_weight, opts.limits, degraded);
    sa = level_of(uo, uo.sentences, uo.sentence_tokens, ph, vocab);
    sb = level_of(un, un.sentences, un.sentence_tokens, ph, vocab);
    add_context();
    sentence_weight = idf(sa, sb, vocab.size());
    sentences = detail::align(sa, sb, sentence_weight, opts.limits, degraded);
    auto c = compare(old_doc, new_doc, opts);
    if (!c) {
      std::fprintf(stderr, "accordiff_stages_bench: compare: %s\n", c.error().message.c_str());
      std::exit(2);
    }
    full = std::move(*c);
  }

  /// The paragraph group of each sentence's paragraph (compare.cpp's sentence context).
  void add_context() {
    std::vector<std::int32_t> go(uo.paragraphs.size(), -1), gn(un.paragraphs.size(), -1);
    for (std::size_t k = 0; k < paragraphs.size(); ++k) {
      const group& g = paragraphs[k];
      if (g.old_units.empty() || g.new_units.empty()) continue;
      for (std::uint32_t i : g.old_units) go[i] = static_cast<std::int32_t>(k);
      for (std::uint32_t j : g.new_units) gn[j] = static_cast<std::int32_t>(k);
    }
    sa.context.clear();
    sb.context.clear();
    for (const unit& s : uo.sentences) sa.context.push_back(go[s.parent]);
    for (const unit& s : un.sentences) sb.context.push_back(gn[s.parent]);
  }
};

pipeline& prepared() {
  static pipeline p;
  return p;
}

bool changed(const group& g) {
  return g.k == kind::reworded || g.k == kind::split || g.k == kind::merged;
}

void finish(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * input_bytes());
  state.counters["MB_in"] = static_cast<double>(input_bytes()) / 1e6;
}

// --- the benchmarks ----------------------------------------------------------------------

void BM_read(benchmark::State& state) {
  const text_pair& in = inputs();
  for (auto _ : state) {
    auto a = read_bytes(in.old_text, "old.txt", {.fmt = format::text});
    auto b = read_bytes(in.new_text, "new.txt", {.fmt = format::text});
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
  }
  finish(state);
}

void BM_normalize(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    detail::vocabulary vocab;
    detail::normalizer norm(p.opts, detail::detect_language(*p.old_doc), vocab);
    std::vector<detail::token> tokens;
    std::vector<std::uint32_t> spellings;
    for (const document* d : {p.old_doc.get(), p.new_doc.get()}) {
      for (const block& b : d->blocks)
        norm.tokenize(d->bytes, b.where, b.markup, tokens, spellings);
      benchmark::DoNotOptimize(tokens.data());
      tokens.clear();
      spellings.clear();
    }
  }
  finish(state);
}

void BM_segment(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    std::size_t n = 0;
    for (const document* d : {p.old_doc.get(), p.new_doc.get()})
      for (const block& b : d->blocks)
        n += detail::split_sentences(d->bytes, b.where, p.lang).size();
    benchmark::DoNotOptimize(n);
  }
  finish(state);
}

void BM_segment_and_normalize(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    detail::vocabulary vocab;
    detail::normalizer norm(p.opts, p.lang, vocab);
    detail::units a = detail::segment(*p.old_doc, p.lang, norm);
    detail::units b = detail::segment(*p.new_doc, p.lang, norm);
    benchmark::DoNotOptimize(a.tokens.data());
    benchmark::DoNotOptimize(b.tokens.data());
  }
  finish(state);
}

void BM_document_pass(benchmark::State& state) {
  pipeline& p = prepared();
  const std::vector<std::string> months = detail::month_keys(p.opts, {p.lang});
  for (auto _ : state) {
    for (const document* d : {p.old_doc.get(), p.new_doc.get()}) {
      detail::vocabulary vocab;
      detail::normalizer norm(p.opts, p.lang, vocab);
      detail::document_pass pass = detail::read_document_units(*d, p.lang, norm, vocab, months);
      benchmark::DoNotOptimize(pass.mentions.size());
    }
  }
  finish(state);
}

void BM_read_pair(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    detail::vocabulary vocab;
    detail::normalizer norm(p.opts, p.lang, vocab);
    detail::pair_pass both =
        detail::read_pair(*p.old_doc, *p.new_doc, p.lang, p.lang, norm, vocab, p.opts);
    benchmark::DoNotOptimize(both.new_side.mentions.size());
  }
  finish(state);
}

void BM_fingerprint(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    detail::fingerprint_units(p.uo, p.vocab);
    detail::fingerprint_units(p.un, p.vocab);
    benchmark::ClobberMemory();
  }
  finish(state);
}

void BM_align_inputs(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    auto pa = level_of(p.uo, p.uo.paragraphs, p.uo.paragraph_tokens, p.ph, p.vocab);
    auto pb = level_of(p.un, p.un.paragraphs, p.un.paragraph_tokens, p.ph, p.vocab);
    auto sa = level_of(p.uo, p.uo.sentences, p.uo.sentence_tokens, p.ph, p.vocab);
    auto sb = level_of(p.un, p.un.sentences, p.un.sentence_tokens, p.ph, p.vocab);
    auto w1 = idf(pa, pb, p.vocab.size());
    auto w2 = idf(sa, sb, p.vocab.size());
    benchmark::DoNotOptimize(w1.data());
    benchmark::DoNotOptimize(w2.data());
  }
  finish(state);
}

void BM_align(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    std::vector<std::string> degraded;
    auto paragraphs = detail::align(p.pa, p.pb, p.para_weight, p.opts.limits, degraded);
    auto sentences = detail::align(p.sa, p.sb, p.sentence_weight, p.opts.limits, degraded);
    benchmark::DoNotOptimize(paragraphs.data());
    benchmark::DoNotOptimize(sentences.data());
  }
  finish(state);
}

void BM_align_paragraphs(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    std::vector<std::string> degraded;
    auto groups = detail::align(p.pa, p.pb, p.para_weight, p.opts.limits, degraded);
    benchmark::DoNotOptimize(groups.data());
  }
  finish(state);
}

void BM_align_sentences(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    std::vector<std::string> degraded;
    auto groups = detail::align(p.sa, p.sb, p.sentence_weight, p.opts.limits, degraded);
    benchmark::DoNotOptimize(groups.data());
  }
  finish(state);
}

void BM_classify(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    std::vector<group> paragraphs = p.paragraphs, sentences = p.sentences;
    // (the paragraphs' edits follow the sentences' pairing, as compare() makes them)
    const detail::sentence_pairing pairing(p.uo.paragraphs, p.uo.sentences, p.un.paragraphs,
                                           p.un.sentences, paragraphs, sentences);
    std::size_t edits = 0;
    for (auto [groups, ou, nu] : {std::tuple{&paragraphs, &p.uo.paragraphs, &p.un.paragraphs},
                                  std::tuple{&sentences, &p.uo.sentences, &p.un.sentences}})
      for (group& g : *groups) {
        if (!changed(g)) continue;
        bool d = false;
        const std::string a = joined(*p.old_doc, *ou, g.old_units);
        const std::string b = joined(*p.new_doc, *nu, g.new_units);
        g.edits = groups == &paragraphs
                      ? detail::stretch_edits(a, b, pairing.stretches(g), *p.norm_old, d)
                      : detail::word_edits(a, b, *p.norm_old, d);
        edits += g.edits.size();
      }
    benchmark::DoNotOptimize(edits);
  }
  finish(state);
}

void BM_commitments(benchmark::State& state) {
  pipeline& p = prepared();
  const detail::commitment_input ci_old{*p.old_doc, p.uo, detail::lexicon_for(p.lang)};
  const detail::commitment_input ci_new{*p.new_doc, p.un, detail::lexicon_for(p.lang)};
  for (auto _ : state) {
    std::size_t typed = 0;
    for (const group& g : p.sentences) {
      if (!changed(g)) continue;
      std::vector<span> so, sn;
      for (auto i : g.old_units) so.push_back(p.uo.sentences[i].where);
      for (auto j : g.new_units) sn.push_back(p.un.sentences[j].where);
      typed += detail::typed_changes(ci_old, so, ci_new, sn).size();
    }
    auto commitments =
        detail::track_commitments(p.sentences, ci_old, ci_new, p.sentence_weight, p.vocab);
    benchmark::DoNotOptimize(typed);
    benchmark::DoNotOptimize(commitments.data());
  }
  finish(state);
}

void BM_typed_changes(benchmark::State& state) {
  pipeline& p = prepared();
  const detail::commitment_input ci_old{*p.old_doc, p.uo, detail::lexicon_for(p.lang)};
  const detail::commitment_input ci_new{*p.new_doc, p.un, detail::lexicon_for(p.lang)};
  for (auto _ : state) {
    std::size_t typed = 0;
    for (const group& g : p.sentences) {
      if (!changed(g)) continue;
      std::vector<span> so, sn;
      for (auto i : g.old_units) so.push_back(p.uo.sentences[i].where);
      for (auto j : g.new_units) sn.push_back(p.un.sentences[j].where);
      typed += detail::typed_changes(ci_old, so, ci_new, sn).size();
    }
    benchmark::DoNotOptimize(typed);
  }
  finish(state);
}

void BM_track_commitments(benchmark::State& state) {
  pipeline& p = prepared();
  const detail::commitment_input ci_old{*p.old_doc, p.uo, detail::lexicon_for(p.lang)};
  const detail::commitment_input ci_new{*p.new_doc, p.un, detail::lexicon_for(p.lang)};
  std::size_t found = 0;
  for (auto _ : state) {
    auto commitments =
        detail::track_commitments(p.sentences, ci_old, ci_new, p.sentence_weight, p.vocab);
    found = commitments.size();
    benchmark::DoNotOptimize(commitments.data());
  }
  finish(state);
  state.counters["commitments"] = static_cast<double>(found);
}

/// A stream that counts the bytes written and keeps none: the reporters' own cost, as when
/// they write to a file, without the reallocations of a 100 MB std::string.
class counting_buf : public std::streambuf {
 public:
  std::size_t count() const { return count_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++count_;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count_ += static_cast<std::size_t>(n);
    return n;
  }

 private:
  std::size_t count_ = 0;
};

void BM_report_json(benchmark::State& state) {
  pipeline& p = prepared();
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    counting_buf buf;
    std::ostream out(&buf);
    write_json(out, p.full);
    out_bytes = buf.count();
    benchmark::DoNotOptimize(out_bytes);
  }
  finish(state);
  state.counters["MB_out"] = static_cast<double>(out_bytes) / 1e6;
}

void BM_report_text(benchmark::State& state) {
  pipeline& p = prepared();
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    counting_buf buf;
    std::ostream out(&buf);
    write_text(out, p.full);
    out_bytes = buf.count();
    benchmark::DoNotOptimize(out_bytes);
  }
  finish(state);
  state.counters["MB_out"] = static_cast<double>(out_bytes) / 1e6;
}

/// The whole of compare() (both sides segmented at once, as the CLI runs it), without
/// reading or reporting: the sum the rows above should roughly add up to.
void BM_compare(benchmark::State& state) {
  pipeline& p = prepared();
  for (auto _ : state) {
    auto c = compare(p.old_doc, p.new_doc, p.opts);
    benchmark::DoNotOptimize(c);
  }
  finish(state);
}

// Seconds per iteration at 10-50 MB: milliseconds read better than Google's default ns.
BENCHMARK(BM_read)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_segment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_segment_and_normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_document_pass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_read_pair)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_fingerprint)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_align_inputs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_align)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_align_paragraphs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_align_sentences)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_classify)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_commitments)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_typed_changes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_track_commitments)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_report_json)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_report_text)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_compare)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first: Google Benchmark rejects flags it does not know.
  if (const char* env = std::getenv("ACCORDIFF_BENCH_PAIR"); env && *env) g_pair_dir = env;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--pair" && i + 1 < argc) {
      g_pair_dir = argv[++i];
    } else if (a.starts_with("--pair=")) {
      g_pair_dir = std::string(a.substr(7));
    } else if (a == "-h" || a == "--help") {
      std::printf(
          "accordiff_stages_bench [--pair DIR] [--benchmark_filter=REGEX] "
          "[--benchmark_min_time=SECONDS] [--benchmark_format=json] …\n"
          "  The time of each stage of one comparison of DIR/old.txt and DIR/new.txt\n"
          "  (benchmarks/gen_pair.py makes them; default: a built-in 1 MiB pair, or\n"
          "  ACCORDIFF_BENCH_BYTES bytes). Bytes/s count both inputs. What each row\n"
          "  measures: the header comment of benchmarks/stages.cpp. Google Benchmark's\n"
          "  flags also work: --benchmark_list_tests, --benchmark_repetitions=N,\n"
          "  --benchmark_out=FILE --benchmark_out_format=json.\n");
      return 0;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  const text_pair& in = inputs();
  benchmark::AddCustomContext("pair", in.origin);
  benchmark::AddCustomContext("old_bytes", std::to_string(in.old_text.size()));
  benchmark::AddCustomContext("new_bytes", std::to_string(in.new_text.size()));
  prepared();  // the stages before each stage, before any timing
  benchmark::AddCustomContext("language", prepared().lang);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
