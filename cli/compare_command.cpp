// accordiff compare OLD NEW: the comparison of two releases.
#include <boost/program_options.hpp>

#include <future>

#include "common.hpp"
#include "pager.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

int compare_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string fmt = "text", output, lang = "auto", color = "auto", format_old, format_new;
  std::string encoding, select;
  int context = 0;
  std::string fail_on = "any";
  accordiff::compare_options co;
  opts.add_options()("help,h", "show this help")("format,f", po::value(&fmt)->value_name("FMT"),
                                                 "report format: text (default), json, markdown "
                                                 "(or md) or html")(
      "output,o", po::value(&output)->value_name("FILE"),
      "write the report to FILE (atomically) instead of standard output")(
      "lang", po::value(&lang)->value_name("LANG"),
      "language of the documents: auto (default: detected), es, en, fr, pt, de, it, nl, ca")(
      "case-sensitive", "case differences count as changes (by default they do not)")(
      "ignore-accents", "ignore accents: 'publicación' = 'publicacion'")(
      "ignore-punctuation", "ignore punctuation marks")(
      "ignore-number-format", "'1,000' = '1000' = '1.000'; '1,5' = '1.5'")(
      "format-old", po::value(&format_old)->value_name("F"),
      "read OLD as: auto (default: by content, then extension), text, markdown, html, pdf")(
      "format-new", po::value(&format_new)->value_name("F"), "read NEW as: the same choices")(
      "encoding", po::value(&encoding)->value_name("ENC"),
      "read both inputs in this encoding (utf-8, utf-16le, windows-1252, iso-8859-1, …; "
      "default: detected)")(
      "select", po::value(&select)->value_name("SEL"),
      "HTML: the element holding the main content, as tag, #id or .class (default: found)")(
      "allow-empty",
      "accept an empty input (by default refused: a truncated download must not "
      "read as 'everything dropped')")(
      "color", po::value(&color)->value_name("WHEN"),
      "text report colours: auto (default: when standard output is a terminal and NO_COLOR "
      "is unset or empty), always, never")(
      "context", po::value(&context)->value_name("N"),
      "text report: show N unchanged sentences around each change")(
      "all", "text report: show unchanged sentences too")(
      "side-by-side",
      "text report: old and new side by side, as wide as the terminal ($COLUMNS, default 100)")(
      "no-pager", "do not page the report through $PAGER (default 'less -R') on a terminal")(
      "quiet,q", "print nothing; only the exit status tells")(
      "fail-on", po::value(&fail_on)->value_name("WHAT"),
      "which changes make the exit status 1: any (default: any change at all), substantive "
      "(a sentence added or dropped, a date, number or place changed, a commitment changed; "
      "not moves and cosmetic rewording), commitments (a commitment added, dropped or "
      "reworded)")(
      "reword-local", po::value(&co.limits.reword_local)->value_name("X"),
      "least similarity to pair units at corresponding places as reworded (default 0.30)")(
      "reword-global", po::value(&co.limits.reword_global)->value_name("X"),
      "least similarity to pair units anywhere, as moved and reworded (default 0.50)")(
      "split-threshold", po::value(&co.limits.split)->value_name("X"),
      "least similarity of a unit with the joined pieces of a split or merge (default 0.55)")(
      "split-piece", po::value(&co.limits.split_piece)->value_name("X"),
      "least share of a piece's words found in the whole it was split from (default 0.60)");
  std::vector<std::string> files;
  po::variables_map vm;
  if (auto bad = parse_command_line(args, opts, "compare", files, vm)) return *bad;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff compare OLD NEW [options]\n\n"
                 "Compares two releases of a document and reports every paragraph and sentence:\n"
                 "unchanged, moved, reworded (with word-level edits), split, merged, added or\n"
                 "dropped. Exit status: 0 no change, 1 changed, 2 trouble.\n\n"
              << opts
              << "\nThe JSON report (-f json) is described in docs/report.md; every threshold and\n"
                 "option used is recorded in it.\n";
    return kNoChange;
  }
  if (files.size() != 2)
    return trouble("", "compare takes two files, OLD and NEW, not " + std::to_string(files.size()) +
                           " (see 'accordiff compare --help')");
  if (files[0] == "-" && files[1] == "-")
    return trouble("", "only one of OLD and NEW can be standard input ('-')");
  if (fmt == "md") fmt = "markdown";
  if (fmt != "text" && fmt != "json" && fmt != "markdown" && fmt != "html")
    return trouble("--format", "unknown report format '" + fmt + "' (text, json, markdown, html)");
  if (vm.count("side-by-side") && fmt != "text")
    return trouble("--side-by-side", "only for the text report, not -f " + fmt);
  if (color != "auto" && color != "always" && color != "never")
    return trouble("--color", "must be auto, always or never, not '" + color + "'");
  if (context < 0) return trouble("--context", "must be 0 or more");
  if (fail_on != "any" && fail_on != "substantive" && fail_on != "commitments")
    return trouble("--fail-on", "must be any, substantive or commitments, not '" + fail_on + "'");
  co.lang = lang;
  co.ignore_case = vm.count("case-sensitive") == 0;
  co.ignore_accents = vm.count("ignore-accents") > 0;
  co.ignore_punctuation = vm.count("ignore-punctuation") > 0;
  co.ignore_number_format = vm.count("ignore-number-format") > 0;
  if (auto ok = accordiff::validate(co); !ok) return trouble(ok.error());

  std::string err;
  accordiff::read_options ro_old, ro_new;
  ro_old.fmt = input_format(format_old, "--format-old", err);
  ro_new.fmt = input_format(format_new, "--format-new", err);
  if (!err.empty()) return trouble("", err);
  ro_old.allow_empty = ro_new.allow_empty = vm.count("allow-empty") > 0;
  ro_old.encoding = ro_new.encoding = encoding;
  ro_old.select = ro_new.select = select;
  // Both files read at once, one per core; an error in the old one is still said first.
  // Regular files are mapped, not copied: one that changes meanwhile is an error
  // (mapped_inputs.hpp).
  handle_shrinking_inputs();
  input_watch watch;
  ro_old.map_file = ro_new.map_file = true;
  ro_old.on_map = watch.on_map(0);
  ro_new.on_map = watch.on_map(1);
  auto new_read =
      std::async(std::launch::async, [&] { return accordiff::read_file(files[1], ro_new); });
  auto old_doc = accordiff::read_file(files[0], ro_old);
  auto new_doc = new_read.get();
  if (!old_doc) return trouble(old_doc.error());
  if (!new_doc) return trouble(new_doc.error());
  const auto old_shared = std::make_shared<const accordiff::document>(std::move(*old_doc));
  const auto new_shared = std::make_shared<const accordiff::document>(std::move(*new_doc));
  auto result = accordiff::compare(old_shared, new_shared, co);
  if (!result) return trouble(result.error());
  const bool failing = fail_on == "commitments"   ? result->commitments_changed()
                       : fail_on == "substantive" ? result->substantive()
                                                  : result->changed();
  const int status = failing ? kChanged : kNoChange;
  const bool to_file = !output.empty() && output != "-";
  // --quiet silences standard output only: a report asked for with -o is still written.
  auto done = [&] {
    keep_until_exit(*result);
    return status;
  };
  if (vm.count("quiet") && !to_file) {
    if (const std::string c = watch.changed(); !c.empty()) return trouble(c, kChangedWhileRead);
    return done();
  }
  accordiff::text_options to;
  to.all = vm.count("all") > 0;
  to.context = context;
  to.width = terminal_width(100);
  to.color =
      color == "always" || (color == "auto" && !to_file && ::isatty(STDOUT_FILENO) && !no_color());
  auto write_report = [&](std::ostream& out) {
    if (fmt == "json")
      accordiff::write_json(out, *result);
    else if (fmt == "html")
      accordiff::write_html(out, *result);
    else if (fmt == "markdown")
      accordiff::write_markdown(out, *result);
    else if (vm.count("side-by-side"))
      accordiff::write_side_by_side(out, *result, to);
    else
      accordiff::write_text(out, *result, to);
  };
  std::string changed;  // an input that changed while it was read (then no report)
  auto write = [&](std::ostream& out) {
    write_report(out);
    changed = watch.changed();
    if (!changed.empty()) out.setstate(std::ios::badbit);  // (write_atomically() drops it)
  };
  if (to_file) {
    if (!write_atomically(output, write, err))
      return changed.empty() ? trouble(output, err) : trouble(changed, kChangedWhileRead);
  } else {
    // Like git, a long report on a terminal goes through a pager.
    pager pg;
    pg.write(write_report, vm.count("no-pager") == 0);
    std::cout.flush();
    if (!std::cout && !pg.active()) return trouble("", "could not write to standard output");
    if (changed = watch.changed(); !changed.empty()) return trouble(changed, kChangedWhileRead);
  }
  return done();
}

}  // namespace accordiff::cli
