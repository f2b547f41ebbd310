#include "classify/classify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <tuple>

#include "support.hpp"
#include "util/permute.hpp"

namespace accordiff::detail {
namespace {

std::string rebuild(const std::vector<edit>& es, char skip) {
  std::string out;
  for (const edit& e : es)
    if (e.op != skip) out += e.text;
  return out;
}

struct edit_case {
  std::string a, b;
};

// `n` words, each its own but every 97th, which both sides share: two long texts with
// little in common (the diff restarts past its limit of points, more than once).
std::string long_text(int side, int n) {
  std::string out;
  for (int k = 0; k < n; ++k) {
    if (k > 0) out += ' ';
    out += k % 97 == 0 ? "común" + std::to_string(k) : "p" + std::to_string(side * 100000 + k);
  }
  return out;
}

class word_edits_rebuild : public ::testing::TestWithParam<edit_case> {};

TEST_P(word_edits_rebuild, both_texts_exactly) {
  vocabulary v;
  normalizer n({}, "es", v);
  bool degraded = false;
  const auto es = word_edits(GetParam().a, GetParam().b, n, degraded);
  EXPECT_EQ(rebuild(es, '+'), GetParam().a);
  EXPECT_EQ(rebuild(es, '-'), GetParam().b);
  EXPECT_FALSE(degraded);
  for (std::size_t k = 1; k < es.size(); ++k) EXPECT_NE(es[k].op, es[k - 1].op);
}

INSTANTIATE_TEST_SUITE_P(
    texts, word_edits_rebuild,
    ::testing::Values(edit_case{"acordaron dar continuidad a las acciones",
                                "acordaron intensificar y acelerar las acciones"},
                      edit_case{"Line wrapped\nhere.", "Line wrapped here."},
                      edit_case{"\xE2\x80\x9C"
                                "Comillas\xE2\x80\x9D y guiones \xE2\x80\x94 s\xC3\xAD",
                                "\"Comillas\" y guiones - s\xC3\xAD"},
                      edit_case{"", "todo nuevo"}, edit_case{"todo viejo", ""},
                      edit_case{"a  b   c", "a b c"},
                      edit_case{"El 1.5 de 2025.", "El 2.5 de 2026."},
                      edit_case{long_text(1, 9000), long_text(2, 9500)}));

TEST(word_edits, whitespace_between_changes_joins_them) {
  vocabulary v;
  normalizer n({}, "es", v);
  bool d = false;
  const auto es =
      word_edits("evaluar la instalación de un centro", "instalar en 2026 un centro", n, d);
  ASSERT_GE(es.size(), 3u);
  EXPECT_EQ(es[0].op, '-');
  EXPECT_EQ(es[0].text, "evaluar la instalación de");
  EXPECT_EQ(es[1].op, '+');
  EXPECT_EQ(es[1].text, "instalar en 2026");
}

// Word edits keep the keys of the spellings they have seen on their thread; one normalizer
// after another on the same thread (options that differ, a new one where the last one
// stood) compares by its own options, never by keys the one before made: the same edits
// as on a thread that has seen no other.
TEST(word_edits, compare_by_the_options_of_the_normalizer_they_are_given) {
  auto edits = [](const normalizer& n) {
    bool d = false;
    std::string out;
    for (const edit& e : word_edits("Casa casa", "casa", n, d)) out += e.op + e.text + "|";
    return out;
  };
  vocabulary v;
  compare_options sensitive;
  sensitive.ignore_case = false;
  std::string alone_folding, alone_exact;
  std::thread([&] {
    const normalizer n({}, "es", v);
    alone_folding = edits(n);
  }).join();
  std::thread([&] {
    const normalizer n(sensitive, "es", v);
    alone_exact = edits(n);
  }).join();
  ASSERT_NE(alone_folding, alone_exact);  // (or this test could not tell)
  for (int round = 0; round < 3; ++round) {
    {
      const normalizer folding({}, "es", v);
      EXPECT_EQ(edits(folding), alone_folding) << round;
    }
    {
      const normalizer exact(sensitive, "es", v);
      EXPECT_EQ(edits(exact), alone_exact) << round;
    }
  }
}

std::vector<std::pair<char, std::string>> ops(const std::vector<edit>& es) {
  std::vector<std::pair<char, std::string>> out;
  for (const edit& e : es) out.emplace_back(e.op, e.text);
  return out;
}

std::vector<stretch_pair> one_stretch(std::string_view a, std::string_view b, bool compare) {
  return {
      {0, static_cast<std::uint32_t>(a.size()), 0, static_cast<std::uint32_t>(b.size()), compare}};
}

// Text replaced whole keeps the words both sides begin and end with, never part of a word
// ("reviewed" and "reviewing" share "review", which stays in both changes).
TEST(stretch_edits, text_replaced_whole_keeps_the_words_it_begins_and_ends_with) {
  vocabulary v;
  normalizer n({}, "en", v);
  bool d = false;
  const std::string a = "The office reviewed the budget today.";
  const std::string b = "The office reviewing a plan today.";
  EXPECT_EQ(ops(stretch_edits(a, b, one_stretch(a, b, false), n, d)),
            (std::vector<std::pair<char, std::string>>{{'=', "The office "},
                                                       {'-', "reviewed the budget"},
                                                       {'+', "reviewing a plan"},
                                                       {'=', " today."}}));
  // (a full stop alone is not a word: the sentences stay whole)
  const std::string c = "Officials donated computers.";
  const std::string e = "Engineers repaired roofs.";
  EXPECT_EQ(ops(stretch_edits(c, e, one_stretch(c, e, false), n, d)),
            (std::vector<std::pair<char, std::string>>{{'-', c}, {'+', e}}));
  // (nor a character: "café" and "cafè" share the first byte of their last letter; nor a
  // number: "1,500" and "1,700" share "1,")
  const std::string f = "La caf\xC3\xA9 con leche.";
  const std::string g = "La caf\xC3\xA8 sin leche.";
  EXPECT_EQ(
      ops(stretch_edits(f, g, one_stretch(f, g, false), n, d)),
      (std::vector<std::pair<char, std::string>>{
          {'=', "La "}, {'-', "caf\xC3\xA9 con"}, {'+', "caf\xC3\xA8 sin"}, {'=', " leche."}}));
  const std::string h = "Paid 1,500 pesos.";
  const std::string i = "Paid 1,700 dollars.";
  EXPECT_EQ(ops(stretch_edits(h, i, one_stretch(h, i, false), n, d)),
            (std::vector<std::pair<char, std::string>>{
                {'=', "Paid "}, {'-', "1,500 pesos."}, {'+', "1,700 dollars."}}));
  EXPECT_FALSE(d);
}

// The stretches of a paragraph group follow its sentences' pairing. Two old paragraphs
// merged into one (joined by a space: the second's sentences 12 bytes on), and the pairs:
// A1 and B1 in order; C1, paired ahead of them (out of order), and F1, paired into another
// paragraph, are not pairs here. Between the pairs: "C1. " on the new side alone (compared
// with the pairs around it, as one), then C1 against E2 and F1 against G2, sentences on
// both sides: replaced whole.
TEST(sentence_pairing, stretches_follow_the_pairs_in_order_inside_the_group) {
  auto sentence = [](std::uint32_t start, std::uint32_t parent) {
    return unit{{start, start + 3}, parent, 0};
  };
  // old: "A1. B1. C1.\n\nD1. F1."   new: "C1. A1. B2. E2. D1. G2.\n\nF1."
  const std::vector<unit> old_paragraphs{{{0, 11}, 0, 0}, {{13, 20}, 1, 0}};
  const std::vector<unit> old_sentences{sentence(0, 0), sentence(4, 0), sentence(8, 0),
                                        sentence(13, 1), sentence(17, 1)};
  const std::vector<unit> new_paragraphs{{{0, 23}, 0, 0}, {{25, 28}, 1, 0}};
  const std::vector<unit> new_sentences{sentence(0, 0),  sentence(4, 0),  sentence(8, 0),
                                        sentence(12, 0), sentence(16, 0), sentence(20, 0),
                                        sentence(25, 1)};
  auto make = [](kind k, unit_list o, unit_list n) {
    group g;
    g.k = k;
    g.old_units = std::move(o);
    g.new_units = std::move(n);
    return g;
  };
  const std::vector<group> paragraphs{make(kind::merged, {0, 1}, {0}), make(kind::added, {}, {1})};
  const std::vector<group> sentences{
      make(kind::unchanged, {0}, {1}), make(kind::reworded, {1}, {2}), make(kind::moved, {2}, {0}),
      make(kind::unchanged, {3}, {4}), make(kind::moved, {4}, {6}),    make(kind::added, {}, {3}),
      make(kind::added, {}, {5})};
  const sentence_pairing pairing(old_paragraphs, old_sentences, new_paragraphs, new_sentences,
                                 paragraphs, sentences);
  using row = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t, bool>;
  std::vector<row> got;
  for (const stretch_pair& s : pairing.stretches(paragraphs[0]))
    got.emplace_back(s.old_begin, s.old_end, s.new_begin, s.new_end, s.compare);
  EXPECT_EQ(got, (std::vector<row>{{0, 7, 0, 11, true},
                                   {7, 12, 11, 16, false},
                                   {12, 15, 16, 19, true},
                                   {15, 19, 19, 23, false}}));
}

// One stretch compared is word_edits() of the two texts; several, cut anywhere and each
// compared or replaced whole, rebuild both texts byte for byte, as one readable script.
TEST(stretch_edits, rebuild_both_texts_however_they_are_cut) {
  vocabulary v;
  normalizer n({}, "es", v);
  std::mt19937 rng(7);
  const std::vector<std::string> words{"la",          "Junta", "acordó", "revisar", "de",   ".",
                                       "\xC3\xA1rea", " ",     "\n",     "  ",      "2026", ","};
  auto text = [&](int len) {
    std::string out;
    for (int k = 0; k < len; ++k) out += words[rng() % words.size()] + (rng() % 2 ? " " : "");
    return out;
  };
  // (cut points, the ends included, in order)
  auto cuts = [&](std::size_t size, std::size_t count) {
    std::vector<std::uint32_t> at{0, static_cast<std::uint32_t>(size)};
    for (std::size_t k = 0; k < count; ++k)
      at.push_back(static_cast<std::uint32_t>(size == 0 ? 0 : rng() % (size + 1)));
    std::sort(at.begin(), at.end());
    return at;
  };
  for (int round = 0; round < 2000; ++round) {
    const std::string a = text(static_cast<int>(rng() % 30));
    const std::string b = text(static_cast<int>(rng() % 30));
    bool d = false;
    if (round % 10 == 0) {
      EXPECT_EQ(stretch_edits(a, b, one_stretch(a, b, true), n, d), word_edits(a, b, n, d));
    }
    const std::size_t count = rng() % 5;
    const std::vector<std::uint32_t> ca = cuts(a.size(), count), cb = cuts(b.size(), count);
    std::vector<stretch_pair> stretches;
    for (std::size_t k = 0; k + 1 < ca.size(); ++k)
      stretches.push_back({ca[k], ca[k + 1], cb[k], cb[k + 1], rng() % 2 == 0});
    const std::vector<edit> es = stretch_edits(a, b, stretches, n, d);
    ASSERT_EQ(rebuild(es, '+'), a) << round;
    ASSERT_EQ(rebuild(es, '-'), b) << round;
    for (std::size_t k = 0; k < es.size(); ++k) {
      EXPECT_FALSE(es[k].text.empty()) << round;
      if (k > 0) {
        EXPECT_NE(es[k].op, es[k - 1].op) << round;
      }
    }
    EXPECT_FALSE(d);
  }
}

TEST(permute_in_place, puts_each_item_where_the_order_says) {
  // every permutation of five items, cycles of every length among them
  std::vector<std::uint32_t> perm{0, 1, 2, 3, 4};
  do {
    std::vector<std::string> items{"a", "b", "c", "d", "e"};
    std::vector<std::uint32_t> order = perm;
    permute_in_place(items, order);
    for (std::size_t k = 0; k < perm.size(); ++k) {
      EXPECT_EQ(items[k], std::string(1, static_cast<char>('a' + perm[k])));
      EXPECT_EQ(order[k], k);
    }
  } while (std::next_permutation(perm.begin(), perm.end()));
}

// Long cycles, whose items are fetched ahead along the cycle, and cycles shorter than that
// look-ahead beside them: random permutations of up to 5,000 items, one a single cycle.
TEST(permute_in_place, puts_items_in_place_along_long_cycles) {
  std::mt19937 rng(11);
  for (const std::size_t n : {2U, 9U, 17U, 100U, 5000U}) {
    for (int round = 0; round < 4; ++round) {
      std::vector<std::uint32_t> perm(n);
      std::iota(perm.begin(), perm.end(), 0U);
      if (round == 0) {  // (one cycle through all of them)
        std::vector<std::uint32_t> visit(perm);
        std::shuffle(visit.begin(), visit.end(), rng);
        for (std::size_t k = 0; k < n; ++k) perm[visit[k]] = visit[(k + 1) % n];
      } else {
        std::shuffle(perm.begin(), perm.end(), rng);
      }
      std::vector<std::string> items(n);
      for (std::size_t k = 0; k < n; ++k) items[k] = "item " + std::to_string(k);
      std::vector<std::uint32_t> order = perm;
      permute_in_place(items, order);
      for (std::size_t k = 0; k < n; ++k) {
        ASSERT_EQ(items[k], "item " + std::to_string(perm[k])) << n << " " << round;
        ASSERT_EQ(order[k], k);
      }
    }
  }
}

TEST(order_groups, dropped_units_stand_where_they_stood) {
  std::vector<group> gs(4);
  gs[0] = {kind::unchanged, false, {0}, {0}, 1, {}, {}};
  gs[1] = {kind::unchanged, false, {2}, {1}, 1, {}, {}};
  gs[2] = {kind::dropped, false, {1}, {}, 0, {}, {}};
  gs[3] = {kind::added, false, {}, {2}, 0, {}, {}};
  order_groups(gs);
  EXPECT_EQ(gs[0].old_units, std::vector<std::uint32_t>{0});
  EXPECT_EQ(gs[1].old_units, std::vector<std::uint32_t>{1});
  EXPECT_EQ(gs[2].old_units, std::vector<std::uint32_t>{2});
  EXPECT_EQ(gs[3].new_units, std::vector<std::uint32_t>{2});
}

// The order counted by place is the order of the keys sorted (new position, groups with
// new units first, old position), on random alignments: moves, runs of drops (at the start
// too), additions, splits and merges of several units.
TEST(order_groups, is_the_order_of_the_keys_sorted) {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 1 + rng() % 30, m = 1 + rng() % 30;
    std::vector<std::uint32_t> olds(n), news(m);
    std::iota(olds.begin(), olds.end(), 0U);
    std::iota(news.begin(), news.end(), 0U);
    std::shuffle(news.begin(), news.end(), rng);
    std::vector<group> gs;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      group g;
      const std::uint32_t take_old = i < n ? rng() % 3 : 0, take_new = j < m ? rng() % 3 : 0;
      for (std::uint32_t k = 0; k < take_old && i < n; ++k) g.old_units.push_back(olds[i++]);
      std::vector<std::uint32_t> taken;
      for (std::uint32_t k = 0; k < take_new && j < m; ++k) taken.push_back(news[j++]);
      std::sort(taken.begin(), taken.end());
      for (std::uint32_t u : taken) g.new_units.push_back(u);
      if (g.old_units.empty() && g.new_units.empty()) continue;
      g.k = g.new_units.empty()   ? kind::dropped
            : g.old_units.empty() ? kind::added
                                  : kind::reworded;
      // a dropped group holds one old unit, as the aligner makes them
      if (g.k == kind::dropped)
        for (std::uint32_t u : g.old_units) {
          group d;
          d.k = kind::dropped;
          d.old_units.push_back(u);
          gs.push_back(std::move(d));
        }
      else
        gs.push_back(std::move(g));
    }
    std::shuffle(gs.begin(), gs.end(), rng);
    // the keys, sorted (as order_groups() sorted them before it counted)
    std::uint32_t max_old = 0;
    for (const group& g : gs)
      for (std::uint32_t u : g.old_units) max_old = std::max(max_old, u + 1);
    std::vector<std::int64_t> new_pos(max_old, -1), anchor(max_old, -1);
    for (const group& g : gs)
      for (std::uint32_t u : g.old_units)
        if (!g.new_units.empty()) new_pos[u] = g.new_units.front();
    for (std::int64_t u = 0, last = -1; u < max_old; ++u) {
      anchor[u] = last;
      if (new_pos[u] >= 0) last = new_pos[u];
    }
    using key = std::tuple<std::int64_t, int, std::int64_t>;
    using units = std::vector<std::uint32_t>;
    auto both = [](const group& g) {
      return std::pair{units(g.old_units.begin(), g.old_units.end()),
                       units(g.new_units.begin(), g.new_units.end())};
    };
    std::vector<std::pair<key, std::pair<units, units>>> keyed;
    for (const group& g : gs)
      keyed.push_back({g.new_units.empty()
                           ? key{anchor[g.old_units.front()], 1, g.old_units.front()}
                           : key{g.new_units.front(), 0, 0},
                       both(g)});
    std::sort(keyed.begin(), keyed.end());
    order_groups(gs);
    ASSERT_EQ(gs.size(), keyed.size());
    for (std::size_t k = 0; k < gs.size(); ++k)
      ASSERT_EQ(both(gs[k]), keyed[k].second) << "round " << round << " group " << k;
  }
}

