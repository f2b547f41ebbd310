// Helpers shared by the tests: fixtures, comparisons of strings, report invariants.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <sstream>
#include <string>

#include "accordiff/accordiff.hpp"

namespace accordiff::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::shared_ptr<const document> doc(std::string text, std::string name = "t.txt") {
  auto d = read_bytes(std::move(text), std::move(name), {.fmt = std::nullopt, .allow_empty = true});
  EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
  return std::make_shared<const document>(std::move(*d));
}

inline comparison run(const std::string& a, const std::string& b, compare_options o = {}) {
  auto c = compare(doc(a, "old.txt"), doc(b, "new.txt"), o);
  EXPECT_TRUE(c.has_value());
  return std::move(*c);
}

inline nlohmann::json to_json(const comparison& c) {
  std::ostringstream ss;
  write_json(ss, c);
  return nlohmann::json::parse(ss.str());
}

/// Text of a side of a group as the edits must rebuild it.
inline std::string side_text(const document& d, const std::vector<unit>& us,
                             std::span<const std::uint32_t> ids) {
  std::string out;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) out.push_back(' ');
    out.append(d.text(us[ids[k]].where));
  }
  return out;
}

/// The invariants every report must hold: every unit of each side in exactly one group
/// per level, spans covering every non-blank byte exactly once, edits rebuilding both
/// texts. Bytes are those of `document::bytes`, the text the reader keeps: the file for
/// text and Markdown, the decoded text for other encodings, the text of the kept blocks
/// for HTML, the extracted text for PDF (docs/report.md, "Nothing is lost").
inline void expect_invariants(const comparison& c) {
  for (int lvl = 0; lvl < 2; ++lvl) {
    const auto& groups = lvl == 0 ? c.paragraphs : c.sentences;
    const auto& ou = lvl == 0 ? c.old_side.paragraphs : c.old_side.sentences;
    const auto& nu = lvl == 0 ? c.new_side.paragraphs : c.new_side.sentences;
    std::vector<int> seen_old(ou.size(), 0), seen_new(nu.size(), 0);
    for (const group& g : groups) {
      for (auto i : g.old_units) ++seen_old.at(i);
      for (auto j : g.new_units) ++seen_new.at(j);
      EXPECT_FALSE(g.old_units.empty() && g.new_units.empty());
      if (g.k == kind::reworded || g.k == kind::split || g.k == kind::merged) {
        std::string o, n;
        for (const edit& e : g.edits) {
          if (e.op != '+') o += e.text;
          if (e.op != '-') n += e.text;
        }
        EXPECT_EQ(o, side_text(*c.old_side.doc, ou, g.old_units));
        EXPECT_EQ(n, side_text(*c.new_side.doc, nu, g.new_units));
      }
    }
    for (int s : seen_old) EXPECT_EQ(s, 1) << "level " << lvl << ": old unit not in one group";
    for (int s : seen_new) EXPECT_EQ(s, 1) << "level " << lvl << ": new unit not in one group";
    // Spans cover every non-blank byte exactly once.
    for (int sd = 0; sd < 2; ++sd) {
      const document& d = sd == 0 ? *c.old_side.doc : *c.new_side.doc;
      const auto& us = sd == 0 ? ou : nu;
      std::vector<int> cover(d.bytes.size(), 0);
      for (const unit& u : us)
        for (auto b = u.where.start; b < u.where.end; ++b) ++cover[b];
      std::size_t start = d.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
      for (std::size_t b = start; b < d.bytes.size(); ++b) {
        const unsigned char ch = static_cast<unsigned char>(d.bytes[b]);
        const bool blank = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
        if (!blank)
          EXPECT_EQ(cover[b], 1) << d.path << " byte " << b << " level " << lvl;
        else
          EXPECT_LE(cover[b], 1);
      }
    }
  }
}

}  // namespace accordiff::testing
