// Stage 5, align: see align.hpp for the contract.
#include "align/align.hpp"

#include <algorithm>
#include <cassert>
#include <future>
#include <numeric>
#include <system_error>
#include <unordered_map>

#include "util/memory.hpp"
#include "util/onp.hpp"
#include "util/parallel.hpp"
#include "util/sort.hpp"

namespace accordiff::detail {

void bag_list::absorb(bag_list&& from) {
  if (from.shares_ || from.at_.empty()) {  // (nothing, or bags of two lists: copied)
    append(from, 0, from.size());
  } else {
    // (room made at once: growing piece by piece would copy this list's ids as well)
    ids_.reserve(ids_.size() + from.ids_.size());
    at_.reserve(at_.size() + from.at_.size());
    std::uint32_t* const ids = from.ids_.data();
    constexpr std::uint32_t kPiece = 1U << 18U;  // ids (1 MiB)
    append_own(from, 0, from.size(), kPiece, [ids](std::uint32_t k, std::uint32_t e) {
      discard_pages(ids + k, (e - k) * sizeof(std::uint32_t));
    });
  }
  from = {};
}

namespace {

constexpr std::int32_t kNone = -1;
constexpr std::uint32_t kNoUnit = 0xFFFFFFFF;

// From this many units or candidate pairs on, a step runs on two threads (a thread costs
// more than a few; the other core may still be on the sentences' weights, then shared).
constexpr std::size_t kParallelItems = 8192;
// From this many leftover units on, their candidates are found on two threads.
constexpr std::size_t kParallelLeftovers = 2048;
// From this many bytes of groups to make on, the other core backs half of their pages.
constexpr std::size_t kParallelPopulate = std::size_t{1} << 20;

// f(0, n / 2) on this core and f(n / 2, n) on the other, from kParallelItems on.
template <class F>
void on_both_cores(std::size_t n, F&& f) {
  const std::size_t mid = n / 2;
  at_once(
      n >= kParallelItems, [&] { f(std::size_t{0}, mid); }, [&] { f(mid, n); });
}

struct state {
  const level_input& a;
  const level_input& b;
  const std::vector<float>& weight;
  const thresholds& t;
  std::vector<std::string>& degraded;
  std::vector<std::int32_t> match_a;  // partner in b of a 1:1 pair, or kNone
  std::vector<std::int32_t> match_b;
  std::vector<bool> exact_a, exact_b;
  std::vector<double> sim_a;                                     // similarity of a's 1:1 pair
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ordered;  // in-order exact pairs
};

void pair_exact(state& s, std::uint32_t i, std::uint32_t j) {
  s.match_a[i] = static_cast<std::int32_t>(j);
  s.match_b[j] = static_cast<std::int32_t>(i);
  s.exact_a[i] = s.exact_b[j] = true;
  s.sim_a[i] = 1.0;
}

// Longest strictly increasing subsequence of `v` (indices into v), O(n log n).
std::vector<std::size_t> lis(const std::vector<std::uint32_t>& v) {
  std::vector<std::size_t> tails, prev(v.size(), SIZE_MAX);
  for (std::size_t k = 0; k < v.size(); ++k) {
    // (past the last tail, where most of a mostly unchanged document's go: no search)
    auto it = !tails.empty() && v[tails.back()] < v[k]
                  ? tails.end()
                  : std::lower_bound(tails.begin(), tails.end(), v[k],
                                     [&](std::size_t idx, std::uint32_t x) { return v[idx] < x; });
    if (it != tails.begin()) prev[k] = *(it - 1);
    if (it == tails.end())
      tails.push_back(k);
    else
      *it = k;
  }
  std::vector<std::size_t> out(tails.size());
  std::size_t k = tails.empty() ? SIZE_MAX : tails.back();
  for (std::size_t n = tails.size(); n > 0; --n) {
    out[n - 1] = k;
    k = prev[k];
  }
  return out;
}

// Exact matches in one gap [a0, a1) × [b0, b1) between anchors, in order.
void match_gap(state& s, std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
  const auto& fa = s.a.fingerprints;
  const auto& fb = s.b.fingerprints;
  while (a0 < a1 && b0 < b1 && fa[a0] == fb[b0]) {
    pair_exact(s, a0, b0);
    s.ordered.emplace_back(a0++, b0++);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tail;
  while (a1 > a0 && b1 > b0 && fa[a1 - 1] == fb[b1 - 1]) {
    pair_exact(s, a1 - 1, b1 - 1);
    tail.emplace_back(--a1, --b1);
  }
  if (a0 < a1 && b0 < b1) {
    if (a1 - a0 > kMaxLcsSide || b1 - b0 > kMaxLcsSide) {
      s.degraded.push_back("a stretch of " + std::to_string(a1 - a0) + " × " +
                           std::to_string(b1 - b0) +
                           " units without a unique unchanged unit was matched by prefix and "
                           "suffix only (limit kMaxLcsSide = " +
                           std::to_string(kMaxLcsSide) + ")");
    } else {
      // A unit whose fingerprint the other side of the gap lacks is in no common
      // subsequence: only the others go to the diff (all of them, most often; none, when
      // the two stretches have nothing in common, as two unrelated documents).
      auto present = [](const std::vector<std::uint64_t>& f, std::uint32_t from, std::uint32_t to) {
        std::vector<std::uint64_t> v(f.begin() + from, f.begin() + to);
        std::sort(v.begin(), v.end());
        return v;
      };
      std::vector<std::uint32_t> ia, ib;  // where each kept unit is
      std::vector<std::uint64_t> sa, sb;
      {
        const std::vector<std::uint64_t> in_a = present(fa, a0, a1), in_b = present(fb, b0, b1);
        for (std::uint32_t i = a0; i < a1; ++i)
          if (std::binary_search(in_b.begin(), in_b.end(), fa[i])) ia.push_back(i);
        for (std::uint32_t j = b0; j < b1; ++j)
          if (std::binary_search(in_a.begin(), in_a.end(), fb[j])) ib.push_back(j);
      }
      if (!ia.empty()) {
        for (std::uint32_t i : ia) sa.push_back(fa[i]);
        for (std::uint32_t j : ib) sb.push_back(fb[j]);
        for (const script_step& step :
             edit_script(std::span<const std::uint64_t>(sa), std::span<const std::uint64_t>(sb))) {
          if (step.k != script_step::common) continue;
          const std::uint32_t i = ia[static_cast<std::size_t>(step.a - 1)];
          const std::uint32_t j = ib[static_cast<std::size_t>(step.b - 1)];
          pair_exact(s, i, j);
          s.ordered.emplace_back(i, j);
        }
      }
    }
  }
  s.ordered.insert(s.ordered.end(), tail.rbegin(), tail.rend());
}

void exact_in_order(state& s) {
  const auto& fa = s.a.fingerprints;
  const auto& fb = s.b.fingerprints;
  // Fingerprints that occur once on each side anchor the alignment (patience diff): both
  // sides' (fingerprint, index) sorted, then walked together (a flat array: a 50 MB
  // document has 300,000 sentences, which a hash map would hold in as many nodes).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> uniq;  // (i, j), by i
  {
    std::vector<hashed> ka, kb;  // (one sorted on each core)
    at_once(
        fa.size() + fb.size() >= kParallelItems, [&] { ka = sorted_hashes(fa); },
        [&] { kb = sorted_hashes(fb); });
    // (each unique pair at its old unit, then read in the old order: no sort of the pairs)
    std::vector<std::uint32_t> unique_to(fa.size(), kNoUnit);
    for_each_shared(ka, kb, [&](std::size_t x, std::size_t x1, std::size_t y, std::size_t y1) {
      if (x1 - x == 1 && y1 - y == 1) unique_to[ka[x].second] = kb[y].second;
    });
    ka = {};
    kb = {};
    for (std::uint32_t i = 0; i < fa.size(); ++i)
      if (unique_to[i] != kNoUnit) uniq.emplace_back(i, unique_to[i]);
  }
  std::vector<std::uint32_t> js(uniq.size());
  for (std::size_t k = 0; k < uniq.size(); ++k) js[k] = uniq[k].second;
  std::uint32_t a0 = 0, b0 = 0;
  for (std::size_t k : lis(js)) {
    const auto [i, j] = uniq[k];
    match_gap(s, a0, i, b0, j);
    pair_exact(s, i, j);
    s.ordered.emplace_back(i, j);
    a0 = i + 1;
    b0 = j + 1;
  }
  match_gap(s, a0, static_cast<std::uint32_t>(fa.size()), b0,
            static_cast<std::uint32_t>(fb.size()));
}

void exact_out_of_order(state& s) {
  // The units left of each fingerprint paired in their order on each side (the first left
  // of the old side's with the first of the new side's, ...): both sides' (fingerprint,
  // index) sorted, one on each core, then walked together (a hash map of lists was a node
  // and a list for each of the 100,000 sentences two unrelated documents leave).
  auto left = [](const std::vector<std::uint64_t>& f, const std::vector<std::int32_t>& match) {
    return sorted_hashes(f, [&match](std::uint32_t i) { return match[i] == kNone; });
  };
  std::vector<hashed> ka, kb;
  at_once(
      s.a.fingerprints.size() + s.b.fingerprints.size() >= kParallelItems,
      [&] { ka = left(s.a.fingerprints, s.match_a); },
      [&] { kb = left(s.b.fingerprints, s.match_b); });
  for_each_shared(ka, kb, [&](std::size_t x, std::size_t x1, std::size_t y, std::size_t y1) {
    for (; x < x1 && y < y1; ++x, ++y) pair_exact(s, ka[x].second, kb[y].second);
  });
}

// The overlap of bags whose common weight is `common` and whose weights are `ta`, `tb`.
overlap overlap_of(double common, double ta, double tb) {
  overlap o;
  if (ta + tb > 0) o.dice = 2 * common / (ta + tb);
  if (ta > 0) o.in_old = common / ta;
  if (tb > 0) o.in_new = common / tb;
  return o;
}

struct candidate {
  std::uint32_t i, j;
  overlap o;
  bool local;
};

std::vector<candidate> find_candidates(state& s) {
  const std::size_t n = s.a.fingerprints.size(), m = s.b.fingerprints.size();
  std::vector<std::uint32_t> left_a, left_b;
  for (std::uint32_t i = 0; i < n; ++i)
    if (s.match_a[i] == kNone) left_a.push_back(i);
  for (std::uint32_t j = 0; j < m; ++j)
    if (s.match_b[j] == kNone) left_b.push_back(j);
  std::vector<std::uint64_t> pairs;  // i << 32 | j
  if (left_a.empty() || left_b.empty()) return {};

  // Gaps between in-order anchors: a leftover unit's gap is the number of in-order exact
  // pairs before it.
  std::sort(s.ordered.begin(), s.ordered.end());
  std::vector<std::uint32_t> oa, ob;
  for (auto [i, j] : s.ordered) {
    oa.push_back(i);
    ob.push_back(j);
  }
  auto gap_a = [&](std::uint32_t i) {
    return static_cast<std::size_t>(std::lower_bound(oa.begin(), oa.end(), i) - oa.begin());
  };
  auto gap_b = [&](std::uint32_t j) {
    return static_cast<std::size_t>(std::lower_bound(ob.begin(), ob.end(), j) - ob.begin());
  };
  std::vector<std::size_t> ga(left_a.size()), gb(left_b.size());
  for (std::size_t k = 0; k < left_a.size(); ++k) ga[k] = gap_a(left_a[k]);
  for (std::size_t k = 0; k < left_b.size(); ++k) gb[k] = gap_b(left_b[k]);
  for (std::size_t x = 0, y = 0; x < left_a.size() && y < left_b.size();) {
    if (ga[x] < gb[y]) {
      ++x;
    } else if (gb[y] < ga[x]) {
      ++y;
    } else {
      const std::size_t g = ga[x];
      std::size_t x1 = x, y1 = y;
      while (x1 < left_a.size() && ga[x1] == g) ++x1;
      while (y1 < left_b.size() && gb[y1] == g) ++y1;
      if ((x1 - x) * (y1 - y) <= kGapAllPairs)
        for (std::size_t p = x; p < x1; ++p)
          for (std::size_t q = y; q < y1; ++q)
            pairs.push_back(static_cast<std::uint64_t>(left_a[p]) << 32 | q);
      x = x1;
      y = y1;
    }
  }

  // Inverted index of the stems of leftover old units (by their place in left_a), in flat
  // arrays by stem id: the places of stem x are postings[first_of[x], first_of[x + 1]), in
  // order; a stem of more than kMaxPostings units has none (it tells little apart).
  std::vector<std::uint32_t> first_of(s.weight.size() + 1, 0), postings;
  auto each_stem = [&](std::uint32_t p, auto&& f) {  // (once each, bags being sorted)
    const auto bag = s.a.bags[left_a[p]];
    for (std::size_t k = 0; k < bag.size(); ++k)
      if (k == 0 || bag[k] != bag[k - 1]) f(bag[k]);
  };
  {
    // (each stem's count, then where its places go, in one array the size of the
    // vocabulary beside first_of: the peak of a 10 MB pair is near)
    std::vector<std::uint32_t> next(s.weight.size(), 0);
    for (std::uint32_t p = 0; p < left_a.size(); ++p)
      each_stem(p, [&](std::uint32_t x) { next[x] += next[x] <= kMaxPostings ? 1 : 0; });
    std::uint32_t at = 0;
    for (std::size_t x = 0; x < next.size(); ++x) {
      first_of[x] = at;
      at += next[x] > kMaxPostings ? 0 : next[x];
      next[x] = first_of[x];
    }
    first_of.back() = at;
    postings.resize(at);
    for (std::uint32_t p = 0; p < left_a.size(); ++p)
      each_stem(p, [&](std::uint32_t x) {
        if (first_of[x] != first_of[x + 1]) postings[next[x]++] = p;
      });
  }
  // The candidates of the new leftovers [from, to): the old ones that share the most weight
  // with each (half of them on each core: the same pairs, sorted below).
  auto candidates = [&](std::size_t from, std::size_t to, std::vector<std::uint64_t>& into) {
    std::vector<double> acc(left_a.size(), 0.0);
    std::vector<std::uint32_t> touched;
    for (std::size_t q = from; q < to; ++q) {
      const auto bag = s.b.bags[left_b[q]];
      touched.clear();
      for (std::size_t k = 0; k < bag.size(); ++k) {
        if (k > 0 && bag[k] == bag[k - 1]) continue;
        const std::uint32_t x = bag[k];
        for (std::uint32_t e = first_of[x]; e < first_of[x + 1]; ++e) {
          const std::uint32_t p = postings[e];
          if (acc[p] == 0.0) touched.push_back(p);
          acc[p] += s.weight[x];
        }
      }
      // the kMaxCandidates best, in order (a total order: ties go to the first unit, whose
      // place in left_a is the first too)
      const std::size_t best = std::min(touched.size(), kMaxCandidates);
      std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(best),
                        touched.end(), [&](std::uint32_t x, std::uint32_t y) {
                          return acc[x] != acc[y] ? acc[x] > acc[y] : x < y;
                        });
      for (std::size_t k = 0; k < best; ++k)
        into.push_back(static_cast<std::uint64_t>(left_a[touched[k]]) << 32 | q);
      for (std::uint32_t p : touched) acc[p] = 0.0;
    }
  };
  {
    std::vector<std::uint64_t> second;
    const std::size_t mid = left_b.size() / 2;
    at_once(
        left_b.size() >= kParallelLeftovers, [&] { candidates(0, mid, pairs); },
        [&] { candidates(mid, left_b.size(), second); });
    pairs.insert(pairs.end(), second.begin(), second.end());
  }
  // (a pair is an old unit and a new one's place in left_b: sorted as by the unit itself)
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  // each pair's similarity, half of them on each core, then those with nothing in common
  // left out; the bags' weights added up once (a bag is in many pairs: the new ones' kept,
  // an old one's while its pairs come one after another)
  std::vector<double> weight_b(left_b.size());
  for (std::size_t q = 0; q < left_b.size(); ++q)
    weight_b[q] = weight_of(s.b.bags[left_b[q]], s.weight);
  std::vector<candidate> out(pairs.size());
  on_both_cores(pairs.size(), [&](std::size_t from, std::size_t to) {
    // (an old bag's ids counted once for the run of its pairs, each new bag's ids looked up
    // there: similarity()'s sum, added in the same order, without its merge's branches)
    bag_counts counts(s.weight.size());
    std::uint32_t last_i = 0;
    double weight_a = -1;
    for (std::size_t k = from; k < to; ++k) {
      const auto i = static_cast<std::uint32_t>(pairs[k] >> 32);
      const auto q = static_cast<std::uint32_t>(pairs[k] & 0xFFFFFFFFu);
      const std::uint32_t j = left_b[q];
      if (weight_a < 0 || i != last_i) {
        weight_a = weight_of(s.a.bags[i], s.weight);
        last_i = i;
        counts.count(s.a.bags[i]);
      }
      const overlap o = counts.similarity(s.b.bags[j], s.weight, weight_a, weight_b[q]);
      const bool same_context =
          !s.a.context.empty() && s.a.context[i] != kNone && s.a.context[i] == s.b.context[j];
      out[k] = {i, j, o, same_context || gap_a(i) == gap_b(j)};
    }
  });
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const candidate& c) { return c.o.dice <= 0.0; }),
      out.end());
  return out;
}

