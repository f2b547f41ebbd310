// Series and lineage: ids carried across releases, rewordings, drops and reinstatements.
#include "accordiff/series.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "series/lineage.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;
using testing::doc;
using testing::slurp;

const fs::path kSeries = fs::path(ACCORDIFF_FIXTURES) / "series" / "gis";

std::vector<std::shared_ptr<const document>> gis_versions() {
  std::vector<std::shared_ptr<const document>> v;
  for (int k = 1; k <= 4; ++k) {
    const fs::path p = kSeries / ("v" + std::to_string(k) + ".txt");
    v.push_back(doc(slurp(p), p.string()));
  }
  return v;
}

series build(const std::vector<std::shared_ptr<const document>>& docs) {
  auto s = build_series(docs);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return std::move(*s);
}

// The lineage whose text in `version` contains `needle`.
const lineage* find(const series& s, unit_level l, std::uint32_t version, std::string_view needle) {
  for (const lineage& g : s.at(l))
    for (const occurrence& o : g.occurrences)
      if (o.version == version &&
          s.versions[version - 1].doc->text(o.where).find(needle) != std::string_view::npos)
        return &g;
  return nullptr;
}

std::vector<std::uint32_t> present(const lineage& g) {
  std::vector<std::uint32_t> v;
  for (const occurrence& o : g.occurrences) v.push_back(o.version);
  return v;
}

std::vector<std::pair<std::uint32_t, lineage_event_kind>> events(const lineage& g) {
  std::vector<std::pair<std::uint32_t, lineage_event_kind>> v;
  for (const lineage_event& e : g.events) v.emplace_back(e.version, e.kind);
  return v;
}

using K = lineage_event_kind;

TEST(series, commitment_dropped_in_v3_is_reinstated_in_v4_under_its_id) {
  const series s = build(gis_versions());
  const lineage* g = find(s, unit_level::commitment, 1, "mantener los operativos conjuntos");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(present(*g), (std::vector<std::uint32_t>{1, 2, 4}));
  EXPECT_EQ(events(*g), (std::vector<std::pair<std::uint32_t, K>>{
                            {1, K::first_seen}, {3, K::dropped}, {4, K::reinstated}}));
  EXPECT_EQ(g->events.back().since, 2u);
  EXPECT_FALSE(g->events.back().edits.empty()) << "v4 words it differently";
  EXPECT_EQ(find(s, unit_level::commitment, 4, "cargadores"), g);
  // The sentence holding it comes back too.
  const lineage* sg = find(s, unit_level::sentence, 2, "mantener los operativos conjuntos");
  ASSERT_NE(sg, nullptr);
  EXPECT_EQ(present(*sg), (std::vector<std::uint32_t>{1, 2, 4}));
}

