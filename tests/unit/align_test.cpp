// The aligner through compare(): each test isolates one phenomenon.
#include "align/align.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <span>

#include "classify/classify.hpp"
#include "normalize/normalize.hpp"
#include "support.hpp"
#include "util/sort.hpp"

namespace accordiff {
namespace {

using testing::expect_invariants;
using testing::run;

std::vector<std::string> kinds(const std::vector<group>& gs) {
  std::vector<std::string> out;
  for (const group& g : gs) out.emplace_back(to_string(g.k));
  return out;
}

const char* kA = "The delegations reviewed the arms trafficking figures of the quarter.";
const char* kB = "Both governments agreed to share customs data every week.";
const char* kC = "The next meeting will take place in Washington in January.";
const char* kD = "Officials visited the new inspection facility at the border crossing.";

std::string paras(std::initializer_list<std::string> ps) {
  std::string out;
  for (const auto& p : ps) out += p + "\n\n";
  return out;
}

// A group's units: up to two inline, more on the heap, a value like a vector's.
TEST(unit_list, holds_any_number_of_units_as_a_vector_would) {
  for (std::uint32_t n = 0; n <= 9; ++n) {
    std::vector<std::uint32_t> want;
    unit_list got;
    for (std::uint32_t k = 0; k < n; ++k) {
      want.push_back(k * 3);
      got.push_back(k * 3);
    }
    ASSERT_EQ(got.size(), n);
    EXPECT_EQ(got.empty(), n == 0);
    EXPECT_TRUE(std::equal(got.begin(), got.end(), want.begin(), want.end())) << n;
    EXPECT_EQ(got, unit_list(want));
    const std::span<const std::uint32_t> view = got;
    EXPECT_EQ(view.size(), n);
    if (n > 0) {
      EXPECT_EQ(got.front(), 0U);
      EXPECT_EQ(got.back(), (n - 1) * 3);
      EXPECT_EQ(got[n / 2], (n / 2) * 3);
    }
    unit_list copy = got;  // copies, then each its own
    EXPECT_EQ(copy, got);
    copy.push_back(100);
    EXPECT_EQ(got.size(), n);
    unit_list moved = std::move(copy);
    EXPECT_EQ(moved.size(), n + 1);
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): what is checked
    copy = moved;
    EXPECT_EQ(copy, moved);
    moved = unit_list{7};
    EXPECT_EQ(moved, (unit_list{7}));
    const unit_list& itself = copy;
    copy = itself;  // assigned to itself: unchanged
    EXPECT_EQ(copy.size(), n + 1);
  }
}

TEST(align, identical_documents_have_no_change) {
  const std::string t = paras({kA, kB, kC});
  const comparison c = run(t, t);
  EXPECT_FALSE(c.changed());
  EXPECT_EQ(kinds(c.sentences), (std::vector<std::string>{"unchanged", "unchanged", "unchanged"}));
  expect_invariants(c);
}

TEST(align, moved_paragraph) {
  const comparison c = run(paras({kA, kB, kC, kD}), paras({kA, kC, kD, kB}));
  int moved = 0;
  for (const group& g : c.paragraphs)
    if (g.k == kind::moved) {
      ++moved;
      EXPECT_EQ(g.old_units, std::vector<std::uint32_t>{1});
      EXPECT_TRUE(g.moved);
    }
  EXPECT_EQ(moved, 1);
  expect_invariants(c);
}

TEST(align, reworded_sentence_pairs_with_edits) {
  const comparison c =
      run(paras({kA, "Both governments agreed to share customs data every month.", kC}),
          paras({kA, "Both governments agreed to exchange customs data every week.", kC}));
  ASSERT_EQ(c.sentences.size(), 3u);
  const group& g = c.sentences[1];
  EXPECT_EQ(g.k, kind::reworded);
  EXPECT_FALSE(g.moved);
  EXPECT_GT(g.similarity, 0.5);
  EXPECT_LT(g.similarity, 1.0);
  std::vector<std::pair<char, std::string>> edits;
  for (const edit& e : g.edits) edits.emplace_back(e.op, e.text);
  EXPECT_EQ(edits, (std::vector<std::pair<char, std::string>>{{'=', "Both governments agreed to "},
                                                              {'-', "share"},
                                                              {'+', "exchange"},
                                                              {'=', " customs data every "},
                                                              {'-', "month"},
                                                              {'+', "week"},
                                                              {'=', "."}}));
  expect_invariants(c);
}

// A paragraph's word edits follow its sentences' pairing: a sentence the sentence level
// dropped and the one it added in its place are deleted and inserted whole, not matched on
// their "the" and "of the" as the shortest script of the two paragraphs would match them.
TEST(align, paragraph_edits_replace_sentences_left_unpaired_whole) {
  const std::string a =
      "The delegations reviewed the arms trafficking figures of the quarter. Officials "
      "donated computers to the schools of the district. The next meeting will take place "
      "in Washington in January.\n";
  const std::string b =
      "The delegations reviewed the arms trafficking figures of the year. Engineers will "
      "repair the roofs of the clinics in the north. The next meeting will take place in "
      "Washington in January.\n";
  const comparison c = run(a, b);
  expect_invariants(c);
  EXPECT_EQ(kinds(c.sentences),
            (std::vector<std::string>{"reworded", "dropped", "added", "unchanged"}));
  ASSERT_EQ(c.paragraphs.size(), 1u);
  std::vector<std::pair<char, std::string>> edits;
  for (const edit& e : c.paragraphs[0].edits) edits.emplace_back(e.op, e.text);
  EXPECT_EQ(edits, (std::vector<std::pair<char, std::string>>{
                       {'=', "The delegations reviewed the arms trafficking figures of the "},
                       {'-', "quarter"},
                       {'+', "year"},
                       {'=', ". "},
                       {'-', "Officials donated computers to the schools of the district."},
                       {'+', "Engineers will repair the roofs of the clinics in the north."},
                       {'=', " The next meeting will take place in Washington in January."}}));
}

// Where no sentence was left unpaired on both sides (a sentence added, one split in two),
// a paragraph's script is that of its whole text: the words a sentence's second half,
// unpaired, shares with the sentence it comes from stay common ("businesses in the
// region.", which the sentences' script deletes from the pair and the added sentence has).
TEST(align, paragraph_edits_of_paired_sentences_are_the_whole_paragraphs_script) {
  const std::vector<std::pair<std::string, std::string>> pairs{
      {"Datasets that we obtain through agreements with third party businesses in the region.",
       "Datasets that we purchase or obtain through agreements with third party organizations. "
       "These may include material gathered from businesses in the region."},
      {std::string(kA) + " Officials donated computers to the schools and repaired the roofs "
                         "of the clinics in the north.",
       std::string(kA) + " Officials donated computers to the schools. They also repaired the "
                         "roofs of the clinics in the north."},
      {std::string(kA) + " " + kB, std::string(kA) + " " + kC + " " + kB + " " + kD},
      {std::string(kA) + " " + kB + " " + kC,
       "The delegations examined the arms trafficking figures of the quarter. " + std::string(kC)}};
  for (const auto& [a, b] : pairs) {
    const comparison c = run(a + "\n", b + "\n");
    expect_invariants(c);
    ASSERT_EQ(c.paragraphs.size(), 1u) << b;
    ASSERT_EQ(c.paragraphs[0].k, kind::reworded) << b;
    detail::vocabulary v;
    const detail::normalizer n({}, "en", v);
    bool d = false;
    EXPECT_EQ(c.paragraphs[0].edits, detail::word_edits(a, b, n, d)) << b;
  }
}

// Thousands of units, most of them reworded: the steps that take both cores from 8,192
// units or candidate pairs on (sorting the fingerprints, measuring the candidates) pair
// each with its own, as one core does with a few.
TEST(align, thousands_of_reworded_units_each_pair_with_its_own) {
  std::string a, b;
  constexpr int kUnits = 9000;
  for (int k = 0; k < kUnits; ++k) {
    const std::string n = std::to_string(k);
    a += "Office " + n + " of the region reviewed the budget line " + n + " in March.\n\n";
    b += "Office " + n + " of the region " + (k % 3 == 0 ? "reviewed" : "approved") +
         " the budget line " + n + " in March.\n\n";
  }
  const comparison c = run(a, b);
  expect_invariants(c);
  ASSERT_EQ(c.sentences.size(), static_cast<std::size_t>(kUnits));
  for (std::size_t k = 0; k < c.sentences.size(); ++k) {
    const group& g = c.sentences[k];
    ASSERT_EQ(g.old_units, std::vector<std::uint32_t>{static_cast<std::uint32_t>(k)});
    ASSERT_EQ(g.new_units, std::vector<std::uint32_t>{static_cast<std::uint32_t>(k)});
    EXPECT_EQ(g.k, k % 3 == 0 ? kind::unchanged : kind::reworded) << k;
  }
}

TEST(align, unrelated_replacement_is_dropped_and_added) {
  const comparison c = run(paras({kA, kB, kC}), paras({kA, kD, kC}));
  EXPECT_EQ(kinds(c.sentences),
            (std::vector<std::string>{"unchanged", "dropped", "added", "unchanged"}));
  expect_invariants(c);
}

TEST(align, split_sentence) {
  const comparison c =
      run(paras({kA,
                 "The parties agreed to double the number of inspectors at the crossings and to "
                 "publish a joint report on seizures before the end of the year.",
                 kC}),
          paras({kA,
                 "The parties agreed to double the number of inspectors at the crossings. They "
                 "will also publish a joint report on seizures before the end of the year.",
                 kC}));
  ASSERT_EQ(c.sentences.size(), 3u);
  EXPECT_EQ(c.sentences[1].k, kind::split);
  EXPECT_EQ(c.sentences[1].new_units, (std::vector<std::uint32_t>{1, 2}));
  expect_invariants(c);
}

TEST(align, merged_sentences) {
  const comparison c =
      run(paras({kA,
                 "The parties agreed to double the number of inspectors at the crossings. They "
                 "will also publish a joint report on seizures before the end of the year.",
                 kC}),
          paras({kA,
                 "The parties agreed to double the number of inspectors at the crossings and to "
                 "publish a joint report on seizures before the end of the year.",
                 kC}));
  ASSERT_EQ(c.sentences.size(), 3u);
  EXPECT_EQ(c.sentences[1].k, kind::merged);
  EXPECT_EQ(c.sentences[1].old_units, (std::vector<std::uint32_t>{1, 2}));
  expect_invariants(c);
}

TEST(align, sentence_moves_across_paragraphs) {
  const comparison c =
      run(paras({std::string(kA) + " " + kB, kC, kD}), paras({kA, kC, std::string(kD) + " " + kB}));
  bool found = false;
  for (const group& g : c.sentences)
    if (g.old_units == std::vector<std::uint32_t>{1}) {
      found = true;
      EXPECT_EQ(g.k, kind::moved);
      EXPECT_EQ(g.new_units, std::vector<std::uint32_t>{3});
    }
  EXPECT_TRUE(found);
  expect_invariants(c);
}

TEST(align, moved_and_reworded) {
  const comparison c =
      run(paras({kA, kB, kC, kD}),
          paras({kA, kC, kD, "Both governments agreed to share customs data every single day."}));
  bool found = false;
  for (const group& g : c.sentences)
    if (g.old_units == std::vector<std::uint32_t>{1}) {
      found = true;
      EXPECT_EQ(g.k, kind::reworded);
      EXPECT_TRUE(g.moved);
    }
  EXPECT_TRUE(found);
  expect_invariants(c);
}

TEST(align, duplicates_pair_in_order) {
  const comparison c = run(paras({kA, kB, kA, kC}), paras({kA, kB, kC}));
  EXPECT_EQ(kinds(c.paragraphs),
            (std::vector<std::string>{"unchanged", "unchanged", "dropped", "unchanged"}));
  expect_invariants(c);
}

TEST(align, repeated_sentences_stay_linear) {
  std::string a, b;
  for (int i = 0; i < 30000; ++i) a += "Same sentence again. ";
  for (int i = 0; i < 29990; ++i) b += "Same sentence again. ";
  const comparison c = run(a, b);
  std::size_t dropped = 0;
  for (const group& g : c.sentences) dropped += g.k == kind::dropped;
  EXPECT_EQ(dropped, 10u);
  expect_invariants(c);
}

// A level whose units have these fingerprints, each unit's bag one stem of its own (the
// fingerprint).
detail::level_input level_of(std::initializer_list<std::uint64_t> prints) {
  detail::level_input in;
  for (const std::uint64_t f : prints) {
    in.fingerprints.push_back(f);
    in.bags.ids().push_back(static_cast<std::uint32_t>(f));
    in.bags.close();
  }
  return in;
}

// Between two unique anchors, units that occur more than once pair in order by a diff of
// the stretch, which leaves out those the other side of the stretch lacks: the pairs are
// still the right units, where they are.
TEST(align, repeated_units_pair_in_order_across_units_of_one_side_only) {
  // fingerprints: X twice on each side (no anchor), Y once on each (the anchor); p, q only
  // old, s, t, u only new; each unit's bag one stem of its own
  enum : std::uint64_t { X = 11, Y = 12, p = 13, q = 14, s = 15, t = 16, u = 17 };
  const detail::level_input a = level_of({X, p, Y, q, X});
  const detail::level_input b = level_of({s, X, Y, t, X, u});
  const std::vector<float> weight(32, 1.0F);
  std::vector<std::string> notes;
  const std::vector<group> gs = detail::align(a, b, weight, compare_options{}.limits, notes);
  EXPECT_TRUE(notes.empty());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> same;
  std::size_t dropped = 0, added = 0;
  for (const group& g : gs) {
    if (g.k == kind::unchanged) {
      ASSERT_EQ(g.old_units.size(), 1U);
      ASSERT_EQ(g.new_units.size(), 1U);
      same.emplace_back(g.old_units[0], g.new_units[0]);
    }
    dropped += g.k == kind::dropped;
    added += g.k == kind::added;
  }
  std::sort(same.begin(), same.end());
  EXPECT_EQ(same, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}, {2, 2}, {4, 4}}));
  EXPECT_EQ(dropped, 2U);  // p, q
  EXPECT_EQ(added, 3U);    // s, t, u
}

