// Stage 6, classify: see classify.hpp for the contract.
#include "classify/classify.hpp"

#include <algorithm>
#include <cassert>
#include <deque>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "util/onp.hpp"
#include "util/permute.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

struct piece {
  std::string_view raw;
  std::uint32_t key;
};

bool is_blank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size())
    if (!is_space(next_code_point(s, i))) return false;
  return true;
}

// The comparison keys of spellings for one normalizer, kept on each thread from one
// word_edits() to the next: a report makes one script per changed paragraph, sentence and
// commitment, and normalizing each distinct word of each again (ICU, a string made for
// each) cost more than the script of two unrelated paragraphs. Key 0 is white space; a
// spelling's key is that of its normalized form, so two spellings of one form compare equal.
struct spelling_keys {
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::uint64_t normalizer = 0;  // serial() of the normalizer they were made with
  spelling_cache of_spelling;    // (the key in `key`)
  std::unordered_map<std::string, std::uint32_t, hash, std::equal_to<>> of_form;
};

// At most this many spellings are kept past a word_edits() (about 2 MB a thread, spellings
// and forms): one that leaves more gives their memory back, and the next starts over.
constexpr std::size_t kMaxSpellings = 1U << 14U;

// What follows each text's keys for the search (keys count the forms met from 1: a text
// has far fewer than these).
constexpr std::uint32_t kEndOfOld = 0xFFFFFFFF;
constexpr std::uint32_t kEndOfNew = 0xFFFFFFFE;

spelling_keys& kept_keys() {
  thread_local spelling_keys keys;
  return keys;
}

spelling_keys& keys_for(const normalizer& norm) {
  spelling_keys& keys = kept_keys();
  if (keys.normalizer != norm.serial()) {
    keys.of_spelling = {};
    keys.of_form.clear();
    keys.normalizer = norm.serial();
  }
  return keys;
}

// The end of the piece of `text` that starts at i (< n): a run of white space (`blank`), or
// a word or mark as the tokenizer cuts it.
std::uint32_t piece_end(std::string_view text, std::uint32_t i, std::uint32_t n, bool& blank) {
  // (a word, mostly: a letter or digit is none of is_space()'s)
  if (const auto c = static_cast<unsigned char>(text[i]);
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    blank = false;
    bool word = false;
    return scan_token(text, i, n, word);
  }
  auto ascii_blank = [](char c) {  // (is_space()'s ASCII ones)
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t e = i;
  if (ascii_blank(text[i])) {
    blank = true;
    ++e;
  } else {
    blank = is_space(next_code_point(text, e));
    if (!blank) {
      bool word = false;
      return scan_token(text, i, n, word);
    }
  }
  while (e < n) {
    if (ascii_blank(text[e])) {
      ++e;
      continue;
    }
    if (static_cast<unsigned char>(text[e]) < 0x80) break;
    std::size_t k = e;
    if (!is_space(next_code_point(text, k))) break;
    e = k;
  }
  return static_cast<std::uint32_t>(e);
}

// Words, marks and runs of white space, with their comparison keys.
std::vector<piece> pieces(std::string_view text, const normalizer& norm, spelling_keys& keys) {
  std::vector<piece> out;
  out.reserve(text.size() / 3 + 4);  // (a word and a space: about seven bytes, two pieces)
  const auto n = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t i = 0; i < n;) {
    bool blank = false;
    const std::uint32_t e = piece_end(text, i, n, blank);
    const std::string_view raw = text.substr(i, e - i);
    i = e;
    if (blank) {
      out.push_back({raw, 0});
      continue;
    }
    const std::uint64_t h = spelling_hash(raw);
    std::uint32_t key = 0;
    if (const spelling_cache::entry* known = keys.of_spelling.find(raw, h)) {
      key = known->key;
    } else {
      const auto next = static_cast<std::uint32_t>(keys.of_form.size() + 1);
      key = keys.of_form.try_emplace(norm.normalize(raw), next).first->second;
      keys.of_spelling.insert(raw, h, {key, key, false});
    }
    out.push_back({raw, key});
  }
  return out;
}

// How many pieces `text` has, counted up to `limit` (past it, `limit`): whether a text is
// too long for word edits is told before its pieces are made (a 20 MB paragraph's would
// take more than 100 MB, to be thrown away).
std::size_t count_pieces(std::string_view text, std::size_t limit) {
  const auto n = static_cast<std::uint32_t>(text.size());
  std::size_t count = 0;
  for (std::uint32_t i = 0; i < n && count < limit; ++count) {
    bool blank = false;
    i = piece_end(text, i, n, blank);
  }
  return count;
}