TEST(series, commitment_reworded_twice_keeps_its_id) {
  const series s = build(gis_versions());
  const lineage* g = find(s, unit_level::commitment, 1, "dar continuidad");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(present(*g), (std::vector<std::uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(events(*g), (std::vector<std::pair<std::uint32_t, K>>{
                            {1, K::first_seen}, {2, K::reworded}, {3, K::reworded}}));
  EXPECT_EQ(find(s, unit_level::commitment, 4, "intensificar y acelerar"), g);
  // The next meeting moves every time: reworded three times with typed changes.
  const lineage* next = find(s, unit_level::commitment, 1, "próxima reunión");
  ASSERT_NE(next, nullptr);
  ASSERT_EQ(next->events.size(), 4u);
  for (std::size_t k = 1; k < 4; ++k) {
    EXPECT_EQ(next->events[k].kind, K::reworded);
    const auto& ch = next->events[k].changes;
    EXPECT_TRUE(std::any_of(ch.begin(), ch.end(), [](const auto& c) { return c.type == "date"; }));
  }
}

TEST(series, commitment_dropped_for_good_and_commitments_added_later) {
  const series s = build(gis_versions());
  const lineage* g = find(s, unit_level::commitment, 1, "evaluar la instalación");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->last_seen(), 3u);
  EXPECT_EQ(events(*g).back(), (std::pair<std::uint32_t, K>{4, K::dropped}));
  const lineage* drones = find(s, unit_level::commitment, 2, "drones");
  ASSERT_NE(drones, nullptr);
  EXPECT_EQ(drones->first_seen(), 2u);
  const lineage* moved = find(s, unit_level::paragraph, 2, "drones");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(events(*moved)[1], (std::pair<std::uint32_t, K>{3, K::moved}));
}

// Nothing is lost: each unit of each version is in exactly one lineage of its level, and
// ids are numbered in order of first appearance.
TEST(series, every_unit_of_every_version_is_in_exactly_one_lineage) {
  const auto docs = gis_versions();
  const series s = build(docs);
  for (unit_level l : detail::kAllLevels) {
    std::uint32_t number = 0, first = 1;
    for (const lineage& g : s.at(l)) {
      EXPECT_EQ(g.number, ++number);
      EXPECT_GE(g.first_seen(), first) << g.id();
      first = g.first_seen();
      EXPECT_EQ(g.events.front().kind, K::first_seen) << g.id();
    }
  }
  for (std::uint32_t v = 1; v <= docs.size(); ++v) {
    auto a = analyze(docs[v - 1]);
    ASSERT_TRUE(a.has_value());
    std::vector<span> want_p, got_p, want_c, got_c;
    for (const unit& u : a->s.paragraphs) want_p.push_back(u.where);
    for (const commitment_side& c : a->commitments) want_c.push_back(c.where);
    for (const lineage& g : s.paragraphs)
      for (const occurrence& o : g.occurrences)
        if (o.version == v) got_p.push_back(o.where);
    for (const lineage& g : s.commitments)
      for (const occurrence& o : g.occurrences)
        if (o.version == v) got_c.push_back(o.where);
    auto by_start = [](const span& x, const span& y) { return x.start < y.start; };
    std::sort(got_p.begin(), got_p.end(), by_start);
    std::sort(got_c.begin(), got_c.end(), by_start);
    std::sort(want_c.begin(), want_c.end(), by_start);
    EXPECT_EQ(got_p, want_p) << "version " << v;
    EXPECT_EQ(got_c, want_c) << "version " << v;
    std::size_t sentences = 0;
    for (const lineage& g : s.sentences)
      for (const occurrence& o : g.occurrences) sentences += o.version == v;
    EXPECT_EQ(sentences, a->s.sentences.size()) << "version " << v;
  }
}

TEST(series, output_is_deterministic) {
  std::ostringstream a, b, t1, t2;
  write_series_json(a, build(gis_versions()));
  write_series_json(b, build(gis_versions()));
  EXPECT_EQ(a.str(), b.str());
  write_series_text(t1, build(gis_versions()));
  write_series_text(t2, build(gis_versions()));
  EXPECT_EQ(t1.str(), t2.str());
  const auto j = nlohmann::json::parse(a.str());
  EXPECT_EQ(j["schema"], "accordiff.series/1");
  EXPECT_EQ(j["versions"].size(), 4u);
  EXPECT_EQ(j["summary"]["commitments"]["reinstated"], 1);
}

TEST(series, identical_versions_change_nothing) {
  const std::string text = "One paragraph here.\n\nThe parties agreed to meet again in May.\n";
  const series s = build({doc(text), doc(text), doc(text)});
  for (unit_level l : detail::kAllLevels)
    for (const lineage& g : s.at(l)) {
      EXPECT_EQ(present(g), (std::vector<std::uint32_t>{1, 2, 3}));
      EXPECT_EQ(g.events.size(), 1u);
    }
  EXPECT_EQ(s.commitments.size(), 1u);
}

TEST(series, commitments_of_a_lead_in_list_are_followed_from_the_first_version) {
  // "acordaron:" and its items: the first version holds the two listed commitments, as
  // the comparisons after it do, so each keeps one lineage from version 1 on
  const std::string text =
      "Los dos gobiernos acordaron:\n\n- reforzar la vigilancia de drones;\n\n"
      "- combatir el robo de combustible.\n";
  const series s = build({doc(text), doc(text)});
  ASSERT_EQ(s.commitments.size(), 2u);
  for (const lineage& g : s.commitments) {
    EXPECT_EQ(present(g), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(events(g), (std::vector<std::pair<std::uint32_t, K>>{{1, K::first_seen}}));
  }
  EXPECT_NE(find(s, unit_level::commitment, 1, "robo de combustible"), nullptr);
}

TEST(series, same_text_comes_back_after_a_long_absence) {
  // Back after more versions than the similarity search looks at: found by fingerprint.
  const std::string keep = "The council met today.\n\n";
  const std::string gone = "The council agreed to publish the water levels every week.\n\n";
  std::vector<std::shared_ptr<const document>> docs{doc(keep + gone)};
  for (std::size_t k = 0; k < detail::kMaxReinstateLookback + 2; ++k)
    docs.push_back(doc(keep + "Filler number " + std::to_string(k) + " of the minutes.\n\n"));
  docs.push_back(doc(keep + gone));
  const series s = build(docs);
  const lineage* g = find(s, unit_level::sentence, 1, "water levels");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->last_seen(), docs.size());
  EXPECT_EQ(g->events.back().kind, K::reinstated);
  EXPECT_EQ(g->events.back().since, 1u);
  EXPECT_TRUE(g->events.back().edits.empty());
  EXPECT_EQ(find(s, unit_level::commitment, static_cast<std::uint32_t>(docs.size()), "publish"),
            &s.commitments.front());
}

TEST(series, split_keeps_the_id_on_the_first_piece) {
  const fs::path dir = fs::path(ACCORDIFF_FIXTURES) / "cases" / "split";
  const series s = build({doc(slurp(dir / "old.txt")), doc(slurp(dir / "new.txt"))});
  const lineage* whole = find(s, unit_level::sentence, 1, "se comprometió a publicar");
  ASSERT_NE(whole, nullptr);
  ASSERT_EQ(whole->events.size(), 2u);
  EXPECT_EQ(whole->events[1].kind, K::split);
  ASSERT_EQ(whole->events[1].related.size(), 1u);
  const lineage& piece = s.sentences[whole->events[1].related[0] - 1];
  EXPECT_EQ(piece.first_seen(), 2u);
  EXPECT_EQ(piece.events.front().related, (std::vector<std::uint32_t>{whole->number}));
}

TEST(series, merge_ends_the_absorbed_lineage) {
  const fs::path dir = fs::path(ACCORDIFF_FIXTURES) / "cases" / "merge";
  const series s = build({doc(slurp(dir / "old.txt")), doc(slurp(dir / "new.txt"))});
  std::size_t merged = 0, into = 0;
  for (const lineage& g : s.sentences)
    for (const lineage_event& e : g.events) {
      merged += e.kind == K::merged;
      into += e.kind == K::merged_into;
    }
  EXPECT_EQ(merged, 1u);
  EXPECT_EQ(into, 1u);
}

TEST(series, state_from_one_run_carries_into_the_next) {
  // What track does: advance one comparison at a time from a state kept elsewhere.
  const auto docs = gis_versions();
  detail::lineage_state st;
  auto a = analyze(docs[0]);
  ASSERT_TRUE(a.has_value());
  (void)detail::first_version(st, *a);
  std::vector<std::string> degraded;
  for (std::size_t k = 1; k < docs.size(); ++k) {
    detail::lineage_state copy = st;  // as if saved and loaded
    auto c = compare(docs[k - 1], docs[k]);
    ASSERT_TRUE(c.has_value());
    auto step = detail::advance(
        copy, *c,
        [&](std::uint32_t v) -> result<std::shared_ptr<const document>> { return docs[v - 1]; },
        degraded);
    ASSERT_TRUE(step.has_value());
    st = copy;
  }
  const series s = build(docs);
  for (unit_level l : detail::kAllLevels) {
    const auto& tags = st.latest.at[detail::index_of(l)];
    for (const detail::tagged& t : tags) {
      const lineage& g = s.at(l)[t.lineage - 1];
      EXPECT_EQ(g.occurrences.back().version, 4u);
      EXPECT_EQ(g.occurrences.back().where, t.where);
    }
  }
}

TEST(series, needs_a_version) { EXPECT_FALSE(build_series({}).has_value()); }

}  // namespace
}  // namespace accordiff
