// What the reporters for people share (internal): HTML, Markdown and the side-by-side
// terminal view. Line numbers, white space, the date a document bears, where moved units
// came from, and the commitments of each row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"

namespace accordiff::detail {

/// Line numbers (1-based) of offsets into a document's text, counted in its source (an
/// HTML page's lines, not those of the text taken from it); LF, CRLF and lone CR end a line.
class line_index {
 public:
  explicit line_index(const document& d);
  [[nodiscard]] std::size_t line(std::uint32_t offset) const;

 private:
  const document& doc_;
  std::vector<std::uint32_t> starts_;
};

/// Size of the input as read (before decoding or extraction), as the JSON report gives it.
[[nodiscard]] inline std::uint64_t input_bytes(const document& d) {
  return d.input_size != 0 ? d.input_size : d.bytes.size();
}

/// White space runs (line wraps included) as one space.
[[nodiscard]] std::string flat(std::string_view s);

/// Whether `s` is only white space.
[[nodiscard]] bool blank(std::string_view s);

/// How far into a document its date is looked for: dates stand in the heading or the
/// dateline of a communiqué, and scanning further only finds dates of the events it
/// reports on.
inline constexpr std::size_t kDateScanBytes = 2048;

/// The first date written in the opening of `text` ("11 de diciembre de 2025",
/// "December 11, 2025", "11 décembre 2025", "2025-12-11"), as written; empty if none.
[[nodiscard]] std::string_view find_date(std::string_view text);

/// "12,345".
[[nodiscard]] std::string thousands(std::uint64_t n);

/// A symbol for each kind, so that meaning never rests on colour alone.
[[nodiscard]] std::string_view symbol(kind k);

/// A change a reader must look at: anything but an unchanged group in its place.
[[nodiscard]] inline bool is_change(const group& g) { return g.k != kind::unchanged || g.moved; }

/// Groups that change more than wording or place: added, dropped, a date, number or place
/// changed, or a commitment that changed (comparison::substantive() for one group).
[[nodiscard]] bool is_substantive(const group& g, bool holds_changed_commitment);

/// Commitments counted by kind and by how a rewording changed their strength.
struct commitment_counts {
  std::size_t added = 0, dropped = 0, reworded = 0, unchanged = 0;
  std::size_t strengthened = 0, weakened = 0;
  [[nodiscard]] std::size_t total() const { return added + dropped + reworded + unchanged; }
};
[[nodiscard]] commitment_counts count_commitments(const comparison& c);

/// The sentence groups seen as rows: which group holds each unit, where the old place of
/// each moved group falls among the rows, and which commitments each row holds.
struct row_map {
  std::vector<std::uint32_t> owner_old;  ///< old sentence -> group index
  std::vector<std::uint32_t> owner_new;  ///< new sentence -> group index
  /// origins[k]: moved groups whose old place lies just before row k (k == rows: at the
  /// end), in old order. A moved group's old place is right after the group of the
  /// nearest old unit before it that did not move.
  std::vector<std::vector<std::uint32_t>> origins;
  /// commitments[k]: indices into comparison::commitments held by row k.
  std::vector<std::vector<std::uint32_t>> commitments;
  /// The row of each commitment (by its new side, else its old side).
  std::vector<std::uint32_t> commitment_row;
};
[[nodiscard]] row_map map_rows(const comparison& c);

/// Whether row `k` begins a paragraph: its first new sentence (or, when it has none, its
/// first old sentence) is the first of its paragraph.
[[nodiscard]] bool starts_paragraph(const comparison& c, const group& g);

}  // namespace accordiff::detail
