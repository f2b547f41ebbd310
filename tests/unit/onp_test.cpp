// edit_script() against dtl, whose scripts the reports were made with: the same steps in
// the same order, ties and restarts included.
#include "util/onp.hpp"

#include <gtest/gtest.h>

#include <dtl/dtl.hpp>

#include <cstdint>
#include <random>
#include <span>
#include <type_traits>
#include <vector>

namespace accordiff::detail {
namespace {

template <class T>
std::vector<script_step> dtl_script(const std::vector<T>& a, const std::vector<T>& b) {
  dtl::Diff<T, std::vector<T>> d(a, b);
  d.compose();
  std::vector<script_step> out;
  for (const auto& [elem, info] : d.getSes().getSequence()) {
    const script_step::kind k = info.type == dtl::SES_COMMON   ? script_step::common
                                : info.type == dtl::SES_DELETE ? script_step::del
                                                               : script_step::add;
    out.push_back({k, info.beforeIdx, info.afterIdx});
  }
  return out;
}

// A script that makes `b` from `a`: every unit of each once, in order, and the units it
// keeps the same on both sides.
template <class T>
void expect_valid(const std::vector<script_step>& script, const std::vector<T>& a,
                  const std::vector<T>& b) {
  std::int64_t next_a = 1, next_b = 1;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const script_step& s = script[i];
    if (s.k != script_step::add) {
      ASSERT_EQ(s.a, next_a++) << "step " << i;
    }
    if (s.k != script_step::del) {
      ASSERT_EQ(s.b, next_b++) << "step " << i;
    }
    if (s.k == script_step::common) {
      ASSERT_EQ(a[static_cast<std::size_t>(s.a - 1)], b[static_cast<std::size_t>(s.b - 1)])
          << "step " << i;
    }
  }
  EXPECT_EQ(next_a, static_cast<std::int64_t>(a.size()) + 1);
  EXPECT_EQ(next_b, static_cast<std::int64_t>(b.size()) + 1);
}

template <class T>
void expect_as_dtl(const std::vector<T>& a, const std::vector<T>& b) {
  const std::vector<script_step> want = dtl_script(a, b);
  const std::vector<script_step> got = edit_script(std::span<const T>(a), std::span<const T>(b));
  expect_valid(got, a, b);
  ASSERT_EQ(got.size(), want.size()) << a.size() << " x " << b.size();
  for (std::size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i].k, want[i].k) << "step " << i;
    ASSERT_EQ(got[i].a, want[i].a) << "step " << i;
    ASSERT_EQ(got[i].b, want[i].b) << "step " << i;
  }
  // the same with ends after each sequence (what word_edits() gives): the same script
  if constexpr (std::is_same_v<T, std::uint32_t>) {
    std::vector<T> ea = a, eb = b;
    ea.push_back(0xFFFFFFFF);
    eb.push_back(0xFFFFFFFE);
    const std::vector<script_step> ended = edit_script<T, true>(
        std::span<const T>(ea.data(), a.size()), std::span<const T>(eb.data(), b.size()));
    ASSERT_EQ(ended.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(ended[i].k, want[i].k) << "step " << i;
      ASSERT_EQ(ended[i].a, want[i].a) << "step " << i;
      ASSERT_EQ(ended[i].b, want[i].b) << "step " << i;
    }
  }
}

std::vector<std::uint32_t> random_words(std::mt19937& rng, std::size_t n, std::uint32_t alphabet) {
  std::uniform_int_distribution<std::uint32_t> pick(0, alphabet - 1);
  std::vector<std::uint32_t> out(n);
  for (auto& w : out) w = pick(rng);
  return out;
}

TEST(edit_script, is_dtls_on_empty_and_equal_sequences) {
  const std::vector<std::uint32_t> none, one{7}, three{1, 2, 3};
  expect_as_dtl(none, none);
  expect_as_dtl(none, three);
  expect_as_dtl(three, none);
  expect_as_dtl(one, one);
  expect_as_dtl(three, three);
}

// Small alphabets make many scripts of the same length: which one comes out is dtl's
// choice, kept (shorter first, as long, longer first).
TEST(edit_script, breaks_ties_as_dtl_does) {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 3000; ++round) {
    const std::uint32_t alphabet = 2 + static_cast<std::uint32_t>(round % 5) * 3;
    const std::size_t n = rng() % 40, m = round % 7 == 0 ? n : rng() % 40;
    const auto a = random_words(rng, n, alphabet);
    auto b = random_words(rng, m, alphabet);
    SCOPED_TRACE(round);
    expect_as_dtl(a, b);
    // a reworded text: the same words with a few changed, dropped and added
    std::vector<std::uint32_t> c = a;
    for (std::size_t k = 0; k < c.size(); k += 1 + rng() % 6) c[k] = rng() % alphabet;
    if (!c.empty() && rng() % 2 == 0) c.erase(c.begin() + static_cast<long>(rng() % c.size()));
    c.insert(c.begin() + static_cast<long>(c.empty() ? 0 : rng() % c.size()), rng() % alphabet);
    expect_as_dtl(a, c);
    expect_as_dtl(c, a);
  }
}

// Fingerprints (64-bit) as the aligner diffs them.
TEST(edit_script, is_dtls_on_fingerprints) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::uint64_t> a(rng() % 300), b;
    for (auto& f : a) f = rng() % 50 == 0 ? 1 : rng();
    for (const std::uint64_t f : a)
      if (rng() % 10 != 0) b.push_back(rng() % 20 == 0 ? rng() : f);
    SCOPED_TRACE(round);
    expect_as_dtl(a, b);
  }
}

// Past 2,000,000 points dtl stops, keeps the script so far and starts again from there
// (two texts of 2,600 words with little in common: once).
TEST(edit_script, restarts_where_dtl_does) {
  std::mt19937 rng(3);
  const auto a = random_words(rng, 2600, 100000);
  const auto b = random_words(rng, 2700, 100000);
  expect_as_dtl(a, b);
  expect_as_dtl(b, a);  // (the longer first: dtl swaps them)
}

// From a second restart on, dtl's indices are wrong (its "common" steps pair words that
// differ); edit_script's are right.
TEST(edit_script, counts_from_the_start_after_restarting_twice) {
  std::mt19937 rng(4);
  const auto a = random_words(rng, 6000, 100000);
  auto b = random_words(rng, 6100, 100000);
  for (std::size_t k = 0; k < 6000; k += 200) b[k + 50] = a[k];  // a few words in common
  const std::vector<script_step> got =
      edit_script(std::span<const std::uint32_t>(a), std::span<const std::uint32_t>(b));
  expect_valid(got, a, b);
  std::size_t common = 0;
  for (const script_step& s : got) common += s.k == script_step::common;
  EXPECT_GT(common, 0U);
}

}  // namespace
}  // namespace accordiff::detail
