// The shortest edit script of two sequences (internal), by the O(NP) algorithm of Wu,
// Manber and Myers, step for step as dtl::Diff::compose() takes it: the same script, ties
// broken the same way (the shorter sequence first, the second when both are as long), the
// same restart once its path reaches dtl's limit of points (with the indices right after a
// second one, which dtl's are not). What differs is the cost: no
// element copied into the script, points of 12 bytes instead of 24, and the working arrays
// kept from one call to the next on each thread (a report makes one script per changed
// paragraph and sentence: dtl allocated and grew them again each time, and spent more
// there than in comparing words).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace accordiff::detail {

/// One step of a script: a unit of both (`common`), of the first only (`del`) or of the
/// second only (`add`). `a` and `b` count from 1 as dtl's beforeIdx and afterIdx do (0:
/// none).
struct script_step {
  enum kind : std::uint8_t { common, del, add };
  kind k;
  std::int64_t a;
  std::int64_t b;
};

namespace onp_detail {

struct point {
  point() {}  // (left unset: a round of the search makes room for its points, then sets them)
  point(std::int32_t x_, std::int32_t y_, std::int32_t prev_) : x(x_), y(y_), prev(prev_) {}
  std::int32_t x, y, prev;  // (dtl's P: long long x, y, k)
};

struct workspace {
  std::vector<std::int64_t> fp, path;
  std::vector<point> points;
  std::vector<point> chain;
};

inline workspace& local_workspace() {
  thread_local workspace w;
  return w;
}

// dtl's MAX_CORDINATES_SIZE
inline constexpr std::size_t kMaxPoints = 2000000;
// the most points a thread keeps room for from one script to the next (1.5 MB)
inline constexpr std::size_t kKeptPoints = 1U << 17U;

}  // namespace onp_detail

