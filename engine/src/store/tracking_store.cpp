// Stage 9, store: tracking on top of the store interface (see accordiff/store.hpp).
//
// track() runs in one write transaction: find the source (given, or the predecessor by
// similarity), read its latest version, compare, carry the lineages, add the version with
// its units, lineages, report and signature, commit. Holding the write lock from the first
// read to the commit is what serializes two runs on one source: the second sees the
// version the first added.
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>

#include "accordiff/read.hpp"
#include "accordiff/report.hpp"
#include "accordiff/store.hpp"
#include "report/summary.hpp"
#include "store/store.hpp"

namespace accordiff {

std::string_view to_string(confidence c) {
  switch (c) {
    case confidence::none:
      return "none";
    case confidence::low:
      return "low";
    case confidence::medium:
      return "medium";
    case confidence::high:
      return "high";
  }
  return "none";
}

namespace {

/// Least score for a stored document to be a predecessor at all. Successive releases of
/// one body share 0.3 and more of their 3-word shingles (fixtures/gis/es 0.57, the series
/// fixtures 0.45-0.8); unrelated texts of the same domain stay under 0.07 (the fixtures,
/// the generated benchmark store). 0.15 sits between, with room for the estimate's error.
constexpr double kMinPredecessorScore = 0.15;
/// Margin over the best other source for "high": more than five standard errors of the
/// estimate (0.044 at a score of 0.5 with 128 values), never a sampling accident.
constexpr double kHighMargin = 0.25;
/// Margin for "medium": more than two standard errors.
constexpr double kMediumMargin = 0.10;
/// Candidates from the LSH buckets whose full signatures are compared, most shared bands
/// first. The true predecessor shares about s^2 * 64 bands (16 at s = 0.5), far more than a
/// decoy of the same family; 64 leaves room for many versions of a few sources.
constexpr std::size_t kCandidatesScored = 64;

std::string plural(std::size_t n, std::string_view one) {
  return std::to_string(n) + " " + std::string(one);
}

std::string summary_line(const comparison& c) {
  if (!c.changed()) return "no change";
  const detail::counts n = detail::count(c.sentences);
  std::string out;
  auto add = [&](std::size_t k, std::string_view what) {
    if (k == 0) return;
    if (!out.empty()) out += ", ";
    out += plural(k, what);
  };
  add(n.reworded, "reworded");
  add(n.moved, "moved");
  add(n.split, "split");
  add(n.merged, "merged");
  add(n.added, "added");
  add(n.dropped, "dropped");
  out = out.empty() ? "paragraphs moved or reflowed" : "sentences: " + out;
  std::size_t ca = 0, cd = 0, cr = 0;
  for (const commitment& m : c.commitments) {
    ca += m.k == kind::added;
    cd += m.k == kind::dropped;
    cr += m.k == kind::reworded;
  }
  if (ca + cd + cr > 0)
    out += "; commitments: " + std::to_string(ca) + " new, " + std::to_string(cd) + " dropped, " +
           std::to_string(cr) + " reworded";
  return out;
}

struct scored {
  double score = 0;
  std::int64_t version_id = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------

tracking_store::tracking_store(std::unique_ptr<detail::store> impl) : impl_(std::move(impl)) {}
tracking_store::tracking_store(tracking_store&&) noexcept = default;
tracking_store& tracking_store::operator=(tracking_store&&) noexcept = default;
tracking_store::~tracking_store() = default;

result<tracking_store> tracking_store::open(const std::string& path, const store_options& opts) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return fail(errc::store, "is a directory, not a store", path);
  detail::sqlite_open_options so;
  so.create = opts.create;
  so.busy_timeout_ms = opts.busy_timeout_ms;
  auto s = detail::open_sqlite_store(path, so);
  if (!s) return tl::unexpected(s.error());
  return tracking_store(std::move(*s));
}

namespace {

using detail::store;

result<detail::source_row> require_source(store& s, const std::string& key) {
  auto src = s.source(key);
  if (!src) return tl::unexpected(src.error());
  if (!*src) return fail(errc::not_found, "no source '" + key + "' in the store", s.path());
  return **src;
}

result<detail::version_row> require_version(store& s, const detail::source_row& src,
                                            std::uint32_t number) {
  auto v = s.version(src.id, number);
  if (!v) return tl::unexpected(v.error());
  if (!*v)
    return fail(errc::not_found,
                number == 0 ? "source '" + src.key + "' has no version"
                            : "source '" + src.key + "' has no version " + std::to_string(number) +
                                  " (it has " + std::to_string(src.versions) + ")",
                s.path());
  return **v;
}

result<std::shared_ptr<const document>> load_document(store& s, const detail::version_row& v) {
  auto bytes = s.content(v.id);
  if (!bytes) return tl::unexpected(bytes.error());
  read_options ro;
  ro.allow_empty = true;
  ro.fmt = v.info.format == "markdown" ? format::markdown : format::text;
  auto d = read_bytes(std::move(*bytes), v.info.path, ro);
  if (!d) return tl::unexpected(d.error());
  return std::make_shared<const document>(std::move(*d));
}

// Stored versions by similarity to a signature, best first.
result<std::vector<scored>> rank(store& s, const detail::signature& sig, std::size_t limit) {
  auto cands = s.candidates(detail::band_keys(sig), std::max(limit, kCandidatesScored));
  if (!cands) return tl::unexpected(cands.error());
  std::vector<scored> out;
  out.reserve(cands->size());
  for (const detail::candidate& c : *cands) {
    auto other = s.signature_of(c.version_id);
    if (!other) return tl::unexpected(other.error());
    out.push_back({detail::estimate(sig, *other), c.version_id});
  }
  std::sort(out.begin(), out.end(), [](const scored& a, const scored& b) {
    return a.score != b.score ? a.score > b.score : a.version_id < b.version_id;
  });
  return out;
}

result<similar_document> describe(store& s, const scored& x) {
  auto v = s.version_by_id(x.version_id);
  if (!v) return tl::unexpected(v.error());
  return similar_document{v->info.source, v->info.number, v->info.path, x.score};
}

result<predecessor> predecessor_of(store& s, const detail::signature& sig) {
  auto ranked = rank(s, sig, kCandidatesScored);
  if (!ranked) return tl::unexpected(ranked.error());
  predecessor p;
  if (ranked->empty()) return p;
  auto best = describe(s, ranked->front());
  if (!best) return tl::unexpected(best.error());
  p.best = *best;
  for (std::size_t k = 1; k < ranked->size(); ++k) {
    auto other = describe(s, (*ranked)[k]);
    if (!other) return tl::unexpected(other.error());
    if (other->source != p.best.source) {
      p.runner_up = *other;
      break;
    }
  }
  const double margin = p.best.score - (p.runner_up ? p.runner_up->score : 0.0);
  p.sure = p.best.score < kMinPredecessorScore ? confidence::none
           : margin >= kHighMargin             ? confidence::high
           : margin >= kMediumMargin           ? confidence::medium
                                               : confidence::low;
  return p;
}

// The lineage state of a source after its latest version.
result<detail::lineage_state> load_state(store& s, const detail::source_row& src,
                                         const detail::version_row& latest) {
  detail::lineage_state st;
  st.version = latest.info.number;
  auto tags = s.tags(latest.id);
  if (!tags) return tl::unexpected(tags.error());
  st.latest = std::move(*tags);
  auto rows = s.lineages(src.id);
  if (!rows) return tl::unexpected(rows.error());
  for (const detail::lineage_row& r : *rows) {
    auto& next = st.next[detail::index_of(r.level)];
    next = std::max(next, r.lineage + 1);
    if (r.status == detail::lineage_status::dropped)
      st.dormant.push_back({r.level, r.lineage, r.last_version, r.where, r.fingerprint});
  }
  return st;
}

// A key not yet taken: `base`, else base-2, base-3 …
result<std::string> free_key(store& s, const std::string& base) {
  for (int n = 1;; ++n) {
    const std::string key = n == 1 ? base : base + "-" + std::to_string(n);
    auto src = s.source(key);
    if (!src) return tl::unexpected(src.error());
    if (!*src) return key;
  }
}

result<track_outcome> track_locked(store& s, const analysis& a, const track_options& opts,
                                   std::int64_t now) {
  track_outcome out;
  const auto sig = detail::minhash(a.shingles);
  std::optional<detail::source_row> src;
  if (!opts.source.empty()) {
    auto found = s.source(opts.source);
    if (!found) return tl::unexpected(found.error());
    src = *found;
    out.source = opts.source;
  } else {
    auto p = predecessor_of(s, sig);
    if (!p) return tl::unexpected(p.error());
    out.found = *p;
    if (p->sure == confidence::none) {
      if (opts.new_source_key.empty())
        return fail(errc::not_found,
                    "no stored document is like this one: name its source with --source",
                    a.s.doc->path);
      auto key = free_key(s, opts.new_source_key);
      if (!key) return tl::unexpected(key.error());
      out.source = *key;
    } else if (p->sure < opts.min_confidence) {
      char b[64];
      std::snprintf(b, sizeof b, " %.2f, confidence ", p->best.score);
      return fail(errc::not_found,
                  "cannot tell which source this follows up (closest " + p->best.source + "@" +
                      std::to_string(p->best.version) + b + std::string(to_string(p->sure)) +
                      "): name it with --source",
                  a.s.doc->path);
    } else {
      auto found = s.source(p->best.source);
      if (!found) return tl::unexpected(found.error());
      src = *found;
      out.source = p->best.source;
    }
  }
  if (!src) {
    auto id = s.add_source(out.source, now);
    if (!id) return tl::unexpected(id.error());
    src = detail::source_row{*id, out.source, now, 0};
    out.new_source = true;
  }

  auto latest = s.version(src->id, 0);
  if (!latest) return tl::unexpected(latest.error());
  if (*latest && (*latest)->info.xxh3_128 == a.s.xxh3_128) {
    out.version = out.previous = (*latest)->info.number;
    return out;  // an identical re-publication: nothing to record
  }

  detail::new_version nv;
  nv.source_id = src->id;
  version_info& info = nv.info;
  info.source = src->key;
  info.number = *latest ? (*latest)->info.number + 1 : 1;
  info.xxh3_128 = a.s.xxh3_128;
  info.seen = now;
  info.path = a.s.doc->path;
  info.format = std::string(to_string(a.s.doc->fmt));
  info.language = a.s.language;
  info.paragraphs = static_cast<std::uint32_t>(a.s.paragraphs.size());
  info.sentences = static_cast<std::uint32_t>(a.s.sentences.size());
  info.commitments = static_cast<std::uint32_t>(a.commitments.size());
  info.metadata = opts.metadata;
  if (out.found && !out.new_source) info.match_score = out.found->best.score;

  detail::lineage_state state;
  detail::lineage_step step;
  detail::version_tags before;
  if (*latest) {
    const detail::version_row& prev = **latest;
    auto prev_doc = load_document(s, prev);
    if (!prev_doc) return tl::unexpected(prev_doc.error());
    auto c = compare(*prev_doc, a.s.doc, opts.compare);
    if (!c) return tl::unexpected(c.error());
    auto st = load_state(s, *src, prev);
    if (!st) return tl::unexpected(st.error());
    state = std::move(*st);
    before = state.latest;
    const std::int64_t source_id = src->id;
    const detail::version_loader load =
        [&s, source_id](std::uint32_t k) -> result<std::shared_ptr<const document>> {
      auto v = s.version(source_id, k);
      if (!v) return tl::unexpected(v.error());
      if (!*v)
        return fail(errc::store, "the store is inconsistent: a version is missing", s.path());
      return load_document(s, **v);
    };
    auto stepped = detail::advance(state, *c, load, out.degraded);
    if (!stepped) return tl::unexpected(stepped.error());
    step = std::move(*stepped);
    std::ostringstream json;
    write_json(json, *c);
    nv.report_json = json.str();
    info.compared_with = prev.info.number;
    info.changed = c->changed();
    info.summary = summary_line(*c);
    out.previous = prev.info.number;
    out.diff = std::move(*c);
  } else {
    step = detail::first_version(state, a);
    info.summary = "first version";
  }

  // Lineage rows: every unit present now, and the lineages that ended in this version.
  for (unit_level l : detail::kAllLevels) {
    for (const detail::tagged& t : step.tags.at[detail::index_of(l)])
      nv.lineages.push_back({l, t.lineage, info.number, info.number,
                             detail::lineage_status::present, t.where, t.fingerprint});
  }
  for (const detail::tagged_event& e : step.events) {
    out.reinstated += e.event.kind == lineage_event_kind::reinstated;
    out.first_seen += e.event.kind == lineage_event_kind::first_seen;
    const bool dropped = e.event.kind == lineage_event_kind::dropped;
    out.dropped += dropped;
    if (!dropped && e.event.kind != lineage_event_kind::merged_into) continue;
    const auto& was = before.at[detail::index_of(e.level)];
    auto it = std::find_if(was.begin(), was.end(),
                           [&](const detail::tagged& t) { return t.lineage == e.lineage; });
    if (it == was.end()) continue;
    nv.lineages.push_back(
        {e.level, e.lineage, info.number - 1, info.number - 1,
         dropped ? detail::lineage_status::dropped : detail::lineage_status::merged, it->where,
         it->fingerprint});
  }
  nv.tags = std::move(step.tags);
  nv.sig = sig;
  nv.content = a.s.doc->bytes;
  auto id = s.add_version(nv);
  if (!id) return tl::unexpected(id.error());
  out.version = info.number;
  out.recorded = true;
  return out;
}

}  // namespace

result<track_outcome> tracking_store::track(std::shared_ptr<const document> doc,
                                            const track_options& opts) {
  auto a = analyze(std::move(doc), opts.compare);
  if (!a) return tl::unexpected(a.error());
  const std::int64_t now = opts.now != 0 ? opts.now : static_cast<std::int64_t>(std::time(nullptr));
  store& s = *impl_;
  if (auto ok = s.begin_write(); !ok) return tl::unexpected(ok.error());
  auto out = track_locked(s, *a, opts, now);
  if (!out || !out->recorded) {
    s.rollback();
    return out;
  }
  if (auto ok = s.commit(); !ok) return tl::unexpected(ok.error());
  return out;
}

result<std::vector<source_info>> tracking_store::sources() {
  auto rows = impl_->sources();
  if (!rows) return tl::unexpected(rows.error());
  std::vector<source_info> out;
  for (const auto& r : *rows) out.push_back({r.key, r.versions, r.created});
  return out;
}

result<std::vector<version_info>> tracking_store::history(const std::string& source) {
  auto src = require_source(*impl_, source);
  if (!src) return tl::unexpected(src.error());
  auto rows = impl_->versions(src->id);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<version_info> out;
  for (auto& r : *rows) out.push_back(std::move(r.info));
  return out;
}

result<std::shared_ptr<const document>> tracking_store::version_document(const std::string& source,
                                                                         std::uint32_t version) {
  auto src = require_source(*impl_, source);
  if (!src) return tl::unexpected(src.error());
  auto v = require_version(*impl_, *src, version);
  if (!v) return tl::unexpected(v.error());
  return load_document(*impl_, *v);
}

result<std::string> tracking_store::version_report(const std::string& source,
                                                   std::uint32_t version) {
  auto src = require_source(*impl_, source);
  if (!src) return tl::unexpected(src.error());
  auto v = require_version(*impl_, *src, version);
  if (!v) return tl::unexpected(v.error());
  if (v->info.compared_with == 0)
    return fail(errc::not_found,
                "version " + std::to_string(v->info.number) + " of '" + source +
                    "' is its first: there is no report",
                impl_->path());
  return impl_->report(v->id);
}

result<comparison> tracking_store::version_comparison(const std::string& source,
                                                      std::uint32_t version,
                                                      const compare_options& opts) {
  auto src = require_source(*impl_, source);
  if (!src) return tl::unexpected(src.error());
  auto v = require_version(*impl_, *src, version);
  if (!v) return tl::unexpected(v.error());
  if (v->info.compared_with == 0)
    return fail(errc::not_found,
                "version " + std::to_string(v->info.number) + " of '" + source +
                    "' is its first: there is nothing to compare it with",
                impl_->path());
  auto prev = require_version(*impl_, *src, v->info.compared_with);
  if (!prev) return tl::unexpected(prev.error());
  auto a = load_document(*impl_, *prev);
  if (!a) return tl::unexpected(a.error());
  auto b = load_document(*impl_, *v);
  if (!b) return tl::unexpected(b.error());
  return compare(*a, *b, opts);
}

result<std::vector<similar_document>> tracking_store::similar(std::shared_ptr<const document> doc,
                                                              std::size_t limit,
                                                              const compare_options& opts) {
  auto a = analyze(std::move(doc), opts);
  if (!a) return tl::unexpected(a.error());
  auto ranked = rank(*impl_, detail::minhash(a->shingles), limit);
  if (!ranked) return tl::unexpected(ranked.error());
  std::vector<similar_document> out;
  for (std::size_t k = 0; k < ranked->size() && k < limit; ++k) {
    auto d = describe(*impl_, (*ranked)[k]);
    if (!d) return tl::unexpected(d.error());
    out.push_back(std::move(*d));
  }
  return out;
}

result<predecessor> tracking_store::find_predecessor(std::shared_ptr<const document> doc,
                                                     const compare_options& opts) {
  auto a = analyze(std::move(doc), opts);
  if (!a) return tl::unexpected(a.error());
  return predecessor_of(*impl_, detail::minhash(a->shingles));
}

result<series> tracking_store::source_series(const std::string& source,
                                             const std::vector<std::uint32_t>& versions,
                                             const compare_options& opts) {
  auto src = require_source(*impl_, source);
  if (!src) return tl::unexpected(src.error());
  std::vector<std::uint32_t> numbers = versions;
  if (numbers.empty())
    for (std::uint32_t n = 1; n <= src->versions; ++n) numbers.push_back(n);
  std::vector<std::shared_ptr<const document>> docs;
  for (std::uint32_t n : numbers) {
    auto v = require_version(*impl_, *src, n);
    if (!v) return tl::unexpected(v.error());
    auto d = load_document(*impl_, *v);
    if (!d) return tl::unexpected(d.error());
    docs.push_back(std::move(*d));
  }
  auto s = build_series(docs, opts);
  if (!s) return tl::unexpected(s.error());
  for (std::size_t k = 0; k < numbers.size(); ++k)
    s->versions[k].label = source + "@" + std::to_string(numbers[k]);
  return s;
}

result<void> tracking_store::check() { return impl_->check(); }

}  // namespace accordiff
