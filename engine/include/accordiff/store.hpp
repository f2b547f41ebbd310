// The tracking store: successive versions of watched sources, for nightly jobs.
//
//   auto st = accordiff::tracking_store::open("watch.db");
//   auto out = st->track(doc, {.source = "sre/gis"});   // records, compares, keeps lineages
//   if (out->changed()) accordiff::write_json(std::cout, *out->diff);
//
// A store is one SQLite file (WAL mode), created on first use and migrated forward by the
// program. It keeps each version's original bytes (compressed), when it was seen, every
// unit's fingerprint and lineage id, the report of each comparison, and document
// signatures that find which stored publication a new one follows up. Writers are
// serialized; a run killed at any point leaves the store as it was before the run or with
// the whole new version, never half of one.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accordiff/compare.hpp"
#include "accordiff/document.hpp"
#include "accordiff/error.hpp"
#include "accordiff/series.hpp"

namespace accordiff {

namespace detail {
class store;
}

struct store_options {
  bool create = true;       ///< create the store when the file does not exist
  int busy_timeout_ms = 0;  ///< how long to wait for another writer; 0: one minute
};

struct source_info {
  std::string key;
  std::uint32_t versions = 0;
  std::int64_t created = 0;  ///< Unix time
};

/// One stored version, as `accordiff history` lists it.
struct version_info {
  std::string source;
  std::uint32_t number = 0;  ///< 1, 2, 3 … within the source
  std::string xxh3_128;      ///< of the original bytes
  std::int64_t seen = 0;     ///< Unix time it was recorded
  std::string path;          ///< as given to track
  std::string format;        ///< text, markdown
  std::string language;
  std::uint64_t bytes = 0;
  std::uint32_t paragraphs = 0, sentences = 0, commitments = 0;
  std::uint32_t compared_with = 0;    ///< the version number it was compared with (0: none)
  bool changed = false;               ///< the comparison found a change
  std::string summary;                ///< one line: what changed
  std::optional<double> match_score;  ///< found by similarity: the score of its predecessor
  std::string metadata;               ///< what a manifest said about it (JSON), or ""
};

/// A stored version like a given document, with the estimated Jaccard similarity of their
/// word shingles.
struct similar_document {
  std::string source;
  std::uint32_t version = 0;
  std::string path;
  double score = 0;
};

/// How sure predecessor discovery is: the best source's score and the margin over the
/// best other source.
enum class confidence { none, low, medium, high };
[[nodiscard]] std::string_view to_string(confidence c);

struct predecessor {
  similar_document best;                      ///< the closest stored version
  std::optional<similar_document> runner_up;  ///< the closest of any other source
  accordiff::confidence sure = confidence::none;
};

struct track_options {
  /// The source to record under; empty: find the predecessor by similarity.
  std::string source;
  /// Key for a new source when none is given and no predecessor is found ("" : refuse).
  std::string new_source_key;
  /// Without a source: the least confidence in the predecessor found to file under it;
  /// below it the run fails, asking for --source.
  confidence min_confidence = confidence::low;
  compare_options compare;
  std::int64_t now = 0;  ///< Unix time to record (0: the clock)
  std::string metadata;  ///< stored with the version (a manifest's fields, as JSON)
};

/// What one track run did.
struct track_outcome {
  std::string source;
  bool new_source = false;
  bool recorded = false;              ///< false: identical to the latest version, nothing stored
  std::uint32_t version = 0;          ///< the new version (or the latest, when not recorded)
  std::uint32_t previous = 0;         ///< the version compared with (0: first version)
  std::optional<predecessor> found;   ///< when the source was found by similarity
  std::optional<comparison> diff;     ///< previous → new, when there is a previous
  std::vector<std::string> degraded;  ///< lineage limits hit
  /// Lineage events of the new version, per level: reinstated, dropped, first seen.
  std::size_t reinstated = 0, dropped = 0, first_seen = 0;
  [[nodiscard]] bool changed() const { return diff && diff->changed(); }
};

class tracking_store {
 public:
  /// Opens a store, creating it (unless told not to) and migrating it forward. Refuses a
  /// file that is not an accordiff store, a corrupt one, or one from a newer accordiff.
  [[nodiscard]] static result<tracking_store> open(const std::string& path,
                                                   const store_options& opts = {});
  tracking_store(tracking_store&&) noexcept;
  tracking_store& operator=(tracking_store&&) noexcept;
  ~tracking_store();

  /// Records `doc` as the newest version of its source and compares it with the version
  /// before. An identical re-publication (same bytes as the latest) records nothing.
  [[nodiscard]] result<track_outcome> track(std::shared_ptr<const document> doc,
                                            const track_options& opts);

  [[nodiscard]] result<std::vector<source_info>> sources();
  [[nodiscard]] result<std::vector<version_info>> history(const std::string& source);
  /// A stored version as a document (path as it was given to track).
  [[nodiscard]] result<std::shared_ptr<const document>> version_document(const std::string& source,
                                                                         std::uint32_t version);
  /// The JSON report stored when the version was recorded.
  [[nodiscard]] result<std::string> version_report(const std::string& source,
                                                   std::uint32_t version);
  /// The comparison of a version with the one it was compared with, run again on the
  /// stored bytes (the same bytes as the stored report, with the same options).
  [[nodiscard]] result<comparison> version_comparison(const std::string& source,
                                                      std::uint32_t version,
                                                      const compare_options& opts = {});
  /// Stored versions most like `doc`, best first.
  [[nodiscard]] result<std::vector<similar_document>> similar(std::shared_ptr<const document> doc,
                                                              std::size_t limit,
                                                              const compare_options& opts = {});
  /// Which stored source `doc` follows up, and how sure that is.
  [[nodiscard]] result<predecessor> find_predecessor(std::shared_ptr<const document> doc,
                                                     const compare_options& opts = {});
  /// The series of a source's versions (all, or those listed), computed on the stored bytes.
  [[nodiscard]] result<series> source_series(const std::string& source,
                                             const std::vector<std::uint32_t>& versions,
                                             const compare_options& opts = {});
  /// Checks the file and the store's invariants (every version whole, numbers without
  /// gaps, lineages consistent); the first problem found.
  [[nodiscard]] result<void> check();

 private:
  explicit tracking_store(std::unique_ptr<detail::store> impl);
  std::unique_ptr<detail::store> impl_;
};

}  // namespace accordiff
