// The PDF module (accordiff-pdf.so): poppler's layout of each page, handed over as words
// with their boxes. Everything else about PDF (lines, running headers, paragraphs,
// hyphens, the limits' messages) is in pdf.cpp; see pdf_module.hpp for why this is apart.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "read/pdf_module.hpp"

namespace {

void quiet_poppler(const std::string&, void*) {}

void extract(accordiff::detail::pdf::request& r) {
  namespace pdf = accordiff::detail::pdf;
  static const bool silenced = [] {
    // poppler reports every syntax error of a damaged file on standard error
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    return true;
  }();
  (void)silenced;
  if (r.abi != pdf::kAbi) {
    r.error = "accordiff-pdf.so is the PDF module of another build of accordiff";
    return;
  }
  std::unique_ptr<poppler::document> pd;
  try {
    pd.reset(poppler::document::load_from_raw_data(r.data, static_cast<int>(r.size)));
  } catch (const std::exception& e) {
    r.error = std::string("corrupt PDF: ") + e.what();
    return;
  }
  if (!pd) {
    r.error = "corrupt PDF (poppler cannot open it)";
    return;
  }
  if (pd->is_locked()) {
    r.error = "encrypted PDF (it needs a password to be read)";
    return;
  }
  const int n = pd->pages();
  if (n <= 0) {
    r.error = "corrupt PDF (no pages)";
    return;
  }
  if (n > r.max_pages) {
    r.error = "PDF of " + std::to_string(n) +
              " pages (limit kMaxPdfPages = " + std::to_string(r.max_pages) + ")";
    return;
  }
  std::uint64_t total = 0;
  std::vector<pdf::word> words;
  for (int k = 0; k < n; ++k) {
    std::unique_ptr<poppler::page> pg(pd->create_page(k));
    if (!pg) continue;
    const poppler::rectf box = pg->page_rect();
    words.clear();
    for (const poppler::text_box& tb : pg->text_list()) {
      if (tb.rotation() != 0) continue;  // margin stamps, vertical labels
      const poppler::rectf b = tb.bbox();
      if (!(b.width() >= 0 && b.height() > 0) || !std::isfinite(b.left()) ||
          !std::isfinite(b.top()))
        continue;
      const poppler::byte_array u = tb.text().to_utf8();
      if (u.empty()) continue;
      // (poppler's bytes, to stop inside a page of too much text; the reader counts the
      // text again, page by page, once made valid UTF-8, where an invalid byte is three)
      total += u.size() + 1;
      if (total > r.max_text_bytes) {
        r.error = "more than " + std::to_string(r.max_text_bytes >> 20U) +
                  " MiB of text (limit kMaxTextBytes)";
        return;
      }
      words.push_back({std::string(u.begin(), u.end()), b.left(), b.top(), b.left() + b.width(),
                       b.top() + b.height(), tb.has_space_after()});
    }
    if (!r.sink->page(box.width(), box.height(), words.data(), words.size())) return;
  }
}

}  // namespace

// (what else throws, the sink's std::bad_alloc, goes through to the reader's caller, as
// when this was one program)
extern "C" __attribute__((visibility("default"))) void accordiff_pdf_extract_v2(
    accordiff::detail::pdf::request* r) {
  extract(*r);
}
