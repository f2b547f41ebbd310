// accordiff series V1 V2 … Vn: the lineage of every unit and commitment across releases.
#include <boost/program_options.hpp>

#include "accordiff/series.hpp"
#include "common.hpp"
#include "options.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

int series_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string fmt = "text", output, lang = "auto", color = "auto", store_path, source;
  opts.add_options()("help,h", "show this help")("format,f", po::value(&fmt)->value_name("FMT"),
                                                 "report format: text (default) or json")(
      "output,o", po::value(&output)->value_name("FILE"),
      "write the report to FILE (atomically) instead of standard output")(
      "store", po::value(&store_path)->value_name("DB"),
      "take versions from this store: KEY@N names version N of source KEY")(
      "source", po::value(&source)->value_name("KEY"),
      "with --store and no versions named: every version of KEY")(
      "color", po::value(&color)->value_name("WHEN"),
      "text report colours: auto (default), always, never")(
      "all", "text report: every lineage, not only those that changed")(
      "quiet,q", "print nothing; only the exit status tells");
  add_matching_options(opts, lang);
  std::vector<std::string> files;
  po::variables_map vm;
  if (!parse_command_line(args, opts, files, vm, "series")) return kTrouble;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff series V1 V2 ... Vn [options]\n"
                 "       accordiff series --store DB --source KEY [options]\n"
                 "       accordiff series --store DB KEY@1 KEY@3 FILE ... [options]\n\n"
                 "Follows every paragraph, sentence and commitment across successive versions,\n"
                 "oldest first: a lineage id stays the same while the unit is unchanged, moved\n"
                 "or reworded, and comes back when a dropped unit is reinstated. Exit status:\n"
                 "0 nothing changed across the series, 1 something did, 2 trouble.\n\n"
              << opts << "\nThe JSON view (-f json) is described in docs/series.md.\n";
    return kNoChange;
  }
  if (fmt != "text" && fmt != "json")
    return trouble("--format", "unknown report format '" + fmt + "' (text, json)");
  if (color != "auto" && color != "always" && color != "never")
    return trouble("--color", "must be auto, always or never, not '" + color + "'");
  auto co = matching_options(vm, lang);
  if (!co) return trouble(co.error());

  std::vector<named_document> versions;
  if (auto status = load_versions(store_path, source, files, versions)) return *status;
  if (versions.empty())
    return trouble("", "series takes at least one version (see 'accordiff series --help')");
  std::vector<std::shared_ptr<const accordiff::document>> docs;
  for (const auto& v : versions) docs.push_back(v.doc);
  auto s = accordiff::build_series(docs, *co);
  if (!s) return trouble(s.error());
  for (std::size_t k = 0; k < versions.size(); ++k) s->versions[k].label = versions[k].label;

  bool changed = false;
  for (auto l : {accordiff::unit_level::paragraph, accordiff::unit_level::sentence,
                 accordiff::unit_level::commitment})
    for (const auto& g : s->at(l))
      changed = changed || g.events.size() > 1 || g.first_seen() > 1 ||
                g.last_seen() < s->versions.size();
  const int status = changed ? kChanged : kNoChange;
  const bool to_file = !output.empty() && output != "-";
  if (vm.count("quiet") && !to_file) return status;
  accordiff::text_options to;
  to.all = vm.count("all") > 0;
  to.color = use_color(color, to_file);
  auto write = [&](std::ostream& out) {
    if (fmt == "json")
      accordiff::write_series_json(out, *s);
    else
      accordiff::write_series_text(out, *s, to);
  };
  if (auto trouble_status = emit(output, write)) return *trouble_status;
  return status;
}

}  // namespace accordiff::cli