// Leftover units in small gaps between consecutive in-order pairs of any kind.
std::vector<candidate> between_pairs(state& s) {
  const std::size_t n = s.a.fingerprints.size(), m = s.b.fingerprints.size();
  std::vector<std::uint32_t> pi, pj;  // paired, in old order
  for (std::uint32_t i = 0; i < n; ++i)
    if (s.match_a[i] != kNone) {
      pi.push_back(i);
      pj.push_back(static_cast<std::uint32_t>(s.match_a[i]));
    }
  std::vector<candidate> out;
  std::int64_t prev_i = -1, prev_j = -1;
  auto gap = [&](std::int64_t i0, std::int64_t i1, std::int64_t j0, std::int64_t j1) {
    std::vector<std::uint32_t> la, lb;
    for (std::int64_t i = i0 + 1; i < i1; ++i)
      if (s.match_a[static_cast<std::size_t>(i)] == kNone)
        la.push_back(static_cast<std::uint32_t>(i));
    for (std::int64_t j = j0 + 1; j < j1; ++j)
      if (s.match_b[static_cast<std::size_t>(j)] == kNone)
        lb.push_back(static_cast<std::uint32_t>(j));
    if (la.empty() || lb.empty() || la.size() * lb.size() > kGapAllPairs) return;
    for (std::uint32_t i : la)
      for (std::uint32_t j : lb) {
        const overlap o = similarity(s.a.bags[i], s.b.bags[j], s.weight);
        if (o.dice > 0.0) out.push_back({i, j, o, true});
      }
  };
  for (std::size_t k : lis(pj)) {
    gap(prev_i, pi[k], prev_j, pj[k]);
    prev_i = pi[k];
    prev_j = pj[k];
  }
  gap(prev_i, static_cast<std::int64_t>(n), prev_j, static_cast<std::int64_t>(m));
  return out;
}

