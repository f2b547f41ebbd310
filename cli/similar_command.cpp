// accordiff similar --store DB FILE: the stored documents closest to FILE, with scores.
#include <boost/program_options.hpp>

#include "accordiff/store.hpp"
#include "common.hpp"
#include "options.hpp"
#include "report/json_out.hpp"
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
  auto list = st->similar(doc, limit, *co);
  if (!list) return trouble(list.error());
  auto pred = st->find_predecessor(doc, *co);
  if (!pred) return trouble(pred.error());
  auto fixed = [](double v) {
    char b[16];
    std::snprintf(b, sizeof b, "%.2f", v);
    return std::string(b);
  };
  if (fmt == "json") {
    accordiff::detail::json_out j(std::cout);
    j.raw("{").key("schema").str("accordiff.similar/1").raw(",").key("path").str(files[0]);
    j.raw(",").key("similar").raw("[");
    for (std::size_t k = 0; k < list->size(); ++k) {
      const auto& s = (*list)[k];
      j.raw(k > 0 ? ",\n" : "\n").raw("{").key("source").str(s.source);
      j.raw(",").key("version").num(s.version).raw(",").key("path").str(s.path);
      j.raw(",").key("score").real(s.score).raw("}");
    }
    j.raw("],\n")
        .key("predecessor")
        .raw("{")
        .key("confidence")
        .str(accordiff::to_string(pred->sure));
    j.raw(",").key("source");
    if (pred->sure == accordiff::confidence::none)
      j.raw("null");
    else
      j.str(pred->best.source);
    j.raw(",").key("margin").real(pred->best.score -
                                  (pred->runner_up ? pred->runner_up->score : 0.0));
    j.raw("}}\n");
    return kNoChange;
  }
  std::cout << "closest to " << files[0] << " (estimated Jaccard of 3-word shingles):\n";
  if (list->empty()) std::cout << "  none: no stored document shares a bucket with it\n";
  for (const auto& s : *list)
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
