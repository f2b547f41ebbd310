// Stage 6c, following commitments: see track.hpp for the contract.
#include "commit/track.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <iterator>
#include <numeric>
#include <optional>
#include <span>
#include <tuple>

#include <xxhash.h>

#include "align/align.hpp"
#include "util/bytes.hpp"
#include "util/memory.hpp"
#include "util/parallel.hpp"
#include "util/sort.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

bool starts_list_item(std::string_view text) {
  if (text.empty()) return false;
  if (text[0] == '-' || text[0] == '*' || text[0] == '+' || text.substr(0, 3) == "\u2022")
    return true;
  std::size_t i = 0;
  while (i < text.size() && i < 3 &&
         ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'z')))
    ++i;
  return i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')');
}

namespace {

using mention = commitment_mention;

// From this many commitments on, two threads make them (a thread costs more than a few;
// the other core may still be on the units' word edits, which it then shares).
constexpr std::size_t kParallelCommitments = 1024;

// The lower cases a mention_finder keeps (of spellings that are not lower case already);
// past it, it starts again.
constexpr std::size_t kMaxLowered = std::size_t{1} << 20;

// Where a commitment goes in the report, and which one it is.
struct place {
  std::int32_t group;   // the sentence group of its new side (its old side when dropped)
  std::uint32_t start;  // that side's offset
  std::uint32_t index;  // in the order the commitments were made
};

std::vector<entity> entities_in(const commitment_input& in, const std::vector<span>& spans) {
  // (the words' list and their strings kept from one call to the next on each thread: the
  // changed sentences of two unrelated documents are thousands of calls)
  thread_local std::vector<word> words;
  std::vector<entity> out;
  for (const span& s : spans) {
    words_into(in.doc.bytes, s, words);
    auto e = find_entities(in.doc.bytes, words, in.lx);
    out.insert(out.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  }
  return out;
}

// Items 0..n-1 by the group `group_of(i)` they are in: those of one group in order.
// (8 bytes an item and 4 a group: a long document holds hundreds of thousands of
// commitments)
class in_groups {
 public:
  using entry = std::pair<std::int32_t, std::uint32_t>;  // group, item
  /// Items 0..n-1 by `group_of(item)` (a group below `groups`; -1: in none).
  template <class F>
  in_groups(std::size_t n, std::size_t groups, F group_of) : first_(groups + 1, 0) {
    // (counted by group, then placed: a sort of all items was most of the pairing at 50 MB)
    std::vector<std::int32_t> group(n);
    for (std::size_t i = 0; i < n; ++i)
      if ((group[i] = group_of(i)) >= 0) ++first_[static_cast<std::size_t>(group[i]) + 1];
    std::partial_sum(first_.begin(), first_.end(), first_.begin());
    by_group_.resize(first_.back());
    std::vector<std::uint32_t> next(first_.begin(), first_.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (group[i] >= 0)
        by_group_[next[static_cast<std::size_t>(group[i])]++] = {group[i],
                                                                 static_cast<std::uint32_t>(i)};
  }
  /// The items of `group`, in order (`.second` of each).
  [[nodiscard]] std::span<const entry> of(std::int32_t group) const {
    if (group < 0 || static_cast<std::size_t>(group) + 1 >= first_.size()) return {};
    const auto g = static_cast<std::size_t>(group);
    return {by_group_.data() + first_[g], first_[g + 1] - first_[g]};
  }

 private:
  std::vector<std::uint32_t> first_;  // group g's items: by_group_[first_[g], first_[g + 1])
  std::vector<entry> by_group_;
};

// The first paired item of each fingerprint asked for (`asked`: the fingerprints of the few
// items left unpaired, looked up among the many paired ones in one pass).
class first_paired {
 public:
  first_paired(const mention_list& ms, const std::vector<std::int32_t>& partner,
               std::vector<std::uint64_t> asked) {
    std::sort(asked.begin(), asked.end());
    asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
    first_.reserve(asked.size());
    // (a fingerprint not asked for told by a bit of its low 16 mostly, not searched for)
    std::vector<std::uint64_t> may(1024, 0);
    for (const std::uint64_t f : asked) {
      first_.emplace_back(f, kNone);
      may[(f & 0xFFFF) >> 6] |= std::uint64_t{1} << (f & 63);
    }
    for (std::size_t t = 0; t < ms.size() && !asked.empty(); ++t) {
      if (partner[t] < 0) continue;
      const std::uint64_t f = ms[t].fingerprint;
      if ((may[(f & 0xFFFF) >> 6] >> (f & 63) & 1) == 0) continue;
      const auto it = std::lower_bound(asked.begin(), asked.end(), f);
      if (it == asked.end() || *it != f) continue;
      std::uint32_t& first = first_[static_cast<std::size_t>(it - asked.begin())].second;
      if (first == kNone) first = static_cast<std::uint32_t>(t);
    }
  }
  /// The first paired item with fingerprint `f` (one asked for), or -1.
  [[nodiscard]] std::int64_t find(std::uint64_t f) const {
    const auto it = std::lower_bound(first_.begin(), first_.end(),
                                     std::pair<std::uint64_t, std::uint32_t>{f, 0});
    return it != first_.end() && it->first == f && it->second != kNone
               ? static_cast<std::int64_t>(it->second)
               : -1;
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> first_;
};

std::string normalized_words(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != ',' && c != '.')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

std::vector<typed_change> typed_changes(const commitment_input& old_side,
                                        const std::vector<span>& old_spans,
                                        const commitment_input& new_side,
                                        const std::vector<span>& new_spans) {
  return diff_entities(entities_in(old_side, old_spans), entities_in(new_side, new_spans));
}

void mention_finder::sentence(const units& u, std::uint32_t s, const token* first,
                              const token* last, mention_list& out) {
  const span where = u.sentences[s].where;
  const std::uint32_t para = u.sentences[s].parent;
  std::vector<commitment_side> found;
  // (read_pair() relies on this: a paragraph that is no list item reads the same whatever
  // came before it, and what comes after it depends on its last sentence only)
  if (lead_ && para != lead_paragraph_ && starts_list_item(doc_.text(doc_.blocks[para].where))) {
    if (auto c = listed_commitment(doc_.bytes, where, s, *lead_, lx_))
      found.push_back(std::move(*c));
  } else {
    lead_.reset();
    // most sentences hold no commitment: a look at their words says so cheaply (what
    // may_hold_commitment() tells, known once per spelling)
    // (the lower cases kept are started again here, between sentences, never while the
    // words of one view them)
    if (u.spelled_by != spelled_by_) {  // (numbers of another normalizer: all new)
      known_.clear();
      lowered_.clear();
      spelled_by_ = u.spelled_by;
    }
    if (lowered_.size() > kMaxLowered) {  // (words written many ways: start again)
      lowered_.clear();
      for (known& k : known_)
        if (!k.low_in_doc) k.learnt = false;
    }
    assert(u.spellings.size() == u.tokens.size());
    const std::uint32_t* spelling = u.spellings.data() + (first - u.tokens.data());
    bool may = false;
    for (const token* t = first; t != last && !may; ++t)
      may = (facts_of(*t, spelling[t - first]).opens & kMayOpenCommitment) != 0;
    if (!may) return;
    if (tokens_are_words(doc_.bytes, where, first, last)) {
      // (what words_of_tokens() makes of them, from what each spelling is known to be; the
      // words view the lower cases kept, which a spelling learnt may move: read again until
      // none is learnt, which the second time is, the spellings known by then)
      words_of_sentence_.resize(static_cast<std::size_t>(last - first));
      for (std::uint64_t learnt = ~learnt_; learnt != learnt_;) {
        learnt = learnt_;
        for (const token* t = first; t != last; ++t) {
          const facts f = facts_of(*t, spelling[t - first]);
          word& w = words_of_sentence_[static_cast<std::size_t>(t - first)];
          w.start = t->start;
          w.end = t->end;
          w.alpha = t->word != 0;
          w.low = f.low();
          w.owns_low = false;
          w.cap = w.alpha && f.upper;
          w.opens = f.opens;
        }
      }
    } else {
      words_into(doc_.bytes, where, words_of_sentence_);
    }
    found = find_commitments(words_of_sentence_, s, lx_);
    if (found.empty()) {
      lead_ = lead_in(doc_.bytes, where, lx_);
      lead_paragraph_ = para;
    }
  }
  thread_local std::vector<std::uint64_t> hashes;
  for (const commitment_side& c : found) {
    hashes.clear();
    std::vector<std::uint32_t>& bag = out.bag_ids();
    const std::size_t from = bag.size();
    for (const token* t = first; t != last; ++t) {
      if (t->start < c.where.start || t->end > c.where.end) continue;
      hashes.push_back(vocab_.hash(t->key));
      if (t->word) bag.push_back(t->stem);
    }
    if (sorted_bags_) sort_ids(std::span<std::uint32_t>(bag).subspan(from));
    out.push_back(c, XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t)));
  }
}

namespace {

// Whether a word starts with a capital letter (as set_word() tells).
bool starts_upper(std::string_view raw) {
  if (const auto b = static_cast<unsigned char>(raw[0]); b < 0x80) return b >= 'A' && b <= 'Z';
  std::size_t k = 0;
  return u_isupper(static_cast<UChar32>(next_code_point(raw, k))) != 0;
}

}  // namespace

mention_finder::facts mention_finder::learn(const token& t, std::uint32_t spelling) {
  ++learnt_;
  const std::string_view raw(doc_.bytes.data() + t.start, t.end - t.start);  // (a token of doc_)
  if (spelling >= known_.size()) known_.resize(spelling + 1);
  known& k = known_[spelling];
  k.learnt = true;
  if (raw.empty()) {  // (no token is empty; if one were, as an empty word reads)
    k = {0, 0, true, true, false, 0};
    return {raw.data(), 0, false, 0};
  }
  lower_into(raw, scratch_);
  k.opens = opens_of(scratch_, lx_);
  k.upper = starts_upper(raw);
  k.low_in_doc = scratch_ == raw;
  if (!k.low_in_doc) {
    k.low_at = static_cast<std::uint32_t>(lowered_.size());
    lowered_.append(scratch_);
  }
  k.low_size = static_cast<std::uint32_t>(scratch_.size());
  return facts_with(k.low_in_doc ? raw : std::string_view(lowered_).substr(k.low_at, k.low_size),
                    k.upper, k.opens);
}

mention_list find_mentions(const commitment_input& in, const vocabulary& vocab) {
  mention_list out;
  mention_finder f(in.doc, in.lx, vocab);
  for (std::uint32_t s = 0; s < in.u.sentences.size(); ++s) {
    const token_range r = in.u.sentence_tokens[s];
    f.sentence(in.u, s, in.u.tokens.data() + r.begin, in.u.tokens.data() + r.end, out);
  }
  return out;
}

commitment_side mention_list::side(std::size_t i) const {
  const commitment_mention& m = items_[i];
  commitment_side c;
  c.sentence = m.sentence;
  c.where = m.where;
  c.actors = m.actors;
  c.object = m.object;
  const std::string_view key = verbs_[m.verbs];
  std::size_t cut = key.find('\n');
  c.action = key.substr(0, cut);
  while (cut != std::string_view::npos) {
    const std::size_t next = key.find('\n', cut + 1);
    c.joined.emplace_back(
        key.substr(cut + 1, next == std::string_view::npos ? next : next - cut - 1));
    cut = next;
  }
  return c;
}

void mention_list::push_back(const commitment_side& c, std::uint64_t fingerprint) {
  std::string key = c.action;
  for (const std::string& v : c.joined) key.append("\n").append(v);
  items_.push_back(
      {c.sentence, c.where, c.actors, c.object, verbs_entry(std::move(key)), fingerprint});
  bags_.close();
}

std::uint32_t mention_list::verbs_entry(std::string key) {
  const auto [it, added] =
      verbs_index_.try_emplace(std::move(key), static_cast<std::uint32_t>(verbs_.size()));
  if (added) verbs_.push_back(it->first);
  return it->second;
}

void mention_list::append(mention_list&& from, std::uint32_t shift) {
  items_.reserve(items_.size() + from.items_.size());
  std::vector<std::uint32_t> entry(from.verbs_.size());
  for (std::size_t k = 0; k < entry.size(); ++k) entry[k] = verbs_entry(from.verbs_[k]);
  for (commitment_mention m : from.items_) {
    m.sentence += shift;
    m.verbs = entry[m.verbs];
    items_.push_back(m);
  }
  bags_.absorb(std::move(from.bags_));
  from = {};
}

void mention_list::remap(const std::vector<std::uint32_t>& remap) {
  for (std::size_t i = 0; i < bags_.size(); ++i) {
    const std::span<std::uint32_t> bag = bags_.own(i);
    for (std::uint32_t& k : bag) k = remap[k];
    sort_ids(bag);
  }
}

void mention_list::sort_bags() {
  for (std::size_t i = 0; i < bags_.size(); ++i) sort_ids(bags_.own(i));
}

std::vector<commitment> track_commitments(const std::vector<group>& groups,
                                          const commitment_input& o, const commitment_input& n,
                                          const std::vector<float>& weight,
                                          const vocabulary& vocab) {
  return track_commitments(groups, o, n, weight, find_mentions(o, vocab), find_mentions(n, vocab));
}

std::vector<commitment> track_commitments(const std::vector<group>& groups,
                                          const commitment_input& o, const commitment_input& n,
                                          const std::vector<float>& weight, mention_list mo,
                                          mention_list mn) {
  // (indices in 32 bits and every temporary freed once used: while this runs, the
  // documents, their units and groups are all in memory, and its output is one of the
  // largest parts of the report)
  // which sentence group each sentence is in, and where the group stands in the report
  std::vector<std::int32_t> group_of_old(o.u.sentences.size(), -1),
      group_of_new(n.u.sentences.size(), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (auto i : groups[g].old_units) group_of_old[i] = static_cast<std::int32_t>(g);
    for (auto j : groups[g].new_units) group_of_new[j] = static_cast<std::int32_t>(g);
  }
  struct cand {
    std::uint32_t a, b;
    double sim;
    bool local;  // in aligned sentences; among the extra pairs: false for a repeat
  };
  std::vector<std::int32_t> pa(mo.size(), -1), pb(mn.size(), -1);
  std::vector<double> sims(mo.size(), 0);
  auto pair_up = [&](const std::vector<cand>& cands) {
    // best first, ties in their order: the similarities sorted beside their places, but
    // the ones of 1 (unchanged commitments, most of them), kept in their order as they are
    std::vector<std::pair<double, std::uint32_t>> order;
    std::vector<std::uint32_t> whole;
    for (std::size_t k = 0; k < cands.size(); ++k)
      if (cands[k].sim == 1.0)
        whole.push_back(static_cast<std::uint32_t>(k));
      else
        order.emplace_back(cands[k].sim, static_cast<std::uint32_t>(k));
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    auto take = [&](const cand& c) {
      if (pa[c.a] >= 0 || pb[c.b] >= 0) return;
      pa[c.a] = static_cast<std::int32_t>(c.b);
      pb[c.b] = static_cast<std::int32_t>(c.a);
      sims[c.a] = c.sim;
    };
    std::size_t next = 0;  // (any over 1 first, then the ones, then the rest)
    for (; next < order.size() && order[next].first > 1.0; ++next) take(cands[order[next].second]);
    for (const std::uint32_t k : whole) take(cands[k]);
    for (; next < order.size(); ++next) take(cands[order[next].second]);
  };
  auto sim_of = [&](std::size_t a, std::size_t b) {
    return mo[a].fingerprint == mn[b].fingerprint ? 1.0
                                                  : similarity(mo.bag(a), mn.bag(b), weight).dice;
  };
  const auto u32 = [](std::size_t i) { return static_cast<std::uint32_t>(i); };
  std::vector<cand> extra;
  // Each leftover of the many side (the old one of a merge, the new one of a split) against
  // the commitments of the other side in its group (`others`), the better ones in turn.
  auto join_leftovers = [&](bool many_old, kind k, const in_groups& others) {
    const mention_list& many = many_old ? mo : mn;
    const std::vector<std::int32_t>& partner = many_old ? pa : pb;
    const std::vector<std::int32_t>& group_of = many_old ? group_of_old : group_of_new;
    for (std::size_t x = 0; x < many.size(); ++x) {
      if (partner[x] >= 0) continue;
      const std::int32_t g = group_of[many[x].sentence];
      if (g < 0 || groups[static_cast<std::size_t>(g)].k != k) continue;
      double best = 0;
      for (const auto& entry : others.of(g)) {
        const std::uint32_t a = many_old ? u32(x) : entry.second;
        const std::uint32_t b = many_old ? entry.second : u32(x);
        if (const double sim = sim_of(a, b); sim > best) {
          best = sim;
          extra.push_back({a, b, sim, true});
        }
      }
    }
  };
  {
    // First inside aligned sentences: the sentence alignment vouches for them.
    const in_groups new_in_group(mn.size(), groups.size(),
                                 [&](std::size_t b) { return group_of_new[mn[b].sentence]; });
    {
      std::vector<cand> local;
      for (std::size_t a = 0; a < mo.size(); ++a) {
        const std::int32_t g = group_of_old[mo[a].sentence];
        if (g < 0) continue;
        for (const auto& [gb, b] : new_in_group.of(g))
          if (const double sim = sim_of(a, b); sim >= kCommitmentLocal)
            local.push_back({u32(a), b, sim, true});
      }
      pair_up(local);
    }
    // A split or merge: a commitment left over on the many side joins the one of the other
    // side it was split from or merged into.
    join_leftovers(true, kind::merged, new_in_group);
  }
  join_leftovers(false, kind::split, in_groups(mo.size(), groups.size(), [&](std::size_t a) {
                   return group_of_old[mo[a].sentence];
                 }));
  // keep only the best partner of each leftover
  std::stable_sort(extra.begin(), extra.end(),
                   [](const cand& x, const cand& y) { return x.sim > y.sim; });
  {
    std::vector<cand> kept;
    std::vector<bool> done_a(mo.size(), false), done_b(mn.size(), false);
    for (const cand& c : extra) {
      const bool many_old = pa[c.a] < 0;  // the old one is the leftover (merge)
      if (many_old ? done_a[c.a] : done_b[c.b]) continue;
      (many_old ? done_a[c.a] : done_b[c.b]) = true;
      kept.push_back(c);
    }
    extra = std::move(kept);
  }
  // Then anywhere: a commitment that moved into another sentence.
  {
    std::vector<std::uint32_t> left_a, left_b;
    for (std::size_t a = 0; a < mo.size(); ++a)
      if (pa[a] < 0) left_a.push_back(u32(a));
    for (std::size_t b = 0; b < mn.size(); ++b)
      if (pb[b] < 0) left_b.push_back(u32(b));
    if (left_a.size() * left_b.size() <= kMaxGlobalPairs) {
      std::vector<cand> global;
      for (std::uint32_t a : left_a)
        for (std::uint32_t b : left_b)
          if (const double sim = sim_of(a, b); sim >= kCommitmentGlobal)
            global.push_back({a, b, sim, false});
      pair_up(global);
    }
  }
  // (the pairs are made: the words of the mentions back before the commitments take room;
  // the new side's may be the old side's)
  mn.drop_bags();
  mo.drop_bags();
  // A pair of commitments: unchanged when the clause and the sentence holding it are the
  // same; otherwise reworded, with what changed.
  auto make_pair = [&](std::size_t a, std::size_t b, double sim, bool repeat) {
    const mention& ma = mo[a];
    const mention& mb = mn[b];
    commitment c;
    c.similarity = sim;
    const std::int32_t g = group_of_new[mb.sentence];
    const bool sentence_same = g >= 0 && g == group_of_old[ma.sentence] &&
                               (groups[static_cast<std::size_t>(g)].k == kind::unchanged ||
                                groups[static_cast<std::size_t>(g)].k == kind::moved);
    const bool same = ma.fingerprint == mb.fingerprint && (sentence_same || repeat);
    c.old_side = mo.side(a);
    c.new_side = mn.side(b);
    c.k = same ? kind::unchanged : kind::reworded;
    if (!same) {
      const commitment_side& x = *c.old_side;
      const commitment_side& y = *c.new_side;
      if (x.action != y.action) c.changes.push_back({"action", x.action, y.action});
      for (typed_change& t : typed_changes(o, {x.where}, n, {y.where}))
        c.changes.push_back(std::move(t));
      const std::string xa = flat_text(o.doc.bytes, x.actors);
      const std::string ya = flat_text(n.doc.bytes, y.actors);
      if (!xa.empty() && !ya.empty() && normalized_words(xa) != normalized_words(ya))
        c.changes.push_back({"actor", xa, ya});
      const std::string xo = flat_text(o.doc.bytes, x.object);
      const std::string yo = flat_text(n.doc.bytes, y.object);
      if (normalized_words(xo) != normalized_words(yo)) {
        // an object that changed beyond the dates, numbers and places already said
        const auto ex = find_entities(o.doc.bytes, words_of(o.doc.bytes, x.where), o.lx);
        const auto ey = find_entities(n.doc.bytes, words_of(n.doc.bytes, y.where), n.lx);
        std::string ox = normalized_words(xo), oy = normalized_words(yo);
        for (const auto& e : ex)
          if (auto p = ox.find(normalized_words(e.text)); p != std::string::npos)
            ox.erase(p, normalized_words(e.text).size());
        for (const auto& e : ey)
          if (auto p = oy.find(normalized_words(e.text)); p != std::string::npos)
            oy.erase(p, normalized_words(e.text).size());
        if (ox != oy) c.changes.push_back({"scope", xo, yo});
      }
      const int lx = strength_level(x, o.lx), ly = strength_level(y, n.lx);
      if (x.action == y.action)
        c.direction = strength::same;
      else if (lx == 0 || ly == 0)
        c.direction = strength::unknown;
      else
        c.direction = ly > lx   ? strength::strengthened
                      : ly < lx ? strength::weakened
                                : strength::same;
    }
    return c;
  };
  // A commitment said twice in one release (in a highlights box and in the body) follows
  // its twin instead of reading as new or dropped: the first paired one with the same words.
  std::vector<bool> extra_a(mo.size(), false), extra_b(mn.size(), false);
  for (const cand& e : extra) {
    extra_a[e.a] = true;
    extra_b[e.b] = true;
  }
  // (the unpaired of each side, those the loops below look up)
  auto unpaired = [](const mention_list& ms, const std::vector<std::int32_t>& partner,
                     const std::vector<bool>& extra_of) {
    std::vector<std::uint64_t> out;
    for (std::size_t t = 0; t < ms.size(); ++t)
      if (partner[t] < 0 && !extra_of[t]) out.push_back(ms[t].fingerprint);
    return out;
  };
  {
    const first_paired twins(mn, pb, unpaired(mn, pb, extra_b));
    for (std::size_t b = 0; b < mn.size(); ++b) {
      if (pb[b] >= 0 || extra_b[b]) continue;
      if (const std::int64_t t = twins.find(mn[b].fingerprint); t >= 0) {
        const auto a = static_cast<std::uint32_t>(pb[static_cast<std::size_t>(t)]);
        extra.push_back({a, u32(b), sims[a], false});
        extra_a[a] = extra_b[b] = true;
      }
    }
  }
  {
    const first_paired twins(mo, pa, unpaired(mo, pa, extra_a));
    for (std::size_t a = 0; a < mo.size(); ++a) {
      if (pa[a] >= 0 || extra_a[a]) continue;
      if (const std::int64_t t = twins.find(mo[a].fingerprint); t >= 0) {
        const auto b = static_cast<std::uint32_t>(pa[static_cast<std::size_t>(t)]);
        extra.push_back({u32(a), b, sims[static_cast<std::size_t>(t)], false});
        extra_a[a] = extra_b[b] = true;
      }
    }
  }
  // (the commitments are one block of new pages: what the pairing freed goes back first)
  release_free_memory();
  // The report's commitments: the old side's mentions in turn (paired, or dropped), the
  // pairs of leftovers and twins, then the new side's unpaired (added). Each has its slot,
  // so that two threads make them, each one part (a pair takes the most: the sides' words,
  // and what changed in a reworded one).
  auto slot_of_old = [&](std::size_t a) { return pa[a] >= 0 || !extra_a[a]; };
  std::size_t old_slots = 0;
  for (std::size_t a = 0; a < mo.size(); ++a) old_slots += slot_of_old(a) ? 1 : 0;
  std::size_t total = old_slots + extra.size();
  for (std::size_t b = 0; b < mn.size(); ++b) total += pb[b] < 0 && !extra_b[b] ? 1 : 0;
  // Where each goes in the report: the group of its new side (its old side when dropped),
  // then its offset; by the order of its slot where those are the same. Known from the
  // mentions, so each commitment is made where it goes (moving them into place afterwards
  // took a tenth of this at 50 MB).
  std::vector<std::uint32_t> at(total);
  {
    std::vector<place> places;
    places.reserve(total);
    auto where_new = [&](std::size_t b, std::size_t slot) {
      places.push_back({group_of_new[mn[b].sentence], mn[b].where.start, u32(slot)});
    };
    std::size_t slot = 0;
    for (std::size_t a = 0; a < mo.size(); ++a) {
      if (!slot_of_old(a)) continue;
      if (pa[a] >= 0)
        where_new(static_cast<std::size_t>(pa[a]), slot++);
      else
        places.push_back({group_of_old[mo[a].sentence], mo[a].where.start, u32(slot++)});
    }
    for (const cand& e : extra) where_new(e.b, slot++);
    for (std::size_t b = 0; b < mn.size(); ++b)
      if (pb[b] < 0 && !extra_b[b]) where_new(b, slot++);
    std::sort(places.begin(), places.end(), [](const place& x, const place& y) {
      return std::tie(x.group, x.start, x.index) < std::tie(y.group, y.start, y.index);
    });
    for (std::size_t k = 0; k < places.size(); ++k) at[places[k].index] = u32(k);
  }
  // (made at once, exactly: a commitment is a few hundred bytes, and there are many)
  std::vector<commitment> out(total);
  auto make_old = [&](std::size_t from, std::size_t to, std::size_t slot) {
    for (std::size_t a = from; a < to; ++a) {
      if (!slot_of_old(a)) continue;
      commitment& c = out[at[slot++]];
      if (pa[a] >= 0) {
        c = make_pair(a, static_cast<std::size_t>(pa[a]), sims[a], false);
        continue;
      }
      c.old_side = mo.side(a);
      c.k = kind::dropped;
      c.similarity = 0;
    }
  };
  auto make_rest = [&] {
    std::size_t slot = old_slots;
    for (const cand& e : extra) out[at[slot++]] = make_pair(e.a, e.b, e.sim, !e.local);
    for (std::size_t b = 0; b < mn.size(); ++b) {
      if (pb[b] >= 0 || extra_b[b]) continue;
      commitment& c = out[at[slot++]];
      c.k = kind::added;
      c.similarity = 0;
      c.new_side = mn.side(b);
    }
  };
  // Made on two threads, a run of the old side's mentions at a time (then both end together:
  // a reworded pair costs many times an unchanged one, and the other core may be busy
  // with word edits for a while), the rest first: the first slot of each run counted now.
  constexpr std::size_t kRun = 1024;  // mentions
  const std::size_t runs = (mo.size() + kRun - 1) / kRun;
  std::vector<std::size_t> first_slot(runs, 0);
  for (std::size_t r = 0, slot = 0; r < runs; ++r) {
    first_slot[r] = slot;
    for (std::size_t a = r * kRun; a < std::min(mo.size(), (r + 1) * kRun); ++a)
      slot += slot_of_old(a) ? 1 : 0;
  }
  std::atomic<std::size_t> next_task{0};  // 0: make_rest(), r + 1: run r
  auto make = [&] {
    take_runs(next_task, runs + 1, 1, [&](std::size_t t, std::size_t) {
      if (t == 0)
        make_rest();
      else
        make_old((t - 1) * kRun, std::min(mo.size(), t * kRun), first_slot[t - 1]);
    });
  };
  at_once(total >= kParallelCommitments, make, make);
  return out;
}

}  // namespace accordiff::detail
