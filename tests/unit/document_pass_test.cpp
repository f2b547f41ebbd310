// The one-pass reading of a document that compare() uses (tokens of one paragraph alive at
// a time) must give what the stages give on a document whose tokens are all kept: the same
// units and fingerprints, the same bags once the placeholders are settled, the same
// commitments.
#include "align/document_pass.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "accordiff/read.hpp"
#include "commit/lexicon.hpp"
#include "fingerprint/fingerprint.hpp"
#include "support.hpp"

namespace accordiff::detail {
namespace {

std::vector<std::uint32_t> as_vector(std::span<const std::uint32_t> bag) {
  return {bag.begin(), bag.end()};
}

std::vector<std::vector<std::uint32_t>> as_vectors(const bag_list& bags) {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::size_t i = 0; i < bags.size(); ++i) out.emplace_back(bags[i].begin(), bags[i].end());
  return out;
}

// `doc` read as compare() reads it past kMaxSentences: each paragraph one sentence.
document_pass read_as_paragraphs(const document& doc, const std::string& lang) {
  const compare_options opts;
  vocabulary v;
  normalizer n(opts, lang, v);
  return read_document_units(doc, lang, n, v, month_keys(opts, {lang}),
                             {.sentences_are_paragraphs = true});
}

// returns how many commitments the document holds
std::size_t expect_same_as_kept_tokens(const document& doc, const std::string& lang) {
  const compare_options opts;
  const std::vector<std::string> months = month_keys(opts, {lang});

  vocabulary v;
  normalizer n(opts, lang, v);
  document_pass pass = read_document_units(doc, lang, n, v, months);
  const placeholders ph = make_placeholders(v, opts, {lang});
  settle_bags(pass.paragraphs, nullptr, ph);
  settle_bags(pass.sentences, nullptr, ph);

  vocabulary kv;
  normalizer kn(opts, lang, kv);
  units kept = segment(doc, lang, kn);
  fingerprint_units(kept, kv);
  const mention_list found = find_mentions({doc, kept, lexicon_for(lang)}, kv);
  const placeholders kph = make_placeholders(kv, opts, {lang});
  const level_input kp = level_of(kept, kept.paragraphs, kept.paragraph_tokens, kph, kv);
  const level_input ks = level_of(kept, kept.sentences, kept.sentence_tokens, kph, kv);

  EXPECT_EQ(v.size(), kv.size());
  EXPECT_EQ(pass.u.paragraphs, kept.paragraphs);
  EXPECT_EQ(pass.u.sentences, kept.sentences);
  EXPECT_EQ(pass.u.long_sentences, kept.long_sentences);
  EXPECT_TRUE(pass.u.tokens.empty());
  EXPECT_EQ(pass.paragraphs.fingerprints, kp.fingerprints);
  EXPECT_EQ(pass.sentences.fingerprints, ks.fingerprints);
  EXPECT_EQ(as_vectors(full_paragraph_bags(pass.paragraphs, pass.sentences, pass.u)),
            as_vectors(kp.bags));
  EXPECT_EQ(as_vectors(pass.sentences.bags), as_vectors(ks.bags));
  EXPECT_EQ(pass.mentions.size(), found.size());
  for (std::size_t i = 0; i < std::min(found.size(), pass.mentions.size()); ++i) {
    EXPECT_EQ(pass.mentions.side(i), found.side(i)) << i;
    EXPECT_EQ(as_vector(pass.mentions.bag(i)), as_vector(found.bag(i))) << i;
    EXPECT_EQ(pass.mentions[i].fingerprint, found[i].fingerprint) << i;
  }
  return found.size();
}

TEST(document_pass, equals_the_stages_on_kept_tokens) {
  // commitments (one a lead-in list), numbers and months (placeholders), markup, a
  // sentence past kMaxSentenceBytes, a paragraph of markup only
  std::string text =
      "# Reunión del 11 de diciembre\n\n"
      "Ambos gobiernos se comprometen a intensificar y acelerar la cooperación. "
      "Las delegaciones revisaron 350 casos en marzo.\n\n"
      "Los dos países acordaron:\n\n"
      "- reforzar la vigilancia de drones;\n\n"
      "- combatir el robo de combustible.\n\n"
      "---\n\n"
      "La próxima reunión se celebrará en McAllen, Texas, el 4 de abril de 2027.\n\n";
  for (int i = 0; i < 400; ++i) text += "cláusula " + std::to_string(i) + ", ";
  text += "fin.\n";
  auto doc = read_bytes(text, "a.md");
  ASSERT_TRUE(doc);
  // the commitment with two verbs, the two items of the list, the meeting
  EXPECT_GE(expect_same_as_kept_tokens(*doc, "es"), 4U);
  vocabulary v;
  normalizer n({}, "es", v);
  EXPECT_GT(segment(*doc, "es", n).long_sentences, 0U);  // the case is in the text
}

// Read with the paragraphs as sentences (past kMaxSentences), a unit is not cut at
// kMaxSentenceBytes and a word may be longer than the commitment finder keeps of a spelling
// (65,535 bytes): such a word is read each time it comes, and the commitments are what
// reading each paragraph's bytes alone finds.
TEST(document_pass, a_word_too_long_to_keep_is_read_each_time) {
  const std::string huge(70000, 'x');
  // 65,539 bytes: its length cut to 16 bits would be 3, its lower case "que", and the
  // actors would start after it
  const std::string que = "que" + std::string(65536, 'x');
  std::string text;
  for (int k = 0; k < 3; ++k)
    text += "Las partes acordaron reforzar " + huge + " y el plan.\n\nEl Consejo " + huge +
            " supervisará la obra.\n\nLas partes " + que + " acordaron revisar el anexo.\n\n";
  auto doc = read_bytes(text, "a.txt");
  ASSERT_TRUE(doc);
  const document_pass pass = read_as_paragraphs(*doc, "es");
  std::vector<commitment_side> alone;
  for (std::uint32_t p = 0; p < pass.u.paragraphs.size(); ++p)
    for (commitment_side& c :
         find_commitments(doc->bytes, pass.u.paragraphs[p].where, p, lexicon_for("es")))
      alone.push_back(std::move(c));
  ASSERT_EQ(pass.mentions.size(), alone.size());
  EXPECT_EQ(alone.size(), 9U);
  for (std::size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(pass.mentions.side(i).where, alone[i].where) << i;
    EXPECT_EQ(pass.mentions.side(i).actors, alone[i].actors) << i;
    EXPECT_EQ(pass.mentions.side(i).object, alone[i].object) << i;
    EXPECT_EQ(pass.mentions.side(i).action, alone[i].action) << i;
  }
  // the actors of the third kind of paragraph are its first words, the long one included
  ASSERT_GE(alone.size(), 3U);
  EXPECT_EQ(doc->text(alone[2].actors), "Las partes " + que);
}

TEST(document_pass, equals_the_stages_on_the_fixtures) {
  for (const char* lang : {"es", "en"})
    for (const char* side : {"old.txt", "new.txt"}) {
      SCOPED_TRACE(std::string(lang) + "/" + side);
      auto doc = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/" + lang + "/" + side);
      ASSERT_TRUE(doc);
      EXPECT_GT(expect_same_as_kept_tokens(*doc, lang), 5U);
    }
}

// The new side of compare(): read with a vocabulary of its own, then moved into one that
// already holds other words (the old side's), bags sorted again.
TEST(document_pass, remapped_into_a_shared_vocabulary_equals_the_stages_there) {
  auto doc = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/es/new.txt");
  ASSERT_TRUE(doc);
  const compare_options opts;
  const std::vector<std::string> months = month_keys(opts, {"es"});
  const std::vector<std::string> before = {"zeta", "sin", "la", "2025", "enero", "de"};

  vocabulary own;
  normalizer n(opts, "es", own);
  document_pass pass = read_document_units(*doc, "es", n, own, months);
  vocabulary shared;
  for (const std::string& w : before) shared.intern(w);
  std::vector<std::uint32_t> remap(own.size());
  for (std::uint32_t id = 0; id < remap.size(); ++id) remap[id] = shared.intern(own.text(id));
  pass.mentions.remap(remap);
  const placeholders ph = make_placeholders(shared, opts, {"es"});
  settle_bags(pass.paragraphs, &remap, ph);
  settle_bags(pass.sentences, &remap, ph);

  vocabulary kv;
  for (const std::string& w : before) kv.intern(w);
  normalizer kn(opts, "es", kv);
  units kept = segment(*doc, "es", kn);
  const mention_list found = find_mentions({*doc, kept, lexicon_for("es")}, kv);
  const placeholders kph = make_placeholders(kv, opts, {"es"});
  ASSERT_EQ(ph.number, kph.number);
  EXPECT_EQ(as_vectors(full_paragraph_bags(pass.paragraphs, pass.sentences, pass.u)),
            as_vectors(level_of(kept, kept.paragraphs, kept.paragraph_tokens, kph, kv).bags));
  EXPECT_EQ(as_vectors(pass.sentences.bags),
            as_vectors(level_of(kept, kept.sentences, kept.sentence_tokens, kph, kv).bags));
  ASSERT_EQ(pass.mentions.size(), found.size());
  for (std::size_t i = 0; i < found.size(); ++i)
    EXPECT_EQ(as_vector(pass.mentions.bag(i)), as_vector(found.bag(i))) << i;
}

// Past kMaxSentences compare() reads both documents again with each paragraph as one
// sentence: that must equal the stages' sentences_as_paragraphs().
TEST(document_pass, paragraphs_as_sentences_equal_the_stages_on_the_fixture) {
  auto doc = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/en/old.txt");
  ASSERT_TRUE(doc);
  const compare_options opts;
  const document_pass pass = read_as_paragraphs(*doc, "en");
  vocabulary kv;
  normalizer kn(opts, "en", kv);
  units kept = segment(*doc, "en", kn);
  fingerprint_units(kept, kv);
  sentences_as_paragraphs(kept);
  const mention_list found = find_mentions({*doc, kept, lexicon_for("en")}, kv);
  EXPECT_EQ(pass.u.sentences, kept.sentences);
  EXPECT_GT(found.size(), 5U);
  ASSERT_EQ(pass.mentions.size(), found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(pass.mentions.side(i), found.side(i)) << i;
    EXPECT_EQ(pass.mentions[i].fingerprint, found[i].fingerprint) << i;
  }
}

TEST(document_pass, paragraphs_as_sentences_leave_the_sentence_level_to_the_paragraphs) {
  auto doc =
      read_bytes("Uno. Dos.\n\nLos países acordaron reforzar la vigilancia. Tres.\n", "a.txt");
  ASSERT_TRUE(doc);
  vocabulary v;
  normalizer n({}, "es", v);
  const document_pass pass =
      read_document_units(*doc, "es", n, v, {}, {.sentences_are_paragraphs = true});
  ASSERT_EQ(pass.u.sentences.size(), 2U);
  EXPECT_EQ(pass.u.sentences[1].where, pass.u.paragraphs[1].where);
  EXPECT_EQ(pass.u.sentences[1].fingerprint, pass.u.paragraphs[1].fingerprint);
  EXPECT_EQ(pass.sentences.bags.size(), 0U);
  EXPECT_EQ(pass.paragraphs.bags.size(), 2U);
  ASSERT_EQ(pass.mentions.size(), 1U);  // the commitment, found in the paragraph-sentence
  EXPECT_EQ(pass.mentions[0].sentence, 1U);
}

// compare() reads both documents at once (read_pair): the blocks the new one repeats are
// not read again, and the old one is cut in two parts read on two cores. That must give
// what reading each document on its own gives, with the new side's ids moved into the old
// side's vocabulary: the same ids for the same words, units, bags and commitments.
void expect_same_pass(const document_pass& x, const document_pass& y) {
  EXPECT_EQ(x.u.language, y.u.language);
  EXPECT_EQ(x.u.paragraphs, y.u.paragraphs);
  EXPECT_EQ(x.u.sentences, y.u.sentences);
  EXPECT_EQ(x.u.long_sentences, y.u.long_sentences);
  EXPECT_EQ(x.paragraphs.fingerprints, y.paragraphs.fingerprints);
  EXPECT_EQ(x.sentences.fingerprints, y.sentences.fingerprints);
  EXPECT_EQ(as_vectors(x.paragraphs.bags), as_vectors(y.paragraphs.bags));
  EXPECT_EQ(as_vectors(full_paragraph_bags(x.paragraphs, x.sentences, x.u)),
            as_vectors(full_paragraph_bags(y.paragraphs, y.sentences, y.u)));
  EXPECT_EQ(as_vectors(x.sentences.bags), as_vectors(y.sentences.bags));
  ASSERT_EQ(x.mentions.size(), y.mentions.size());
  for (std::size_t i = 0; i < x.mentions.size(); ++i) {
    EXPECT_EQ(x.mentions.side(i), y.mentions.side(i)) << i;
    EXPECT_EQ(as_vector(x.mentions.bag(i)), as_vector(y.mentions.bag(i))) << i;
    EXPECT_EQ(x.mentions[i].fingerprint, y.mentions[i].fingerprint) << i;
  }
}

void expect_pair_as_each_alone(const document& a, const document& b, const std::string& la,
                               const std::string& lb, segment_options so = {}) {
  const compare_options opts;
  const std::vector<std::string> months = month_keys(opts, {la, lb});
  vocabulary v, vn;
  normalizer na(opts, la, v), nn(opts, lb, vn);
  document_pass o = read_document_units(a, la, na, v, months, so);
  document_pass n = read_document_units(b, lb, nn, vn, months, so);
  std::vector<std::uint32_t> remap(vn.size());
  for (std::uint32_t id = 0; id < remap.size(); ++id) remap[id] = v.intern(vn.text(id));
  n.mentions.remap(remap);
  const placeholders ph = make_placeholders(v, opts, {la, lb});
  settle_bags(o.paragraphs, nullptr, ph);
  settle_bags(o.sentences, nullptr, ph);
  settle_bags(n.paragraphs, &remap, ph);
  settle_bags(n.sentences, &remap, ph);

  vocabulary pv;
  normalizer pn(opts, la, pv);
  const pair_pass both = read_pair(a, b, la, lb, pn, pv, opts, so);
  ASSERT_EQ(pv.size(), v.size());
  std::size_t other_ids = 0;
  for (std::uint32_t id = 0; id < v.size(); ++id) other_ids += pv.text(id) != v.text(id);
  EXPECT_EQ(other_ids, 0U);
  EXPECT_EQ(both.ph.number, ph.number);
  EXPECT_EQ(both.ph.date, ph.date);
  {
    SCOPED_TRACE("old");
    expect_same_pass(both.old_side, o);
  }
  {
    SCOPED_TRACE("new");
    expect_same_pass(both.new_side, n);
  }
  // the new side's commitments made later (compare() does it after both alignments)
  vocabulary dv;
  normalizer dn(opts, la, dv);
  pair_pass later = read_pair(a, b, la, lb, dn, dv, opts, so, true);
  take_new_mentions(later);
  {
    SCOPED_TRACE("new, commitments made later");
    expect_same_pass(later.new_side, n);
  }
}

std::string filler(int k) {
  return "El comité " + std::to_string(k) + " examinó el informe de la sesión " +
         std::to_string(k * 7) + " en marzo. Las partes acordaron revisar el anexo " +
         std::to_string(k) + ".\n\n";
}

TEST(read_pair, equals_each_document_read_on_its_own) {
  // old: a lead-in with its list where the old document is cut in two, repeats
  std::string old_text = "# Acta\n\n";
  for (int k = 0; k < 6; ++k) old_text += filler(k);
  old_text += "Los dos gobiernos se comprometen a:\n\n";
  for (int k = 0; k < 30; ++k)
    old_text += "- reforzar la vigilancia del tramo " + std::to_string(k) + ";\n\n";
  for (int k = 6; k < 12; ++k) old_text += filler(k);
  old_text += filler(3) + "Cifras de *2026*: 350 agentes.\n\n";
  // new: blocks moved, dropped, repeated and added; a list item after another lead-in;
  // a repeated block before a list item; the markup block copied
  std::string new_text = "# Acta\n\n" + filler(9) + filler(0) + filler(1) +
                         "Ambos países acordaron:\n\n- reforzar la vigilancia del tramo 2;\n\n" +
                         filler(4) + "- combatir el robo de combustible.\n\n" + filler(2);
  new_text += "Los dos gobiernos se comprometen a:\n\n";
  for (int k = 0; k < 8; k += 2)
    new_text += "- reforzar la vigilancia del tramo " + std::to_string(k) + ";\n\n";
  for (int k = 5; k < 9; ++k) new_text += filler(k);
  new_text += "Una frase nueva con palabras inéditas: dron, huachicol, zarzamora.\n\n" + filler(5) +
              filler(11) + "Cifras de *2026*: 350 agentes.\n\n";
  auto a = read_bytes(old_text, "old.md");
  auto b = read_bytes(new_text, "new.md");
  ASSERT_TRUE(a && b);
  expect_pair_as_each_alone(*a, *b, "es", "es");
  expect_pair_as_each_alone(*b, *a, "es", "es");
  expect_pair_as_each_alone(*a, *a, "es", "es");
  expect_pair_as_each_alone(*a, *b, "es", "es", {.sentences_are_paragraphs = true});
  // the same blocks read in two languages (stems, sentence breaks, commitments differ)
  expect_pair_as_each_alone(*a, *a, "es", "en");
  expect_pair_as_each_alone(*b, *a, "en", "es");
}

TEST(read_pair, equals_each_document_read_on_its_own_on_the_fixtures) {
  for (const char* lang : {"es", "en"}) {
    SCOPED_TRACE(lang);
    auto a = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/" + lang + "/old.txt");
    auto b = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/" + lang + "/new.txt");
    ASSERT_TRUE(a && b);
    expect_pair_as_each_alone(*a, *b, lang, lang);
    expect_pair_as_each_alone(*b, *a, lang, lang);
  }
  // two languages: each side read with its own
  auto es = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/es/new.txt");
  auto en = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/en/new.txt");
  ASSERT_TRUE(es && en);
  expect_pair_as_each_alone(*es, *en, "es", "en");
}

// compare() hands each level over to align() (level_input&&), which frees the bags once
// the pairs are made, before the groups take their room: the groups are the same as when
// align() only reads the levels, and what was handed over is left empty.
TEST(align, a_level_handed_over_is_aligned_the_same_and_left_empty) {
  auto a = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/es/old.txt");
  auto b = read_file(std::string(ACCORDIFF_FIXTURES) + "/gis/es/new.txt");
  ASSERT_TRUE(a && b);
  const compare_options opts;
  vocabulary kv, hv;
  normalizer kn(opts, "es", kv), hn(opts, "es", hv);
  pair_pass kept = read_pair(*a, *b, "es", "es", kn, kv, opts);
  pair_pass handed = read_pair(*a, *b, "es", "es", hn, hv, opts);
  for (const bool sentences : {false, true}) {
    SCOPED_TRACE(sentences ? "sentences" : "paragraphs");
    level_input& ko = sentences ? kept.old_side.sentences : kept.old_side.paragraphs;
    level_input& kn_ = sentences ? kept.new_side.sentences : kept.new_side.paragraphs;
    level_input& ho = sentences ? handed.old_side.sentences : handed.old_side.paragraphs;
    level_input& hn_ = sentences ? handed.new_side.sentences : handed.new_side.paragraphs;
    ASSERT_GT(ko.fingerprints.size(), 3U);
    // (the paragraphs' bags made as compare() makes them)
    const std::vector<float> weight =
        sentences ? idf(ko, kn_, kv.size())
                  : complete_paragraph_bags(ko, kept.old_side.sentences, kept.old_side.u, kn_,
                                            kept.new_side.sentences, kept.new_side.u, kv.size());
    if (!sentences)
      (void)complete_paragraph_bags(ho, handed.old_side.sentences, handed.old_side.u, hn_,
                                    handed.new_side.sentences, handed.new_side.u, hv.size());
    std::vector<std::string> kd, hd;
    const std::vector<group> want = align(ko, kn_, weight, opts.limits, kd);
    const std::vector<group> got = align(std::move(ho), std::move(hn_), weight, opts.limits, hd);
    EXPECT_EQ(got, want);
    EXPECT_EQ(hd, kd);
    EXPECT_GT(std::count_if(want.begin(), want.end(),
                            [](const group& g) { return g.k != kind::unchanged; }),
              0);
    // the new side's sentence bags of repeated blocks are in the old side's list
    // (bag_list::refer): the one handed over is emptied with the list it refers to
    std::size_t in_bags = 0;
    for (std::size_t i = 0; i < kn_.bags.size(); ++i) in_bags += kn_.bags[i].size();
    if (sentences) {
      EXPECT_GT(in_bags, kn_.bags.ids().size());
    }
    for (const level_input* l : {&ho, &hn_}) {
      EXPECT_TRUE(l->fingerprints.empty());
      EXPECT_EQ(l->bags.size(), 0U);
      EXPECT_TRUE(l->bags.ids().empty());
    }
  }
}

TEST(read_pair, reads_empty_documents) {
  auto empty = read_bytes("", "a.txt", {.allow_empty = true});
  auto one = read_bytes("Los países acordaron reforzar la vigilancia.\n", "b.txt");
  ASSERT_TRUE(empty && one);
  expect_pair_as_each_alone(*empty, *one, "es", "es");
  expect_pair_as_each_alone(*one, *empty, "es", "es");
  expect_pair_as_each_alone(*empty, *empty, "es", "es");
}

// Two texts read as compare() reads them (read_pair(), Spanish, default options).
struct read_in_spanish {
  read_in_spanish(const std::string& old_text, const std::string& new_text)
      : old_doc(read_bytes(old_text, "old.txt")), new_doc(read_bytes(new_text, "new.txt")) {
    ok = old_doc && new_doc;
    if (ok) both = read_pair(*old_doc, *new_doc, "es", "es", n, v, opts);
  }
  result<document> old_doc, new_doc;
  bool ok = false;
  compare_options opts;
  vocabulary v;
  normalizer n{opts, "es", v};
  pair_pass both;
};

// The reading leaves a paragraph's bag to its sentences when they hold all its tokens;
// compare() makes the bags in full, before the paragraphs are aligned, of those whose
// fingerprint the two sides hold a different number of times (the others are paired
// exactly, and align() reads no bag of theirs), with the idf weights of the full bags.
TEST(complete_paragraph_bags, makes_the_bags_align_reads_and_the_weights_of_all) {
  const std::string a_ =
      "Los ministros acordaron reforzar la vigilancia. Se reunirán en marzo.\n\n";
  const std::string b_ = "El grupo revisó las cifras de 2025. Nada cambió en la frontera.\n\n";
  const std::string c_ = "Ambos gobiernos evaluarán un centro conjunto en Monterrey.\n\n";
  const std::string d_ = "Ambos gobiernos instalarán un centro conjunto en Monterrey en 2026.\n\n";
  const std::string tail = "Una línea sin punto final";
  read_in_spanish r(a_ + b_ + b_ + c_ + tail + "\n", a_ + b_ + d_ + tail + " y más\n");
  ASSERT_TRUE(r.ok);
  vocabulary& v = r.v;
  document_pass& o = r.both.old_side;
  document_pass& w = r.both.new_side;
  const bag_list full_o = full_paragraph_bags(o.paragraphs, o.sentences, o.u);
  const bag_list full_w = full_paragraph_bags(w.paragraphs, w.sentences, w.u);
  ASSERT_EQ(full_o.size(), 5U);
  ASSERT_EQ(full_w.size(), 4U);
  EXPECT_TRUE(o.paragraphs.bags[0].empty());  // (left to its sentences by the reading)
  // the new side's paragraphs the reading took from the old document refer to its list
  EXPECT_TRUE(w.paragraphs.bags.elsewhere(0));
  EXPECT_TRUE(w.paragraphs.bags.elsewhere(1));
  EXPECT_FALSE(w.paragraphs.bags.elsewhere(2));
  level_input whole_o, whole_w;
  whole_o.bags = full_o;
  whole_w.bags = full_w;
  const std::vector<float> expected = idf(whole_o, whole_w, v.size());

  const std::vector<float> weight = complete_paragraph_bags(
      o.paragraphs, o.sentences, o.u, w.paragraphs, w.sentences, w.u, v.size());
  EXPECT_EQ(weight, expected);
  // old: a (1 and 1: none), b twice (2 and 1), c (1 and 0), the tail (changed)
  const std::vector<bool> made_o{false, true, true, true, true};
  // new: a, b, d (0 and 1), the tail
  const std::vector<bool> made_w{false, true, true, true};
  for (std::size_t p = 0; p < made_o.size(); ++p)
    EXPECT_EQ(as_vector(o.paragraphs.bags[p]),
              made_o[p] ? as_vector(full_o[p]) : std::vector<std::uint32_t>{})
        << "old " << p;
  for (std::size_t p = 0; p < made_w.size(); ++p)
    EXPECT_EQ(as_vector(w.paragraphs.bags[p]),
              made_w[p] ? as_vector(full_w[p]) : std::vector<std::uint32_t>{})
        << "new " << p;
  EXPECT_FALSE(full_o[3].empty());
  // and the copy of b made refers to an old b's bag made (not a second copy of its ids)
  EXPECT_TRUE(w.paragraphs.bags.elsewhere(1));
  EXPECT_TRUE(w.paragraphs.bags[1].data() == o.paragraphs.bags[1].data() ||
              w.paragraphs.bags[1].data() == o.paragraphs.bags[2].data());
}

// From kParallelParagraphs paragraphs on, each side's bags are made on a core of its own:
// the same bags, and a new paragraph copied from an old one still refers to its bag.
TEST(complete_paragraph_bags, makes_the_same_bags_on_both_cores) {
  std::string common, only_old, only_new;
  for (int k = 0; k < 2100; ++k) {
    const std::string n = std::to_string(k);
    only_old += "El grupo " + n + " revisó las cifras. Nada cambió en " + n + ".\n\n";
    only_new += "La mesa " + n + " evaluó los avances. Todo siguió en " + n + ".\n\n";
  }
  const std::string b_ = "Ambos gobiernos evaluarán un centro conjunto. Será en Monterrey.\n\n";
  common = b_ + b_;
  read_in_spanish r(only_old + b_ + "Fin.\n", common + only_new + "Fin.\n");
  ASSERT_TRUE(r.ok);
  vocabulary& v = r.v;
  document_pass& o = r.both.old_side;
  document_pass& w = r.both.new_side;
  ASSERT_GE(o.paragraphs.bags.size() + w.paragraphs.bags.size(), 4096U);
  const bag_list full_o = full_paragraph_bags(o.paragraphs, o.sentences, o.u);
  const bag_list full_w = full_paragraph_bags(w.paragraphs, w.sentences, w.u);
  ASSERT_TRUE(w.paragraphs.bags.elsewhere(0) && w.paragraphs.bags.elsewhere(1));
  (void)complete_paragraph_bags(o.paragraphs, o.sentences, o.u, w.paragraphs, w.sentences, w.u,
                                v.size());
  // every paragraph but "Fin." is on one side only or more times on one side: all made
  for (std::size_t p = 0; p + 1 < full_o.size(); ++p)
    ASSERT_EQ(as_vector(o.paragraphs.bags[p]), as_vector(full_o[p])) << "old " << p;
  for (std::size_t p = 0; p + 1 < full_w.size(); ++p)
    ASSERT_EQ(as_vector(w.paragraphs.bags[p]), as_vector(full_w[p])) << "new " << p;
  EXPECT_TRUE(o.paragraphs.bags[full_o.size() - 1].empty());
  // both copies of b refer to the old b's bag made
  const std::size_t old_b = full_o.size() - 2;
  for (std::size_t p : {0, 1}) {
    EXPECT_TRUE(w.paragraphs.bags.elsewhere(p));
    EXPECT_EQ(w.paragraphs.bags[p].data(), o.paragraphs.bags[old_b].data());
  }
}

TEST(bag_list, refers_to_another_list_s_bag_in_place_of_an_empty_one) {
  bag_list from, to;
  from.push_back(std::vector<std::uint32_t>{1, 2});
  from.push_back(std::vector<std::uint32_t>{3, 4, 5});
  to.push_back(std::vector<std::uint32_t>{9});
  to.close();
  to.push_back(std::vector<std::uint32_t>{8});
  to.refer_at(1, from, 1);
  EXPECT_EQ(as_vectors(to), (std::vector<std::vector<std::uint32_t>>{{9}, {3, 4, 5}, {8}}));
  EXPECT_TRUE(to.elsewhere(1));
  EXPECT_EQ(to[1].data(), from[1].data());
  EXPECT_THROW(to.refer_at(0, from, 0), std::logic_error);  // (not empty)
  bag_list third;
  third.push_back(std::vector<std::uint32_t>{7});
  to.close();
  EXPECT_THROW(to.refer_at(3, third, 0), std::logic_error);  // a second other list
  EXPECT_TRUE(to[3].empty());
}

TEST(bag_list, keeps_each_bag_apart) {
  bag_list bags;
  bags.push_back(std::vector<std::uint32_t>{1, 2, 3});
  bags.close();  // an empty bag
  bags.push_back(std::vector<std::uint32_t>{7});
  ASSERT_EQ(bags.size(), 3U);
  EXPECT_EQ(as_vectors(bags), (std::vector<std::vector<std::uint32_t>>{{1, 2, 3}, {}, {7}}));
}

TEST(bag_list, appends_a_range_of_another) {
  bag_list from, to;
  from.push_back(std::vector<std::uint32_t>{1, 2});
  from.push_back(std::vector<std::uint32_t>{3});
  from.close();
  from.push_back(std::vector<std::uint32_t>{4, 5});
  to.push_back(std::vector<std::uint32_t>{9});
  to.append(from, 1, 4);
  to.append(from, 0, 0);
  EXPECT_EQ(as_vectors(to), (std::vector<std::vector<std::uint32_t>>{{9}, {3}, {}, {4, 5}}));
}

// The two halves of a document read on two cores are joined by absorb(): every bag of the
// second after those of the first, in order, whatever its size (its ids are copied a piece
// at a time, each piece's pages given back: three million ids are more than ten pieces),
// and the second left empty.
TEST(bag_list, absorbs_every_bag_of_another_in_order) {
  auto bag = [](std::uint32_t k) {  // bag k: k % 50 ids from k on (some empty)
    std::vector<std::uint32_t> ids(k % 50);
    std::iota(ids.begin(), ids.end(), k);
    return ids;
  };
  bag_list first, second;
  std::vector<std::vector<std::uint32_t>> expected;
  for (std::uint32_t k = 0; k < 3; ++k) {
    first.push_back(bag(k));
    expected.push_back(bag(k));
  }
  for (std::uint32_t k = 3; k < 125003; ++k) {
    second.push_back(bag(k));
    expected.push_back(bag(k));
  }
  ASSERT_GT(second.ids().size(), 3000000U);
  first.absorb(std::move(second));
  EXPECT_EQ(second.size(), 0U);
  EXPECT_TRUE(as_vectors(first) == expected);
  first.push_back(std::vector<std::uint32_t>{7});  // (and goes on)
  EXPECT_EQ(first[first.size() - 1][0], 7U);
  // a list that refers to another is copied bag by bag
  bag_list other, referring, joined;
  other.push_back(std::vector<std::uint32_t>{1, 2});
  referring.push_back(std::vector<std::uint32_t>{3});
  referring.refer(other, 0, 1);
  joined.push_back(std::vector<std::uint32_t>{9});
  joined.absorb(std::move(referring));
  EXPECT_EQ(as_vectors(joined), (std::vector<std::vector<std::uint32_t>>{{9}, {3}, {1, 2}}));
  EXPECT_EQ(referring.size(), 0U);
}

TEST(bag_list, refers_to_the_bags_of_another_without_copying_them) {
  bag_list from, to;
  from.push_back(std::vector<std::uint32_t>{1, 2});
  from.close();
  from.push_back(std::vector<std::uint32_t>{3, 4, 5});
  to.push_back(std::vector<std::uint32_t>{9});
  to.refer(from, 1, 3);
  to.push_back(std::vector<std::uint32_t>{8, 8});
  to.refer(from, 0, 1);
  EXPECT_EQ(as_vectors(to),
            (std::vector<std::vector<std::uint32_t>>{{9}, {}, {3, 4, 5}, {8, 8}, {1, 2}}));
  EXPECT_EQ(to.ids(), (std::vector<std::uint32_t>{9, 8, 8}));  // its own only
  EXPECT_EQ(to[2].data(), from[2].data());
  // copied from a list that refers: each bag where it is
  bag_list copy;
  copy.append(to, 1, 5);
  EXPECT_EQ(as_vectors(copy),
            (std::vector<std::vector<std::uint32_t>>{{}, {3, 4, 5}, {8, 8}, {1, 2}}));
  EXPECT_EQ(copy.ids(), (std::vector<std::uint32_t>{3, 4, 5, 8, 8, 1, 2}));
}

TEST(bag_list, changes_only_its_own_bags_and_refers_to_one_other_list) {
  bag_list from, to, third;
  from.push_back(std::vector<std::uint32_t>{1, 2});
  third.push_back(std::vector<std::uint32_t>{5});
  to.push_back(std::vector<std::uint32_t>{9});
  to.refer(from, 0, 1);
  EXPECT_EQ(to.own(0)[0], 9U);
  EXPECT_THROW((void)to.own(1), std::logic_error);  // the other list's: not to be changed
  EXPECT_THROW(to.refer(third, 0, 1), std::logic_error);
  bag_list further;
  EXPECT_THROW(further.refer(to, 0, 1), std::logic_error);  // (to refers itself)
  EXPECT_EQ(as_vectors(to), (std::vector<std::vector<std::uint32_t>>{{9}, {1, 2}}));
}

TEST(bag_list, a_list_moved_from_is_empty_and_can_be_filled_again) {
  bag_list from, to;
  from.push_back(std::vector<std::uint32_t>{1, 2});
  to.push_back(std::vector<std::uint32_t>{3});
  to.refer(from, 0, 1);
  bag_list taken = std::move(to);
  EXPECT_EQ(as_vectors(taken), (std::vector<std::vector<std::uint32_t>>{{3}, {1, 2}}));
  EXPECT_EQ(to.size(), 0U);  // NOLINT(bugprone-use-after-move): what is checked
  to.push_back(std::vector<std::uint32_t>{4});
  bag_list other;
  other.push_back(std::vector<std::uint32_t>{6});
  to.refer(other, 0, 1);  // (it shares nothing any more: another list may be referred to)
  EXPECT_EQ(as_vectors(to), (std::vector<std::vector<std::uint32_t>>{{4}, {6}}));
}

TEST(settle_bags, maps_ids_and_placeholders_and_sorts_again) {
  level_input in;
  in.bags.push_back(std::vector<std::uint32_t>{0, 1, kNumberSlot, kDateSlot});
  placeholders ph;
  ph.number = 10;
  ph.date = 11;
  const std::vector<std::uint32_t> remap{5, 2};
  settle_bags(in, &remap, ph);
  EXPECT_EQ(as_vectors(in.bags), (std::vector<std::vector<std::uint32_t>>{{2, 5, 10, 11}}));
}

// Bags made unsorted in the vocabulary they stay in (read_pair()'s first part) are sorted
// once their placeholders are in.
TEST(settle_bags, sorts_bags_without_a_remap) {
  level_input in;
  in.bags.push_back(std::vector<std::uint32_t>{4, kDateSlot, 1, kNumberSlot, 1});
  placeholders ph;
  ph.number = 10;
  ph.date = 11;
  settle_bags(in, nullptr, ph);
  EXPECT_EQ(as_vectors(in.bags), (std::vector<std::vector<std::uint32_t>>{{1, 1, 4, 10, 11}}));
}

// A range of the bags is settled alone (read_pair() gives each core one): the others are
// left as they were, and two ranges that meet settle every bag once.
TEST(settle_bags, settles_a_range_of_the_bags_alone) {
  level_input in, whole;
  for (std::uint32_t k = 0; k < 5; ++k)
    in.bags.push_back(std::vector<std::uint32_t>{0, k % 2, kNumberSlot});
  whole = in;
  placeholders ph;
  ph.number = 10;
  const std::vector<std::uint32_t> remap{5, 2};
  settle_bags(in, &remap, ph, 1, 3);
  EXPECT_EQ(
      as_vectors(in.bags),
      (std::vector<std::vector<std::uint32_t>>{
          {0, 0, kNumberSlot}, {2, 5, 10}, {5, 5, 10}, {0, 1, kNumberSlot}, {0, 0, kNumberSlot}}));
  settle_bags(in, &remap, ph, 0, 1);
  settle_bags(in, &remap, ph, 3);
  settle_bags(whole, &remap, ph);
  EXPECT_EQ(as_vectors(in.bags), as_vectors(whole.bags));
}

}  // namespace
}  // namespace accordiff::detail
