// Reporters: a comparison in, bytes out to a stream. They never decide anything.
#pragma once

#include <ostream>

#include "accordiff/compare.hpp"

namespace accordiff {

/// The JSON report, schema accordiff.report/1 (docs/report.md). Deterministic bytes.
void write_json(std::ostream& out, const comparison& c);

struct text_options {
  bool color = false;
  bool all = false;           ///< show unchanged units too
  int context = 0;            ///< unchanged sentences shown around each change
  bool summary_only = false;  ///< the header and the counts, no changes listed
};

/// The terminal report: a summary line, then each change with word-level highlights.
void write_text(std::ostream& out, const comparison& c, const text_options& opts = {});

}  // namespace accordiff