// Units of the same text on either side of an anchor (moved past it) pair after the
// in-order pass, in their order on each side: the first left of the old with the first
// left of the new, and so on; one too many on a side is dropped (added).
TEST(align, moved_repeats_pair_in_their_order_on_each_side) {
  enum : std::uint64_t { X = 21, Y = 22, Z = 23 };
  const detail::level_input a = level_of({X, Z, X, X, Y, Z});
  const detail::level_input b = level_of({Y, Z, X, X, Z});
  const std::vector<float> weight(32, 1.0F);
  std::vector<std::string> notes;
  const std::vector<group> gs = detail::align(a, b, weight, compare_options{}.limits, notes);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> same;
  std::vector<std::uint32_t> dropped;
  for (const group& g : gs) {
    if (g.k == kind::unchanged || g.k == kind::moved) {
      ASSERT_EQ(g.old_units.size(), 1U);
      ASSERT_EQ(g.new_units.size(), 1U);
      same.emplace_back(g.old_units[0], g.new_units[0]);
    }
    if (g.k == kind::dropped) dropped.push_back(g.old_units[0]);
    EXPECT_NE(g.k, kind::added);
  }
  std::sort(same.begin(), same.end());
  // Y the anchor; after it, the old Z pairs with the first new Z in the stretch; the rest
  // out of order: old X 0, 2, 3 with new X 2, 3 (3 left), old Z 1 with new Z 4
  EXPECT_EQ(same, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{
                      {0, 2}, {1, 4}, {2, 3}, {4, 0}, {5, 1}}));
  EXPECT_EQ(dropped, std::vector<std::uint32_t>{3});
}