void pair_reworded(state& s, const std::vector<candidate>& cands) {
  // the candidates that pass their threshold, best score first (ties in their order): the
  // scores sorted beside their candidates' places, not looked up through them
  struct ranked {
    double score;
    std::size_t k;
  };
  std::vector<ranked> order;
  for (std::size_t k = 0; k < cands.size(); ++k) {
    const candidate& c = cands[k];
    if (c.o.dice < (c.local ? s.t.reword_local : s.t.reword_global)) continue;
    order.push_back({c.o.dice + (c.local ? kLocalBonus : 0.0), k});
  }
  std::sort(order.begin(), order.end(), [](const ranked& x, const ranked& y) {
    return x.score != y.score ? x.score > y.score : x.k < y.k;
  });
  for (const ranked& r : order) {
    const candidate& c = cands[r.k];
    if (s.match_a[c.i] != kNone || s.match_b[c.j] != kNone) continue;
    s.match_a[c.i] = static_cast<std::int32_t>(c.j);
    s.match_b[c.j] = static_cast<std::int32_t>(c.i);
    s.sim_a[c.i] = c.o.dice;
  }
}

std::vector<std::uint32_t> merged_bag(const level_input& in,
                                      const std::vector<std::uint32_t>& ids) {
  std::vector<std::uint32_t> bag;
  for (std::uint32_t k : ids) {
    const auto b = in.bags[k];
    bag.insert(bag.end(), b.begin(), b.end());
  }
  std::sort(bag.begin(), bag.end());
  return bag;
}

