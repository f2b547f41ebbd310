// Stage 6, classify: see classify.hpp for the contract.
#include "classify/classify.hpp"

#include <algorithm>
#include <array>
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

namespace {

// Whether texts of these sizes are too long for word edits (a piece is a byte at least:
// texts of fewer bytes than the limit need no count).
bool too_long(std::string_view old_text, std::string_view new_text) {
  return old_text.size() + new_text.size() > kMaxEditTokens &&
         count_pieces(old_text, kMaxEditTokens + 1) + count_pieces(new_text, kMaxEditTokens + 1) >
             kMaxEditTokens;
}

std::vector<edit> whole(std::string_view old_text, std::string_view new_text) {
  std::vector<edit> out;
  push(out, '-', old_text);
  push(out, '+', new_text);
  return out;
}

// An ASCII letter or digit, or a byte of a multi-byte character (a letter mostly).
bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

// The bytes both texts begin with (`from_end`: end with), cut back to where white space
// meets a token in both (a word, a number such as "1,500" or "U.S." is kept whole or left
// out), when they hold a letter or a digit; else 0.
std::size_t common_words(std::string_view a, std::string_view b, bool from_end) {
  const std::size_t most = std::min(a.size(), b.size());
  auto at = [from_end](std::string_view t, std::size_t k) {  // the k-th byte from that end
    return from_end ? t[t.size() - 1 - k] : t[k];
  };
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t n = 0;
  while (n < most && at(a, n) == at(b, n)) ++n;
  // (n bytes from that end stop at a token's edge when white space is on one side of it)
  auto at_edge = [&](std::string_view t) {
    return n == t.size() || blank(at(t, n - 1)) || blank(at(t, n));
  };
  while (n > 0 && !(at_edge(a) && at_edge(b))) --n;
  for (std::size_t k = 0; k < n; ++k)
    if (word_byte(at(a, k))) return n;
  return 0;
}

// Appends to `raw` the shortest edit script of the pieces of the two texts.
void raw_edits(std::string_view old_text, std::string_view new_text, const normalizer& norm,
               raw_script& raw) {
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
}

}  // namespace

std::vector<edit> word_edits(std::string_view old_text, std::string_view new_text,
                             const normalizer& norm, bool& degraded) {
  if (too_long(old_text, new_text)) {
    degraded = true;
    return whole(old_text, new_text);
  }
  raw_script raw;
  raw_edits(old_text, new_text, norm, raw);
  return tidy(raw.steps);
}

std::vector<edit> stretch_edits(std::string_view old_text, std::string_view new_text,
                                std::span<const stretch_pair> stretches, const normalizer& norm,
                                bool& degraded) {
  if (too_long(old_text, new_text)) {
    degraded = true;
    return whole(old_text, new_text);
  }
  raw_script raw;
  if (stretches.empty()) {  // (the whole texts compared)
    raw_edits(old_text, new_text, norm, raw);
    return tidy(raw.steps);
  }
  [[maybe_unused]] std::size_t old_at = 0, new_at = 0;  // (checked in debug builds)
  for (const stretch_pair& s : stretches) {
    assert(s.old_begin == old_at && s.new_begin == new_at);
    assert(s.old_end <= old_text.size() && s.new_end <= new_text.size());
    const std::string_view a = old_text.substr(s.old_begin, s.old_end - s.old_begin);
    const std::string_view b = new_text.substr(s.new_begin, s.new_end - s.new_begin);
    if (!s.compare) {
      // (the words both begin or end with kept, as any diff keeps them: "La Junta acordó
      // también [-donar equipo…-]{+revisar las tarifas…+}")
      const std::size_t head = common_words(a, b, false);
      const std::size_t tail = common_words(a.substr(head), b.substr(head), true);
      raw.push('=', a.substr(0, head));
      raw.push('-', a.substr(head, a.size() - head - tail));
      raw.push('+', b.substr(head, b.size() - head - tail));
      raw.push('=', a.substr(a.size() - tail));
    } else if (a == b) {
      raw.push('=', a);
    } else {
      raw_edits(a, b, norm, raw);
    }
    old_at = s.old_end;
    new_at = s.new_end;
  }
  assert(old_at == old_text.size() && new_at == new_text.size());
  return tidy(raw.steps);
}