// Hashes sorted by their top bits, then each bucket: the order std::sort gives, whether
// the hashes are spread (fingerprints), bunched in a few buckets, or the same many times,
// of all the indexes or of those kept.
TEST(sort_hashed, sorts_as_std_sort) {
  std::mt19937_64 rng(5);
  for (const std::size_t n : {0UL, 1UL, 1000UL, 1024UL, 5000UL, 70000UL}) {
    for (int shape = 0; shape < 3; ++shape) {
      std::vector<std::uint64_t> hashes(n);
      for (std::uint64_t& h : hashes) {
        h = rng();
        if (shape == 1) h &= 0x00FF00000000FFFFULL;  // (top bits mostly 0: one bucket)
        if (shape == 2) h = h % 7;                   // (seven hashes, many times each)
      }
      for (const int every : {1, 3}) {
        auto keep = [every](std::uint32_t i) { return i % every == 0; };
        std::vector<detail::hashed> expected;
        for (std::uint32_t i = 0; i < n; ++i)
          if (keep(i)) expected.emplace_back(hashes[i], i);
        std::sort(expected.begin(), expected.end());
        EXPECT_EQ(detail::sorted_hashes(hashes, keep), expected) << n << " " << shape;
        if (every == 1) {
          EXPECT_EQ(detail::sorted_hashes(hashes), expected);
        }
      }
    }
  }
}

