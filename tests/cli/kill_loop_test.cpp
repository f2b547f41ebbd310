// The kill loop: `accordiff track` killed with SIGKILL at random moments, again and again,
// on one store. After every kill the store must pass its check (SQLite's integrity check
// and the store's invariants: no half version, numbers without gaps, every version with
// its units, signature, buckets and report) and the next run must succeed.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "accordiff/store.hpp"
#include "cli/run.hpp"

namespace {

namespace fs = std::filesystem;
using namespace accordiff::cli_testing;

/// Kills per run of the test: enough to land in every phase of a run (start-up, reading,
/// comparing, inside the transaction, committing) many times, within about 15 s on a
/// 2-core machine. Under the sanitizers every run is several times slower and what is
/// tested (SQLite's transactions against SIGKILL) does not change: 10 kills there.
constexpr int kKills = ACCORDIFF_SANITIZED ? 10 : 30;
/// Paragraphs of each generated publication: about 16 KB, so that one run lasts long enough
/// (some 100 ms, half of it in the write transaction) for random kill moments to spread
/// over its phases.
constexpr int kParagraphs = 80;
/// Fixed seed: the same documents and kill moments on every run of the test.
constexpr unsigned kSeed = 20251211;

// Made-up words from syllables: a vocabulary of thousands, as in real text, so that
// paragraphs are told apart by their words (twenty words repeated would make every
// paragraph a candidate rewording of every other).
std::string words(std::mt19937& rng, int n) {
  static const char* kSyllables[] = {"ca", "de", "li", "mo", "ru", "sa", "te", "vi",
                                     "no", "pe", "ra", "zo", "gu", "fi", "ta", "lo"};
  std::uniform_int_distribution<int> pick(0, 15), length(2, 4);
  std::string s;
  for (int k = 0; k < n; ++k) {
    if (k > 0) s += ' ';
    for (int l = length(rng); l > 0; --l) s += kSyllables[pick(rng)];
  }
  return s;
}

// Publication `v` of a long document: every version rewords a few paragraphs and adds one.
std::string publication(int v) {
  std::mt19937 base(kSeed);
  std::mt19937 change(kSeed + static_cast<unsigned>(v));
  std::string out = "Publicación número " + std::to_string(v) + "\n\n";
  for (int p = 0; p < kParagraphs; ++p) {
    std::string para =
        "Párrafo " + std::to_string(p) + ": " + words(base, 18) + ". " + words(base, 14) + ".";
    if ((p + v) % 37 == 0) para = "Párrafo " + std::to_string(p) + ": " + words(change, 20) + ".";
    out += para + "\n\n";
  }
  out += "Añadido en la versión " + std::to_string(v) + ": " + words(change, 12) + ".\n";
  return out;
}

// Whether a process holds the store's write lock: in WAL mode SQLite's writer holds an
// exclusive lock on byte 120 of the -shm file (UNIX_SHM_BASE + WAL_WRITE_LOCK) from
// BEGIN IMMEDIATE to COMMIT. Tells the kills that land inside a transaction.
bool writer_active(const std::string& db) {
  const int fd = ::open((db + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 120;
  probe.l_len = 1;
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

bool consistent(const std::string& db, std::string& why) {
  auto st = accordiff::tracking_store::open(db);
  if (!st) {
    why = st.error().message;
    return false;
  }
  auto ok = st->check();
  if (!ok) why = ok.error().message;
  return ok.has_value();
}

TEST(KillLoop, StoreStaysConsistentAndNextRunSucceeds) {
  std::string tmpl = (fs::temp_directory_path() / "accordiff-kill-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path dir = tmpl;
  std::vector<std::string> docs;
  for (int v = 0; v <= kKills + 1; ++v) {
    const fs::path p = dir / ("pub" + std::to_string(v) + ".txt");
    std::ofstream(p) << publication(v);
    docs.push_back(p.string());
  }
  const std::string db = (dir / "watch.db").string();
  const std::string log = (dir / "log.txt").string();
  auto track = [&](const std::string& store, const std::string& doc) {
    return spawn({"track", "--store", store, "--source", "bulletin", "-q", doc}, log);
  };

  // How long a run takes (a comparison with the version before, on a scratch store).
  const std::string scratch = (dir / "scratch.db").string();
  ASSERT_EQ(wait_for(track(scratch, docs[0])), 1);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_for(track(scratch, docs[1])), 1);
  const auto run_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
          .count();

  std::mt19937 rng(kSeed);
  // Up to 20% past a run's length, so that some kills come after the commit too.
  std::uniform_int_distribution<long> moment(0, run_us + run_us / 5);
  int landed = 0, in_transaction = 0, stores_ok = 0, next_ok = 0;
  for (int k = 0; k < kKills; ++k) {
    const std::string& doc = docs[static_cast<std::size_t>(k + 1)];
    const pid_t pid = track(db, doc);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(moment(rng)));
    in_transaction += writer_active(db);
    ::kill(pid, SIGKILL);
    const int status = wait_for(pid);
    landed += status == 128 + SIGKILL;
    std::string why;
    if (consistent(db, why))
      ++stores_ok;
    else
      ADD_FAILURE() << "after kill " << k << ": " << why;
    // The next run records the publication (or finds it recorded by the killed one).
    const int next = wait_for(track(db, doc));
    if (next == 0 || next == 1)
      ++next_ok;
    else
      ADD_FAILURE() << "the run after kill " << k << " exited " << next;
  }
  std::cout << "kill loop: " << kKills << " kills (" << landed << " while the run was going, "
            << in_transaction << " of them inside its write transaction), " << stores_ok
            << " consistent stores, " << next_ok << " next runs succeeded; a run lasts "
            << run_us / 1000 << " ms\n";
  RecordProperty("kills", kKills);
  RecordProperty("landed", landed);
  RecordProperty("in_transaction", in_transaction);
  RecordProperty("consistent", stores_ok);
  EXPECT_EQ(stores_ok, kKills);
  EXPECT_EQ(next_ok, kKills);
  EXPECT_GE(landed, kKills / 2) << "most kills should catch a run before it ends";
  if (!ACCORDIFF_SANITIZED) {
    EXPECT_GT(in_transaction, 0) << "no kill landed in a write transaction";
  }

  // Every publication is stored exactly once, in order, and the store is whole.
  auto st = accordiff::tracking_store::open(db);
  ASSERT_TRUE(st.has_value());
  auto ok = st->check();
  EXPECT_TRUE(ok.has_value()) << ok.error().message;
  auto h = st->history("bulletin");
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->size(), static_cast<std::size_t>(kKills));
  for (int k = 0; k < kKills; ++k)
    EXPECT_EQ((*h)[static_cast<std::size_t>(k)].path, docs[static_cast<std::size_t>(k + 1)]);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
