// make_pdf: typesets a text file as a PDF with tests/pdf_writer.hpp, the way the PDF
// fixtures (fixtures/formats/*/*.pdf) and the PDF seeds of the fuzz corpus were made.
//
//   make_pdf IN.txt OUT.pdf [--header TEXT] [--columns N] [--indent] [--no-numbers]
//                           [--no-hyphens]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "pdf_writer.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: make_pdf IN.txt OUT.pdf [--header TEXT] [--columns N] [--indent] "
                 "[--no-numbers] [--no-hyphens]\n";
    return 2;
  }
  accordiff::testing::pdf_layout lay;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--header" && i + 1 < argc) {
      lay.header = argv[++i];
    } else if (a == "--columns" && i + 1 < argc) {
      lay.columns = static_cast<std::size_t>(std::atoi(argv[++i]));
    } else if (a == "--indent") {
      lay.indent = true;
    } else if (a == "--no-numbers") {
      lay.page_numbers = false;
    } else if (a == "--no-hyphens") {
      lay.hyphenate = false;
    } else {
      std::cerr << "make_pdf: unknown option " << a << "\n";
      return 2;
    }
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "make_pdf: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::ofstream out(argv[2], std::ios::binary);
  out << accordiff::testing::typeset_pdf(ss.str(), lay);
  return out ? 0 : 2;
}