// Ids sorted by counting the ones below each: what std::sort gives, for every length
// (those it hands to std::sort and those it sorts itself), with repeats, with the slots'
// ids at the top of the range and 0, and with all ids the same.
TEST(sort_ids, sorts_as_std_sort) {
  std::mt19937 rng(11);
  for (std::size_t n = 0; n <= 130; ++n) {
    for (int shape = 0; shape < 4; ++shape) {
      std::vector<std::uint32_t> ids(n);
      for (std::uint32_t& x : ids) {
        x = static_cast<std::uint32_t>(rng());
        if (shape == 1) x %= 5;  // (repeats)
        if (shape == 2) x = x % 3 == 0 ? 0xFFFFFFFFU - x % 2 : (x % 3 == 1 ? 0 : x % 40);
        if (shape == 3) x = 7;  // (all the same)
      }
      std::vector<std::uint32_t> expected = ids;
      std::sort(expected.begin(), expected.end());
      detail::sort_ids(ids);
      EXPECT_EQ(ids, expected) << n << " " << shape;
    }
  }
  // a part of a list, the rest left as it was
  std::vector<std::uint32_t> list = {9, 8, 7, 30, 2, 2, 11, 40, 1, 0, 5, 6, 3, 4, 9, 1};
  detail::sort_ids(std::span<std::uint32_t>(list).subspan(3));
  EXPECT_EQ(list, (std::vector<std::uint32_t>{9, 8, 7, 0, 1, 1, 2, 2, 3, 4, 5, 6, 9, 11, 30, 40}));
}

