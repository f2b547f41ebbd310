// Options that several commands share (compare's matching options, report format), so
// that every command spells and checks them the same way.
#pragma once

#include <boost/program_options.hpp>
#include <string>

#include "common.hpp"

namespace accordiff::cli {

/// The options that change how documents are matched: --lang, --case-sensitive, --ignore-*.
inline void add_matching_options(boost::program_options::options_description& opts,
                                 std::string& lang) {
  opts.add_options()(
      "lang", boost::program_options::value(&lang)->value_name("LANG"),
      "language of the documents: auto (default: detected), es, en, fr, pt, de, it, nl, ca")(
      "case-sensitive", "case differences count as changes (by default they do not)")(
      "ignore-accents", "ignore accents: 'publicación' = 'publicacion'")(
      "ignore-punctuation", "ignore punctuation marks")(
      "ignore-number-format", "'1,000' = '1000' = '1.000'; '1,5' = '1.5'");
}

/// Fills `co` from the parsed options; an error message when they are invalid.
[[nodiscard]] inline accordiff::result<accordiff::compare_options> matching_options(
    const boost::program_options::variables_map& vm, const std::string& lang) {
  accordiff::compare_options co;
  co.lang = lang;
  co.ignore_case = vm.count("case-sensitive") == 0;
  co.ignore_accents = vm.count("ignore-accents") > 0;
  co.ignore_punctuation = vm.count("ignore-punctuation") > 0;
  co.ignore_number_format = vm.count("ignore-number-format") > 0;
  if (auto ok = accordiff::validate(co); !ok) return tl::unexpected(ok.error());
  return co;
}

/// Parses `args` against visible options plus positional arguments; false (and the error
/// printed) on a bad command line.
inline bool parse_command_line(const std::vector<std::string>& args,
                               const boost::program_options::options_description& visible,
                               std::vector<std::string>& positional,
                               boost::program_options::variables_map& vm,
                               const std::string& command) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&positional));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description pos;
  pos.add("positional", -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    trouble("", std::string(e.what()) + " (see 'accordiff " + command + " --help')");
    return false;
  }
  return true;
}

/// Text colours: --color auto|always|never against where the output goes.
inline bool use_color(const std::string& color, bool to_file) {
  return color == "always" ||
         (color == "auto" && !to_file && ::isatty(STDOUT_FILENO) && !no_color());
}

/// Writes a report to -o FILE (atomically) or standard output; the exit status on trouble.
template <class Writer>
[[nodiscard]] std::optional<int> emit(const std::string& output, Writer&& write) {
  if (!output.empty() && output != "-") {
    std::string err;
    if (!write_atomically(output, write, err)) return trouble(output, err);
    return std::nullopt;
  }
  write(std::cout);
  std::cout.flush();
  if (!std::cout) return trouble("", "could not write to standard output");
  return std::nullopt;
}

}  // namespace accordiff::cli
