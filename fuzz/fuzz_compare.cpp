// Fuzz target: the whole pipeline. The input is two documents separated by a line
// "=====" (or cut in the middle when there is none); the first byte picks how both are
// read (text, Markdown, HTML, sniffed) and the comparison options. Asserted: the readers'
// contract, every unit in exactly one group, edits rebuilding both texts, a JSON report
// that parses, and that a document compared with itself has no change.
#include <cstdint>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t opt = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t sep = in.find("\n=====\n");
  const std::string_view a =
      sep != std::string_view::npos ? in.substr(0, sep) : in.substr(0, in.size() / 2);
  const std::string_view b =
      sep != std::string_view::npos ? in.substr(sep + 7) : in.substr(in.size() / 2);
  static const char* const kNames[] = {"a.txt", "a.md", "a.html", "a"};
  const std::string name = kNames[opt & 3];
  accordiff::read_options ro;
  ro.allow_empty = true;
  auto da = accordiff::fuzz::read(a, name, ro);
  auto db = accordiff::fuzz::read(b, name, ro);
  if (!da || !db) return 0;
  accordiff::compare_options co;
  co.ignore_case = (opt & 4) == 0;
  co.ignore_punctuation = (opt & 8) != 0;
  co.ignore_number_format = (opt & 16) != 0;
  co.ignore_accents = (opt & 32) != 0;
  static const char* const kLang[] = {"auto", "es", "en", "fr"};
  co.lang = kLang[(opt >> 6) & 3];
  auto pa = std::make_shared<const accordiff::document>(std::move(*da));
  auto pb = std::make_shared<const accordiff::document>(std::move(*db));
  auto c = accordiff::compare(pa, pb, co);
  ACCORDIFF_FUZZ_CHECK(c.has_value(), "compare failed on documents that were read");
  accordiff::fuzz::check_comparison(*c);
  auto same = accordiff::compare(pa, pa, co);
  ACCORDIFF_FUZZ_CHECK(same.has_value(), "compare failed on a document and itself");
  ACCORDIFF_FUZZ_CHECK(!same->changed(), "a document compared with itself has changes");
  accordiff::fuzz::check_comparison(*same);
  return 0;
}
