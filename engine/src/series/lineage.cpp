// Stage 8, lineage: see lineage.hpp for the contract.
#include "series/lineage.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "fingerprint/fingerprint.hpp"

namespace accordiff::detail {

namespace {

// The units of one level of a version, in document order, as the comparison holds them.
std::vector<tagged> units_of(const std::vector<unit>& us) {
  std::vector<tagged> out;
  out.reserve(us.size());
  for (const unit& u : us) out.push_back({u.where, u.fingerprint, 0});
  return out;
}

std::vector<tagged> commitments_of(const document& d, std::vector<span> spans) {
  std::sort(spans.begin(), spans.end(), [](const span& a, const span& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  std::vector<tagged> out;
  out.reserve(spans.size());
  for (const span& s : spans) out.push_back({s, loose_fingerprint(d.text(s)), 0});
  return out;
}

// Finds a unit by its span among units in document order.
std::optional<std::size_t> find_span(const std::vector<tagged>& us, span where) {
  auto it = std::lower_bound(us.begin(), us.end(), where, [](const tagged& t, const span& s) {
    return t.where.start != s.start ? t.where.start < s.start : t.where.end < s.end;
  });
  if (it == us.end() || it->where != where) return std::nullopt;
  return static_cast<std::size_t>(it - us.begin());
}

// One new unit of the step being built.
struct slot {
  std::optional<std::uint32_t> lineage;
  bool added = false;                     // waiting for reinstatement, else a new lineage
  std::vector<std::uint32_t> split_from;  // a piece of a split: the lineage it came from
};

// A split whose other pieces get their numbers only at the end.
struct pending_split {
  std::uint32_t lineage;
  std::vector<std::size_t> pieces;  // new unit indices after the first
};

struct level_work {
  std::vector<tagged> old_units, new_units;
  std::vector<slot> slots;
  std::vector<pending_split> splits;
  std::vector<dormant_unit> dropped;
};

class stepper {
 public:
  stepper(lineage_state& state, const comparison& c) : state_(state), c_(c) {}

  result<lineage_step> run(const version_loader& load, std::vector<std::string>& degraded) {
    version_ = state_.version + 1;
    prepare(unit_level::paragraph, units_of(c_.old_side.paragraphs),
            units_of(c_.new_side.paragraphs));
    prepare(unit_level::sentence, units_of(c_.old_side.sentences), units_of(c_.new_side.sentences));
    std::vector<span> old_c, new_c;
    for (const commitment& m : c_.commitments) {
      if (m.old_side) old_c.push_back(m.old_side->where);
      if (m.new_side) new_c.push_back(m.new_side->where);
    }
    prepare(unit_level::commitment, commitments_of(*c_.old_side.doc, old_c),
            commitments_of(*c_.new_side.doc, new_c));

    carry_groups(unit_level::paragraph, c_.paragraphs, c_.old_side.paragraphs,
                 c_.new_side.paragraphs);
    carry_groups(unit_level::sentence, c_.sentences, c_.old_side.sentences, c_.new_side.sentences);
    carry_commitments();

    reinstate_same_text();
    if (auto ok = reinstate_similar(load, degraded); !ok) return tl::unexpected(ok.error());
    return finish();
  }

 private:
  level_work& at(unit_level l) { return work_[index_of(l)]; }

  void prepare(unit_level l, std::vector<tagged> old_units, std::vector<tagged> new_units) {
    level_work& w = at(l);
    // The lineage numbers of the old side come from the state, matched by span.
    const std::vector<tagged>& known = state_.latest.at[index_of(l)];
    for (tagged& t : old_units)
      if (auto k = find_span(known, t.where)) t.lineage = known[*k].lineage;
    w.old_units = std::move(old_units);
    w.new_units = std::move(new_units);
    w.slots.assign(w.new_units.size(), {});
  }

  void event(unit_level l, std::uint32_t lineage, lineage_event e) {
    e.version = version_;
    events_.push_back({l, lineage, std::move(e)});
  }

  // The lineage of old unit `i`, or a new lineage's mark (nullopt) when the state did not
  // know the unit (a state from another segmentation).
  std::optional<std::uint32_t> old_lineage(const level_work& w, std::size_t i) const {
    const std::uint32_t n = w.old_units[i].lineage;
    return n == 0 ? std::nullopt : std::optional<std::uint32_t>(n);
  }

  void carry(unit_level l, std::size_t j, std::optional<std::uint32_t> lineage) {
    level_work& w = at(l);
    if (lineage)
      w.slots[j].lineage = lineage;
    else
      w.slots[j].added = true;
  }

  void drop(unit_level l, std::size_t i) {
    level_work& w = at(l);
    const auto n = old_lineage(w, i);
    if (!n) return;
    lineage_event e;
    e.kind = lineage_event_kind::dropped;
    event(l, *n, std::move(e));
    w.dropped.push_back({l, *n, state_.version, w.old_units[i].where, w.old_units[i].fingerprint});
  }

  // Maps indices of the comparison's units to indices of our (span-sorted) units.
  static std::size_t index_in(const std::vector<tagged>& us, const std::vector<unit>& cu,
                              std::uint32_t k) {
    auto at = find_span(us, cu[k].where);
    return at ? *at : k;
  }

  void carry_groups(unit_level l, const std::vector<group>& groups, const std::vector<unit>& ou,
                    const std::vector<unit>& nu) {
    level_work& w = at(l);
    for (const group& g : groups) {
      std::vector<std::size_t> olds, news;
      for (auto i : g.old_units) olds.push_back(index_in(w.old_units, ou, i));
      for (auto j : g.new_units) news.push_back(index_in(w.new_units, nu, j));
      std::sort(news.begin(), news.end());
      switch (g.k) {
        case kind::unchanged:
        case kind::moved:
        case kind::reworded: {
          const auto n = old_lineage(w, olds.front());
          carry(l, news.front(), n);
          if (!n || (g.k == kind::unchanged && !g.moved)) break;
          lineage_event e;
          e.kind = g.k == kind::reworded ? lineage_event_kind::reworded : lineage_event_kind::moved;
          e.similarity = g.similarity;
          e.moved = g.moved;
          e.edits = g.edits;
          e.changes = g.changes;
          event(l, *n, std::move(e));
          break;
        }
        case kind::split: {
          const auto n = old_lineage(w, olds.front());
          carry(l, news.front(), n);
          for (std::size_t p = 1; p < news.size(); ++p) {
            w.slots[news[p]].added = false;
            if (n) w.slots[news[p]].split_from = {*n};
          }
          if (n) {
            w.splits.push_back({*n, std::vector<std::size_t>(news.begin() + 1, news.end())});
            split_edits_[{index_of(l), *n}] = {g.similarity, g.edits, g.changes, g.moved};
          }
          break;
        }
        case kind::merged: {
          const auto keep = old_lineage(w, olds.front());
          carry(l, news.front(), keep);
          lineage_event e;
          e.kind = lineage_event_kind::merged;
          e.similarity = g.similarity;
          e.moved = g.moved;
          e.edits = g.edits;
          e.changes = g.changes;
          for (std::size_t p = 1; p < olds.size(); ++p) {
            const auto other = old_lineage(w, olds[p]);
            if (!other) continue;
            e.related.push_back(*other);
            if (keep) {
              lineage_event into;
              into.kind = lineage_event_kind::merged_into;
              into.related = {*keep};
              event(l, *other, std::move(into));
            }
          }
          if (keep) event(l, *keep, std::move(e));
          break;
        }
        case kind::added:
          for (std::size_t j : news) w.slots[j].added = true;
          break;
        case kind::dropped:
          for (std::size_t i : olds) drop(l, i);
          break;
      }
    }
  }

  void carry_commitments() {
    const unit_level l = unit_level::commitment;
    level_work& w = at(l);
    for (const commitment& m : c_.commitments) {
      std::optional<std::size_t> i, j;
      if (m.old_side) i = find_span(w.old_units, m.old_side->where);
      if (m.new_side) j = find_span(w.new_units, m.new_side->where);
      if (i && j) {
        const auto n = old_lineage(w, *i);
        carry(l, *j, n);
        if (n && m.k == kind::reworded) {
          lineage_event e;
          e.kind = lineage_event_kind::reworded;
          e.similarity = m.similarity;
          e.edits = m.edits;
          e.changes = m.changes;
          event(l, *n, std::move(e));
        }
      } else if (j) {
        w.slots[*j].added = true;
      } else if (i) {
        drop(l, *i);
      }
    }
  }

  void reinstate(unit_level l, std::size_t j, const dormant_unit& d, const lineage_event* how) {
    level_work& w = at(l);
    w.slots[j].added = false;
    w.slots[j].lineage = d.lineage;
    lineage_event e;
    if (how != nullptr) e = *how;
    e.kind = lineage_event_kind::reinstated;
    e.since = d.version;
    event(l, d.lineage, std::move(e));
    claimed_.push_back(d);
  }

  [[nodiscard]] bool is_claimed(const dormant_unit& d) const {
    return std::find(claimed_.begin(), claimed_.end(), d) != claimed_.end();
  }

  void reinstate_same_text() {
    // Most recently dropped first, then lowest lineage: deterministic and the likeliest.
    std::vector<dormant_unit> order = state_.dormant;
    std::stable_sort(order.begin(), order.end(), [](const dormant_unit& a, const dormant_unit& b) {
      return a.version != b.version ? a.version > b.version : a.lineage < b.lineage;
    });
    for (unit_level l : kAllLevels) {
      level_work& w = at(l);
      for (std::size_t j = 0; j < w.slots.size(); ++j) {
        if (!w.slots[j].added || w.new_units[j].fingerprint == 0) continue;
        for (const dormant_unit& d : order)
          if (d.level == l && d.fingerprint == w.new_units[j].fingerprint && !is_claimed(d)) {
            reinstate(l, j, d, nullptr);
            break;
          }
      }
    }
  }

  result<void> reinstate_similar(const version_loader& load, std::vector<std::string>& degraded) {
    std::vector<std::uint32_t> versions;
    for (const dormant_unit& d : state_.dormant) {
      if (is_claimed(d)) continue;
      const level_work& w = work_[index_of(d.level)];
      const bool waiting =
          std::any_of(w.slots.begin(), w.slots.end(), [](const slot& s) { return s.added; });
      if (waiting) versions.push_back(d.version);
    }
    std::sort(versions.begin(), versions.end(), std::greater<>());
    versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
    if (versions.size() > kMaxReinstateLookback) {
      degraded.push_back("version " + std::to_string(version_) + ": dropped units of " +
                         std::to_string(versions.size() - kMaxReinstateLookback) +
                         " older versions were looked for by same text only (limit "
                         "kMaxReinstateLookback = " +
                         std::to_string(kMaxReinstateLookback) + " versions)");
      versions.resize(kMaxReinstateLookback);
    }
    if (versions.empty() || !load) return {};
    for (std::uint32_t k : versions) {
      auto doc = load(k);
      if (!doc) return tl::unexpected(doc.error());
      auto cmp = compare(*doc, c_.new_side.doc, c_.options);
      if (!cmp) return tl::unexpected(cmp.error());
      reinstate_from(unit_level::paragraph, k, cmp->paragraphs, cmp->old_side.paragraphs,
                     cmp->new_side.paragraphs);
      reinstate_from(unit_level::sentence, k, cmp->sentences, cmp->old_side.sentences,
                     cmp->new_side.sentences);
      for (const commitment& m : cmp->commitments) {
        if (!m.old_side || !m.new_side) continue;
        lineage_event how;
        how.similarity = m.similarity;
        how.edits = m.edits;
        how.changes = m.changes;
        try_reinstate(unit_level::commitment, k, m.old_side->where, m.new_side->where, how);
      }
    }
    return {};
  }

  void try_reinstate(unit_level l, std::uint32_t k, span old_where, span new_where,
                     const lineage_event& how) {
    level_work& w = at(l);
    const auto j = find_span(w.new_units, new_where);
    if (!j || !w.slots[*j].added) return;
    for (const dormant_unit& d : state_.dormant)
      if (d.level == l && d.version == k && d.where == old_where && !is_claimed(d)) {
        reinstate(l, *j, d, &how);
        return;
      }
  }

  void reinstate_from(unit_level l, std::uint32_t k, const std::vector<group>& groups,
                      const std::vector<unit>& ou, const std::vector<unit>& nu) {
    for (const group& g : groups) {
      if (g.k != kind::unchanged && g.k != kind::moved && g.k != kind::reworded) continue;
      lineage_event how;
      how.similarity = g.similarity;
      how.edits = g.edits;
      how.changes = g.changes;
      try_reinstate(l, k, ou[g.old_units.front()].where, nu[g.new_units.front()].where, how);
    }
  }

  lineage_step finish() {
    lineage_step out;
    std::vector<tagged_event> first_events;
    for (unit_level l : kAllLevels) {
      level_work& w = at(l);
      std::uint32_t& next = state_.next[index_of(l)];
      for (std::size_t j = 0; j < w.slots.size(); ++j) {
        slot& s = w.slots[j];
        if (!s.lineage) {
          s.lineage = next++;
          lineage_event e;
          e.kind = lineage_event_kind::first_seen;
          e.version = version_;
          e.related = s.split_from;
          first_events.push_back({l, *s.lineage, std::move(e)});
        }
        w.new_units[j].lineage = *s.lineage;
      }
      for (const pending_split& p : w.splits) {
        lineage_event e;
        e.kind = lineage_event_kind::split;
        e.version = version_;
        const auto& how = split_edits_[{index_of(l), p.lineage}];
        e.similarity = how.similarity;
        e.edits = how.edits;
        e.changes = how.changes;
        e.moved = how.moved;
        for (std::size_t j : p.pieces) e.related.push_back(*w.slots[j].lineage);
        events_.push_back({l, p.lineage, std::move(e)});
      }
      out.tags.at[index_of(l)] = w.new_units;
    }
    events_.insert(events_.end(), first_events.begin(), first_events.end());
    // By level, then by lineage number: the order a reader looks things up in.
    std::stable_sort(events_.begin(), events_.end(),
                     [](const tagged_event& a, const tagged_event& b) {
                       if (a.level != b.level) return a.level < b.level;
                       return a.lineage < b.lineage;
                     });
    out.events = std::move(events_);

    std::vector<dormant_unit> dormant;
    for (const dormant_unit& d : state_.dormant)
      if (!is_claimed(d)) dormant.push_back(d);
    for (unit_level l : kAllLevels)
      dormant.insert(dormant.end(), at(l).dropped.begin(), at(l).dropped.end());
    state_.dormant = std::move(dormant);
    state_.latest = out.tags;
    state_.version = version_;
    return out;
  }

  struct split_how {
    double similarity = 1.0;
    std::vector<edit> edits;
    std::vector<typed_change> changes;
    bool moved = false;
  };

  lineage_state& state_;
  const comparison& c_;
  std::uint32_t version_ = 0;
  std::array<level_work, kLevels> work_;
  std::vector<tagged_event> events_;
  std::vector<dormant_unit> claimed_;
  std::map<std::pair<std::size_t, std::uint32_t>, split_how> split_edits_;
};

}  // namespace

lineage_step first_version(lineage_state& state, const analysis& a) {
  lineage_step out;
  const std::uint32_t v = state.version + 1;
  std::vector<span> cs;
  for (const commitment_side& c : a.commitments) cs.push_back(c.where);
  out.tags.at[index_of(unit_level::paragraph)] = units_of(a.s.paragraphs);
  out.tags.at[index_of(unit_level::sentence)] = units_of(a.s.sentences);
  out.tags.at[index_of(unit_level::commitment)] = commitments_of(*a.s.doc, cs);
  for (unit_level l : kAllLevels)
    for (tagged& t : out.tags.at[index_of(l)]) {
      t.lineage = state.next[index_of(l)]++;
      lineage_event e;
      e.version = v;
      out.events.push_back({l, t.lineage, std::move(e)});
    }
  state.latest = out.tags;
  state.version = v;
  return out;
}

result<lineage_step> advance(lineage_state& state, const comparison& c, const version_loader& load,
                             std::vector<std::string>& degraded) {
  return stepper(state, c).run(load, degraded);
}

}  // namespace accordiff::detail
