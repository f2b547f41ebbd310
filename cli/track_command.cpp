// accordiff track --store DB [--source KEY] FILE…: records each FILE as the newest version
// of its source, compares it with the version before, writes the report, prints a summary.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

namespace {

namespace fs = std::filesystem;

/// A publication to track: the document file, its source (from --source or a manifest),
/// and what the manifest said.
struct publication {
  std::string document;
  std::string source;
  std::string format;
  std::string metadata;
};

// A manifest is a JSON file naming the source and the document:
//   {"source": "sre/gis", "document": "gis-2025-12-11.txt", "published": "…", "url": "…"}
// The document path is relative to the manifest's folder; the whole manifest is stored
// with the version.
std::optional<int> read_manifest(const std::string& path, const std::string& given_source,
                                 publication& p) {
  auto bytes = accordiff::read_file(path, {.fmt = accordiff::format::text, .allow_empty = false});
  if (!bytes) return trouble(bytes.error());
  const nlohmann::json j = nlohmann::json::parse(bytes->bytes.view(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return trouble(path, "not a manifest: not a JSON object");
  if (!j.contains("document") || !j["document"].is_string())
    return trouble(path, "not a manifest: no \"document\" (the file to track)");
  if (j.contains("source") && !j["source"].is_string())
    return trouble(path, "manifest: \"source\" must be a string");
  if (j.contains("format") && !j["format"].is_string())
    return trouble(path, "manifest: \"format\" must be a string");
  const std::string source = j.value("source", "");
  if (!source.empty() && !given_source.empty() && source != given_source)
    return trouble(
        path, "manifest names source '" + source + "', but --source says '" + given_source + "'");
  p.source = !source.empty() ? source : given_source;
  p.format = j.value("format", "");
  const fs::path doc = j["document"].get<std::string>();
  p.document = doc.is_absolute() ? doc.string() : (fs::path(path).parent_path() / doc).string();
  p.metadata = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return std::nullopt;
}

std::int64_t clock_now() {
  // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the recorded time, for tests and
  // reproducible stores.
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e != nullptr && *e != '\0') {
    char* end = nullptr;
    const long long v = std::strtoll(e, &end, 10);
    if (end != nullptr && *end == '\0' && v > 0) return v;
  }
  return 0;
}

std::string score(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

void print_outcome(std::ostream& out, const accordiff::track_outcome& o,
                   const std::string& report_path) {
  out << o.source << ": ";
  if (!o.recorded)
    out << "unchanged, identical to version " << o.version << "; nothing recorded\n";
  else if (o.previous == 0)
    out << "version " << o.version << " recorded (first version"
        << (o.new_source ? ", new source" : "") << ")\n";
  else
    out << "version " << o.version << " recorded, compared with version " << o.previous << "\n";
  if (o.found) {
    const auto& p = *o.found;
    out << "  predecessor: ";
    if (p.sure == accordiff::confidence::none)
      out << "none found (closest "
          << (p.best.source.empty() ? "-" : p.best.source + "@" + std::to_string(p.best.version))
          << " " << score(p.best.score) << ")\n";
    else
      out << p.best.source << "@" << p.best.version << " similarity " << score(p.best.score)
          << (p.runner_up
                  ? ", next other source " + p.runner_up->source + "@" +
                        std::to_string(p.runner_up->version) + " " + score(p.runner_up->score)
                  : std::string(", no other source alike"))
          << ": confidence " << accordiff::to_string(p.sure) << "\n";
  }
  if (o.diff) {
    accordiff::text_options to;
    to.summary_only = true;
    accordiff::write_text(out, *o.diff, to);
    if (o.recorded)
      out << "lineages: " << o.reinstated << " reinstated, " << o.dropped << " dropped, "
          << o.first_seen << " new\n";
  }
  for (const std::string& d : o.degraded) out << "degraded: " << d << "\n";
  if (!report_path.empty()) out << "report: " << report_path << "\n";
}

}  // namespace

int track_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string store_path, source, report_dir, lang = "auto", min_confidence = "low";
  opts.add_options()("help,h", "show this help")(
      "store", po::value(&store_path)->value_name("DB"),
      "the store (an SQLite file, created on first use)")(
      "source", po::value(&source)->value_name("KEY"),
      "record under this source (e.g. sre/gis); without it, the source named in a manifest, "
      "else the stored publication the file follows up, found by similarity")(
      "report-dir", po::value(&report_dir)->value_name("DIR"),
      "write each comparison's JSON report to DIR/KEY.vN.json (atomically; sre/gis -> "
      "sre_gis.v2.json)")(
      "min-confidence", po::value(&min_confidence)->value_name("LEVEL"),
      "without --source: the least confidence in the predecessor found to file under it: "
      "low (default), medium or high; below it the run fails")(
      "quiet,q", "print nothing; only the exit status tells");
  add_matching_options(opts, lang);
  std::vector<std::string> files;
  po::variables_map vm;
  if (!parse_command_line(args, opts, files, vm, "track")) return kTrouble;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff track --store DB [--source KEY] FILE... [options]\n\n"
                 "Records each FILE as the newest version of its source and compares it with the\n"
                 "version before: prints the summary, writes the report (--report-dir). An\n"
                 "identical re-publication records nothing. A FILE ending in .json is a manifest:\n"
                 "{\"source\": KEY, \"document\": FILE, ...}. Without a source, the stored\n"
                 "publication the file follows up is found by similarity. Exit status: 0 no\n"
                 "change, 1 something changed (or a new source), 2 trouble.\n\n"
              << opts;
    return kNoChange;
  }
  if (store_path.empty()) return trouble("--store", "is required");
  if (files.empty())
    return trouble("", "track takes at least one FILE (see 'accordiff track --help')");
  if (min_confidence != "low" && min_confidence != "medium" && min_confidence != "high")
    return trouble("--min-confidence", "must be low, medium or high, not '" + min_confidence + "'");
  const auto min_sure = min_confidence == "high"     ? accordiff::confidence::high
                        : min_confidence == "medium" ? accordiff::confidence::medium
                                                     : accordiff::confidence::low;
  auto co = matching_options(vm, lang);
  if (!co) return trouble(co.error());
  auto st = open_store(store_path, true);
  if (!st) return trouble(st.error());

