// The engine's entry point: compare two documents.
//
// compare() chains the stages: normalize and segment both documents into paragraphs and
// sentences, fingerprint every unit, align paragraphs and then sentences (exact anchors,
// LCS, similarity pairing, moves, splits and merges) and classify every group, with
// word-level edits on the changed ones. Every unit of both inputs lands in exactly one
// group at its level. The result is a value; reporters (report.hpp) turn it into text.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accordiff/document.hpp"
#include "accordiff/error.hpp"

namespace accordiff {

/// Thresholds of the aligner. Defaults and why they have these values: see align.hpp in
/// the engine sources; every value is recorded in the report.
struct thresholds {
  /// Least similarity for pairing two units that stand at corresponding places (between
  /// the same unchanged neighbours, or inside paired paragraphs) as a rewording.
  double reword_local = 0.30;
  /// Least similarity for pairing two units anywhere in the documents (moved and reworded).
  double reword_global = 0.50;
  /// Least similarity between one unit and the joined text of several for a split/merge.
  double split = 0.55;
  /// Share of a piece's own words that must come from the whole for it to join a split.
  double split_piece = 0.60;
  friend bool operator==(const thresholds&, const thresholds&) = default;
};

struct compare_options {
  std::string lang = "auto";  ///< "auto", or a language code: es, en, fr, pt, de, it, …
  bool ignore_case = true;
  bool ignore_accents = false;
  bool ignore_punctuation = false;
  bool ignore_number_format = false;  ///< "1,000" = "1000" = "1 000"; "1.5" = "1,5"
  thresholds limits;
  friend bool operator==(const compare_options&, const compare_options&) = default;
};

enum class kind { unchanged, moved, reworded, split, merged, added, dropped };
[[nodiscard]] std::string_view to_string(kind k);

enum class level { paragraph, sentence };

/// One word-level edit; "=" and "-" texts rebuild the old side, "=" and "+" the new one.
/// A side made of several spans (split, merge) is their texts joined by one space.
struct edit {
  char op = '=';  ///< '=', '-' or '+'
  std::string text;
  friend bool operator==(const edit&, const edit&) = default;
};

/// A change of one typed value between two wordings: "date" (enero de 2026 → marzo de
/// 2026), "number" (200 → 350), "place", "actor", "action" or "scope". An empty side means
/// the value was only on the other one.
struct typed_change {
  std::string type;
  std::string old_value;
  std::string new_value;
  friend bool operator==(const typed_change&, const typed_change&) = default;
};

/// The units of one side of a group, by index, in order: a sorted, contiguous sequence of
/// std::uint32_t like a std::vector's (it converts to std::span<const std::uint32_t>). Most
/// groups hold one unit a side, so up to two are kept inline: a 50 MB document makes
/// 300,000 groups, and two vectors each would cost 110 bytes a group in headers and tiny
/// heap blocks.
class unit_list {
 public:
  using value_type = std::uint32_t;
  using size_type = std::size_t;
  using const_iterator = const std::uint32_t*;
  using iterator = const_iterator;

