// accordiff extract FILE: the text accordiff compares, as the reader kept it. For an HTML
// page, the main content without the site around it; for a PDF, the text in reading order
// without running headers and page numbers; for another encoding, the text in UTF-8.
// Report offsets of PDF and decoded inputs point into exactly this text.
#include <boost/program_options.hpp>

#include "common.hpp"

namespace po = boost::program_options;

namespace accordiff::cli {

int extract_command(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  std::string output, format, encoding, select;
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value(&output)->value_name("FILE"),
      "write the text to FILE (atomically) instead of standard output")(
      "format", po::value(&format)->value_name("F"),
      "read FILE as: auto (default: by content, then extension), text, markdown, html, pdf")(
      "encoding", po::value(&encoding)->value_name("ENC"),
      "read FILE in this encoding (default: detected)")(
      "select", po::value(&select)->value_name("SEL"),
      "HTML: the element holding the main content, as tag, #id or .class (default: found)")(
      "blocks", "print one paragraph per line, each with its byte span in the report's offsets")(
      "allow-empty", "accept an input without text");
  std::vector<std::string> files;
  po::variables_map vm;
  if (auto bad = parse_command_line(args, opts, "extract", files, vm)) return *bad;
  if (vm.count("help")) {
    std::cout << "Usage: accordiff extract FILE [options]\n\n"
                 "Prints the text accordiff compares: for HTML the main content without the\n"
                 "site around it, for PDF the text in reading order without running headers\n"
                 "and page numbers, for other encodings the text in UTF-8.\n\n"
              << opts;
    return kNoChange;
  }
  if (files.size() != 1)
    return trouble("", "extract takes one file, not " + std::to_string(files.size()) +
                           " (see 'accordiff extract --help')");
  std::string err;
  accordiff::read_options ro;
  ro.fmt = input_format(format, "--format", err);
  if (!err.empty()) return trouble("", err);
  ro.encoding = encoding;
  ro.select = select;
  ro.allow_empty = vm.count("allow-empty") > 0;
  auto doc = accordiff::read_file(files[0], ro);
  if (!doc) return trouble(doc.error());
  auto write = [&](std::ostream& out) {
    if (vm.count("blocks")) {
      for (const accordiff::block& b : doc->blocks) {
        const accordiff::span at = doc->source_span(b.where);
        std::string text(doc->text(b.where));
        for (char& c : text)
          if (c == '\n' || c == '\r') c = ' ';
        out << at.start << '-' << at.end << '\t' << text << '\n';
      }
      return;
    }
    // the text as compared; a UTF-8 byte order mark kept at the front is not text
    std::string_view text = doc->bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    out << text;
    if (!text.empty() && text.back() != '\n') out << '\n';
  };
  if (!output.empty() && output != "-") {
    if (!write_atomically(output, write, err)) return trouble(output, err);
    return kNoChange;
  }
  write(std::cout);
  std::cout.flush();
  return std::cout ? kNoChange : trouble("", "could not write to standard output");
}

}  // namespace accordiff::cli
