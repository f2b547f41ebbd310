// Stage 9, store: the SQLite implementation of store.hpp.
//
// One file in WAL mode (readers never block the writer nor each other), application_id
// 'ACDF' so that a foreign database is told apart from ours, user_version the schema
// version. Every write runs in a BEGIN IMMEDIATE transaction, so writers queue on the busy
// timeout instead of failing half-way; a version and all its rows are one transaction.
// synchronous=NORMAL: in WAL mode a killed process loses nothing committed and never
// corrupts the file; only a power cut may lose the last transactions (the next nightly run
// then records that version again).
#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <thread>

#include "accordiff/compare.hpp"
#include "accordiff/read.hpp"
#include "store/store.hpp"

namespace accordiff::detail {

namespace {

/// 'ACDF' in the file header: our stores, and no one else's, carry it.
constexpr std::int32_t kApplicationId = 0x41434446;

/// Documents read per bucket at most. A bucket holding more is boilerplate that a large
/// share of the store shares (an empty page, a standard notice); reading it whole would
/// make every lookup linear in the store, and its documents are reached through their
/// other bands when they really are alike.
constexpr int kMaxBucketRead = 1000;

// ---------------------------------------------------------------------------------------
// A thin RAII layer over the C API.

class statement {
 public:
  statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &st_, nullptr); }
  ~statement() { sqlite3_finalize(st_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  [[nodiscard]] bool ok() const { return rc_ == SQLITE_OK; }
  statement& bind(int i, std::int64_t v) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  statement& bind(int i, double v) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_double(st_, i, v);
    return *this;
  }
  statement& bind_null(int i) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_null(st_, i);
    return *this;
  }
  statement& bind(int i, std::string_view v) {
    if (rc_ == SQLITE_OK)
      rc_ = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  statement& bind_blob(int i, std::string_view v) {
    if (rc_ == SQLITE_OK)
      rc_ = sqlite3_bind_blob(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  /// Steps once: true with a row, false when done or on error (see rc()).
  bool step() {
    if (rc_ != SQLITE_OK && rc_ != SQLITE_ROW && rc_ != SQLITE_DONE) return false;
    rc_ = sqlite3_step(st_);
    return rc_ == SQLITE_ROW;
  }
  /// Runs a statement that returns no rows; true when it succeeded.
  bool run() {
    step();
    return rc_ == SQLITE_DONE;
  }
  void reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    rc_ = SQLITE_OK;
  }
  [[nodiscard]] int rc() const { return rc_; }
  [[nodiscard]] bool failed() const {
    return rc_ != SQLITE_OK && rc_ != SQLITE_DONE && rc_ != SQLITE_ROW;
  }
  [[nodiscard]] std::int64_t i64(int c) const { return sqlite3_column_int64(st_, c); }
  [[nodiscard]] double real(int c) const { return sqlite3_column_double(st_, c); }
  [[nodiscard]] bool is_null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  [[nodiscard]] std::string text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(st_, c));
  }
  [[nodiscard]] std::string blob(int c) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(st_, c));
    return p == nullptr ? std::string() : std::string(p, sqlite3_column_bytes(st_, c));
  }

 private:
  sqlite3_stmt* st_ = nullptr;
  int rc_ = SQLITE_OK;
};

// ---------------------------------------------------------------------------------------
// Packing units and signatures into blobs (little-endian, fixed width).

void put32(std::string& out, std::uint32_t v) {
  for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
void put64(std::string& out, std::uint64_t v) {
  for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
std::uint32_t get32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int b = 0; b < 4; ++b)
    v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + b])) << (8 * b);
  return v;
}
std::uint64_t get64(std::string_view in, std::size_t at) {
  std::uint64_t v = 0;
  for (int b = 0; b < 8; ++b)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + b])) << (8 * b);
  return v;
}

/// One unit: start, end, lineage (u32 each), fingerprint (u64).
constexpr std::size_t kUnitBytes = 20;

std::string pack_units(const std::vector<tagged>& us) {
  std::string out;
  out.reserve(us.size() * kUnitBytes);
  for (const tagged& t : us) {
    put32(out, t.where.start);
    put32(out, t.where.end);
    put32(out, t.lineage);
    put64(out, t.fingerprint);
  }
  return out;
}

