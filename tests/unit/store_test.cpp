// The tracking store on real SQLite files in temporary folders: first run, unchanged
// re-run, changed run, lineages as the series computes them, predecessor discovery among
// decoys, foreign and corrupt files, migration from an older schema, writers at once.
#include "accordiff/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <barrier>
#include <cstdio>
#include <thread>

#include "store/store.hpp"
#include "support.hpp"

namespace accordiff {
namespace {

namespace fs = std::filesystem;
using testing::doc;
using testing::slurp;

const fs::path kFixtures = ACCORDIFF_FIXTURES;

std::shared_ptr<const document> gis(int v) {
  const fs::path p = kFixtures / "series" / "gis" / ("v" + std::to_string(v) + ".txt");
  return doc(slurp(p), p.string());
}

std::shared_ptr<const document> fixture(const std::string& rel) {
  const fs::path p = kFixtures / rel;
  return doc(slurp(p), p.string());
}

class store_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "accordiff-store-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    db_ = (dir_ / "watch.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  tracking_store open() {
    auto s = tracking_store::open(db_);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    return std::move(*s);
  }
  static track_outcome track(tracking_store& s, std::shared_ptr<const document> d,
                             const std::string& source) {
    track_options o;
    o.source = source;
    o.new_source_key = "new";
    auto out = s.track(std::move(d), o);
    EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message);
    return out ? std::move(*out) : track_outcome{};
  }
  void expect_consistent(tracking_store& s) {
    auto ok = s.check();
    EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error().message);
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(store_test, first_run_creates_the_store_and_records_version_1) {
  auto s = open();
  EXPECT_TRUE(fs::exists(db_));
  const auto out = track(s, gis(1), "sre/gis");
  EXPECT_TRUE(out.recorded);
  EXPECT_TRUE(out.new_source);
  EXPECT_EQ(out.version, 1u);
  EXPECT_EQ(out.previous, 0u);
  EXPECT_FALSE(out.diff.has_value());
  auto h = s.history("sre/gis");
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].summary, "first version");
  EXPECT_EQ((*h)[0].bytes, gis(1)->bytes.size());
  auto d = s.version_document("sre/gis", 1);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ((*d)->bytes, gis(1)->bytes) << "the original bytes come back";
  expect_consistent(s);
}

TEST_F(store_test, identical_republication_records_nothing) {
  auto s = open();
  (void)track(s, gis(1), "sre/gis");
  const auto again = track(s, gis(1), "sre/gis");
  EXPECT_FALSE(again.recorded);
  EXPECT_EQ(again.version, 1u);
  EXPECT_FALSE(again.changed());
  auto h = s.history("sre/gis");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->size(), 1u);
  expect_consistent(s);
}

TEST_F(store_test, changed_run_stores_the_report_and_show_reproduces_it) {
  auto s = open();
  (void)track(s, gis(1), "sre/gis");
  const auto out = track(s, gis(2), "sre/gis");
  EXPECT_TRUE(out.recorded);
  EXPECT_EQ(out.version, 2u);
  EXPECT_EQ(out.previous, 1u);
  EXPECT_TRUE(out.changed());
  auto stored = s.version_report("sre/gis", 2);
  ASSERT_TRUE(stored.has_value());
  const auto j = nlohmann::json::parse(*stored);
  EXPECT_EQ(j["schema"], "accordiff.report/1");
  EXPECT_TRUE(j["summary"]["changed"].get<bool>());
  // Compared again on the stored bytes, the report is the same, byte for byte.
  auto again = s.version_comparison("sre/gis", 2);
  ASSERT_TRUE(again.has_value());
  std::ostringstream json;
  write_json(json, *again);
  EXPECT_EQ(json.str(), *stored);
  auto first = s.version_report("sre/gis", 1);
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().message, "version 1 of 'sre/gis' is its first: there is no report");
  auto missing = s.version_report("sre/gis", 9);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "source 'sre/gis' has no version 9 (it has 2)");
  auto unknown = s.history("nobody");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "no source 'nobody' in the store");
  expect_consistent(s);
}

