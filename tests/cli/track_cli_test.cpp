// End-to-end tests of the store commands (track, history, show, similar, series) on the
// real binary and real store files: exit codes, messages, reports, runs at once.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "accordiff/store.hpp"
#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace accordiff::cli_testing;

const fs::path kFixtures = ACCORDIFF_FIXTURES;

std::string gis(int v) {
  return (kFixtures / "series" / "gis" / ("v" + std::to_string(v) + ".txt")).string();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void expect_trouble(const run_result& r, const std::string& line) {
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, line + "\n");
}

std::vector<std::string> env() { return env_with("SOURCE_DATE_EPOCH=1765411200"); }

class TrackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "accordiff-track-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr) << std::strerror(errno);
    dir_ = tmpl;
    db_ = (dir_ / "watch.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  run_result track(std::vector<std::string> args) {
    args.insert(args.begin(), {"track", "--store", db_});
    return run(args, "/dev/null", env());
  }
  void expect_consistent() {
    auto st = accordiff::tracking_store::open(db_);
    ASSERT_TRUE(st.has_value()) << st.error().message;
    auto ok = st->check();
    EXPECT_TRUE(ok.has_value()) << ok.error().message;
  }
  fs::path dir_;
  std::string db_;
};

TEST_F(TrackTest, FirstUnchangedAndChangedRuns) {
  auto first = track({"--source", "sre/gis", gis(1)});
  EXPECT_EQ(first.status, 1) << first.err;
  EXPECT_EQ(first.err, "");
  EXPECT_EQ(first.out, "sre/gis: version 1 recorded (first version, new source)\n");

  auto same = track({"--source", "sre/gis", gis(1)});
  EXPECT_EQ(same.status, 0) << same.err;
  EXPECT_EQ(same.out, "sre/gis: unchanged, identical to version 1; nothing recorded\n");

  const fs::path reports = dir_ / "reports";
  auto changed = track({"--source", "sre/gis", "--report-dir", reports.string(), gis(2)});
  EXPECT_EQ(changed.status, 1) << changed.err;
  EXPECT_EQ(changed.err, "");
  const fs::path report = reports / "sre_gis.v2.json";
  EXPECT_NE(changed.out.find("sre/gis: version 2 recorded, compared with version 1\n"),
            std::string::npos)
      << changed.out;
  EXPECT_NE(changed.out.find("commitments: 2 new, 0 dropped, 4 reworded"), std::string::npos)
      << changed.out;
  EXPECT_NE(changed.out.find("report: " + report.string() + "\n"), std::string::npos);
  const json j = json::parse(slurp(report));
  EXPECT_EQ(j["schema"], "accordiff.report/1");
  EXPECT_EQ(j["new"]["path"], gis(2));

  // show -f json gives the stored report, which is the file written.
  auto shown = run({"show", "--store", db_, "--source", "sre/gis", "--version", "2", "-f", "json"});
  EXPECT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.out, slurp(report));
  auto text = run({"show", "--store", db_, "--source", "sre/gis"});
  EXPECT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.rfind("--- " + gis(1), 0), 0u) << text.out;
  EXPECT_NE(text.out.find("[-200-]{+350+}"), std::string::npos);
  expect_consistent();
}

TEST_F(TrackTest, HistoryListsVersionsAndSources) {
  ASSERT_EQ(track({"--source", "sre/gis", gis(1), gis(2), gis(3)}).status, 1);
  auto h = run({"history", "--store", db_, "--source", "sre/gis"}, "/dev/null", env());
  EXPECT_EQ(h.status, 0) << h.err;
  EXPECT_EQ(h.out.rfind("sre/gis: 3 versions\n  v1  2025-12-11T00:00:00Z  " + gis(1), 0), 0u)
      << h.out;
  EXPECT_NE(h.out.find("      vs v2: sentences: 5 reworded, 1 moved, 1 added, 2 dropped"),
            std::string::npos)
      << h.out;
  auto hj = run({"history", "--store", db_, "--source", "sre/gis", "-f", "json"});
  const json j = json::parse(hj.out);
  EXPECT_EQ(j["schema"], "accordiff.history/1");
  ASSERT_EQ(j["versions"].size(), 3u);
  EXPECT_EQ(j["versions"][2]["compared_with"], 2);
  EXPECT_EQ(j["versions"][0]["compared_with"], nullptr);
  auto sources = run({"history", "--store", db_});
  EXPECT_EQ(sources.out, "sre/gis  3 versions, since 2025-12-11T00:00:00Z\n");
}

TEST_F(TrackTest, PredecessorFoundWithoutSource) {
  ASSERT_EQ(track({"--source", "sre/gis", gis(1), gis(2)}).status, 1);
  ASSERT_EQ(track({"--source", "case/split", (kFixtures / "cases/split/old.txt").string()}).status,
            1);
  auto r = track({gis(3)});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("sre/gis: version 3 recorded, compared with version 2\n  predecessor: "
                       "sre/gis@2 similarity "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("confidence high"), std::string::npos) << r.out;

  auto fresh = track({(kFixtures / "cases/merge/old.txt").string()});
  EXPECT_EQ(fresh.status, 1) << fresh.err;
  EXPECT_EQ(fresh.out.rfind("old: version 1 recorded (first version, new source)\n", 0), 0u)
      << fresh.out;

  auto similar = run({"similar", "--store", db_, gis(4), "-n", "2"});
  EXPECT_EQ(similar.status, 0) << similar.err;
  EXPECT_NE(similar.out.find("  sre/gis@3  " + gis(3) + "\n"), std::string::npos) << similar.out;
  EXPECT_NE(similar.out.find("follows up: sre/gis, confidence high"), std::string::npos);
  auto sj = run({"similar", "--store", db_, gis(4), "-f", "json"});
  const json j = json::parse(sj.out);
  EXPECT_EQ(j["predecessor"]["source"], "sre/gis");
  EXPECT_EQ(j["similar"][0]["version"], 3);
  expect_consistent();
}