sentence_pairing::sentence_pairing(const std::vector<unit>& old_paragraphs,
                                   const std::vector<unit>& old_sentences,
                                   const std::vector<unit>& new_paragraphs,
                                   const std::vector<unit>& new_sentences,
                                   const std::vector<group>& paragraph_groups,
                                   const std::vector<group>& sentence_groups)
    : groups_(sentence_groups) {
  side_[0].paragraphs = &old_paragraphs;
  side_[0].sentences = &old_sentences;
  side_[1].paragraphs = &new_paragraphs;
  side_[1].sentences = &new_sentences;
  // Only the paragraphs of groups with word edits have their sentences' groups kept (at
  // the end of a 10 MB pair's comparison, its peak of memory, a group for every sentence
  // would be half a megabyte).
  for (std::size_t s = 0; s < 2; ++s) {
    side& sd = side_[s];
    sd.slot.assign(sd.paragraphs->size(), kNoSlot);
    for (const group& g : paragraph_groups) {
      if (g.k != kind::reworded && g.k != kind::split && g.k != kind::merged) continue;
      for (std::uint32_t p : s == 0 ? g.old_units : g.new_units) {
        sd.slot[p] = static_cast<std::uint32_t>(sd.first.size());
        sd.first.push_back(0);
      }
    }
    // (a paragraph's sentences follow one another, in the order of the paragraphs)
    std::vector<std::uint32_t> count(sd.first.size(), 0);
    for (std::uint32_t i = 0; i < sd.sentences->size(); ++i)
      if (const std::uint32_t at = sd.slot[(*sd.sentences)[i].parent]; at != kNoSlot)
        if (count[at]++ == 0) sd.first[at] = i;
    sd.base.resize(count.size() + 1, 0);
    for (std::size_t at = 0; at < count.size(); ++at) sd.base[at + 1] = sd.base[at] + count[at];
  }
  // (the pairs are found from the old side: its sentences' groups alone are needed)
  side& old_side = side_[0];
  group_.assign(old_side.base.back(), kNoSlot);
  for (std::size_t k = 0; k < sentence_groups.size(); ++k)
    for (std::uint32_t i : sentence_groups[k].old_units)
      if (const std::uint32_t at = old_side.slot[(*old_side.sentences)[i].parent]; at != kNoSlot)
        group_[old_side.base[at] + i - old_side.first[at]] = static_cast<std::uint32_t>(k);
}