TEST_F(store_test, stored_lineages_are_the_series_lineages) {
  {
    auto s = open();
    for (int v = 1; v <= 4; ++v) (void)track(s, gis(v), "sre/gis");
    expect_consistent(s);
  }
  auto built = build_series({gis(1), gis(2), gis(3), gis(4)});
  ASSERT_TRUE(built.has_value());
  auto raw = detail::open_sqlite_store(db_, {});
  ASSERT_TRUE(raw.has_value());
  auto src = (*raw)->source("sre/gis");
  ASSERT_TRUE(src.has_value() && src->has_value());
  for (std::uint32_t v = 1; v <= 4; ++v) {
    auto row = (*raw)->version((*src)->id, v);
    ASSERT_TRUE(row.has_value() && row->has_value());
    auto tags = (*raw)->tags((**row).id);
    ASSERT_TRUE(tags.has_value());
    for (unit_level l : detail::kAllLevels)
      for (const detail::tagged& t : tags->at[detail::index_of(l)]) {
        ASSERT_LE(t.lineage, built->at(l).size());
        const lineage& g = built->at(l)[t.lineage - 1];
        const bool there =
            std::any_of(g.occurrences.begin(), g.occurrences.end(),
                        [&](const occurrence& o) { return o.version == v && o.where == t.where; });
        EXPECT_TRUE(there) << g.id() << " in version " << v;
      }
  }
  // The commitment dropped in v3 is stored as dropped after v3 and present again after v4.
  auto rows = (*raw)->lineages((*src)->id);
  ASSERT_TRUE(rows.has_value());
  std::size_t dropped = 0;
  for (const auto& r : *rows) dropped += r.status == detail::lineage_status::dropped;
  EXPECT_GT(dropped, 0u);
}

TEST_F(store_test, predecessor_found_among_decoys) {
  auto s = open();
  (void)track(s, gis(1), "sre/gis");
  (void)track(s, gis(2), "sre/gis");
  (void)track(s, gis(3), "sre/gis");
  // Decoys: the communiqué pair of the same body (another text of the same meetings, in
  // Spanish and in English) and the other fixtures.
  (void)track(s, fixture("gis/es/old.txt"), "sre/gis-mcallen");
  (void)track(s, fixture("gis/en/old.txt"), "state/gis-en");
  for (const char* c : {"abbreviations", "merge", "move-only", "near-duplicates", "reordered-list",
                        "reworded-paraphrase", "split", "typography"})
    (void)track(s, fixture(std::string("cases/") + c + "/old.txt"), std::string("case/") + c);

  auto p = s.find_predecessor(gis(4));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->best.source, "sre/gis");
  EXPECT_EQ(p->best.version, 3u);
  EXPECT_GE(p->sure, confidence::medium);

  track_options o;
  o.new_source_key = "v4";
  auto out = s.track(gis(4), o);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->source, "sre/gis");
  EXPECT_EQ(out->version, 4u);
  EXPECT_EQ(out->reinstated, 2u) << "the commitment and its sentence dropped in v3";
  ASSERT_TRUE(out->found.has_value());

  // A successor of another decoy goes to its own source.
  auto next = s.track(fixture("cases/split/new.txt"), o);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->source, "case/split");
  EXPECT_EQ(next->version, 2u);

  // Something unlike everything stored starts a source of its own, under the given key.
  auto fresh = s.track(doc("Quarterly bulletin of the lighthouse keepers' guild.\n\nThe "
                           "guild will repaint every lantern room before the winter storms.\n",
                           "bulletin.txt"),
                       o);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->source, "v4");
  EXPECT_TRUE(fresh->new_source);
  EXPECT_EQ(fresh->found->sure, confidence::none);

  auto similar = s.similar(gis(4), 3);
  ASSERT_TRUE(similar.has_value());
  ASSERT_EQ(similar->size(), 3u);
  EXPECT_EQ((*similar)[0].source, "sre/gis");
  EXPECT_EQ((*similar)[0].version, 4u);
  EXPECT_DOUBLE_EQ((*similar)[0].score, 1.0);
  EXPECT_GE((*similar)[0].score, (*similar)[1].score);
  expect_consistent(s);
}

TEST_F(store_test, unsure_predecessor_is_refused_when_asked_for_more) {
  auto s = open();
  (void)track(s, gis(1), "a");
  (void)track(s, gis(1), "b");  // the same text under two sources: no way to tell them apart
  track_options o;
  o.min_confidence = confidence::medium;
  auto out = s.track(gis(2), o);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("cannot tell which source this follows up"), std::string::npos)
      << out.error().message;
  expect_consistent(s);
}

TEST_F(store_test, foreign_and_corrupt_files_are_refused_with_the_reason) {
  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << "These are not the droids you are looking for.\n";
  auto t = tracking_store::open(text);
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code, errc::store);
  EXPECT_EQ(t.error().message, "not an accordiff store: file is not a database");
  EXPECT_EQ(slurp(text), "These are not the droids you are looking for.\n") << "left as it was";

  const std::string foreign = (dir_ / "other.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  auto f = tracking_store::open(foreign);
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().message, "not an accordiff store (a database with other tables)");

  const std::string newer = (dir_ / "newer.db").string();
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA application_id=1094927430; PRAGMA user_version=99;", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto n = tracking_store::open(newer);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().message,
            "the store has schema 99, newer than this accordiff understands (2): use a newer "
            "accordiff");

  auto d = tracking_store::open(dir_.string());
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().message, "is a directory, not a store");

  store_options no_create;
  no_create.create = false;
  auto none = tracking_store::open((dir_ / "absent.db").string(), no_create);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().message, "no store here (accordiff track creates one)");
  EXPECT_FALSE(fs::exists(dir_ / "absent.db"));
}