void push(std::vector<edit>& out, char op, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().op == op)
    out.back().text.append(text);
  else
    out.push_back({op, std::string(text)});
}

// The raw script of word_edits(): each step a stretch of one of the two texts. Steps of one
// kind in a row are pieces one after the other in their text, so one view holds them all
// (no string built for each piece); where they were not, the stretch is copied into a
// string of `owned` and the view is of that.
struct raw_script {
  struct step {
    char op;
    std::string_view text;
    std::size_t owned = kNotOwned;
  };
  static constexpr std::size_t kNotOwned = static_cast<std::size_t>(-1);
  std::vector<step> steps;
  std::deque<std::string> owned;  // (a deque: adding one moves none of the others)

  void push(char op, std::string_view text) {
    if (text.empty()) return;
    if (steps.empty() || steps.back().op != op) {
      steps.push_back({op, text});
      return;
    }
    step& last = steps.back();
    if (last.owned == kNotOwned && last.text.data() + last.text.size() == text.data()) {
      last.text = std::string_view(last.text.data(), last.text.size() + text.size());
      return;
    }
    if (last.owned == kNotOwned) {
      last.owned = owned.size();
      owned.emplace_back(last.text);
    }
    owned[last.owned].append(text);
    last.text = owned[last.owned];
  }
};

// Makes the script readable: white space standing alone between two changes joins them,
// and inside each changed stretch all deletions come before all insertions.
std::vector<edit> tidy(const std::vector<raw_script::step>& raw) {
  std::vector<edit> out;
  std::string del, ins;
  // White space that both sides of a change begin (or end) with is set apart from the
  // words: as unchanged text when it is the same, as its own -/+ pair when only the line
  // wrapping differs, so that the words changed stand alone.
  auto space_prefix = [](std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && (s[n] == ' ' || s[n] == '\n' || s[n] == '\r' || s[n] == '\t')) ++n;
    return n;
  };
  auto space_suffix = [](std::string_view s, std::size_t floor) {
    std::size_t n = 0;
    while (n + floor < s.size() && (s[s.size() - 1 - n] == ' ' || s[s.size() - 1 - n] == '\n' ||
                                    s[s.size() - 1 - n] == '\r' || s[s.size() - 1 - n] == '\t'))
      ++n;
    return n;
  };
  auto emit_space = [&](std::string_view a, std::string_view b) {
    if (a == b) {
      push(out, '=', a);
    } else {
      push(out, '-', a);
      push(out, '+', b);
    }
  };
  auto flush = [&] {
    const std::string_view d(del), i(ins);
    std::size_t dl = 0, il = 0, dt = 0, it = 0;
    if (!d.empty() && !i.empty()) {
      dl = space_prefix(d);
      il = space_prefix(i);
      if (dl == 0 || il == 0 || dl == d.size() || il == i.size()) dl = il = 0;
      dt = space_suffix(d, dl);
      it = space_suffix(i, il);
      if (dt == 0 || it == 0) dt = it = 0;
    }
    if (dl > 0) emit_space(d.substr(0, dl), i.substr(0, il));
    push(out, '-', d.substr(dl, d.size() - dl - dt));
    push(out, '+', i.substr(il, i.size() - il - it));
    if (dt > 0) emit_space(d.substr(d.size() - dt), i.substr(i.size() - it));
    del.clear();
    ins.clear();
  };
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const raw_script::step& e = raw[k];
    if (e.op == '=') {
      const bool between_changes =
          (!del.empty() || !ins.empty()) && k + 1 < raw.size() && raw[k + 1].op != '=';
      if (between_changes && is_blank(e.text)) {
        del += e.text;
        ins += e.text;
        continue;
      }
      flush();
      push(out, '=', e.text);
    } else {
      (e.op == '-' ? del : ins) += e.text;
    }
  }
  flush();
  return out;
}

}  // namespace

