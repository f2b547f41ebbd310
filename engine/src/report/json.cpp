// The JSON reporter: schema accordiff.report/1, streamed, deterministic bytes.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "accordiff/report.hpp"
#include "accordiff/version.hpp"
#include "commit/commit.hpp"
#include "report/json_out.hpp"
#include "report/summary.hpp"
#include "util/memory.hpp"

namespace accordiff {

namespace {

using detail::json_out;
using detail::write_changes;
using detail::write_edits;

// Writes items 0..n-1 with `item(json, k)` in chunks rendered on both cores: each thread
// takes the next range of items, renders it into a string of its own, and this one writes
// the chunks in order as they are ready, so that the bytes are those of a plain loop. A
// thread that finds its chunk waiting for an earlier one takes the next range rather than
// wait (an uneven pair of chunks held both threads until the slower was done), up to
// kAhead chunks rendered and not yet written: what the list holds in memory at once. A
// chunk is about kChunkBytes: as many items as the average item so far says (a
// paragraph's item is a few kilobytes, a sentence's a few hundred bytes; chunks of 1,024
// items held 8 MB of a 10 MB pair's report at once).
template <class F>
void write_items(json_out& j, std::size_t n, F item) {
  constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
  constexpr std::size_t kFirst = 64, kMin = 16, kMax = 4096;  // items in a chunk
  constexpr std::size_t kAhead = 3;
  if (n <= kFirst) {
    for (std::size_t k = 0; k < n; ++k) item(j, k);
    return;
  }
  struct chunk {
    std::size_t from = 0, to = 0;
    std::size_t room = 0;  // bytes to reserve (the largest chunk so far, and an eighth)
  };
  std::mutex m;
  std::condition_variable cv;
  std::size_t next_item = 0;  // the first item no thread has taken
  std::size_t taken = 0;      // chunks taken (their numbers: 0, 1, …)
  std::size_t written = 0;    // chunks written
  std::size_t items_done = 0, bytes_done = 0, largest = 0;
  std::vector<std::optional<json_out::piece>> ready(kAhead);  // chunk c in ready[c % kAhead]
  std::exception_ptr error;
  bool stop = false;
  // (under the lock) the next range, and its number, when one is left and there is room
  auto take = [&](chunk& c, std::size_t& number) {
    if (next_item >= n || taken - written >= kAhead) return false;
    const std::size_t per =
        items_done == 0
            ? kFirst
            : std::clamp(kChunkBytes * items_done / std::max<std::size_t>(bytes_done, 1), kMin,
                         kMax);
    c = {next_item, std::min(n, next_item + per), largest + largest / 8};
    next_item = c.to;
    number = taken++;
    return true;
  };
  auto render = [&](const chunk& c) {
    json_out part;
    part.reserve(c.room);
    for (std::size_t k = c.from; k < c.to; ++k) item(part, k);
    return part.take();
  };
  // (under the lock) a rendered chunk in its place
  auto keep = [&](const chunk& c, std::size_t number, json_out::piece&& part) {
    items_done += c.to - c.from;
    bytes_done += part.size();
    largest = std::max(largest, part.size());
    ready[number % kAhead] = std::move(part);
  };
  std::thread other([&] {
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
      chunk c;
      std::size_t number = 0;
      cv.wait(lock, [&] { return stop || error != nullptr || take(c, number); });
      if (stop || error != nullptr) return;
      lock.unlock();
      json_out::piece part;
      try {
        part = render(c);
      } catch (...) {
        lock.lock();
        error = std::current_exception();
        cv.notify_all();
        return;
      }
      lock.lock();
      keep(c, number, std::move(part));
      cv.notify_all();
    }
  });
  auto finish = [&] {  // (the other thread told to stop and waited for)
    {
      const std::lock_guard<std::mutex> lock(m);
      stop = true;
    }
    cv.notify_all();
    other.join();
  };
  try {
    std::unique_lock<std::mutex> lock(m);
    while (next_item < n || written < taken) {
      if (error != nullptr) std::rethrow_exception(error);
      if (std::optional<json_out::piece>& next = ready[written % kAhead]; next.has_value()) {
        const json_out::piece part = std::move(*next);
        next.reset();
        lock.unlock();
        j.write_through(part);
        lock.lock();
        ++written;
        cv.notify_all();  // (room for the other thread to take another)
        continue;
      }
      chunk c;
      std::size_t number = 0;
      if (take(c, number)) {
        lock.unlock();
        json_out::piece part = render(c);
        lock.lock();
        keep(c, number, std::move(part));
        continue;
      }
      cv.wait(lock);
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

void write_side(json_out& j, const side& s) {
  const document& d = *s.doc;
  j.raw("{").key("path").str(d.path);
  j.raw(",").key("bytes").num(d.input_size != 0 ? d.input_size : d.bytes.size());
  j.raw(",").key("xxh3_128").str(s.xxh3_128);
  j.raw(",").key("format").str(to_string(d.fmt));
  j.raw(",").key("encoding").str(d.encoding);
  j.raw(",").key("offsets").str(to_string(d.offsets));
  j.raw(",").key("language").str(s.language);
  j.raw(",").key("paragraphs").num(s.paragraphs.size());
  j.raw(",").key("sentences").num(s.sentences.size());
  j.raw("}");
}

void write_counts(json_out& j, const detail::counts& n) {
  j.key("unchanged").num(n.unchanged);
  j.raw(",").key("moved").num(n.moved);
  j.raw(",").key("reworded").num(n.reworded);
  j.raw(",").key("split").num(n.split);
  j.raw(",").key("merged").num(n.merged);
  j.raw(",").key("added").num(n.added);
  j.raw(",").key("dropped").num(n.dropped);
}

// A text written as a JSON string: the bytes [from, to) of the report, which the same text
// written again repeats rather than escapes again (most texts of a report are there twice,
// as the old and the new side of what did not change). `text`: what the string was made
// of (the same `text`, the same string).
struct written_text {
  std::string_view text;
  std::size_t from = 0, to = 0;
};

// `s` (made of `text`) as a JSON string, repeated from `before` when that is of the same
// text and still at hand.
template <class Make>
written_text str_of(json_out& j, std::string_view text, Make s, const written_text* before) {
  if (before != nullptr && text == before->text && j.repeat(before->from, before->to))
    return *before;
  const std::size_t from = j.position();
  j.str(s());
  return {text, from, j.position()};
}

written_text str_of(json_out& j, std::string_view text, const written_text* before) {
  return str_of(
      j, text, [text] { return text; }, before);
}

// The units `ids` of one side; `before`: the other side's text, when both are one unit.
// Returns the text of the last one written.
written_text write_spans(json_out& j, const document& d, const std::vector<unit>& us,
                         std::span<const std::uint32_t> ids, const written_text* before = nullptr) {
  written_text last;
  j.raw("[");
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const span s = us[ids[k]].where;
    const span at = d.source_span(s);  // HTML: into the page
    if (k > 0) j.raw(",");
    j.raw("{").key("start").num(at.start);
    j.raw(",").key("end").num(at.end);
    j.raw(",").key("text");
    last = str_of(j, d.text(s), ids.size() == 1 ? before : nullptr);
    j.raw("}");
  }
  j.raw("]");
  return last;
}

written_text write_commitment_span(json_out& j, const document& d,
                                   const std::optional<commitment_side>& s,
                                   const written_text* before = nullptr) {
  if (!s) {
    j.raw("null");
    return {};
  }
  const span at = d.source_span(s->where);  // HTML: into the page
  j.raw("{").key("start").num(at.start);
  j.raw(",").key("end").num(at.end);
  j.raw(",").key("text");
  const written_text t = str_of(j, d.text(s->where), before);
  j.raw(",").key("sentence").num(s->sentence);
  j.raw("}");
  return t;
}

// The bytes flat_view() flattens (none for a span the document does not hold).
std::string_view raw_text(const document& d, span s) {
  if (s.empty() || s.end > d.bytes.size() || s.start > s.end) return {};
  return d.text(s);
}

// `field(doc, side, scratch)` of both sides of `c`, written as JSON strings ("null" for a
// side it lacks); `source(doc, side)`: what the field is made of (the same source, the
// same field).
template <class F, class S>
void write_pair(json_out& j, std::string_view name, const comparison& cmp, const commitment& c,
                F field, S source) {
  std::string scratch;
  j.raw(",").key(name).raw("{").key("old");
  written_text old_text;
  if (c.old_side) {
    const document& d = *cmp.old_side.doc;
    old_text = str_of(
        j, source(d, *c.old_side), [&] { return field(d, *c.old_side, scratch); }, nullptr);
  } else {
    j.raw("null");
  }
  j.raw(",").key("new");
  if (c.new_side) {
    const document& d = *cmp.new_side.doc;
    str_of(
        j, source(d, *c.new_side), [&] { return field(d, *c.new_side, scratch); },
        c.old_side ? &old_text : nullptr);
  } else {
    j.raw("null");
  }
  j.raw("}");
}

void write_commitments(json_out& j, const comparison& c) {
  j.raw("[");
  write_items(j, c.commitments.size(), [&c](json_out& j, std::size_t k) {
    const commitment& m = c.commitments[k];
    j.raw(k > 0 ? ",\n" : "\n");
    j.raw("{").key("id").raw("\"c").num(k + 1).raw("\"");  // (plain: no escaping)
    j.raw(",").key("kind").str(to_string(m.k));
    j.raw(",").key("old");
    const written_text old_text = write_commitment_span(j, *c.old_side.doc, m.old_side);
    j.raw(",").key("new");
    write_commitment_span(j, *c.new_side.doc, m.new_side, m.old_side ? &old_text : nullptr);
    write_pair(
        j, "actors", c, m,
        [](const document& d, const commitment_side& s, std::string& scratch) {
          return detail::flat_view(d.bytes, s.actors, scratch);
        },
        [](const document& d, const commitment_side& s) { return raw_text(d, s.actors); });
    auto action = [](const document&, const commitment_side& s) {
      return std::string_view(s.action);
    };
    write_pair(
        j, "action", c, m,
        [&](const document& d, const commitment_side& s, std::string&) { return action(d, s); },
        action);
    write_pair(
        j, "object", c, m,
        [](const document& d, const commitment_side& s, std::string& scratch) {
          return detail::flat_view(d.bytes, s.object, scratch);
        },
        [](const document& d, const commitment_side& s) { return raw_text(d, s.object); });
    auto verbs = [&j](const std::optional<commitment_side>& s) {
      j.raw("[");
      if (s && !(s->action.empty() && s->joined.empty())) {  // (as verbs() lists them)
        j.str(s->action);
        for (const std::string& v : s->joined) j.raw(",").str(v);
      }
      j.raw("]");
    };
    j.raw(",").key("verbs").raw("{").key("old");
    const std::size_t verbs_from = j.position();
    verbs(m.old_side);
    const std::size_t verbs_to = j.position();
    j.raw(",").key("new");
    // (the same verbs: the same array)
    if (!(m.old_side && m.new_side && m.old_side->action == m.new_side->action &&
          m.old_side->joined == m.new_side->joined && j.repeat(verbs_from, verbs_to)))
      verbs(m.new_side);
    j.raw("}");
    j.raw(",").key("similarity").real(m.similarity);
    j.raw(",").key("strength").str(m.k == kind::reworded ? to_string(m.direction) : "same");
    j.raw(",").key("changes");
    write_changes(j, m.changes);
    j.raw(",").key("edits");
    write_edits(j, m.edits);
    j.raw("}");
  });
  j.raw("]");
}

void write_groups(json_out& j, const comparison& c, const std::vector<group>& groups, char prefix,
                  bool sentences) {
  const auto& ou = sentences ? c.old_side.sentences : c.old_side.paragraphs;
  const auto& nu = sentences ? c.new_side.sentences : c.new_side.paragraphs;
  j.raw("[");
  write_items(j, groups.size(), [&](json_out& j, std::size_t k) {
    const group& g = groups[k];
    j.raw(k > 0 ? ",\n" : "\n");
    const char id[] = {'"', prefix, '\0'};
    j.raw("{").key("id").raw(id).num(k + 1).raw("\"");  // (plain: no escaping)
    j.raw(",").key("kind").str(to_string(g.k));
    j.raw(",").key("moved").boolean(g.moved);
    j.raw(",").key("old");
    const written_text old_text = write_spans(j, *c.old_side.doc, ou, g.old_units);
    j.raw(",").key("new");
    write_spans(j, *c.new_side.doc, nu, g.new_units, g.old_units.size() == 1 ? &old_text : nullptr);
    j.raw(",").key("similarity").real(g.similarity);
    if (sentences) {
      j.raw(",").key("changes");
      write_changes(j, g.changes);
    }
    j.raw(",").key("edits");
    write_edits(j, g.edits);
    j.raw("}");
  });
  j.raw("]");
}

}  // namespace

void write_json(std::ostream& out, const comparison& c) {
  // What the comparison freed goes back before the report's buffers are made: they came on
  // top of it, the last peak of a 10 MB pair (59.6 -> 58.7 MiB, the worst of seven runs).
  detail::release_free_memory();
  json_out j(out);
  j.raw("{").key("schema").str("accordiff.report/1");
  j.raw(",\n").key("tool").raw("{").key("name").str("accordiff");
  j.raw(",").key("version").str(version).raw("}");
  j.raw(",\n").key("options");
  detail::write_options(j, c.options);
  j.raw(",\n").key("old");
  write_side(j, c.old_side);
  j.raw(",\n").key("new");
  write_side(j, c.new_side);
  const detail::counts sc = detail::count(c.sentences);
  const detail::counts pc = detail::count(c.paragraphs);
  j.raw(",\n").key("summary").raw("{");
  write_counts(j, sc);
  j.raw(",").key("changed").boolean(c.changed());
  j.raw(",").key("paragraphs").raw("{");
  write_counts(j, pc);
  j.raw("}");
  std::size_t ca = 0, cd = 0, cr = 0, cu = 0, cs = 0, cw = 0;
  for (const commitment& m : c.commitments) {
    ca += m.k == kind::added;
    cd += m.k == kind::dropped;
    cr += m.k == kind::reworded;
    cu += m.k == kind::unchanged;
    cs += m.k == kind::reworded && m.direction == strength::strengthened;
    cw += m.k == kind::reworded && m.direction == strength::weakened;
  }
  j.raw(",").key("substantive").boolean(c.substantive());
  j.raw(",").key("commitments").raw("{");
  j.key("added").num(ca).raw(",").key("dropped").num(cd).raw(",").key("reworded").num(cr);
  j.raw(",").key("unchanged").num(cu).raw(",").key("strengthened").num(cs);
  j.raw(",").key("weakened").num(cw).raw("}}");
  j.raw(",\n").key("degraded").raw("[");
  for (std::size_t k = 0; k < c.degraded.size(); ++k) {
    if (k > 0) j.raw(",");
    j.str(c.degraded[k]);
  }
  j.raw("]");
  j.raw(",\n").key("paragraphs");
  write_groups(j, c, c.paragraphs, 'p', false);
  j.raw(",\n").key("sentences");
  write_groups(j, c, c.sentences, 's', true);
  j.raw(",\n").key("commitments");
  write_commitments(j, c);
  j.raw("}\n");
}

}  // namespace accordiff