  const bool quiet = vm.count("quiet") > 0;
  int status = kNoChange;
  bool any_trouble = false;
  for (const std::string& file : files) {
    publication p{file, source, "", ""};
    if (fs::path(file).extension() == ".json") {
      if (auto bad = read_manifest(file, source, p)) {
        any_trouble = true;
        continue;
      }
    }
    std::string err;
    accordiff::read_options ro;
    ro.fmt = input_format(p.format, "format", err);
    if (!err.empty()) {
      trouble(file, err);
      any_trouble = true;
      continue;
    }
    auto d = accordiff::read_file(p.document, ro);
    if (!d) {
      trouble(d.error());
      any_trouble = true;
      continue;
    }
    accordiff::track_options to;
    to.source = p.source;
    to.new_source_key = fs::path(p.document).stem().string();
    if (to.new_source_key.empty() || to.new_source_key == "-") to.new_source_key = "stdin";
    to.compare = *co;
    to.now = clock_now();
    to.metadata = p.metadata;
    to.min_confidence = min_sure;
    auto out = st->track(std::make_shared<const accordiff::document>(std::move(*d)), to);
    if (!out) {
      trouble(out.error());
      any_trouble = true;
      continue;
    }
    std::string report_path;
    if (!report_dir.empty() && out->recorded && out->diff) {
      std::error_code ec;
      fs::create_directories(report_dir, ec);
      report_path = (fs::path(report_dir) /
                     (slug(out->source) + ".v" + std::to_string(out->version) + ".json"))
                        .string();
      auto write = [&](std::ostream& os) { accordiff::write_json(os, *out->diff); };
      if (!write_atomically(report_path, write, err)) {
        trouble(report_path, err);
        any_trouble = true;
        report_path.clear();
      }
    }
    if (out->recorded && (out->previous == 0 || out->changed())) status = kChanged;
    if (!quiet) {
      print_outcome(std::cout, *out, report_path);
      std::cout.flush();
    }
  }
  return any_trouble ? kTrouble : status;
}

}  // namespace accordiff::cli
