// Stage 8, series: versions in, the lineage of every unit out (see series.hpp).
#include "accordiff/series.hpp"

#include "series/lineage.hpp"

namespace accordiff {

std::string_view to_string(unit_level l) {
  switch (l) {
    case unit_level::paragraph:
      return "paragraph";
    case unit_level::sentence:
      return "sentence";
    case unit_level::commitment:
      return "commitment";
  }
  return "sentence";
}

char id_prefix(unit_level l) {
  switch (l) {
    case unit_level::paragraph:
      return 'p';
    case unit_level::sentence:
      return 's';
    case unit_level::commitment:
      return 'c';
  }
  return 's';
}

std::string_view to_string(lineage_event_kind k) {
  switch (k) {
    case lineage_event_kind::first_seen:
      return "first_seen";
    case lineage_event_kind::moved:
      return "moved";
    case lineage_event_kind::reworded:
      return "reworded";
    case lineage_event_kind::split:
      return "split";
    case lineage_event_kind::merged:
      return "merged";
    case lineage_event_kind::merged_into:
      return "merged_into";
    case lineage_event_kind::dropped:
      return "dropped";
    case lineage_event_kind::reinstated:
      return "reinstated";
  }
  return "first_seen";
}

std::string lineage::id() const { return id_prefix(level) + std::to_string(number); }

const std::vector<lineage>& series::at(unit_level l) const {
  switch (l) {
    case unit_level::paragraph:
      return paragraphs;
    case unit_level::sentence:
      return sentences;
    case unit_level::commitment:
      return commitments;
  }
  return sentences;
}

namespace {

std::vector<lineage>& level_of(series& s, unit_level l) {
  switch (l) {
    case unit_level::paragraph:
      return s.paragraphs;
    case unit_level::sentence:
      return s.sentences;
    case unit_level::commitment:
      return s.commitments;
  }
  return s.sentences;
}

void apply(series& s, const detail::lineage_step& step, std::uint32_t version) {
  for (unit_level l : detail::kAllLevels) {
    std::vector<lineage>& ls = level_of(s, l);
    for (const detail::tagged& t : step.tags.at[detail::index_of(l)]) {
      if (ls.size() < t.lineage) ls.resize(t.lineage);
      lineage& g = ls[t.lineage - 1];
      g.level = l;
      g.number = t.lineage;
      g.occurrences.push_back({version, t.where});
    }
  }
  for (const detail::tagged_event& e : step.events) {
    std::vector<lineage>& ls = level_of(s, e.level);
    if (ls.size() < e.lineage) ls.resize(e.lineage);
    ls[e.lineage - 1].events.push_back(e.event);
  }
}

series_version version_of(const side& sd, std::size_t commitments) {
  series_version v;
  v.doc = sd.doc;
  v.language = sd.language;
  v.xxh3_128 = sd.xxh3_128;
  v.paragraphs = static_cast<std::uint32_t>(sd.paragraphs.size());
  v.sentences = static_cast<std::uint32_t>(sd.sentences.size());
  v.commitments = static_cast<std::uint32_t>(commitments);
  return v;
}

}  // namespace

result<series> build_series(const std::vector<std::shared_ptr<const document>>& docs,
                            const compare_options& opts) {
  if (docs.empty()) return fail(errc::invalid_option, "a series needs at least one version");
  series s;
  s.options = opts;
  detail::lineage_state state;
  auto first = analyze(docs.front(), opts);
  if (!first) return tl::unexpected(first.error());
  s.versions.push_back(version_of(first->s, first->commitments.size()));
  apply(s, detail::first_version(state, *first), 1);
  const detail::version_loader load =
      [&](std::uint32_t v) -> result<std::shared_ptr<const document>> { return docs.at(v - 1); };
  for (std::size_t k = 1; k < docs.size(); ++k) {
    auto c = compare(docs[k - 1], docs[k], opts);
    if (!c) return tl::unexpected(c.error());
    auto step = detail::advance(state, *c, load, s.degraded);
    if (!step) return tl::unexpected(step.error());
    std::size_t commitments = 0;
    for (const commitment& m : c->commitments) commitments += m.new_side.has_value();
    s.versions.push_back(version_of(c->new_side, commitments));
    apply(s, *step, static_cast<std::uint32_t>(k + 1));
  }
  return s;
}

}  // namespace accordiff
