// Pieces of the terminal reporters (internal): styles, flattened text, word edits.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "accordiff/compare.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

struct style {
  bool color;
  [[nodiscard]] std::string del(std::string_view s) const {
    return color ? "\x1b[31m" + std::string(s) + "\x1b[0m" : "[-" + std::string(s) + "-]";
  }
  [[nodiscard]] std::string ins(std::string_view s) const {
    return color ? "\x1b[32m" + std::string(s) + "\x1b[0m" : "{+" + std::string(s) + "+}";
  }
  [[nodiscard]] std::string head(std::string_view s) const {
    return color ? "\x1b[1m" + std::string(s) + "\x1b[0m" : std::string(s);
  }
  [[nodiscard]] std::string dim(std::string_view s) const {
    return color ? "\x1b[2m" + std::string(s) + "\x1b[0m" : std::string(s);
  }
};

// White space runs (line wraps included) shown as one space.
inline std::string flat(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    if (detail::is_space(detail::next_code_point(s, i))) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.append(s.substr(at, i - at));
  }
  if (space) out.push_back(' ');
  return out;
}

inline bool blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!detail::is_space(detail::next_code_point(s, i))) return false;
  return true;
}

inline void render_edits(std::ostream& out, const std::vector<edit>& edits, const style& st) {
  for (std::size_t e = 0; e < edits.size(); ++e) {
    const edit& ed = edits[e];
    // a line wrap that moved is not a change worth showing
    if (ed.op == '-' && e + 1 < edits.size() && edits[e + 1].op == '+' && blank(ed.text) &&
        blank(edits[e + 1].text))
      continue;
    if (ed.op == '+' && blank(ed.text)) {
      out << ' ';
      continue;
    }
    const std::string t = flat(ed.text);
    out << (ed.op == '=' ? t : ed.op == '-' ? st.del(t) : st.ins(t));
  }
}

inline std::string changes_line(const std::vector<typed_change>& changes) {
  std::string out;
  for (const typed_change& t : changes) {
    if (t.type == "scope" || t.type == "action") continue;  // shown with the wording
    if (!out.empty()) out += "; ";
    out += t.type + ": " + (t.old_value.empty() ? "(none)" : flat(t.old_value)) + " -> " +
           (t.new_value.empty() ? "(none)" : flat(t.new_value));
  }
  return out;
}

}  // namespace accordiff::detail
