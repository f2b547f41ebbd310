// Predecessor discovery at scale: precision@1 and lookup time over a generated store.
//
//   accordiff_store_bench --store DIR/bench.db --docs 10000,100000 --queries 300 [--seed N]
//                         [--reword 0.3] [--words 0.25]
//   accordiff_store_bench --write-folder DIR --families 100 --versions 10
//
// The first form fills a store with generated communiqués, one source each, in families
// of kFamily that share boilerplate paragraphs (the decoys: a header, principles and a
// delegation paragraph in common, as the releases of one body have), plus one paragraph
// every document shares. At each size it plants successors of random stored documents
// (--reword of the paragraphs reworded with --words of their words replaced, a tenth
// dropped, two swapped, two added, the heading changed) and asks
// find_predecessor() which source each follows up: precision@1 is the share answered
// with the document it was made from; it also asks about documents of new families,
// which must find none. Lookup time is find_predecessor()'s wall time per query, which
// includes analysing the query (reported apart).
//
// The second form writes a folder of fixture-like publications, FAMILY-vNN.txt, for the
// track throughput run of benchmarks/run_store_bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "accordiff/accordiff.hpp"

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

/// Documents per family: each has kFamily - 1 siblings sharing its boilerplate.
constexpr int kFamily = 5;

class generator {
 public:
  explicit generator(std::uint64_t seed) : seed_(seed) {
    std::mt19937_64 rng(seed);
    static const char* syllables[] = {"ca",  "de",  "li",  "mo",   "ru",  "sa",  "te",  "vi",
                                      "no",  "pe",  "ra",  "zo",   "gu",  "fi",  "ta",  "lo",
                                      "ben", "cor", "mis", "tran", "pla", "gre", "dos", "quin"};
    std::uniform_int_distribution<int> pick(0, 23), len(1, 4);
    // A Zipf-like vocabulary: a few words very common, most rare, as in real text.
    for (int w = 0; w < 20000; ++w) {
      std::string s;
      for (int l = len(rng); l > 0; --l) s += syllables[pick(rng)];
      vocab_.push_back(s);
      weight_.push_back(1.0 / (w + 1));
    }
    words_ = std::discrete_distribution<int>(weight_.begin(), weight_.end());
  }

  std::string sentence(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> n(10, 24);
    std::string s;
    const int k = n(rng);
    for (int i = 0; i < k; ++i) {
      std::string w = vocab_[static_cast<std::size_t>(words_(rng))];
      if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      s += (i > 0 ? " " : "") + w;
    }
    return s + ".";
  }

  std::string paragraph(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> n(2, 4);
    std::string p;
    for (int i = n(rng); i > 0; --i) p += (p.empty() ? "" : " ") + sentence(rng);
    return p;
  }

  /// Paragraphs of document `member` of `family`.
  std::vector<std::string> document(int family, int member) {
    std::mt19937_64 shared(seed_ ^
                           (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(family + 1)));
    std::mt19937_64 own(
        seed_ ^ (0xbf58476d1ce4e5b9ULL * static_cast<std::uint64_t>(family * 1000 + member + 1)));
    std::vector<std::string> ps;
    ps.push_back("Comunicado del grupo " + std::to_string(family) + ", reunión " +
                 std::to_string(member + 1));
    ps.push_back(paragraph(shared));  // principles, shared by the family
    std::uniform_int_distribution<int> body(6, 12);
    for (int i = body(own); i > 0; --i) ps.push_back(paragraph(own));
    ps.push_back(paragraph(shared));  // delegations, shared by the family
    ps.push_back(
        "Este comunicado se publica en el portal oficial y puede reproducirse citando la "
        "fuente.");
    return ps;
  }

  /// A follow-up of `ps`: paragraphs reworded (a share `reword_share` of them, each with a
  /// share `word_share` of its words replaced), dropped, moved and added.
  std::vector<std::string> successor(std::vector<std::string> ps, std::mt19937_64& rng,
                                     double reword_share = 0.3, double word_share = 0.25) {
    std::bernoulli_distribution reword(reword_share), drop(0.1), swap_words(word_share);
    std::vector<std::string> out;
    out.push_back(ps.front() + " (seguimiento)");
    for (std::size_t i = 1; i < ps.size(); ++i) {
      if (drop(rng)) continue;
      std::string p = ps[i];
      if (reword(rng)) {
        std::istringstream in(p);
        std::string w, q;
        while (in >> w)
          q += (q.empty() ? "" : " ") +
               (swap_words(rng) ? vocab_[static_cast<std::size_t>(words_(rng))] : w);
        p = q;
      }
      out.push_back(p);
    }
    if (out.size() < 3) return out;
    std::uniform_int_distribution<std::size_t> at(1, out.size() - 1);
    const std::size_t a = at(rng), b = at(rng);
    std::swap(out[a], out[b]);
    for (int k = 0; k < 2; ++k) {
      const std::size_t where = at(rng);
      out.insert(out.begin() + static_cast<long>(where), paragraph(rng));
    }
    return out;
  }

 private:
  std::uint64_t seed_;
  std::vector<std::string> vocab_;
  std::vector<double> weight_;
  std::discrete_distribution<int> words_;
};

