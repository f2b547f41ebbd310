// accordiff show --store DB --source KEY [--version N]: a stored comparison, re-rendered.
#include <boost/program_options.hpp>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

int show_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string store_path, source, fmt = "text", output, color = "auto", lang = "auto";
  std::uint32_t version = 0;
  int context = 0;
  opts.add_options()("help,h", "show this help")("store", po::value(&store_path)->value_name("DB"),
                                                 "the store")(
      "source", po::value(&source)->value_name("KEY"), "the source")(
      "version", po::value(&version)->value_name("N"), "the version (default: the latest)")(
      "format,f", po::value(&fmt)->value_name("FMT"),
      "text (default: the comparison run again on the stored bytes) or json (the report "
      "stored when the version was recorded)")(
      "output,o", po::value(&output)->value_name("FILE"),
      "write the report to FILE (atomically) instead of standard output")(
      "color", po::value(&color)->value_name("WHEN"),
      "text report colours: auto (default), always, never")(
      "context", po::value(&context)->value_name("N"),
      "text report: show N unchanged sentences around each change")(
      "all", "text report: show unchanged sentences too");
  add_matching_options(opts, lang);
  std::vector<std::string> rest;
  po::variables_map vm;
  if (!parse_command_line(args, opts, rest, vm, "show")) return kTrouble;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff show --store DB --source KEY [--version N] [-f text|json]\n\n"
                 "Shows how a stored version compared with the one before it: -f json prints\n"
                 "the report stored by track, byte for byte; -f text compares the stored bytes\n"
                 "again (with the matching options given here).\n\n"
              << opts;
    return kNoChange;
  }
  if (!rest.empty()) return trouble("", "show takes no file (see 'accordiff show --help')");
  if (source.empty()) return trouble("--source", "is required");
  if (fmt != "text" && fmt != "json")
    return trouble("--format", "unknown report format '" + fmt + "' (text, json)");
  if (color != "auto" && color != "always" && color != "never")
    return trouble("--color", "must be auto, always or never, not '" + color + "'");
  if (context < 0) return trouble("--context", "must be 0 or more");
  auto co = matching_options(vm, lang);
  if (!co) return trouble(co.error());
  auto st = open_store(store_path, false);
  if (!st) return trouble(st.error());
  if (version == 0) {
    auto vs = st->history(source);
    if (!vs) return trouble(vs.error());
    if (vs->empty()) return trouble(store_path, "source '" + source + "' has no version");
    version = vs->back().number;
  }
  const bool to_file = !output.empty() && output != "-";
  if (fmt == "json") {
    auto report = st->version_report(source, version);
    if (!report) return trouble(report.error());
    if (auto bad = emit(output, [&](std::ostream& out) { out << *report; })) return *bad;
    return kNoChange;
  }
  auto c = st->version_comparison(source, version, *co);
  if (!c) return trouble(c.error());
  accordiff::text_options to;
  to.all = vm.count("all") > 0;
  to.context = context;
  to.color = use_color(color, to_file);
  if (auto bad = emit(output, [&](std::ostream& out) { accordiff::write_text(out, *c, to); }))
    return *bad;
  return kNoChange;
}

}  // namespace accordiff::cli