// Splits (one old → several consecutive new) when `forward`, merges otherwise.
void find_splits(state& s, const std::vector<candidate>& cands, bool forward,
                 std::vector<bool>& used_a, std::vector<bool>& used_b, std::vector<group>& out) {
  // pieces[whole] = (piece, containment of the piece in the whole)
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> pieces;
  for (const candidate& c : cands) {
    const std::uint32_t whole = forward ? c.i : c.j;
    const std::uint32_t piece = forward ? c.j : c.i;
    const double share = forward ? c.o.in_new : c.o.in_old;
    if (share >= s.t.split_piece) pieces[whole].push_back(piece);
  }
  std::vector<std::uint32_t> wholes;
  for (auto& [w, p] : pieces) wholes.push_back(w);
  std::sort(wholes.begin(), wholes.end());
  auto& match_whole = forward ? s.match_a : s.match_b;
  auto& match_piece = forward ? s.match_b : s.match_a;
  auto& exact_whole = forward ? s.exact_a : s.exact_b;
  auto& exact_piece = forward ? s.exact_b : s.exact_a;
  auto& used_whole = forward ? used_a : used_b;
  auto& used_piece = forward ? used_b : used_a;
  const level_input& whole_in = forward ? s.a : s.b;
  const level_input& piece_in = forward ? s.b : s.a;
  for (std::uint32_t w : wholes) {
    if (exact_whole[w] || used_whole[w]) continue;
    auto& ps = pieces[w];
    std::sort(ps.begin(), ps.end());
    ps.erase(std::remove_if(ps.begin(), ps.end(),
                            [&](std::uint32_t p) {
                              return exact_piece[p] || used_piece[p] ||
                                     (match_piece[p] != kNone &&
                                      match_piece[p] != static_cast<std::int32_t>(w));
                            }),
             ps.end());
    const std::int32_t partner = match_whole[w];
    double current = 0;
    if (partner != kNone)
      current = forward ? s.sim_a[w] : s.sim_a[static_cast<std::uint32_t>(partner)];
    // the best run of consecutive pieces
    std::vector<std::uint32_t> best;
    double best_dice = 0;
    for (std::size_t x = 0; x < ps.size();) {
      std::size_t y = x + 1;
      while (y < ps.size() && ps[y] == ps[y - 1] + 1) ++y;
      if (y - x >= 2) {
        std::vector<std::uint32_t> run(ps.begin() + static_cast<std::ptrdiff_t>(x),
                                       ps.begin() + static_cast<std::ptrdiff_t>(y));
        const bool has_partner =
            partner == kNone ||
            std::find(run.begin(), run.end(), static_cast<std::uint32_t>(partner)) != run.end();
        const double d = similarity(whole_in.bags[w], merged_bag(piece_in, run), s.weight).dice;
        if (has_partner && d > best_dice) {
          best_dice = d;
          best = std::move(run);
        }
      }
      x = y;
    }
    if (best.empty() || best_dice < s.t.split || best_dice < current + kSplitGain) continue;
    if (partner != kNone) match_piece[static_cast<std::uint32_t>(partner)] = kNone;
    match_whole[w] = kNone;
    used_whole[w] = true;
    group g;
    g.k = forward ? kind::split : kind::merged;
    g.similarity = best_dice;
    for (std::uint32_t p : best) {
      used_piece[p] = true;
      match_piece[p] = kNone;
    }
    if (forward) {
      g.old_units = {w};
      g.new_units = std::move(best);
    } else {
      g.old_units = std::move(best);
      g.new_units = {w};
    }
    out.push_back(std::move(g));
  }
}