// A stem that more than kMaxPostings leftover old units share finds no candidates by
// itself (it tells little apart); one that kMaxPostings share still does. Two new units
// share only that stem (heavy) with the old ones, too many for the gap's all-pairs rule.
TEST(align, a_stem_of_more_than_max_postings_units_finds_no_candidate) {
  for (const std::size_t olds : {detail::kMaxPostings, detail::kMaxPostings + 1}) {
    detail::level_input a, b;
    for (std::uint32_t i = 0; i < olds; ++i) {
      a.fingerprints.push_back(1000 + i);
      a.bags.push_back(std::vector<std::uint32_t>{0, 1 + i});  // the shared stem, its own
    }
    for (std::uint32_t j = 0; j < 2; ++j) {
      b.fingerprints.push_back(5000 + j);
      b.bags.push_back(std::vector<std::uint32_t>{0, 200 + j});
    }
    ASSERT_GT(olds * 2, detail::kGapAllPairs);
    std::vector<float> weight(300, 1.0F);
    weight[0] = 10.0F;  // (dice 20 / 22 with any old unit)
    std::vector<std::string> notes;
    const std::vector<group> gs = detail::align(a, b, weight, compare_options{}.limits, notes);
    std::size_t reworded = 0;
    for (const group& g : gs) reworded += g.k == kind::reworded ? 1 : 0;
    EXPECT_EQ(reworded, olds <= detail::kMaxPostings ? 2U : 0U) << olds;
  }
}