std::vector<stretch_pair> sentence_pairing::stretches(const group& g) const {
  // The sentences of each side of g, with their places in its joined text (the texts of
  // its paragraphs joined by a space, as joined() makes them).
  struct placed {
    std::uint32_t id, group, begin, end;  // (group: old side only)
  };
  std::array<std::vector<placed>, 2> list;
  std::array<std::uint32_t, 2> size{};
  for (std::size_t s = 0; s < 2; ++s) {
    const side& sd = side_[s];
    std::uint32_t base = 0;
    const unit_list& ids = s == 0 ? g.old_units : g.new_units;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      if (k > 0) ++base;  // (the space between two paragraphs)
      const span p = (*sd.paragraphs)[ids[k]].where;
      const std::uint32_t at = sd.slot[ids[k]];
      if (at == kNoSlot) {  // (not a group it was made for: its whole texts compared)
        assert(false);
        return {};
      }
      for (std::uint32_t n = 0; n < sd.base[at + 1] - sd.base[at]; ++n) {
        const span w = (*sd.sentences)[sd.first[at] + n].where;
        assert(w.start >= p.start && w.end <= p.end);
        list[s].push_back({sd.first[at] + n, s == 0 ? group_[sd.base[at] + n] : kNoSlot,
                           static_cast<std::uint32_t>(base + w.start - p.start),
                           static_cast<std::uint32_t>(base + w.end - p.start)});
      }
      base += static_cast<std::uint32_t>(p.end - p.start);
    }
    size[s] = base;
  }
  // Where a sentence group's units stand in the lists: at [at, at + size) on both sides,
  // one after the other; else it cannot be one of g's pairs of stretches.
  auto place_of = [&](std::size_t s, const unit_list& ids) -> std::uint32_t {
    constexpr std::uint32_t kNone = 0xFFFFFFFF;
    const std::vector<placed>& l = list[s];
    // (the lists are sorted by id: a paragraph's sentences in order, paragraphs in order)
    const auto it = std::lower_bound(l.begin(), l.end(), ids.front(),
                                     [](const placed& p, std::uint32_t id) { return p.id < id; });
    if (it == l.end() || it->id != ids.front()) return kNone;
    const auto at = static_cast<std::uint32_t>(it - l.begin());
    if (at + ids.size() > l.size()) return kNone;
    for (std::size_t t = 1; t < ids.size(); ++t)
      if (l[at + t].id != ids[t]) return kNone;
    return at;
  };
  // The groups that pair sentences of both sides of g, by their first old sentence.
  struct pair_at {
    std::uint32_t old_at, old_size, new_at, new_size;
  };
  std::vector<pair_at> pairs;
  for (std::uint32_t a = 0; a < list[0].size(); ++a) {
    if (list[0][a].group == kNoSlot) continue;  // (every unit is in a group: never)
    const group& sg = groups_[list[0][a].group];
    if (sg.new_units.empty() || sg.old_units.front() != list[0][a].id) continue;
    const std::uint32_t at_old = place_of(0, sg.old_units);
    const std::uint32_t at_new = place_of(1, sg.new_units);
    if (at_old != a || at_new == 0xFFFFFFFF) continue;
    pairs.push_back({a, static_cast<std::uint32_t>(sg.old_units.size()), at_new,
                     static_cast<std::uint32_t>(sg.new_units.size())});
  }
  // The most of them in the same order on both sides (in old order, the longest run of
  // increasing new places; no two pairs share a sentence, so none share a place).
  std::vector<std::uint32_t> tails, before(pairs.size());
  constexpr std::uint32_t kNone = 0xFFFFFFFF;
  for (std::uint32_t k = 0; k < pairs.size(); ++k) {
    const auto it =
        std::lower_bound(tails.begin(), tails.end(), pairs[k].new_at,
                         [&](std::uint32_t t, std::uint32_t at) { return pairs[t].new_at < at; });
    before[k] = it == tails.begin() ? kNone : *(it - 1);
    if (it == tails.end())
      tails.push_back(k);
    else
      *it = k;
  }
  std::vector<std::uint32_t> kept;
  for (std::uint32_t k = tails.empty() ? kNone : tails.back(); k != kNone; k = before[k])
    kept.push_back(k);
  std::reverse(kept.begin(), kept.end());
  // Then the stretches: each pair's from its first sentence's start to its last's end, and
  // between two pairs (and at both ends) what the sentence level left unpaired here.
  std::vector<stretch_pair> out;
  std::uint32_t old_at = 0, new_at = 0;      // bytes
  std::uint32_t old_next = 0, new_next = 0;  // sentences
  auto gap = [&](std::uint32_t old_end, std::uint32_t new_end, std::uint32_t old_sentences,
                 std::uint32_t new_sentences) {
    if (old_end == old_at && new_end == new_at) return;
    // (words compared unless both sides hold sentences the sentence level did not pair
    // here: those are deleted and inserted whole)
    out.push_back({old_at, old_end, new_at, new_end, old_sentences == 0 || new_sentences == 0});
    old_at = old_end;
    new_at = new_end;
  };
  for (std::uint32_t k : kept) {
    const pair_at& p = pairs[k];
    gap(list[0][p.old_at].begin, list[1][p.new_at].begin, p.old_at - old_next, p.new_at - new_next);
    const std::uint32_t old_end = list[0][p.old_at + p.old_size - 1].end;
    const std::uint32_t new_end = list[1][p.new_at + p.new_size - 1].end;
    out.push_back({old_at, old_end, new_at, new_end, true});
    old_at = old_end;
    new_at = new_end;
    old_next = p.old_at + p.old_size;
    new_next = p.new_at + p.new_size;
  }
  gap(size[0], size[1], static_cast<std::uint32_t>(list[0].size()) - old_next,
      static_cast<std::uint32_t>(list[1].size()) - new_next);
  // Stretches compared one after the other are compared as one: the script is cut only
  // where it must be (a sentence split, its second half unpaired, still shares its words
  // with the whole), and a paragraph without such a gap has the script of its whole text.
  std::size_t kept_at = 0;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (kept_at > 0 && out[k].compare && out[kept_at - 1].compare) {
      out[kept_at - 1].old_end = out[k].old_end;
      out[kept_at - 1].new_end = out[k].new_end;
    } else {
      out[kept_at++] = out[k];
    }
  }
  out.resize(kept_at);
  return out;
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

bool in_report_order(const std::vector<group>& groups) {
  std::vector<group> ordered = groups;
  order_groups(ordered);
  return ordered == groups;
}

}  // namespace accordiff::detail