std::string join(const std::vector<std::string>& ps) {
  std::string s;
  for (const auto& p : ps) s += p + "\n\n";
  return s;
}

std::shared_ptr<const accordiff::document> make_doc(const std::string& text,
                                                    const std::string& name) {
  auto d = accordiff::read_bytes(text, name);
  if (!d) {
    std::cerr << "store_bench: " << d.error().message << "\n";
    std::exit(2);
  }
  return std::make_shared<const accordiff::document>(std::move(*d));
}

std::string key(int family, int member) {
  return "g" + std::to_string(family) + "/m" + std::to_string(member);
}

double ms(clock_type::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

int write_folder(const std::string& dir, int families, int versions, std::uint64_t seed) {
  generator g(seed);
  fs::create_directories(dir);
  for (int f = 0; f < families; ++f) {
    std::mt19937_64 rng(seed + static_cast<std::uint64_t>(f));
    auto ps = g.document(f, 0);
    for (int v = 1; v <= versions; ++v) {
      char name[64];
      std::snprintf(name, sizeof name, "f%03d-v%02d.txt", f, v);
      std::ofstream(fs::path(dir) / name) << join(ps);
      ps = g.successor(ps, rng);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string store_path = "build/bench-store/bench.db", sizes = "10000", folder;
  int queries = 300, families = 100, versions = 10;
  double reword = 0.3, words = 0.25;
  std::uint64_t seed = 20251211;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--store")
      store_path = v;
    else if (a == "--docs")
      sizes = v;
    else if (a == "--queries")
      queries = std::stoi(v);
    else if (a == "--seed")
      seed = std::stoull(v);
    else if (a == "--write-folder")
      folder = v;
    else if (a == "--families")
      families = std::stoi(v);
    else if (a == "--versions")
      versions = std::stoi(v);
    else if (a == "--reword")
      reword = std::stod(v);
    else if (a == "--words")
      words = std::stod(v);
    else {
      std::cerr << "store_bench: unknown option " << a << "\n";
      return 2;
    }
  }
  if (!folder.empty()) return write_folder(folder, families, versions, seed);

  std::vector<int> targets;
  for (std::size_t at = 0; at < sizes.size();) {
    const std::size_t comma = sizes.find(',', at);
    targets.push_back(std::stoi(sizes.substr(at, comma - at)));
    at = comma == std::string::npos ? sizes.size() : comma + 1;
  }
  fs::create_directories(fs::path(store_path).parent_path());
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(store_path + suffix);
  auto st = accordiff::tracking_store::open(store_path);
  if (!st) {
    std::cerr << "store_bench: " << st.error().message << "\n";
    return 2;
  }
  generator g(seed);
  int stored = 0;
  std::printf(
      "docs\tingest_docs_per_s\tprecision_at_1\thigh_or_medium\tnew_found_none\t"
      "lookup_median_ms\tlookup_p95_ms\tanalyze_median_ms\tstore_MiB\n");
  for (int target : targets) {
    const auto t0 = clock_type::now();
    const int before = stored;
    for (; stored < target; ++stored) {
      const int f = stored / kFamily, m = stored % kFamily;
      accordiff::track_options o;
      o.source = key(f, m);
      auto out = st->track(make_doc(join(g.document(f, m)), o.source), o);
      if (!out) {
        std::cerr << "store_bench: " << out.error().message << "\n";
        return 2;
      }
    }
    const double ingest =
        (stored - before) / std::chrono::duration<double>(clock_type::now() - t0).count();

    std::mt19937_64 rng(seed * 7 + static_cast<std::uint64_t>(target));
    std::uniform_int_distribution<int> pick(0, stored - 1);
    int right = 0, sure = 0, none_ok = 0;
    std::vector<double> lookup, analyze_ms;
    for (int q = 0; q < queries; ++q) {
      const int d = pick(rng);
      const int f = d / kFamily, m = d % kFamily;
      auto doc = make_doc(join(g.successor(g.document(f, m), rng, reword, words)), "query.txt");
      const auto a0 = clock_type::now();
      auto a = accordiff::analyze(doc);
      analyze_ms.push_back(ms(clock_type::now() - a0));
      const auto l0 = clock_type::now();
      auto p = st->find_predecessor(doc);
      lookup.push_back(ms(clock_type::now() - l0));
      if (!p || !a) return 2;
      right += p->best.source == key(f, m);
      sure += p->sure >= accordiff::confidence::medium;
      // A document of a family never stored must find no predecessor.
      auto fresh = make_doc(join(g.document(1000000 + q, 0)), "fresh.txt");
      auto n = st->find_predecessor(fresh);
      if (!n) return 2;
      none_ok += n->sure == accordiff::confidence::none;
    }
    const double mib =
        static_cast<double>(fs::file_size(store_path) + (fs::exists(store_path + "-wal")
                                                             ? fs::file_size(store_path + "-wal")
                                                             : 0)) /
        (1024.0 * 1024.0);
    std::printf("%d\t%.0f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t%.2f\t%.0f\n", stored, ingest,
                static_cast<double>(right) / queries, static_cast<double>(sure) / queries,
                static_cast<double>(none_ok) / queries, percentile(lookup, 0.5),
                percentile(lookup, 0.95), percentile(analyze_ms, 0.5), mib);
    std::fflush(stdout);
  }
  return 0;
}