// align() makes its groups in the order the report gives them (order_groups() moves
// none: it was 25 ms of moving groups at 50 MB), whatever mix of kinds: units dropped at
// the start, between pairs and at the end, added, reworded, moved, repeated, split and
// merged, every unit in one group.
TEST(align, groups_come_in_the_order_of_the_report) {
  std::size_t splits = 0, merges = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&rng](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    // a unit: a fingerprint and a bag of four stems of its own (ids 10 * u .. 10 * u + 3)
    auto bag_of = [](std::uint32_t u) {
      return std::vector<std::uint32_t>{10 * u, 10 * u + 1, 10 * u + 2, 10 * u + 3};
    };
    detail::level_input a, b;
    const std::uint32_t olds = 20 + pick(40);
    const std::uint32_t merged = pick(olds - 1);  // (with the next one: written as one)
    constexpr std::uint32_t kMerged = 900;
    std::vector<std::uint32_t> news;  // the old units the new side holds, or fresh ones
    for (std::uint32_t u = 0; u < olds; ++u) {
      a.fingerprints.push_back(u % 7 == 6 ? 1 : 100 + u);  // (one repeated unit)
      a.bags.push_back(bag_of(u));
      if (u == merged)
        news.push_back(kMerged);
      else if (u != merged + 1 && pick(10) != 0)  // (a tenth dropped)
        news.push_back(u);
      if (pick(12) == 0) news.push_back(1000 + u);  // added
    }
    for (std::uint32_t k = 0; k < 3; ++k)  // moves
      std::swap(news[pick(static_cast<std::uint32_t>(news.size()))],
                news[pick(static_cast<std::uint32_t>(news.size()))]);
    for (std::uint32_t u : news) {
      if (u == kMerged) {
        std::vector<std::uint32_t> joined = bag_of(merged);
        for (std::uint32_t x : bag_of(merged + 1)) joined.push_back(x);
        std::sort(joined.begin(), joined.end());
        b.fingerprints.push_back(8000);
        b.bags.push_back(joined);
        continue;
      }
      if (u >= 1000) {
        b.fingerprints.push_back(u);
        b.bags.push_back(bag_of(u));
        continue;
      }
      const std::uint32_t how = pick(12);
      std::vector<std::uint32_t> bag = bag_of(u);
      if (how == 0) {  // reworded: one stem of four changed
        bag[3] = 10 * u + 9;
        b.fingerprints.push_back(5000 + u);
        b.bags.push_back(bag);
      } else if (how == 1) {  // split in two
        b.fingerprints.push_back(6000 + u);
        b.bags.push_back(std::vector<std::uint32_t>{bag[0], bag[1]});
        b.fingerprints.push_back(7000 + u);
        b.bags.push_back(std::vector<std::uint32_t>{bag[2], bag[3]});
      } else {
        b.fingerprints.push_back(a.fingerprints[u]);
        b.bags.push_back(bag);
      }
    }
    std::vector<float> weight(20000, 1.0F);
    std::vector<std::string> notes;
    const std::vector<group> got = detail::align(a, b, weight, compare_options{}.limits, notes);
    std::vector<group> ordered = got;
    detail::order_groups(ordered);
    EXPECT_EQ(got, ordered) << "seed " << seed;
    std::vector<int> seen_old(a.fingerprints.size(), 0), seen_new(b.fingerprints.size(), 0);
    for (const group& g : got) {
      for (std::uint32_t i : g.old_units) ++seen_old[i];
      for (std::uint32_t j : g.new_units) ++seen_new[j];
      splits += g.k == kind::split ? 1 : 0;
      merges += g.k == kind::merged ? 1 : 0;
    }
    EXPECT_TRUE(std::all_of(seen_old.begin(), seen_old.end(), [](int n) { return n == 1; }));
    EXPECT_TRUE(std::all_of(seen_new.begin(), seen_new.end(), [](int n) { return n == 1; }));
  }
  EXPECT_GT(splits, 0U);  // (the mix is there)
  EXPECT_GT(merges, 0U);
}

