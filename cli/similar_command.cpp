// accordiff similar --store DB FILE: the stored documents closest to FILE, with scores.
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "store_args.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

int similar_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string store_path, fmt = "text", lang = "auto";
  std::size_t limit = 10;
  opts.add_options()("help,h", "show this help")("store", po::value(&store_path)->value_name("DB"),
                                                 "the store")(
      "limit,n", po::value(&limit)->value_name("N"), "list at most N documents (default 10)")(
      "format,f", po::value(&fmt)->value_name("FMT"), "text (default) or json");
  add_matching_options(opts, lang);
  std::vector<std::string> files;
  po::variables_map vm;
  if (!parse_command_line(args, opts, files, vm, "similar")) return kTrouble;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff similar --store DB FILE [-n N] [-f json]\n\n"
                 "Lists the stored versions most like FILE, best first, with the estimated\n"
                 "Jaccard similarity of their 3-word shingles (MinHash, LSH buckets), and the\n"
                 "source FILE most likely follows up, with how sure that is.\n\n"
              << opts;
    return kNoChange;
  }
  if (files.size() != 1)
    return trouble("", "similar takes one FILE (see 'accordiff similar --help')");
  if (fmt != "text" && fmt != "json")
    return trouble("--format", "unknown format '" + fmt + "' (text, json)");
  if (limit == 0) return trouble("--limit", "must be 1 or more");
  auto co = matching_options(vm, lang);
  if (!co) return trouble(co.error());
  auto st = open_store(store_path, false);
  if (!st) return trouble(st.error());
  auto d = accordiff::read_file(files[0]);
  if (!d) return trouble(d.error());
  auto doc = std::make_shared<const accordiff::document>(std::move(*d));
  auto closest = st->similar(doc, limit, *co);
  if (!closest) return trouble(closest.error());
  auto pred = st->find_predecessor(doc, *co);
  if (!pred) return trouble(pred.error());
  auto fixed = [](double v) {
    char b[16];
    std::snprintf(b, sizeof b, "%.2f", v);
    return std::string(b);
  };
  if (fmt == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& sd : *closest)
      list.push_back(
          {{"source", sd.source}, {"version", sd.version}, {"path", sd.path}, {"score", sd.score}});
    const bool none = pred->sure == accordiff::confidence::none;
    const nlohmann::ordered_json j = {
        {"schema", "accordiff.similar/1"},
        {"path", files[0]},
        {"similar", list},
        {"predecessor",
         {{"confidence", accordiff::to_string(pred->sure)},
          {"source", none ? nlohmann::ordered_json() : nlohmann::ordered_json(pred->best.source)},
          {"margin", pred->best.score - (pred->runner_up ? pred->runner_up->score : 0.0)}}}};
    std::cout << j.dump(1) << "\n";
    return kNoChange;
  }
  std::cout << "closest to " << files[0] << " (estimated Jaccard of 3-word shingles):\n";
  if (closest->empty()) std::cout << "  none: no stored document shares a bucket with it\n";
  for (const auto& s : *closest)
    std::cout << "  " << fixed(s.score) << "  " << s.source << "@" << s.version << "  " << s.path
              << "\n";
  std::cout << "follows up: ";
  if (pred->sure == accordiff::confidence::none)
    std::cout << "no stored source (a new one)\n";
  else
    std::cout << pred->best.source << ", confidence " << accordiff::to_string(pred->sure)
              << " (margin "
              << fixed(pred->best.score - (pred->runner_up ? pred->runner_up->score : 0.0))
              << " over "
              << (pred->runner_up ? pred->runner_up->source : std::string("any other source"))
              << ")\n";
  return kNoChange;
}

}  // namespace accordiff::cli