bool unpack_units(std::string_view in, std::vector<tagged>& out) {
  if (in.size() % kUnitBytes != 0) return false;
  for (std::size_t at = 0; at < in.size(); at += kUnitBytes)
    out.push_back({{get32(in, at), get32(in, at + 4)}, get64(in, at + 12), get32(in, at + 8)});
  return true;
}

std::string pack_signature(const signature& s) {
  std::string out;
  out.reserve(s.size() * 4);
  for (std::uint32_t v : s) put32(out, v);
  return out;
}

// ---------------------------------------------------------------------------------------
// The schema, one step per version. Each step runs inside the migration's transaction.

constexpr const char* kSchema1 = R"sql(
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  created INTEGER NOT NULL);
CREATE TABLE versions(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  number INTEGER NOT NULL,
  xxh3_128 TEXT NOT NULL,
  seen INTEGER NOT NULL,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  language TEXT NOT NULL,
  size INTEGER NOT NULL,
  codec TEXT NOT NULL,
  content BLOB NOT NULL,
  paragraphs INTEGER NOT NULL,
  sentences INTEGER NOT NULL,
  commitments INTEGER NOT NULL,
  compared_with INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  summary TEXT NOT NULL,
  match_score REAL,
  metadata TEXT NOT NULL DEFAULT '',
  UNIQUE(source_id, number));
CREATE TABLE units(
  version_id INTEGER NOT NULL REFERENCES versions(id),
  level INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY(version_id, level)) WITHOUT ROWID;
CREATE TABLE lineages(
  source_id INTEGER NOT NULL REFERENCES sources(id),
  level INTEGER NOT NULL,
  lineage INTEGER NOT NULL,
  first_version INTEGER NOT NULL,
  last_version INTEGER NOT NULL,
  status INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  fingerprint INTEGER NOT NULL,
  PRIMARY KEY(source_id, level, lineage)) WITHOUT ROWID;
CREATE TABLE reports(
  version_id INTEGER PRIMARY KEY REFERENCES versions(id),
  codec TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL);
)sql";

// Schema 2: the similarity index (signatures and LSH buckets), filled for the versions
// already stored.
constexpr const char* kSchema2 = R"sql(
CREATE TABLE signatures(
  version_id INTEGER PRIMARY KEY REFERENCES versions(id),
  minhash BLOB NOT NULL);
CREATE TABLE buckets(
  band_key INTEGER NOT NULL,
  version_id INTEGER NOT NULL REFERENCES versions(id),
  PRIMARY KEY(band_key, version_id)) WITHOUT ROWID;
)sql";

class sqlite_store final : public store {
 public:
  sqlite_store(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  ~sqlite_store() override {
    rollback();
    sqlite3_close_v2(db_);
  }
  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;

  [[nodiscard]] const std::string& path() const override { return path_; }

  // The error of the last call, with a reason a reader can act on.
  tl::unexpected<error> failure(int rc, std::string_view doing) const {
    const int primary = rc & 0xff;
    std::string why = sqlite3_errmsg(db_);
    if (primary == SQLITE_NOTADB) return fail(errc::store, "not an accordiff store: " + why, path_);
    if (primary == SQLITE_CORRUPT)
      return fail(errc::store, "the store is corrupt (" + why + ")", path_);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      return fail(errc::store,
                  "the store is busy: another run kept it locked past the busy timeout", path_);
    if (primary == SQLITE_READONLY)
      return fail(errc::store, "the store is read-only (" + why + ")", path_);
    if (primary == SQLITE_FULL) return fail(errc::store, "the disk is full", path_);
    return fail(errc::store, std::string(doing) + ": " + why, path_);
  }

  result<void> exec(const char* sql, std::string_view doing) {
    char* msg = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK) return failure(rc, doing);
    return {};
  }

  result<void> begin_write() override {
    if (auto ok = exec("BEGIN IMMEDIATE", "could not start a write"); !ok) return ok;
    in_write_ = true;
    return {};
  }
  result<void> commit() override {
    if (auto ok = exec("COMMIT", "could not commit"); !ok) {
      rollback();
      return ok;
    }
    in_write_ = false;
    return {};
  }
  void rollback() noexcept override {
    if (in_write_ || !sqlite3_get_autocommit(db_))
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    in_write_ = false;
  }

  // -------------------------------------------------------------------------------------
  // Opening: checks, pragmas, migrations.