TEST_F(store_test, corruption_is_reported_not_ignored) {
  {
    auto s = open();
    for (int v = 1; v <= 4; ++v) (void)track(s, gis(v), "sre/gis");
  }
  {
    // Fold the WAL into the main file, then scribble over the pages after the first.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  const auto size = fs::file_size(db_);
  ASSERT_GT(size, 8192u);
  {
    std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(static_cast<std::size_t>(size) - 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto s = tracking_store::open(db_);
  result<void> ok;
  if (s) ok = s->check();
  const error e = s ? (ok ? error{} : ok.error()) : s.error();
  EXPECT_EQ(e.code, errc::store);
  EXPECT_NE(e.message.find("corrupt"), std::string::npos) << e.message;
}

TEST_F(store_test, an_older_schema_is_migrated_forward_with_its_versions) {
  {
    // A store of schema 1 (no similarity index) holding one version.
    detail::sqlite_open_options o;
    o.target_schema = 1;
    auto old = detail::open_sqlite_store(db_, o);
    ASSERT_TRUE(old.has_value()) << old.error().message;
  }
  const std::string bytes(gis(3)->bytes.view());
  const std::string packed = detail::compress(bytes);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO sources(id, key, created) VALUES(1, 'sre/gis', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO versions(id, source_id, number, xxh3_128, seen, path, "
                               "format, language, size, codec, content, paragraphs, sentences, "
                               "commitments, compared_with, changed, summary) VALUES(1, 1, 1, "
                               "'x', 0, 'v3.txt', 'text', 'es', ?, 'zlib', ?, 0, 0, 0, 0, 0, "
                               "'first version')",
                               -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(bytes.size()));
  sqlite3_bind_blob(st, 2, packed.data(), static_cast<int>(packed.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO units VALUES(1, 0, x''), (1, 1, x''), (1, 2, x'');"
                         "PRAGMA user_version",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  auto s = open();
  auto similar = s.similar(gis(4), 1);
  ASSERT_TRUE(similar.has_value()) << similar.error().message;
  ASSERT_EQ(similar->size(), 1u) << "the version stored before the index is found";
  EXPECT_EQ((*similar)[0].source, "sre/gis");
  expect_consistent(s);
}

TEST_F(store_test, writers_at_once_serialize) {
  // Four connections record four versions of one source at the same time: every version
  // lands whole, numbered 1 to 4, whatever the order.
  std::vector<std::thread> threads;
  std::array<bool, 4> ok{};  // one element per thread (not vector<bool>: shared bits)
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      auto s = tracking_store::open(db_);
      if (!s) return;
      track_options o;
      o.source = "sre/gis";
      auto out = s->track(gis(k + 1), o);
      ok.at(static_cast<std::size_t>(k)) = out.has_value() && out->recorded;
    });
  for (auto& t : threads) t.join();
  for (int k = 0; k < 4; ++k) EXPECT_TRUE(ok.at(static_cast<std::size_t>(k))) << "writer " << k;
  auto s = open();
  auto h = s.history("sre/gis");
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->size(), 4u);
  for (std::uint32_t v = 1; v <= 4; ++v) EXPECT_EQ((*h)[v - 1].number, v);
  expect_consistent(s);
}

// Switching a new store to WAL needs an exclusive lock that SQLite does not wait for when
// it sees two connections that could deadlock: runs that open a new store at the same
// moment (several nightly jobs starting at once) must wait for each other, not fail as
// busy. Eight connections open each of forty new stores at once.
TEST_F(store_test, runs_opening_a_new_store_at_once_all_open_it) {
  constexpr int kRuns = 8;
  std::size_t failed = 0;
  std::string why;
  for (int round = 0; round < 40; ++round) {
    const std::string path = (dir_ / ("new-" + std::to_string(round) + ".db")).string();
    std::barrier start(kRuns);
    std::array<std::string, kRuns> errors;
    std::vector<std::thread> runs;
    for (int k = 0; k < kRuns; ++k)
      runs.emplace_back([&, k] {
        start.arrive_and_wait();
        auto s = tracking_store::open(path);
        if (!s) errors.at(static_cast<std::size_t>(k)) = s.error().message;
      });
    for (auto& t : runs) t.join();
    for (const std::string& e : errors)
      if (!e.empty()) {
        ++failed;
        why = e;
      }
  }
  EXPECT_EQ(failed, 0U) << why;
}

}  // namespace
}  // namespace accordiff