void mark_moves(std::vector<group>& groups) {
  // the paired groups in new order: (first new unit, group), each placed at its first new
  // unit (a new unit is in one group only) and read in order: no sort, and no group read
  // more than once (a hundred bytes each, hundreds of thousands of them)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> paired;
  {
    auto is_paired = [](const group& g) { return !g.old_units.empty() && !g.new_units.empty(); };
    std::uint32_t m = 0;
    for (const group& g : groups)
      if (is_paired(g)) m = std::max(m, g.new_units.front() + 1);
    constexpr std::uint32_t kNoGroup = 0xFFFFFFFF;
    std::vector<std::uint32_t> at_new(m, kNoGroup);
    for (std::size_t k = 0; k < groups.size(); ++k)
      if (is_paired(groups[k])) {  // (a unit is in one group only)
        assert(at_new[groups[k].new_units.front()] == kNoGroup);
        at_new[groups[k].new_units.front()] = static_cast<std::uint32_t>(k);
      }
    for (std::uint32_t j = 0; j < m; ++j)
      if (at_new[j] != kNoGroup) paired.emplace_back(j, at_new[j]);
  }
  std::vector<std::uint32_t> olds(paired.size());
  for (std::size_t k = 0; k < paired.size(); ++k)
    olds[k] = groups[paired[k].second].old_units.front();
  std::vector<bool> stays(paired.size(), false);
  for (std::size_t k : lis(olds)) stays[k] = true;
  for (std::size_t k = 0; k < paired.size(); ++k) {
    if (stays[k]) continue;
    group& g = groups[paired[k].second];
    g.moved = true;
    if (g.k == kind::unchanged) g.k = kind::moved;
  }
}

}  // namespace

