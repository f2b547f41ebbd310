// Reporters: a comparison in, bytes out to a stream. They never decide anything.
#pragma once

#include <ostream>
#include <string_view>

#include "accordiff/compare.hpp"

namespace accordiff {

/// The JSON report, schema accordiff.report/1 (docs/report.md). Deterministic bytes.
void write_json(std::ostream& out, const comparison& c);

struct text_options {
  bool color = false;
  bool all = false;           ///< show unchanged units too
  int context = 0;            ///< unchanged sentences shown around each change
  int width = 100;            ///< side-by-side view: columns of the terminal
  bool summary_only = false;  ///< the header and the counts, no changes listed
};

/// The terminal report: a summary line, then each change with word-level highlights.
void write_text(std::ostream& out, const comparison& c, const text_options& opts = {});

/// The terminal report with the documents side by side, old on the left and new on the
/// right, each change wrapped to fit `opts.width` columns.
void write_side_by_side(std::ostream& out, const comparison& c, const text_options& opts = {});

/// The HTML report: one self-contained page (inline style and script, no network
/// request) with the summary, the commitments and both documents side by side, sentence
/// by sentence. Input text is escaped. Deterministic bytes.
void write_html(std::ostream& out, const comparison& c);

/// The Markdown report (GitHub-flavoured) for pull requests, issues and e-mail: summary,
/// commitments, then every change with ~~deleted~~ and **inserted** words.
void write_markdown(std::ostream& out, const comparison& c);

/// The JSON Schema (draft 2020-12) of the JSON report: docs/report.schema.json.
[[nodiscard]] std::string_view report_schema();

}  // namespace accordiff