TEST(similarity, weighted_dice_and_containment) {
  const std::vector<float> w = {1, 1, 1, 1, 2};
  const auto o = detail::similarity({0, 1, 2, 4}, {0, 1, 4}, w);
  EXPECT_DOUBLE_EQ(o.dice, 2.0 * 4 / (5 + 4));
  EXPECT_DOUBLE_EQ(o.in_old, 4.0 / 5);
  EXPECT_DOUBLE_EQ(o.in_new, 1.0);
}

// The counted comparison is the merge's to the bit: the same common ids (repeats each as
// often as both bags hold it), their weights added in the same order, whichever bags
// came before; and a bag too long to count is merged.
TEST(similarity, counted_is_the_merge_to_the_bit) {
  std::mt19937 rng(7);
  std::vector<float> w(300);
  for (float& x : w) x = std::uniform_real_distribution<float>(0.01F, 9.0F)(rng);
  auto bag = [&](std::size_t n, std::uint32_t ids) {
    std::vector<std::uint32_t> b(n);
    for (auto& x : b) x = std::uniform_int_distribution<std::uint32_t>(0, ids - 1)(rng);
    std::sort(b.begin(), b.end());
    return b;
  };
  detail::bag_counts counts(w.size());
  for (int round = 0; round < 200; ++round) {
    // (few ids: many repeats on both sides)
    const std::uint32_t ids = round % 2 == 0 ? 12 : 300;
    const std::vector<std::uint32_t> a = bag(1 + round % 40, ids);
    counts.count(a);
    for (int other = 0; other < 5; ++other) {
      const std::vector<std::uint32_t> b = bag(other * 9, ids);
      const double ta = detail::weight_of(a, w), tb = detail::weight_of(b, w);
      const detail::overlap merged = detail::similarity(a, b, w, ta, tb);
      const detail::overlap counted = counts.similarity(b, w, ta, tb);
      ASSERT_EQ(std::memcmp(&merged, &counted, sizeof merged), 0)
          << "round " << round << ": " << merged.dice << " " << counted.dice;
    }
  }
  // 70,000 times one id (a 16-bit count would wrap), then a short bag again
  const std::vector<std::uint32_t> many(70000, 3), some = {3, 3, 5};
  for (const auto* a : {&many, &some}) {
    counts.count(*a);
    const double ta = detail::weight_of(*a, w), tb = detail::weight_of(many, w);
    const detail::overlap merged = detail::similarity(*a, many, w, ta, tb);
    const detail::overlap counted = counts.similarity(many, w, ta, tb);
    EXPECT_EQ(std::memcmp(&merged, &counted, sizeof merged), 0);
    EXPECT_GT(counted.dice, 0.0);
  }
}

}  // namespace
}  // namespace accordiff

namespace accordiff {
namespace {

// Past kMaxLcsSide units with no unique one to anchor on (one sentence repeated), both
// levels degrade, and each note says which level it is about.
TEST(align_limits, a_repeated_document_degrades_and_says_at_which_level) {
  std::string text;
  for (std::size_t k = 0; k <= detail::kMaxLcsSide; ++k) text += "Se reunieron.\n\n";
  const comparison c =
      testing::run("Primera.\n\n" + text + "Última.\n", "Inicio.\n\n" + text + "Final.\n");
  testing::expect_invariants(c);
  ASSERT_EQ(c.degraded.size(), 2U);
  EXPECT_EQ(c.degraded[0].rfind("paragraphs: a stretch of ", 0), 0U) << c.degraded[0];
  EXPECT_EQ(c.degraded[1].rfind("sentences: a stretch of ", 0), 0U) << c.degraded[1];
}

}  // namespace
}  // namespace accordiff