  result<void> setup(const sqlite_open_options& opts) {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_,
                         opts.busy_timeout_ms > 0 ? opts.busy_timeout_ms : kDefaultBusyTimeoutMs);
    // Reading the header tells a foreign file (SQLITE_NOTADB) before anything is written.
    std::int64_t app = 0;
    if (auto r = pragma_int("PRAGMA application_id"); !r)
      return tl::unexpected(r.error());
    else
      app = *r;
    if (app != 0 && app != kApplicationId)
      return fail(errc::store, "not an accordiff store (another program's database)", path_);
    if (auto ok = switch_to_wal(opts); !ok) return ok;
    if (auto ok = exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON",
                       "could not set up the connection");
        !ok)
      return ok;
    return migrate(opts.target_schema > 0 ? opts.target_schema : kSchemaVersion);
  }

  // Switching a store to WAL takes an exclusive lock that SQLite does not wait for through
  // the busy handler: when several runs open a new store at once, all but one would fail
  // at once. Retried here until the busy timeout, as any other lock is waited for.
  result<void> switch_to_wal(const sqlite_open_options& opts) {
    using clock = std::chrono::steady_clock;
    const auto deadline =
        clock::now() + std::chrono::milliseconds(opts.busy_timeout_ms > 0 ? opts.busy_timeout_ms
                                                                          : kDefaultBusyTimeoutMs);
    for (int attempt = 0;; ++attempt) {
      const int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return {};
      const int primary = rc & 0xff;
      if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || clock::now() >= deadline)
        return failure(rc, "could not switch to WAL mode");
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 + attempt, 20)));
    }
  }

  result<std::int64_t> pragma_int(const char* sql) {
    statement st(db_, sql);
    if (!st.ok()) return failure(st.rc(), "could not read the store");
    if (!st.step()) {
      if (st.failed()) return failure(st.rc(), "could not read the store");
      return 0;
    }
    return st.i64(0);
  }

  result<void> migrate(int target) {
    // Most opens find the schema current: check without taking the write lock.
    auto current = pragma_int("PRAGMA user_version");
    if (!current) return tl::unexpected(current.error());
    if (*current == target) return check_ours();
    if (*current > target)
      return fail(errc::store,
                  "the store has schema " + std::to_string(*current) +
                      ", newer than this accordiff understands (" + std::to_string(target) +
                      "): use a newer accordiff",
                  path_);
    if (auto ok = begin_write(); !ok) return ok;
    auto done = migrate_locked(target);
    if (!done) {
      rollback();
      return done;
    }
    return commit();
  }

  result<void> check_ours() {
    auto app = pragma_int("PRAGMA application_id");
    if (!app) return tl::unexpected(app.error());
    if (*app != kApplicationId)
      return fail(errc::store, "not an accordiff store (another program's database)", path_);
    return {};
  }

  result<void> migrate_locked(int target) {
    // Read again under the lock: another run may have migrated meanwhile.
    auto current = pragma_int("PRAGMA user_version");
    if (!current) return tl::unexpected(current.error());
    if (*current == 0) {
      auto tables = pragma_int("SELECT count(*) FROM sqlite_schema");
      if (!tables) return tl::unexpected(tables.error());
      if (*tables > 0)
        return fail(errc::store, "not an accordiff store (a database with other tables)", path_);
      const std::string app = "PRAGMA application_id=" + std::to_string(kApplicationId);
      if (auto ok = exec(app.c_str(), "could not create the store"); !ok) return ok;
    } else if (auto ok = check_ours(); !ok) {
      return ok;
    }
    for (int v = static_cast<int>(*current) + 1; v <= target; ++v) {
      if (auto ok = migrate_to(v); !ok) return ok;
      const std::string set = "PRAGMA user_version=" + std::to_string(v);
      if (auto ok = exec(set.c_str(), "could not migrate the store"); !ok) return ok;
    }
    return {};
  }

  result<void> migrate_to(int v) {
    switch (v) {
      case 1:
        return exec(kSchema1, "could not create the store");
      case 2: {
        if (auto ok = exec(kSchema2, "could not migrate the store to schema 2"); !ok) return ok;
        return index_stored_versions();
      }
      default:
        return fail(errc::store, "no migration to schema " + std::to_string(v), path_);
    }
  }

  // Computes the signature of every stored version that has none (a migration to schema 2).
  result<void> index_stored_versions() {
    std::vector<std::pair<std::int64_t, std::string>> todo;
    {
      statement st(db_,
                   "SELECT id, format FROM versions WHERE id NOT IN "
                   "(SELECT version_id FROM signatures) ORDER BY id");
      while (st.step()) todo.emplace_back(st.i64(0), st.text(1));
      if (st.failed()) return failure(st.rc(), "could not read the versions");
    }
    for (const auto& [id, fmt] : todo) {
      auto bytes = content(id);
      if (!bytes) return tl::unexpected(bytes.error());
      read_options ro;
      ro.allow_empty = true;
      ro.fmt = fmt == "markdown" ? format::markdown : format::text;
      auto d = read_bytes(std::move(*bytes), "version", ro);
      if (!d) return tl::unexpected(d.error());
      auto a = analyze(std::make_shared<const document>(std::move(*d)));
      if (!a) return tl::unexpected(a.error());
      if (auto ok = add_signature(id, minhash(a->shingles)); !ok) return ok;
    }
    return {};
  }

  result<void> add_signature(std::int64_t version_id, const signature& sig) {
    statement st(db_, "INSERT INTO signatures(version_id, minhash) VALUES(?, ?)");
    if (!st.bind(1, version_id).bind_blob(2, pack_signature(sig)).run())
      return failure(st.rc(), "could not store the signature");
    statement bk(db_, "INSERT OR IGNORE INTO buckets(band_key, version_id) VALUES(?, ?)");
    for (std::uint64_t key : band_keys(sig)) {
      bk.reset();
      if (!bk.bind(1, static_cast<std::int64_t>(key)).bind(2, version_id).run())
        return failure(bk.rc(), "could not store the buckets");
    }
    return {};
  }

  // -------------------------------------------------------------------------------------
  // Reading.

  result<std::optional<source_row>> source(std::string_view key) override {
    statement st(db_,
                 "SELECT id, key, created, (SELECT count(*) FROM versions WHERE source_id = "
                 "sources.id) FROM sources WHERE key = ?");
    st.bind(1, key);
    if (st.step())
      return source_row{st.i64(0), st.text(1), st.i64(2), static_cast<std::uint32_t>(st.i64(3))};
    if (st.failed()) return failure(st.rc(), "could not read the sources");
    return std::nullopt;
  }

  result<std::vector<source_row>> sources() override {
    statement st(db_,
                 "SELECT id, key, created, (SELECT count(*) FROM versions WHERE source_id = "
                 "sources.id) FROM sources ORDER BY key");
    std::vector<source_row> out;
    while (st.step())
      out.push_back({st.i64(0), st.text(1), st.i64(2), static_cast<std::uint32_t>(st.i64(3))});
    if (st.failed()) return failure(st.rc(), "could not read the sources");
    return out;
  }

  static constexpr const char* kVersionColumns =
      "SELECT v.id, v.source_id, s.key, v.number, v.xxh3_128, v.seen, v.path, v.format, "
      "v.language, v.size, v.paragraphs, v.sentences, v.commitments, v.compared_with, "
      "v.changed, v.summary, v.match_score, v.metadata FROM versions v JOIN sources s ON "
      "s.id = v.source_id ";

  static version_row row_of(const statement& st) {
    version_row r;
    r.id = st.i64(0);
    r.source_id = st.i64(1);
    version_info& i = r.info;
    i.source = st.text(2);
    i.number = static_cast<std::uint32_t>(st.i64(3));
    i.xxh3_128 = st.text(4);
    i.seen = st.i64(5);
    i.path = st.text(6);
    i.format = st.text(7);
    i.language = st.text(8);
    i.bytes = static_cast<std::uint64_t>(st.i64(9));
    i.paragraphs = static_cast<std::uint32_t>(st.i64(10));
    i.sentences = static_cast<std::uint32_t>(st.i64(11));
    i.commitments = static_cast<std::uint32_t>(st.i64(12));
    i.compared_with = static_cast<std::uint32_t>(st.i64(13));
    i.changed = st.i64(14) != 0;
    i.summary = st.text(15);
    if (!st.is_null(16)) i.match_score = st.real(16);
    i.metadata = st.text(17);
    return r;
  }

  result<std::optional<version_row>> version(std::int64_t source_id,
                                             std::uint32_t number) override {
    const std::string sql = std::string(kVersionColumns) +
                            (number == 0 ? "WHERE v.source_id = ? ORDER BY v.number DESC LIMIT 1"
                                         : "WHERE v.source_id = ? AND v.number = ?");
    statement st(db_, sql.c_str());
    st.bind(1, source_id);
    if (number != 0) st.bind(2, static_cast<std::int64_t>(number));
    if (st.step()) return row_of(st);
    if (st.failed()) return failure(st.rc(), "could not read the versions");
    return std::nullopt;
  }

  result<version_row> version_by_id(std::int64_t version_id) override {
    const std::string sql = std::string(kVersionColumns) + "WHERE v.id = ?";
    statement st(db_, sql.c_str());
    st.bind(1, version_id);
    if (st.step()) return row_of(st);
    if (st.failed()) return failure(st.rc(), "could not read the versions");
    return fail(errc::not_found, "no version with id " + std::to_string(version_id), path_);
  }

  result<std::vector<version_row>> versions(std::int64_t source_id) override {
    const std::string sql =
        std::string(kVersionColumns) + "WHERE v.source_id = ? ORDER BY v.number";
    statement st(db_, sql.c_str());
    st.bind(1, source_id);
    std::vector<version_row> out;
    while (st.step()) out.push_back(row_of(st));
    if (st.failed()) return failure(st.rc(), "could not read the versions");
    return out;
  }

  result<std::string> content(std::int64_t version_id) override {
    statement st(db_, "SELECT codec, size, content FROM versions WHERE id = ?");
    st.bind(1, version_id);
    if (!st.step()) {
      if (st.failed()) return failure(st.rc(), "could not read a version");
      return fail(errc::not_found, "no version with id " + std::to_string(version_id), path_);
    }
    return unpack(st.text(0), static_cast<std::size_t>(st.i64(1)), st.blob(2));
  }

  result<std::string> unpack(const std::string& codec, std::size_t size, std::string packed) {
    if (codec == "none") return packed;
    if (codec != "zlib")
      return fail(errc::store, "the store is corrupt (unknown codec '" + codec + "')", path_);
    auto out = decompress(packed, size);
    if (!out) return fail(errc::store, "the store is corrupt (" + out.error().message + ")", path_);
    return out;
  }

  result<std::string> report(std::int64_t version_id) override {
    statement st(db_, "SELECT codec, size, content FROM reports WHERE version_id = ?");
    st.bind(1, version_id);
    if (!st.step()) {
      if (st.failed()) return failure(st.rc(), "could not read a report");
      return std::string();
    }
    return unpack(st.text(0), static_cast<std::size_t>(st.i64(1)), st.blob(2));
  }

  result<version_tags> tags(std::int64_t version_id) override {
    statement st(db_, "SELECT level, data FROM units WHERE version_id = ? ORDER BY level");
    st.bind(1, version_id);
    version_tags t;
    while (st.step()) {
      const auto level = st.i64(0);
      if (level < 0 || level >= static_cast<std::int64_t>(kLevels) ||
          !unpack_units(st.blob(1), t.at[static_cast<std::size_t>(level)]))
        return fail(errc::store, "the store is corrupt (bad units of a version)", path_);
    }
    if (st.failed()) return failure(st.rc(), "could not read the units");
    return t;
  }

  result<std::vector<lineage_row>> lineages(std::int64_t source_id) override {
    statement st(db_,
                 "SELECT level, lineage, first_version, last_version, status, start, \"end\", "
                 "fingerprint FROM lineages WHERE source_id = ? ORDER BY level, lineage");
    st.bind(1, source_id);
    std::vector<lineage_row> out;
    while (st.step()) {
      lineage_row r;
      r.level = static_cast<unit_level>(std::clamp<std::int64_t>(st.i64(0), 0, 2));
      r.lineage = static_cast<std::uint32_t>(st.i64(1));
      r.first_version = static_cast<std::uint32_t>(st.i64(2));
      r.last_version = static_cast<std::uint32_t>(st.i64(3));
      r.status = static_cast<lineage_status>(std::clamp<std::int64_t>(st.i64(4), 0, 2));
      r.where = {static_cast<std::uint32_t>(st.i64(5)), static_cast<std::uint32_t>(st.i64(6))};
      r.fingerprint = static_cast<std::uint64_t>(st.i64(7));
      out.push_back(r);
    }
    if (st.failed()) return failure(st.rc(), "could not read the lineages");
    return out;
  }

  result<std::vector<candidate>> candidates(const std::array<std::uint64_t, kBands>& keys,
                                            std::size_t limit) override {
    std::map<std::int64_t, std::uint32_t> shared;
    statement st(db_, "SELECT version_id FROM buckets WHERE band_key = ? LIMIT ?");
    for (std::uint64_t key : keys) {
      st.reset();
      st.bind(1, static_cast<std::int64_t>(key)).bind(2, static_cast<std::int64_t>(kMaxBucketRead));
      while (st.step()) ++shared[st.i64(0)];
      if (st.failed()) return failure(st.rc(), "could not read the similarity index");
    }
    std::vector<candidate> out;
    out.reserve(shared.size());
    for (const auto& [id, n] : shared) out.push_back({id, n});
    std::stable_sort(out.begin(), out.end(), [](const candidate& a, const candidate& b) {
      return a.shared_bands > b.shared_bands;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
  }

  result<signature> signature_of(std::int64_t version_id) override {
    statement st(db_, "SELECT minhash FROM signatures WHERE version_id = ?");
    st.bind(1, version_id);
    if (!st.step()) {
      if (st.failed()) return failure(st.rc(), "could not read a signature");
      return fail(errc::store, "the store is corrupt (a version without signature)", path_);
    }
    const std::string b = st.blob(0);
    signature s{};
    if (b.size() != s.size() * 4)
      return fail(errc::store, "the store is corrupt (a signature of the wrong size)", path_);
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = get32(b, i * 4);
    return s;
  }

  // -------------------------------------------------------------------------------------
  // Writing.

  result<std::int64_t> add_source(std::string_view key, std::int64_t now) override {
    statement st(db_, "INSERT INTO sources(key, created) VALUES(?, ?)");
    if (!st.bind(1, key).bind(2, now).run()) return failure(st.rc(), "could not add the source");
    return sqlite3_last_insert_rowid(db_);
  }

  result<std::int64_t> add_version(const new_version& v) override {
    const version_info& i = v.info;
    const std::string packed = compress(v.content);
    statement st(db_,
                 "INSERT INTO versions(source_id, number, xxh3_128, seen, path, format, language, "
                 "size, codec, content, paragraphs, sentences, commitments, compared_with, "
                 "changed, summary, match_score, metadata) "
                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'zlib', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, v.source_id)
        .bind(2, static_cast<std::int64_t>(i.number))
        .bind(3, i.xxh3_128)
        .bind(4, i.seen)
        .bind(5, i.path)
        .bind(6, i.format)
        .bind(7, i.language)
        .bind(8, static_cast<std::int64_t>(v.content.size()))
        .bind_blob(9, packed)
        .bind(10, static_cast<std::int64_t>(i.paragraphs))
        .bind(11, static_cast<std::int64_t>(i.sentences))
        .bind(12, static_cast<std::int64_t>(i.commitments))
        .bind(13, static_cast<std::int64_t>(i.compared_with))
        .bind(14, static_cast<std::int64_t>(i.changed ? 1 : 0))
        .bind(15, i.summary);
    if (i.match_score)
      st.bind(16, *i.match_score);
    else
      st.bind_null(16);
    st.bind(17, i.metadata);
    if (!st.run()) return failure(st.rc(), "could not add the version");
    const std::int64_t id = sqlite3_last_insert_rowid(db_);

    statement un(db_, "INSERT INTO units(version_id, level, data) VALUES(?, ?, ?)");
    for (std::size_t l = 0; l < kLevels; ++l) {
      un.reset();
      if (!un.bind(1, id)
               .bind(2, static_cast<std::int64_t>(l))
               .bind_blob(3, pack_units(v.tags.at[l]))
               .run())
        return failure(un.rc(), "could not add the units");
    }
    if (!v.report_json.empty()) {
      statement rp(db_,
                   "INSERT INTO reports(version_id, codec, size, content) VALUES(?, 'zlib', ?, ?)");
      if (!rp.bind(1, id)
               .bind(2, static_cast<std::int64_t>(v.report_json.size()))
               .bind_blob(3, compress(v.report_json))
               .run())
        return failure(rp.rc(), "could not add the report");
    }
    statement ln(db_,
                 "INSERT INTO lineages(source_id, level, lineage, first_version, last_version, "
                 "status, start, \"end\", fingerprint) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT(source_id, level, lineage) DO UPDATE SET "
                 "last_version = excluded.last_version, status = excluded.status, "
                 "start = excluded.start, \"end\" = excluded.\"end\", "
                 "fingerprint = excluded.fingerprint");
    for (const lineage_row& r : v.lineages) {
      ln.reset();
      ln.bind(1, v.source_id)
          .bind(2, static_cast<std::int64_t>(r.level))
          .bind(3, static_cast<std::int64_t>(r.lineage))
          .bind(4, static_cast<std::int64_t>(r.first_version))
          .bind(5, static_cast<std::int64_t>(r.last_version))
          .bind(6, static_cast<std::int64_t>(r.status))
          .bind(7, static_cast<std::int64_t>(r.where.start))
          .bind(8, static_cast<std::int64_t>(r.where.end))
          .bind(9, static_cast<std::int64_t>(r.fingerprint));
      if (!ln.run()) return failure(ln.rc(), "could not update the lineages");
    }
    if (auto ok = add_signature(id, v.sig); !ok) return tl::unexpected(ok.error());
    return id;
  }

  // -------------------------------------------------------------------------------------
  // Checking.

  result<void> check() override {
    {
      statement st(db_, "PRAGMA integrity_check");
      if (!st.step()) return failure(st.rc(), "could not check the store");
      if (const std::string r = st.text(0); r != "ok")
        return fail(errc::store, "the store is corrupt (" + r + ")", path_);
    }
    // Each query returns a count of violations of one invariant.
    static constexpr std::pair<const char*, const char*> kInvariants[] = {
        {"SELECT count(*) FROM (SELECT source_id, count(*) AS n, max(number) AS m, min(number) "
         "AS f FROM versions GROUP BY source_id) WHERE n != m OR f != 1",
         "version numbers of a source have gaps"},
        {"SELECT count(*) FROM versions v WHERE (SELECT count(*) FROM units u WHERE "
         "u.version_id = v.id) != 3",
         "a version without its units"},
        {"SELECT count(*) FROM versions v WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE "
         "s.version_id = v.id)",
         "a version without its signature"},
        {"SELECT count(*) FROM versions v WHERE (SELECT count(*) FROM buckets b WHERE "
         "b.version_id = v.id) = 0",
         "a version without its buckets"},
        {"SELECT count(*) FROM versions v WHERE v.compared_with > 0 AND NOT EXISTS (SELECT 1 "
         "FROM reports r WHERE r.version_id = v.id)",
         "a compared version without its report"},
        {"SELECT count(*) FROM lineages l WHERE l.last_version > (SELECT max(number) FROM "
         "versions v WHERE v.source_id = l.source_id) OR l.first_version > l.last_version",
         "a lineage seen in a version that is not stored"},
        {"SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE "
         "v.source_id = s.id)",
         "a source without versions"},
        {"PRAGMA foreign_key_check", "a row pointing to nothing"},
    };
    for (const auto& [sql, what] : kInvariants) {
      statement st(db_, sql);
      const bool row = st.step();
      if (st.failed()) return failure(st.rc(), "could not check the store");
      const bool bad = std::string_view(sql).rfind("PRAGMA", 0) == 0 ? row : row && st.i64(0) > 0;
      if (bad) return fail(errc::store, std::string("the store is inconsistent: ") + what, path_);
    }
    return {};
  }

 private:
  std::string path_;
  sqlite3* db_;
  bool in_write_ = false;
};

}  // namespace

std::string compress(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  // Level 6, zlib's default: within 2% of level 9's size on text, at a third of its time.
  const int rc =
      compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uLong>(bytes.size()), 6);
  if (rc != Z_OK) return std::string();
  out.resize(size);
  return out;
}

result<std::string> decompress(std::string_view packed, std::size_t size) {
  std::string out(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  const int rc =
      uncompress(reinterpret_cast<Bytef*>(out.data()), &got,
                 reinterpret_cast<const Bytef*>(packed.data()), static_cast<uLong>(packed.size()));
  if (rc != Z_OK || got != size) return fail(errc::store, "compressed bytes do not unpack");
  return out;
}

result<std::unique_ptr<store>> open_sqlite_store(const std::string& path,
                                                 const sqlite_open_options& opts) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (opts.create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    if ((rc & 0xff) == SQLITE_CANTOPEN)
      why = opts.create ? "cannot open or create the store (" + why + ")"
                        : "no store here (accordiff track creates one)";
    return fail(errc::store, why, path);
  }
  auto s = std::make_unique<sqlite_store>(path, db);
  if (auto ok = s->setup(opts); !ok) return tl::unexpected(ok.error());
  return std::unique_ptr<store>(std::move(s));
}

}  // namespace accordiff::detail