double weight_of(std::span<const std::uint32_t> bag, const std::vector<float>& weight) {
  double t = 0;
  for (std::uint32_t x : bag) t += weight[x];
  return t;
}

overlap similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                   const std::vector<float>& weight) {
  return similarity(a, b, weight, weight_of(a, weight), weight_of(b, weight));
}

overlap similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                   const std::vector<float>& weight, double ta, double tb) {
  double common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      common += weight[a[i]];
      ++i;
      ++j;
    }
  }
  return overlap_of(common, ta, tb);
}

void bag_counts::count(std::span<const std::uint32_t> bag) {
  for (std::uint32_t x : counted_) count_[x] = 0;
  counted_.clear();
  bag_ = bag;
  if (bag.size() > kMaxCounted) return;  // (merged as similarity() does)
  counted_.assign(bag.begin(), bag.end());
  for (std::uint32_t x : bag) ++count_[x];
}

overlap bag_counts::similarity(std::span<const std::uint32_t> other,
                               const std::vector<float>& weight, double ta, double tb) {
  if (bag_.size() > kMaxCounted) return detail::similarity(bag_, other, weight, ta, tb);
  // the common ids first (no branch), then their weights added in that order: only the
  // common ones wait for the sum before them
  taken_.resize(other.size());
  std::size_t taken = 0;
  for (std::uint32_t x : other) {
    const std::uint16_t c = count_[x];
    const bool hit = c != 0;
    count_[x] = static_cast<std::uint16_t>(c - hit);
    taken_[taken] = x;
    taken += hit;
  }
  double common = 0;
  for (std::size_t k = 0; k < taken; ++k) {
    common += weight[taken_[k]];
    ++count_[taken_[k]];
  }
  return overlap_of(common, ta, tb);
}