/// The shortest edit script from `first` to `second`, as
/// `dtl::Diff<T>(first, second).compose()` then `getSes().getSequence()` gives it (types and
/// indices), for sequences of fewer than 2^31 units. Where dtl stops short (over
/// kMaxPoints points: long sequences with little in common) and goes on from where it got,
/// this does too (a script no longer the shortest), but for one thing: from a second
/// restart on, dtl's indices count from the last restart only, this one's from the start.
///
/// `Ends`: each sequence is followed in memory by one more element (not in the span), one
/// that is in neither sequence and differs from the other's: the search then compares
/// without checking where the sequences end (the same script, fewer steps).
template <class T, bool Ends = false>
std::vector<script_step> edit_script(std::span<const T> first, std::span<const T> second) {
  using onp_detail::point;
  // the thread's arrays, held here while this runs (not written through thread-local
  // storage at each step) and handed back after
  onp_detail::workspace& kept = onp_detail::local_workspace();
  onp_detail::workspace w = std::move(kept);
  struct give_back {
    onp_detail::workspace& to;
    onp_detail::workspace& from;
    ~give_back() {
      // (not the room of a diff that ran to the limit, 24 MB of points, for the thread's life)
      if (from.points.capacity() > onp_detail::kKeptPoints) from = {};
      to = std::move(from);
    }
  } back{kept, w};
  // init(): the shorter is A (the second, when they are as long)
  const bool swapped = !(first.size() < second.size());
  std::span<const T> A = swapped ? second : first;
  std::span<const T> B = swapped ? first : second;
  auto M = static_cast<std::int64_t>(A.size());
  auto N = static_cast<std::int64_t>(B.size());
  std::int64_t delta = N - M;
  std::int64_t offset = M + 1;
  std::int64_t ox = 0, oy = 0;
  w.fp.assign(static_cast<std::size_t>(M + N + 3), -1);
  w.path.assign(static_cast<std::size_t>(M + N + 3), -1);  // (its size kept over restarts)
  w.points.clear();
  std::vector<script_step> out;

  for (;;) {
    // fp and path indexed by the diagonal k (from -(M + 1)), the sequences by pointer: the
    // body of snake() runs once for each point of the search, about P (M + N) times
    std::int64_t* const fp = w.fp.data() + offset;
    std::int64_t* const path = w.path.data() + offset;
    const T* const a = A.data();
    const T* const b = B.data();
    const auto m = static_cast<std::uint64_t>(M);
    const auto n = static_cast<std::uint64_t>(N);
    std::size_t made = w.points.size();
    point* at = w.points.data();
    // One point of the search on diagonal k, from its neighbours fp[k - 1], path[k - 1]
    // (lo_) and fp[k + 1], path[k + 1] (hi_); returns fp[k]. The neighbour the point before
    // made comes in registers (not back through memory), and the one that reaches further
    // is taken by a conditional move: either does about as often, and a branch there was
    // mispredicted about once every six points (cachegrind, two unrelated documents).
    auto snake = [&](std::int64_t k, std::int64_t lo_y, std::int64_t lo_path, std::int64_t hi_y,
                     std::int64_t hi_path) {
      const std::int64_t above = lo_y + 1;
      const bool from_above = above > hi_y;
      std::int64_t y = from_above ? above : hi_y;
      const std::int64_t r = from_above ? lo_path : hi_path;
      std::int64_t x = y - k;
      // (x and y are never below 0: the diagonals are taken in the order that keeps
      // fp[k] >= k for k > 0)
      if constexpr (Ends) {
        while (a[x] == b[y]) {
          ++x;
          ++y;
        }
      } else {
        while (static_cast<std::uint64_t>(x) < m && static_cast<std::uint64_t>(y) < n &&
               a[x] == b[y]) {
          ++x;
          ++y;
        }
      }
      path[k] = static_cast<std::int64_t>(made);
      at[made++] = {static_cast<std::int32_t>(x), static_cast<std::int32_t>(y),
                    static_cast<std::int32_t>(r)};
      fp[k] = y;
      return y;
    };
    std::int64_t p = -1;
    do {
      ++p;
      // a round makes delta + 2p + 1 points (delta >= 0: A is the shorter sequence, and
      // a restart begins where the path reached diagonal delta, so both are as long)
      w.points.resize(made + static_cast<std::size_t>(delta + 2 * p + 1));
      at = w.points.data();
      // up from -p: the point below (k - 1) is the one just made
      std::int64_t y = fp[-p - 1], from = path[-p - 1];
      for (std::int64_t k = -p; k <= delta - 1; ++k) {
        const auto index = static_cast<std::int64_t>(made);
        y = snake(k, y, from, fp[k + 1], path[k + 1]);
        from = index;
      }
      // down from delta + p: the point above (k + 1) is the one just made
      y = fp[delta + p + 1];
      from = path[delta + p + 1];
      for (std::int64_t k = delta + p; k >= delta + 1; --k) {
        const auto index = static_cast<std::int64_t>(made);
        y = snake(k, fp[k - 1], path[k - 1], y, from);
        from = index;
      }
      snake(delta, fp[delta - 1], path[delta - 1], fp[delta + 1], path[delta + 1]);
    } while (fp[delta] != N && w.points.size() < onp_detail::kMaxPoints);

    // the points of the path, from its end back
    w.chain.clear();
    for (std::int64_t r = path[delta]; r != -1; r = w.points[static_cast<std::size_t>(r)].prev)
      w.chain.push_back(w.points[static_cast<std::size_t>(r)]);

    // recordSequence()
    std::int64_t x_idx = 1, y_idx = 1, px = 0, py = 0;
    for (std::size_t i = w.chain.size(); i-- > 0;) {
      const point& v = w.chain[i];
      while (px < v.x || py < v.y) {
        if (v.y - v.x > py - px) {
          out.push_back(swapped ? script_step{script_step::del, y_idx + oy, 0}
                                : script_step{script_step::add, 0, y_idx + oy});
          ++y_idx;
          ++py;
        } else if (v.y - v.x < py - px) {
          out.push_back(swapped ? script_step{script_step::add, 0, x_idx + ox}
                                : script_step{script_step::del, x_idx + ox, 0});
          ++x_idx;
          ++px;
        } else {
          out.push_back(swapped ? script_step{script_step::common, y_idx + oy, x_idx + ox}
                                : script_step{script_step::common, x_idx + ox, y_idx + oy});
          ++x_idx;
          ++y_idx;
          ++px;
          ++py;
        }
      }
    }
    if (x_idx > M && y_idx > N) return out;
    // stopped short: again from there, on what is left
    A = A.subspan(static_cast<std::size_t>(x_idx - 1));
    B = B.subspan(static_cast<std::size_t>(y_idx - 1));
    M = static_cast<std::int64_t>(A.size());
    N = static_cast<std::int64_t>(B.size());
    delta = N - M;
    offset = M + 1;
    w.fp.assign(static_cast<std::size_t>(M + N + 3), -1);
    std::fill(w.path.begin(), w.path.end(), -1);
    // (dtl sets these to x_idx - 1 and y_idx - 1: right after one restart, wrong after a
    // second, when its "common" steps pair units that differ)
    ox += x_idx - 1;
    oy += y_idx - 1;
    w.points.clear();
  }
}

}  // namespace accordiff::detail