// The limit counts what the word-level differ reads (words, marks and runs of white space)
// exactly, and before it reads them: at kMaxEditTokens pieces in all the edits are made,
// one piece more and the texts are one deletion and one insertion.
TEST(word_edits, the_limit_counts_the_pieces_exactly) {
  vocabulary v;
  normalizer n({}, "es", v);
  auto words = [](int count, int changed) {  // `count` words, one space between each two
    std::string out;
    for (int i = 0; i < count; ++i)
      out += (i > 0 ? " " : "") + std::string(i == changed ? "otra" : "w") + std::to_string(i);
    return out;
  };
  const std::string a = words(12500, -1), b = words(12501, 7);  // 24,999 + 25,001 pieces
  bool degraded = false;
  const std::vector<edit> made = word_edits(a, b, n, degraded);
  EXPECT_FALSE(degraded);
  EXPECT_GT(made.size(), 2U);
  const std::vector<edit> cut = word_edits(a, b + " ", n, degraded);  // one more
  EXPECT_TRUE(degraded);
  ASSERT_EQ(cut.size(), 2U);
  EXPECT_EQ(cut[0].text, a);
  EXPECT_EQ(cut[1].text, b + " ");
}

// A reworded paragraph past kMaxEditTokens: its edits are one deletion and one insertion,
// the report says so once for the level, and the other changed groups (shared between the
// two cores) still get their word-level edits.
TEST(word_edits, a_paragraph_past_the_limit_is_one_deletion_and_one_insertion) {
  std::string long_old, long_new;
  for (int i = 0; i < 30000; ++i) {
    long_old += "palabra" + std::to_string(i) + " ";
    long_new += (i % 10 == 0 ? "otra" : "palabra") + std::to_string(i) + " ";
  }
  const std::string shared = "Las delegaciones revisaron las cifras del trimestre.\n\n";
  const comparison c = testing::run(
      shared + "Ambos gobiernos acordaron compartir datos cada semana.\n\n" + long_old + "fin.\n",
      shared + "Ambos gobiernos acordaron compartir datos cada mes.\n\n" + long_new + "fin.\n");
  std::size_t notes = 0;
  for (const std::string& d : c.degraded)
    if (d.find("groups too long for word-level edits") != std::string::npos) {
      ++notes;
      EXPECT_EQ(d.rfind("1 paragraph groups too long", 0), 0U) << d;
    }
  EXPECT_EQ(notes, 1U);
  ASSERT_EQ(c.paragraphs.size(), 3U);
  const group& cut = c.paragraphs[2];
  EXPECT_EQ(cut.k, kind::reworded);
  ASSERT_EQ(cut.edits.size(), 2U);
  EXPECT_EQ(cut.edits[0].op, '-');
  EXPECT_EQ(cut.edits[1].op, '+');
  const group& small = c.paragraphs[1];
  EXPECT_EQ(small.k, kind::reworded);
  EXPECT_GT(small.edits.size(), 2U);  // "semana" → "mes" among equal words
  testing::expect_invariants(c);
}

}  // namespace
}  // namespace accordiff::detail