std::vector<edit> word_edits(std::string_view old_text, std::string_view new_text,
                             const normalizer& norm, bool& degraded) {
  // (a piece is a byte at least: texts of fewer bytes than the limit need no count)
  if (old_text.size() + new_text.size() > kMaxEditTokens &&
      count_pieces(old_text, kMaxEditTokens + 1) + count_pieces(new_text, kMaxEditTokens + 1) >
          kMaxEditTokens) {
    degraded = true;
    std::vector<edit> whole;
    push(whole, '-', old_text);
    push(whole, '+', new_text);
    return whole;
  }
  raw_script raw;
  spelling_keys& keys = keys_for(norm);
  const std::vector<piece> a = pieces(old_text, norm, keys);
  const std::vector<piece> b = pieces(new_text, norm, keys);
  if (keys.of_spelling.size() > kMaxSpellings) kept_keys() = {};  // (the pieces hold none)
  // (each followed by an end no key is, and the two ends different: edit_script<Ends>)
  std::vector<std::uint32_t> ka(a.size() + 1), kb(b.size() + 1);
  for (std::size_t i = 0; i < a.size(); ++i) ka[i] = a[i].key;
  for (std::size_t j = 0; j < b.size(); ++j) kb[j] = b[j].key;
  ka[a.size()] = kEndOfOld;
  kb[b.size()] = kEndOfNew;
  for (const script_step& step :
       edit_script<std::uint32_t, true>(std::span<const std::uint32_t>(ka.data(), a.size()),
                                        std::span<const std::uint32_t>(kb.data(), b.size()))) {
    if (step.k == script_step::common) {
      const piece& x = a[static_cast<std::size_t>(step.a - 1)];
      const piece& y = b[static_cast<std::size_t>(step.b - 1)];
      if (x.raw == y.raw) {
        raw.push('=', x.raw);
      } else {
        raw.push('-', x.raw);
        raw.push('+', y.raw);
      }
    } else if (step.k == script_step::del) {
      raw.push('-', a[static_cast<std::size_t>(step.a - 1)].raw);
    } else {
      raw.push('+', b[static_cast<std::size_t>(step.b - 1)].raw);
    }
  }
  return tidy(raw.steps);
}

void order_groups(std::vector<group>& groups) {
  // The order: by new position (a group's first new unit; a dropped group's, the new
  // position of the last old unit before it that has one, -1 for none), a group with new
  // units before the dropped ones at the same place, and those by old position. Counted
  // by new position and placed (a sort of the keys was most of this at 50 MB): a group
  // with new units is the only one at its first new unit; dropped groups are placed in
  // the order of their old units.
  std::uint32_t max_old = 0, max_new = 0;
  for (const group& g : groups) {
    for (std::uint32_t i : g.old_units) max_old = std::max(max_old, i + 1);
    for (std::uint32_t j : g.new_units) max_new = std::max(max_new, j + 1);
  }
  constexpr std::uint32_t kNoGroup = 0xFFFFFFFF;
  std::vector<std::int64_t> new_pos_of_old(max_old, -1);
  std::vector<std::uint32_t> dropped_at(max_old, kNoGroup);  // by its first old unit
  // (the groups with new units by their first, at max_new + 1 places: -1 and each unit)
  std::vector<std::uint32_t> first(std::size_t{max_new} + 2, 0);
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const group& g = groups[k];
    if (!g.new_units.empty()) {
      for (std::uint32_t i : g.old_units) new_pos_of_old[i] = g.new_units.front();
      ++first[std::size_t{g.new_units.front()} + 2];
    } else {  // (a unit is in one group only: no other dropped group starts there)
      assert(dropped_at[g.old_units.front()] == kNoGroup);
      dropped_at[g.old_units.front()] = static_cast<std::uint32_t>(k);
    }
  }
  std::vector<std::int64_t> anchor_of_old(max_old, -1);
  std::int64_t last_seen = -1;  // new position of the last old unit seen with one
  for (std::uint32_t i = 0; i < max_old; ++i) {
    anchor_of_old[i] = last_seen;
    if (new_pos_of_old[i] >= 0) last_seen = new_pos_of_old[i];
  }
  new_pos_of_old = {};
  for (std::uint32_t i = 0; i < max_old; ++i)
    if (dropped_at[i] != kNoGroup) ++first[static_cast<std::size_t>(anchor_of_old[i] + 1) + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  // place p (new position + 1) holds [first[p], first[p + 1]): its group with new units,
  // then its dropped ones
  std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
  std::vector<std::uint32_t> order(groups.size());
  for (std::size_t k = 0; k < groups.size(); ++k)
    if (!groups[k].new_units.empty())
      order[next[std::size_t{groups[k].new_units.front()} + 1]++] = static_cast<std::uint32_t>(k);
  for (std::uint32_t i = 0; i < max_old; ++i)
    if (dropped_at[i] != kNoGroup)
      order[next[static_cast<std::size_t>(anchor_of_old[i] + 1)]++] = dropped_at[i];
  // groups[k] becomes groups[order[k]], in place (a second array of groups would double
  // what the longest level holds)
  permute_in_place(groups, order);
}

}  // namespace accordiff::detail
