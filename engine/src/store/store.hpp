// Stage 9, store: the persistence interface behind `accordiff track` (internal).
//
// A store keeps sources (a key such as "sre/gis"), their versions (the original bytes,
// compressed, with their xxh3-128, when they were seen and how they compared with the
// version before), every unit's span, fingerprint and lineage number, the lineages of each
// source, the JSON report of each comparison, and a MinHash signature per version with
// its LSH bucket keys for finding predecessors.
//
// Guarantees every implementation gives:
// - writes happen only between begin_write() and commit(); writers are serialized (a
//   second writer waits, up to the busy timeout) while readers go on;
// - a version and everything about it (units, lineages, report, signature, buckets) is
//   added in one transaction: after a crash at any point the store holds the version
//   whole or not at all;
// - numbers of a source's versions are 1, 2, 3 … without gaps.
// The SQLite implementation is sqlite_store.cpp; a server database can stand in by
// implementing this interface. SQLite types never leave that file.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/error.hpp"
#include "accordiff/store.hpp"
#include "fingerprint/minhash.hpp"
#include "series/lineage.hpp"

namespace accordiff::detail {

struct source_row {
  std::int64_t id = 0;
  std::string key;
  std::int64_t created = 0;
  std::uint32_t versions = 0;
};

struct version_row {
  std::int64_t id = 0;
  std::int64_t source_id = 0;
  version_info info;  ///< everything a reader sees
};

/// A lineage as the store keeps it: where it was last seen, and whether it is present in
/// the latest version, dropped (and may come back) or merged into another.
enum class lineage_status { present = 0, dropped = 1, merged = 2 };

struct lineage_row {
  unit_level level = unit_level::sentence;
  std::uint32_t lineage = 0;
  std::uint32_t first_version = 0;
  std::uint32_t last_version = 0;
  lineage_status status = lineage_status::present;
  span where;  ///< in the last version it was seen in
  std::uint64_t fingerprint = 0;
};

/// A version to add, with everything that belongs to it.
struct new_version {
  std::int64_t source_id = 0;
  version_info info;
  std::string content;                ///< the original bytes (the store compresses them)
  version_tags tags;                  ///< every unit with its lineage
  signature sig{};                    ///< MinHash of the word shingles
  std::string report_json;            ///< the comparison with the version before ("" for a first)
  std::vector<lineage_row> lineages;  ///< rows to insert or update
};

/// A stored version that shares LSH buckets with a query.
struct candidate {
  std::int64_t version_id = 0;
  std::uint32_t shared_bands = 0;
};

class store {
 public:
  virtual ~store() = default;
  [[nodiscard]] virtual const std::string& path() const = 0;

  /// Starts the write transaction (waits for other writers up to the busy timeout).
  [[nodiscard]] virtual result<void> begin_write() = 0;
  [[nodiscard]] virtual result<void> commit() = 0;
  /// Abandons the write transaction, if one is open.
  virtual void rollback() noexcept = 0;

  [[nodiscard]] virtual result<std::optional<source_row>> source(std::string_view key) = 0;
  [[nodiscard]] virtual result<std::vector<source_row>> sources() = 0;
  /// Version `number` of a source; number 0: the latest. nullopt when there is none.
  [[nodiscard]] virtual result<std::optional<version_row>> version(std::int64_t source_id,
                                                                   std::uint32_t number) = 0;
  [[nodiscard]] virtual result<version_row> version_by_id(std::int64_t version_id) = 0;
  [[nodiscard]] virtual result<std::vector<version_row>> versions(std::int64_t source_id) = 0;
  /// The original bytes of a version.
  [[nodiscard]] virtual result<std::string> content(std::int64_t version_id) = 0;
  /// The stored JSON report of a version ("" for a first version).
  [[nodiscard]] virtual result<std::string> report(std::int64_t version_id) = 0;
  [[nodiscard]] virtual result<version_tags> tags(std::int64_t version_id) = 0;
  [[nodiscard]] virtual result<std::vector<lineage_row>> lineages(std::int64_t source_id) = 0;

  /// Stored versions sharing at least one bucket with `keys`, most shared first (then
  /// oldest first), at most `limit`.
  [[nodiscard]] virtual result<std::vector<candidate>> candidates(
      const std::array<std::uint64_t, kBands>& keys, std::size_t limit) = 0;
  [[nodiscard]] virtual result<signature> signature_of(std::int64_t version_id) = 0;

  /// Adds a source (inside a write transaction); its id.
  [[nodiscard]] virtual result<std::int64_t> add_source(std::string_view key, std::int64_t now) = 0;
  /// Adds a version and everything about it (inside a write transaction); its id.
  [[nodiscard]] virtual result<std::int64_t> add_version(const new_version& v) = 0;

  /// Checks the file (SQLite's integrity check) and the invariants above; the first
  /// problem found.
  [[nodiscard]] virtual result<void> check() = 0;
};

/// Schema version this program writes; older stores are migrated forward on open.
inline constexpr int kSchemaVersion = 2;

struct sqlite_open_options {
  bool create = true;       ///< create the file when it does not exist
  int busy_timeout_ms = 0;  ///< 0: kDefaultBusyTimeoutMs
  int target_schema = 0;    ///< 0: kSchemaVersion (tests build older stores with it)
};

/// How long a run waits for another writer before it gives up. A track run holds the write
/// lock while it compares (seconds for documents of megabytes); a nightly job would rather
/// wait a minute than fail.
inline constexpr int kDefaultBusyTimeoutMs = 60000;

/// Opens (creating and migrating as needed) an SQLite store.
[[nodiscard]] result<std::unique_ptr<store>> open_sqlite_store(const std::string& path,
                                                               const sqlite_open_options& opts);

/// zlib, for the stored bytes and reports.
[[nodiscard]] std::string compress(std::string_view bytes);
[[nodiscard]] result<std::string> decompress(std::string_view packed, std::size_t size);

}  // namespace accordiff::detail