  unit_list() = default;
  unit_list(std::initializer_list<std::uint32_t> ids) { assign(ids.begin(), ids.size()); }
  unit_list(const std::vector<std::uint32_t>& ids) { assign(ids.data(), ids.size()); }  // NOLINT
  unit_list(const unit_list& o) { assign(o.data(), o.size_); }
  unit_list(unit_list&& o) noexcept { take(o); }
  unit_list& operator=(const unit_list& o) {
    if (this != &o) {
      unit_list copy(o);
      release();
      take(copy);
    }
    return *this;
  }
  unit_list& operator=(unit_list&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  ~unit_list() { release(); }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] const std::uint32_t* data() const { return cap_ > kInline ? heap_ : inline_; }
  [[nodiscard]] const_iterator begin() const { return data(); }
  [[nodiscard]] const_iterator end() const { return data() + size_; }
  [[nodiscard]] std::uint32_t operator[](std::size_t i) const { return data()[i]; }
  [[nodiscard]] std::uint32_t front() const { return data()[0]; }
  [[nodiscard]] std::uint32_t back() const { return data()[size_ - 1]; }
  void push_back(std::uint32_t id);
  friend bool operator==(const unit_list& a, const unit_list& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr std::uint32_t kInline = 2;
  void assign(const std::uint32_t* ids, std::size_t n);
  void take(unit_list& o) noexcept;
  void release() noexcept;
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = kInline;  // past kInline: heap_ holds them
  union {
    std::uint32_t inline_[kInline] = {0, 0};
    std::uint32_t* heap_;
  };
};

/// A group of aligned units at one level. `old_units`/`new_units` index the level's units.
struct group {
  kind k = kind::unchanged;
  bool moved = false;
  unit_list old_units;
  unit_list new_units;
  double similarity = 1.0;
  std::vector<edit> edits;  ///< for reworded, split and merged groups
  /// Dates, numbers and places that changed (reworded, split and merged sentence groups).
  std::vector<typed_change> changes;
  friend bool operator==(const group&, const group&) = default;
};

/// Whether a change of wording made a commitment stronger or weaker, by the strength
/// scale of the language's lexicon (evaluar 1 … instalar 4).
enum class strength { same, strengthened, weakened, unknown };
[[nodiscard]] std::string_view to_string(strength s);

/// One side of a commitment: a clause in which parties commit, agree, decide or announce.
/// Its actors and object are where the document has them (a 50 MB document holds hundreds
/// of thousands of commitments, and a copy of their words would weigh more than the
/// document): clause_text() gives them as the report shows them.
struct commitment_side {
  std::uint32_t sentence = 0;       ///< index of the sentence holding it
  span where;                       ///< the clause, inside the sentence
  span actors;                      ///< who commits, as written (empty when not stated; for
                                    ///< an item of a list, in the lead-in before the list)
  std::string action;               ///< the verb, lemmatized, in the document's language
  std::vector<std::string> joined;  ///< verbs coordinated with it, after it ("acelerar" in
                                    ///< "intensificar y acelerar"); mostly none
  span object;                      ///< what the action applies to, as written
  /// All its verbs, the action first (the report's "verbs"); none when it has neither an
  /// action nor joined verbs.
  /// (Kept as the action and the rest: a list of one verb a side was an allocation for
  /// each of the tens of thousands of commitments of a long document.)
  [[nodiscard]] std::vector<std::string> verbs() const;
  friend bool operator==(const commitment_side&, const commitment_side&) = default;
};

/// The text of `s` in `doc` as reports give a commitment's actors and object: each run of
/// white space (a line wrap too) as one space.
[[nodiscard]] std::string clause_text(const document& doc, span s);

/// A commitment followed across the two releases: added, dropped, reworded or unchanged.
struct commitment {
  kind k = kind::unchanged;
  std::optional<commitment_side> old_side;
  std::optional<commitment_side> new_side;
  double similarity = 1.0;
  std::vector<typed_change> changes;  ///< reworded: action, date, number, place, actor, scope
  strength direction = strength::same;
  std::vector<edit> edits;  ///< reworded: word-level edits from the old clause to the new one
  friend bool operator==(const commitment&, const commitment&) = default;
};

/// A paragraph or sentence of one input.
struct unit {
  span where;                ///< byte span in the document
  std::uint32_t parent = 0;  ///< for a sentence: its paragraph's index
  std::uint64_t fingerprint = 0;
  friend bool operator==(const unit&, const unit&) = default;
};

/// One side of a comparison: the document, its language and units.
struct side {
  std::shared_ptr<const document> doc;
  std::string language;
  std::string xxh3_128;  ///< of the input bytes, 32 hex digits
  std::vector<unit> paragraphs;
  std::vector<unit> sentences;
};

struct comparison {
  side old_side;
  side new_side;
  compare_options options;
  std::vector<group> paragraphs;        ///< in the order of the new document
  std::vector<group> sentences;         ///< in the order of the new document
  std::vector<commitment> commitments;  ///< in the order of the new document
  std::vector<std::string> degraded;    ///< limits that were hit, and what was done instead
  [[nodiscard]] bool changed() const;
  /// Something a reader must know: a sentence added or dropped, a typed change (date,
  /// number, place), a commitment added, dropped or reworded. Moves and rewordings
  /// that change no value are cosmetic.
  [[nodiscard]] bool substantive() const;
  /// A commitment added, dropped or reworded.
  [[nodiscard]] bool commitments_changed() const;
};

/// One document on its own, as compare() sees either side: its units with fingerprints,
/// its commitments and the word shingles that stand for it in similarity searches.
struct analysis {
  side s;
  std::vector<commitment_side> commitments;  ///< in document order
  /// xxh3-64 of every run of kShingleWords consecutive normalized words (sorted, unique).
  std::vector<std::uint64_t> shingles;
};

/// Analyzes one document (language detected unless opts.lang says it).
[[nodiscard]] result<analysis> analyze(std::shared_ptr<const document> doc,
                                       const compare_options& opts = {});

/// Compares two documents.
[[nodiscard]] result<comparison> compare(std::shared_ptr<const document> old_doc,
                                         std::shared_ptr<const document> new_doc,
                                         const compare_options& opts = {});

/// Checks the options (thresholds in [0, 1], a known language).
[[nodiscard]] result<void> validate(const compare_options& opts);

}  // namespace accordiff