namespace {

// align() of both kinds; with `a_done`/`b_done` (the inputs themselves), they are emptied
// once the pairs are made.
std::vector<group> align_level(const level_input& a, const level_input& b,
                               const std::vector<float>& weight, const thresholds& t,
                               std::vector<std::string>& degraded, level_input* a_done,
                               level_input* b_done) {
  const std::size_t n = a.fingerprints.size(), m = b.fingerprints.size();
  state s{a,
          b,
          weight,
          t,
          degraded,
          std::vector<std::int32_t>(n, kNone),
          std::vector<std::int32_t>(m, kNone),
          std::vector<bool>(n, false),
          std::vector<bool>(m, false),
          std::vector<double>(n, 0.0),
          {}};
  exact_in_order(s);
  exact_out_of_order(s);
  std::vector<candidate> cands = find_candidates(s);
  pair_reworded(s, cands);
  // Second round: units left between two paired neighbours (exact or reworded) stand at
  // corresponding places even when no unchanged unit is near, as a changed dateline
  // between a changed title and a changed first paragraph.
  std::vector<candidate> sandwiched = between_pairs(s);
  pair_reworded(s, sandwiched);
  cands.insert(cands.end(), sandwiched.begin(), sandwiched.end());

  std::vector<group> groups;
  std::vector<bool> used_a(n, false), used_b(m, false);
  find_splits(s, cands, true, used_a, used_b, groups);
  find_splits(s, cands, false, used_a, used_b, groups);
  // (what the groups are made of from here on: the pairs, not the bags)
  if (b_done != nullptr) *b_done = {};
  if (a_done != nullptr) *a_done = {};
  cands = {};
  sandwiched = {};
  // The groups are made in the order order_groups() gives them, so that ordering them
  // moves none (at 50 MB, moving 330,000 sentence groups of a hundred bytes each into their
  // places took 25 ms on one core): by the first new unit of each group with new units
  // (split or merged, paired one to one, added), each dropped unit after the group of the
  // last old unit before it that has new ones (before all of them when none has), in old
  // order. The pairs one to one are those of the old units in no split or merge.
  constexpr std::uint32_t kNoGroup = 0xFFFFFFFF;
  std::vector<group> splits = std::move(groups);  // (find_splits()' groups)
  groups = {};
  std::vector<std::uint32_t> starts(m, kNoGroup);  // per new unit: the split group it starts
  std::vector<std::int64_t> new_of_old(n, -1);     // per old unit: its group's first new one
  for (std::uint32_t k = 0; k < splits.size(); ++k) {
    const group& g = splits[k];
    starts[g.new_units.front()] = k;
    for (std::uint32_t i : g.old_units) new_of_old[i] = g.new_units.front();
  }
  constexpr std::uint32_t kPaired = 1U << 31U;  // (in `starts`: old unit i's pair, kPaired | i)
  std::size_t more = 0;  // (exactly: a group is a hundred bytes, and a long document has
                         // hundreds of thousands)
  for (std::uint32_t i = 0; i < n; ++i) {
    if (used_a[i]) continue;
    ++more;
    if (s.match_a[i] == kNone) continue;
    const auto j = static_cast<std::uint32_t>(s.match_a[i]);
    new_of_old[i] = j;
    starts[j] = kPaired | i;
    used_b[j] = true;
  }
  for (std::uint32_t j = 0; j < m; ++j) more += used_b[j] ? 0 : 1;
  // the dropped units by the place they follow (0: before every group, p + 1: after the
  // group that starts at new unit p), in old order
  std::vector<std::uint32_t> first_dropped(std::size_t{m} + 2, 0), dropped;
  {
    std::int64_t last_seen = -1;
    std::vector<std::uint32_t> place_of;  // (of each dropped unit, in old order)
    for (std::uint32_t i = 0; i < n; ++i) {
      if (new_of_old[i] >= 0) {
        last_seen = new_of_old[i];
      } else if (!used_a[i]) {
        place_of.push_back(static_cast<std::uint32_t>(last_seen + 1));
        ++first_dropped[place_of.back() + 1];
      }
    }
    std::partial_sum(first_dropped.begin(), first_dropped.end(), first_dropped.begin());
    std::vector<std::uint32_t> next(first_dropped.begin(), first_dropped.end() - 1);
    dropped.resize(place_of.size());
    std::size_t d = 0;
    for (std::uint32_t i = 0; i < n; ++i)
      if (new_of_old[i] < 0 && !used_a[i]) dropped[next[place_of[d++]]++] = i;
  }
  new_of_old = {};
  groups.reserve(splits.size() + more);
  // The pages of the second half of the groups backed on the other core meanwhile: a long
  // document's groups are megabytes of new pages, whose faults were most of the time of
  // making them (no thread to be had: this core takes them all, as before).
  std::future<void> populated;  // (waited for below, or by its destructor)
  const std::size_t all = splits.size() + more;
  if (all * sizeof(group) >= kParallelPopulate) {
    try {
      populated = std::async(std::launch::async, [to = groups.data() + all / 2,
                                                  bytes = (all - all / 2) * sizeof(group)] {
        populate_pages(to, bytes);
      });
    } catch (const std::system_error&) {
    }
  }

  auto drop = [&](std::size_t place) {
    for (std::uint32_t k = first_dropped[place]; k < first_dropped[place + 1]; ++k) {
      group g;
      g.k = kind::dropped;
      g.similarity = 0;
      g.old_units = {dropped[k]};
      groups.push_back(std::move(g));
    }
  };
  drop(0);
  for (std::uint32_t j = 0; j < m; ++j) {
    if (starts[j] != kNoGroup && (starts[j] & kPaired) != 0) {
      const std::uint32_t i = starts[j] & ~kPaired;
      group g;
      g.old_units = {i};
      g.new_units = {j};
      g.k = s.exact_a[i] ? kind::unchanged : kind::reworded;
      g.similarity = s.sim_a[i];
      groups.push_back(std::move(g));
    } else if (starts[j] != kNoGroup) {
      groups.push_back(std::move(splits[starts[j]]));
    } else if (!used_b[j]) {
      group g;
      g.k = kind::added;
      g.similarity = 0;
      g.new_units = {j};
      groups.push_back(std::move(g));
    } else {
      continue;  // (inside a split or merged group that starts before it)
    }
    drop(std::size_t{j} + 1);
  }
  if (populated.valid()) populated.get();
  mark_moves(groups);
  return groups;
}

}  // namespace

std::vector<group> align(const level_input& a, const level_input& b,
                         const std::vector<float>& weight, const thresholds& t,
                         std::vector<std::string>& degraded) {
  return align_level(a, b, weight, t, degraded, nullptr, nullptr);
}

std::vector<group> align(level_input&& a, level_input&& b, const std::vector<float>& weight,
                         const thresholds& t, std::vector<std::string>& degraded) {
  return align_level(a, b, weight, t, degraded, &a, &b);
}

}  // namespace accordiff::detail
