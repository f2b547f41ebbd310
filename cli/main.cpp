// accordiff: the command line. Dispatches to one command; each command parses its
// arguments, calls the engine, picks a reporter, writes atomically and sets the exit
// status (0 no change, 1 changed, 2 trouble).
#include <iostream>
#include <string>
#include <vector>

#include "common.hpp"

namespace {

using namespace accordiff::cli;

const char* kUsage =
    "accordiff: compare successive releases of official documents\n"
    "\n"
    "Usage:\n"
    "  accordiff compare OLD NEW [options]   what changed from OLD to NEW\n"
    "  accordiff extract FILE [options]      the text accordiff reads in FILE (HTML, PDF, …)\n"
    "  accordiff schema                      the JSON Schema of the JSON report\n"
    "  accordiff series V1 V2 ... Vn         lineage of every unit across releases\n"
    "  accordiff track --store DB [--source KEY] FILE...\n"
    "                                        record and compare with the previous version\n"
    "  accordiff history --store DB [--source KEY]   stored versions (or sources)\n"
    "  accordiff show --store DB --source KEY [--version N]   a stored comparison\n"
    "  accordiff similar --store DB FILE     stored documents closest to FILE\n"
    "  accordiff --help | --version\n"
    "\n"
    "Run 'accordiff compare --help' for every option of compare, and likewise\n"
    "'accordiff COMMAND --help' for the other commands.\n"
    "\n"
    "OLD and NEW are plain text, Markdown, HTML pages or PDF documents, told apart by\n"
    "content; text in UTF-8, UTF-16 or Windows-1252 ('-' reads standard input).\n"
    "Every paragraph and sentence of both is reported once: unchanged, moved, reworded,\n"
    "split, merged, added or dropped; reworded ones with word-level edits.\n"
    "\n"
    "Exit status: 0 no change, 1 changed, 2 trouble (bad input or options).\n"
    "\n"
    "Examples:\n"
    "  accordiff compare mcallen.txt diciembre.txt\n"
    "  accordiff compare old.md new.md -f json -o report.json\n"
    "  curl -s https://example.org/terms.txt | accordiff compare terms-v1.txt - --context 1\n"
    "  accordiff track --store watch.db --source sre/gis today.txt --report-dir reports/\n";

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? kTrouble : kNoChange;
  }
  if (args[0] == "--version") {
    std::cout << "accordiff " << accordiff::version << "\n";
    return kNoChange;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "compare") return compare_command(args);
    if (command == "extract") return extract_command(args);
    if (command == "schema") {
      if (!args.empty()) return trouble("", "schema takes no arguments");
      std::cout << accordiff::report_schema();
      std::cout.flush();
      return std::cout ? kNoChange : trouble("", "could not write to standard output");
    }
    if (command == "series") return series_command(args);
    if (command == "track") return track_command(args);
    if (command == "history") return history_command(args);
    if (command == "show") return show_command(args);
    if (command == "similar") return similar_command(args);
  } catch (const std::exception& e) {
    return trouble("", std::string("internal error: ") + e.what());
  }
  return trouble("", "unknown command '" + command + "' (see 'accordiff --help')");
}
