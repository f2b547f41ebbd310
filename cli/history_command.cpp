// accordiff history --store DB [--source KEY]: the versions of a source, or the sources.
#include <boost/program_options.hpp>
#include <ctime>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "report/json_out.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

namespace {

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
  accordiff::detail::json_out j(out);
  j.raw("{").key("schema").str("accordiff.history/1");
  j.raw(",").key("source").str(source);
  j.raw(",").key("versions").raw("[");
  for (std::size_t k = 0; k < vs.size(); ++k) {
    const auto& v = vs[k];
    j.raw(k > 0 ? ",\n" : "\n");
    j.raw("{").key("version").num(v.number);
    j.raw(",").key("seen").str(utc(v.seen));
    j.raw(",").key("path").str(v.path);
    j.raw(",").key("bytes").num(v.bytes);
    j.raw(",").key("xxh3_128").str(v.xxh3_128);
    j.raw(",").key("format").str(v.format);
    j.raw(",").key("language").str(v.language);
    j.raw(",").key("paragraphs").num(v.paragraphs);
    j.raw(",").key("sentences").num(v.sentences);
    j.raw(",").key("commitments").num(v.commitments);
    j.raw(",").key("compared_with");
    if (v.compared_with > 0)
      j.num(v.compared_with);
    else
      j.raw("null");
    j.raw(",").key("changed").boolean(v.changed);
    j.raw(",").key("summary").str(v.summary);
    j.raw(",").key("match_score");
    if (v.match_score)
      j.real(*v.match_score);
    else
      j.raw("null");
    j.raw(",").key("metadata").raw(v.metadata.empty() ? "null" : v.metadata).raw("}");
  }
  j.raw("]}\n");
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
      accordiff::detail::json_out j(std::cout);
      j.raw("{").key("schema").str("accordiff.sources/1").raw(",").key("sources").raw("[");
      for (std::size_t k = 0; k < sources->size(); ++k) {
        const auto& s = (*sources)[k];
        j.raw(k > 0 ? ",\n" : "\n").raw("{").key("source").str(s.key);
        j.raw(",").key("versions").num(s.versions);
        j.raw(",").key("created").str(utc(s.created)).raw("}");
      }
      j.raw("]}\n");
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
