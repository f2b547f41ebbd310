// The series reporter: schema accordiff.series/1 (docs/series.md), deterministic bytes.
#include <ostream>
#include <string>

#include "accordiff/series.hpp"
#include "accordiff/version.hpp"
#include "report/json_out.hpp"
#include "report/series_summary.hpp"

namespace accordiff {

namespace {

using detail::json_out;

void write_versions(json_out& j, const series& s) {
  j.raw("[");
  for (std::size_t k = 0; k < s.versions.size(); ++k) {
    const series_version& v = s.versions[k];
    j.raw(k > 0 ? ",\n" : "\n");
    j.raw("{").key("version").num(k + 1);
    j.raw(",").key("label").str(v.label.empty() ? v.doc->path : v.label);
    j.raw(",").key("path").str(v.doc->path);
    j.raw(",").key("bytes").num(v.doc->bytes.size());
    j.raw(",").key("xxh3_128").str(v.xxh3_128);
    j.raw(",").key("format").str(to_string(v.doc->fmt));
    j.raw(",").key("language").str(v.language);
    j.raw(",").key("paragraphs").num(v.paragraphs);
    j.raw(",").key("sentences").num(v.sentences);
    j.raw(",").key("commitments").num(v.commitments);
    j.raw("}");
  }
  j.raw("]");
}

void write_level_summary(json_out& j, const detail::level_summary& n) {
  j.raw("{").key("lineages").num(n.lineages);
  j.raw(",").key("present").num(n.present);
  j.raw(",").key("untouched").num(n.untouched);
  j.raw(",").key("moved").num(n.moved);
  j.raw(",").key("reworded").num(n.reworded);
  j.raw(",").key("split").num(n.split);
  j.raw(",").key("merged").num(n.merged);
  j.raw(",").key("later").num(n.later);
  j.raw(",").key("dropped").num(n.dropped);
  j.raw(",").key("reinstated").num(n.reinstated);
  j.raw("}");
}

void write_ids(json_out& j, unit_level l, const std::vector<std::uint32_t>& numbers) {
  j.raw("[");
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    if (k > 0) j.raw(",");
    j.str(id_prefix(l) + std::to_string(numbers[k]));
  }
  j.raw("]");
}

void write_lineage(json_out& j, const series& s, const lineage& g) {
  j.raw("{").key("id").str(g.id());
  j.raw(",").key("first_seen").num(g.first_seen());
  j.raw(",").key("last_seen").num(g.last_seen());
  j.raw(",").key("status").str(detail::status_of(s, g));
  j.raw(",").key("present").raw("[");
  for (std::size_t k = 0; k < g.occurrences.size(); ++k)
    (k > 0 ? j.raw(",") : j).num(g.occurrences[k].version);
  j.raw("]");
  j.raw(",").key("events").raw("[");
  for (std::size_t k = 0; k < g.events.size(); ++k) {
    const lineage_event& e = g.events[k];
    if (k > 0) j.raw(",");
    j.raw("{").key("version").num(e.version);
    j.raw(",").key("kind").str(to_string(e.kind));
    j.raw(",").key("similarity").real(e.similarity);
    j.raw(",").key("moved").boolean(e.moved);
    j.raw(",").key("related");
    write_ids(j, g.level, e.related);
    j.raw(",").key("since");
    if (e.kind == lineage_event_kind::reinstated)
      j.num(e.since);
    else
      j.raw("null");
    j.raw(",").key("changes");
    detail::write_changes(j, e.changes);
    j.raw(",").key("edits");
    detail::write_edits(j, e.edits);
    j.raw("}");
  }
  j.raw("]");
  j.raw(",").key("occurrences").raw("[");
  for (std::size_t k = 0; k < g.occurrences.size(); ++k) {
    const occurrence& o = g.occurrences[k];
    if (k > 0) j.raw(",");
    j.raw("{").key("version").num(o.version);
    j.raw(",").key("start").num(o.where.start);
    j.raw(",").key("end").num(o.where.end).raw("}");
  }
  j.raw("]");
  j.raw(",").key("wordings").raw("[");
  const auto ws = detail::wordings(s, g);
  for (std::size_t k = 0; k < ws.size(); ++k) {
    if (k > 0) j.raw(",");
    j.raw("{").key("versions").raw("[");
    for (std::size_t v = 0; v < ws[k].versions.size(); ++v)
      (v > 0 ? j.raw(",") : j).num(ws[k].versions[v]);
    j.raw("]").raw(",").key("text").str(ws[k].text).raw("}");
  }
  j.raw("]}");
}

}  // namespace

void write_series_json(std::ostream& out, const series& s) {
  json_out j(out);
  j.raw("{").key("schema").str("accordiff.series/1");
  j.raw(",\n").key("tool").raw("{").key("name").str("accordiff");
  j.raw(",").key("version").str(version).raw("}");
  j.raw(",\n").key("options");
  detail::write_options(j, s.options);
  j.raw(",\n").key("versions");
  write_versions(j, s);
  j.raw(",\n").key("summary").raw("{");
  bool first = true;
  for (unit_level l : {unit_level::paragraph, unit_level::sentence, unit_level::commitment}) {
    if (!first) j.raw(",");
    first = false;
    j.key(std::string(to_string(l)) + "s");
    write_level_summary(j, detail::summarize(s, l));
  }
  j.raw("}");
  j.raw(",\n").key("degraded").raw("[");
  for (std::size_t k = 0; k < s.degraded.size(); ++k) (k > 0 ? j.raw(",") : j).str(s.degraded[k]);
  j.raw("]");
  for (unit_level l : {unit_level::paragraph, unit_level::sentence, unit_level::commitment}) {
    j.raw(",\n").key(std::string(to_string(l)) + "s").raw("[");
    const auto& ls = s.at(l);
    for (std::size_t k = 0; k < ls.size(); ++k) {
      j.raw(k > 0 ? ",\n" : "\n");
      write_lineage(j, s, ls[k]);
    }
    j.raw("]");
  }
  j.raw("}\n");
}

}  // namespace accordiff
