// accordiff history --store DB [--source KEY]: the versions of a source, or the sources.
#include <boost/program_options.hpp>
#include <ctime>
#include <nlohmann/json.hpp>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

namespace {

// Listings keep their keys in the order written (and so, deterministic bytes).
using json = nlohmann::ordered_json;

std::string utc(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return b;
}

void write_history_json(std::ostream& out, const std::string& source,
                        const std::vector<accordiff::version_info>& vs) {
  json versions = json::array();
  for (const auto& v : vs) {
    json m = v.metadata.empty() ? json(nullptr) : json::parse(v.metadata, nullptr, false);
    versions.push_back({{"version", v.number},
                        {"seen", utc(v.seen)},
                        {"path", v.path},
                        {"bytes", v.bytes},
                        {"xxh3_128", v.xxh3_128},
                        {"format", v.format},
                        {"language", v.language},
                        {"paragraphs", v.paragraphs},
                        {"sentences", v.sentences},
                        {"commitments", v.commitments},
                        {"compared_with", v.compared_with > 0 ? json(v.compared_with) : json()},
                        {"changed", v.changed},
                        {"summary", v.summary},
                        {"match_score", v.match_score ? json(*v.match_score) : json()},
                        {"metadata", m.is_discarded() ? json(v.metadata) : m}});
  }
  const json j = {{"schema", "accordiff.history/1"}, {"source", source}, {"versions", versions}};
  out << j.dump(1) << "\n";
}

}  // namespace

int history_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string store_path, source, fmt = "text";
  opts.add_options()("help,h", "show this help")("store", po::value(&store_path)->value_name("DB"),
                                                 "the store")(
      "source", po::value(&source)->value_name("KEY"),
      "the source whose versions to list; without it, the sources")(
      "format,f", po::value(&fmt)->value_name("FMT"), "text (default) or json");
  std::vector<std::string> rest;
  po::variables_map vm;
  if (!parse_command_line(args, opts, rest, vm, "history")) return kTrouble;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff history --store DB [--source KEY] [-f json]\n\n"
                 "Lists the versions of a source (number, when seen, file, size, language, units,\n"
                 "what changed), or without --source the sources of the store.\n\n"
              << opts;
    return kNoChange;
  }
  if (!rest.empty()) return trouble("", "history takes no file (see 'accordiff history --help')");
  if (fmt != "text" && fmt != "json")
    return trouble("--format", "unknown format '" + fmt + "' (text, json)");
  auto st = open_store(store_path, false);
  if (!st) return trouble(st.error());
  if (source.empty()) {
    auto sources = st->sources();
    if (!sources) return trouble(sources.error());
    if (fmt == "json") {
      json list = json::array();
      for (const auto& src : *sources)
        list.push_back(
            {{"source", src.key}, {"versions", src.versions}, {"created", utc(src.created)}});
      std::cout << json{{"schema", "accordiff.sources/1"}, {"sources", list}}.dump(1) << "\n";
    } else {
      for (const auto& s : *sources)
        std::cout << s.key << "  " << s.versions << (s.versions == 1 ? " version" : " versions")
                  << ", since " << utc(s.created) << "\n";
    }
    return kNoChange;
  }
  auto vs = st->history(source);
  if (!vs) return trouble(vs.error());
  if (fmt == "json") {
    write_history_json(std::cout, source, *vs);
    return kNoChange;
  }
  std::cout << source << ": " << vs->size() << (vs->size() == 1 ? " version" : " versions") << "\n";
  for (const auto& v : *vs) {
    std::cout << "  v" << v.number << "  " << utc(v.seen) << "  " << v.path << "  (" << v.bytes
              << " bytes, " << v.language << ", " << v.paragraphs << " paragraphs, " << v.sentences
              << " sentences, " << v.commitments << " commitments)\n      ";
    if (v.compared_with > 0) std::cout << "vs v" << v.compared_with << ": ";
    std::cout << v.summary;
    if (v.match_score) {
      char b[16];
      std::snprintf(b, sizeof b, "%.2f", *v.match_score);
      std::cout << " (source found by similarity " << b << ")";
    }
    std::cout << "\n";
  }
  return kNoChange;
}

}  // namespace accordiff::cli