TEST_F(TrackTest, ManifestNamesTheSource) {
  const fs::path m = dir_ / "gis-v1.json";
  std::ofstream(m) << R"({"source": "sre/gis", "document": ")" << gis(1)
                   << R"(", "published": "2025-10-17"})";
  auto r = track({m.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "sre/gis: version 1 recorded (first version, new source)\n");
  auto hj = run({"history", "--store", db_, "--source", "sre/gis", "-f", "json"});
  const json j = json::parse(hj.out);
  EXPECT_EQ(j["versions"][0]["metadata"]["published"], "2025-10-17");
  EXPECT_EQ(j["versions"][0]["path"], gis(1));

  const fs::path bad = dir_ / "bad.json";
  std::ofstream(bad) << R"({"source": "sre/gis"})";
  expect_trouble(
      track({bad.string()}),
      "accordiff: " + bad.string() + ": not a manifest: no \"document\" (the file to track)");
  expect_trouble(
      track({"--source", "other", m.string()}),
      "accordiff: " + m.string() + ": manifest names source 'sre/gis', but --source says 'other'");
}

TEST_F(TrackTest, SeriesFromTheStoreAndFromFiles) {
  ASSERT_EQ(track({"--source", "sre/gis", gis(1), gis(2), gis(3), gis(4)}).status, 1);
  auto stored = run({"series", "--store", db_, "--source", "sre/gis", "-f", "json"});
  EXPECT_EQ(stored.status, 1) << stored.err;
  auto files = run({"series", gis(1), gis(2), gis(3), gis(4), "-f", "json"});
  EXPECT_EQ(files.status, 1) << files.err;
  json a = json::parse(stored.out), b = json::parse(files.out);
  EXPECT_EQ(a["versions"][0]["label"], "sre/gis@1");
  EXPECT_EQ(a["commitments"], b["commitments"]) << "the same lineages either way";
  auto mixed = run({"series", "--store", db_, "sre/gis@2", gis(4)});
  EXPECT_EQ(mixed.status, 1) << mixed.err;
  EXPECT_NE(mixed.out.find("  v1  sre/gis@2  (es"), std::string::npos) << mixed.out;
  auto text = run({"series", gis(1), gis(2), gis(3), gis(4)});
  EXPECT_NE(text.out.find("  c2  + = - R  "), std::string::npos) << text.out;
  auto one = run({"series", gis(1)});
  EXPECT_EQ(one.status, 0) << one.err;
}

TEST_F(TrackTest, Trouble) {
  const fs::path text = dir_ / "notes.txt";
  std::ofstream(text) << "not a store\n";
  expect_trouble(
      run({"track", "--store", text.string(), "--source", "x", gis(1)}),
      "accordiff: " + text.string() + ": not an accordiff store: file is not a database");
  expect_trouble(run({"track", "--source", "x", gis(1)}), "accordiff: --store: is required");
  expect_trouble(run({"history", "--store", (dir_ / "none.db").string()}),
                 "accordiff: " + (dir_ / "none.db").string() +
                     ": no store here (accordiff track creates one)");
  ASSERT_EQ(track({"--source", "sre/gis", gis(1)}).status, 1);
  expect_trouble(run({"show", "--store", db_, "--source", "sre/gis", "--version", "1"}),
                 "accordiff: " + db_ +
                     ": version 1 of 'sre/gis' is its first: there is nothing to compare it with");
  expect_trouble(run({"show", "--store", db_, "--source", "nobody"}),
                 "accordiff: " + db_ + ": no source 'nobody' in the store");
  expect_trouble(run({"series", "--store", db_, "sre/gis@7"}),
                 "accordiff: " + db_ + ": source 'sre/gis' has no version 7 (it has 1)");
  // A bad file among good ones: the others are recorded, the status says trouble.
  auto mixed = track({"--source", "sre/gis", (dir_ / "missing.txt").string(), gis(2)});
  EXPECT_EQ(mixed.status, 2);
  EXPECT_NE(mixed.err.find("missing.txt: "), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.out.find("version 2 recorded"), std::string::npos);
  expect_consistent();
}

TEST_F(TrackTest, RunsAtOnceSerialize) {
  // Six processes record six different publications of one source at the same moment.
  std::vector<std::string> docs;
  for (int k = 0; k < 6; ++k) {
    const fs::path p = dir_ / ("d" + std::to_string(k) + ".txt");
    std::ofstream(p) << slurp(gis(1 + k % 4)) << "\nAddendum number " << k << ".\n";
    docs.push_back(p.string());
  }
  std::vector<pid_t> pids;
  const std::string log = (dir_ / "log.txt").string();
  for (const auto& d : docs)
    pids.push_back(spawn({"track", "--store", db_, "--source", "sre/gis", d}, log));
  for (pid_t p : pids) {
    ASSERT_GT(p, 0);
    const int status = wait_for(p);
    EXPECT_TRUE(status == 0 || status == 1) << "status " << status << "\n" << slurp(log);
  }
  auto h = run({"history", "--store", db_, "--source", "sre/gis", "-f", "json"});
  const json j = json::parse(h.out);
  ASSERT_EQ(j["versions"].size(), 6u) << slurp(log);
  for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(j["versions"][k]["version"], k + 1);
  expect_consistent();
}

}  // namespace
