// Golden reports and report properties on every fixture.
//
// Each folder under fixtures/gis and fixtures/cases holds old.txt, new.txt and
// expected.json. A changed report fails the test with the command that regenerates the
// expected files; review the regenerated JSON as text in the diff:
//   ACCORDIFF_UPDATE_GOLDEN=1 ctest --preset dev -L golden
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "report/summary.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> fixture_cases() {
  std::vector<std::string> out;
  const fs::path root(ACCORDIFF_FIXTURES);
  for (const char* set : {"gis", "cases"}) {
    if (!fs::exists(root / set)) continue;
    for (const auto& e : fs::directory_iterator(root / set))
      if (fs::exists(e.path() / "old.txt") && fs::exists(e.path() / "new.txt"))
        out.push_back(std::string(set) + "/" + e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::shared_ptr<const document> load(const std::string& c, const char* file) {
  const fs::path p = fs::path(ACCORDIFF_FIXTURES) / c / file;
  auto d = read_bytes(testing::slurp(p), "fixtures/" + c + "/" + file);
  EXPECT_TRUE(d) << p;
  return std::make_shared<const document>(std::move(*d));
}

class fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(fixture, matches_the_golden_report) {
  const auto c = compare(load(GetParam(), "old.txt"), load(GetParam(), "new.txt"));
  ASSERT_TRUE(c);
  std::ostringstream out;
  write_json(out, *c);
  const fs::path expected = fs::path(ACCORDIFF_FIXTURES) / GetParam() / "expected.json";
  if (std::getenv("ACCORDIFF_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected, std::ios::binary) << out.str();
    GTEST_SKIP() << "regenerated " << expected;
  }
  ASSERT_TRUE(fs::exists(expected))
      << expected
      << " is missing; create it with ACCORDIFF_UPDATE_GOLDEN=1 ctest --preset dev -L golden";
  EXPECT_EQ(out.str(), testing::slurp(expected))
      << "the report of " << GetParam() << " changed; if the change is right, regenerate with\n"
      << "  ACCORDIFF_UPDATE_GOLDEN=1 ctest --preset dev -L golden\nand review the diff";
}

TEST_P(fixture, holds_the_invariants) {
  const auto c = compare(load(GetParam(), "old.txt"), load(GetParam(), "new.txt"));
  ASSERT_TRUE(c);
  testing::expect_invariants(*c);
}

TEST_P(fixture, compared_with_itself_has_no_change) {
  for (const char* f : {"old.txt", "new.txt"}) {
    const auto d = load(GetParam(), f);
    const auto c = compare(d, d);
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->changed()) << f;
    testing::expect_invariants(*c);
  }
}

TEST_P(fixture, swapping_inputs_swaps_added_dropped_split_merged) {
  const auto a = load(GetParam(), "old.txt");
  const auto b = load(GetParam(), "new.txt");
  const auto ab = compare(a, b);
  const auto ba = compare(b, a);
  ASSERT_TRUE(ab);
  ASSERT_TRUE(ba);
  testing::expect_invariants(*ba);
  for (int lvl = 0; lvl < 2; ++lvl) {
    const auto x = detail::count(lvl == 0 ? ab->paragraphs : ab->sentences);
    const auto y = detail::count(lvl == 0 ? ba->paragraphs : ba->sentences);
    EXPECT_EQ(x.added, y.dropped) << "level " << lvl;
    EXPECT_EQ(x.dropped, y.added) << "level " << lvl;
    EXPECT_EQ(x.split, y.merged) << "level " << lvl;
    EXPECT_EQ(x.merged, y.split) << "level " << lvl;
    EXPECT_EQ(x.unchanged + x.moved, y.unchanged + y.moved) << "level " << lvl;
    EXPECT_EQ(x.reworded, y.reworded) << "level " << lvl;
  }
}

INSTANTIATE_TEST_SUITE_P(fixtures, fixture, ::testing::ValuesIn(fixture_cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace accordiff
