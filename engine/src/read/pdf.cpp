// Stage 1, read: PDF documents (poppler). See readers.hpp for the contract.
//
// poppler lays out each page and hands over its words in reading order (columns one after
// the other) with their boxes. From them: lines (words on one baseline), then running
// headers and footers dropped (a line at the top or bottom of the page that repeats on
// most pages once digits are ignored, or that is only a page number), then paragraphs
// rebuilt from the spacing of lines: a wider gap, a first-line indent, a change of type
// size, a list marker, or a short line ending a sentence starts a new one. A paragraph
// that does not end a sentence at the foot of a page goes on at the top of the next;
// a word hyphenated across two lines is joined again.
//
// The text is the extracted text: paragraphs separated by blank lines, lines by line
// ends. Report offsets refer to it (`offset_base::extracted`).
#include <dlfcn.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "read/pdf_module.hpp"
#include "read/readers.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

// Layout heuristics. Body text is set with a line pitch of 1.15-1.3 times the type size
// and paragraphs get a gap of half a line or more: a pitch 1.3 times the page's usual
// one is a paragraph break, and less is not (word processors' paragraph spacing gives
// 1.5-2.0 times the line pitch).
constexpr double kParagraphPitch = 1.3;
// Type 15% larger or smaller than the line before is a heading or a footnote.
constexpr double kSizeChange = 0.15;
// A line starting this many type sizes right of the line before is indented: the first
// line of a paragraph.
constexpr double kIndent = 1.0;
// Lines are wrapped where the next word does not fit: when the first word of a line would
// have fitted at the end of the line before (with a space, and this much slack in type
// sizes for justification), that line ended on purpose: a paragraph, a heading, a dateline.
constexpr double kWrapSlack = 0.3;
// The right edge of a line's column: among the lines around it (this many either side in
// reading order) that share its horizontal extent, the line end this share of them reach.
constexpr std::size_t kEdgeWindow = 40;
constexpr double kEdgeQuantile = 0.8;
// Running headers and footers live in this share of the page height at the top and the
// bottom (A4 and Letter margins are 7-12% of the height).
constexpr double kMarginZone = 0.12;
// A line there is a running header or footer when (digits aside) it comes back on this
// share of the pages, two at least.
constexpr double kRunningShare = 0.5;
// Lines looked at in each margin of each page for running headers and footers.
constexpr std::size_t kMarginLines = 3;
// A gap this many type sizes wide between two glyph runs of one line is a space: a space
// is 0.25-0.33 of the type size in text faces, kerning and letter spacing stay far below.
constexpr double kWordGap = 0.15;
// poppler takes the widest gaps of a justified line for a gutter and hands the words
// after them over as a block of their own, after the lines below ("reunión del Grupo de"
// comes out as "reunión", the next line, then "del Grupo de"). A lone line that sits on
// the baseline of one of the few lines before it, to its right, is put back at its end.
constexpr std::size_t kFragmentLookBack = 3;

using word = pdf::word;

struct line {
  std::string text;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double first_word = 0;  // width of its first word
  [[nodiscard]] double size() const { return y2 - y1; }
  [[nodiscard]] double middle() const { return (y1 + y2) / 2; }
};

struct page_lines {
  double width = 0, height = 0;
  std::vector<line> lines;
};

// UTF-8 from poppler, made safe: invalid bytes become U+FFFD, control characters spaces.
std::string clean(std::string s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t bad = find_invalid_utf8(std::string_view(s).substr(i));
    const std::size_t stop = bad == std::string_view::npos ? s.size() : i + bad;
    for (std::size_t k = i; k < stop; ++k) {
      const auto c = static_cast<unsigned char>(s[k]);
      out.push_back(c < 0x20 || c == 0x7F ? ' ' : s[k]);
    }
    if (stop >= s.size()) break;
    out.append("\xEF\xBF\xBD");
    i = stop + 1;
  }
  return out;
}

// The PDF module (see pdf_module.hpp), loaded once: beside the running program, else
// where this build put it. Null, with the reason in `why`, when it cannot be loaded.
pdf::extract_fn load_module(std::string& why) {
  static std::once_flag once;
  static pdf::extract_fn fn = nullptr;
  static std::string reason;
  std::call_once(once, [] {
    std::vector<std::string> paths;
    std::string self(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size());
    if (n > 0 && static_cast<std::size_t>(n) < self.size()) {
      self.resize(static_cast<std::size_t>(n));
      if (const std::size_t slash = self.rfind('/'); slash != std::string::npos)
        paths.push_back(self.substr(0, slash + 1) + pdf::kModuleName);
    }
#ifdef ACCORDIFF_PDF_MODULE_PATH
    paths.emplace_back(ACCORDIFF_PDF_MODULE_PATH);
#endif
    for (const std::string& path : paths) {
      if (::access(path.c_str(), F_OK) != 0) continue;
      void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) {
        // glibc names the file it could not load: the module, or a library it needs
        // (poppler itself, when it is not installed)
        const char* e = ::dlerror();
        const std::string said = e != nullptr ? e : "cannot be loaded";
        reason = said.rfind(path, 0) == 0 ? said : path + ": " + said;
        return;
      }
      fn = reinterpret_cast<pdf::extract_fn>(::dlsym(handle, pdf::kExtractSymbol));
      if (fn == nullptr) reason = path + " is not this version's PDF module";
      return;  // (a module loaded stays loaded)
    }
    reason = std::string(pdf::kModuleName) + " not found beside the program";
#ifdef ACCORDIFF_PDF_MODULE_PATH
    reason += " nor at " ACCORDIFF_PDF_MODULE_PATH;
#endif
  });
  why = reason;
  return fn;
}

bool same_baseline(const line& a, const line& b) {
  return std::abs(a.middle() - b.middle()) < 0.5 * std::min(a.size(), b.size()) + 0.5;
}

// See kFragmentLookBack. A line is a fragment when neither the line before it nor the one
// after it is in its column (a column of a two-column page has more lines than one).
void rejoin_fragments(std::vector<line>& lines) {
  for (std::size_t k = 1; k < lines.size(); ++k) {
    line& f = lines[k];
    if (f.text.empty()) continue;
    auto in_its_column = [&](const line& o) {
      return !o.text.empty() && o.y1 != f.y1 && std::abs(o.x1 - f.x1) < f.size();
    };
    if ((k + 1 < lines.size() && in_its_column(lines[k + 1])) || in_its_column(lines[k - 1]))
      continue;
    for (std::size_t back = 1; back <= kFragmentLookBack && back <= k; ++back) {
      line& l = lines[k - back];
      if (l.text.empty() || !same_baseline(l, f) || f.x1 <= l.x2) continue;
      l.text.push_back(' ');
      l.text.append(f.text);
      l.x2 = f.x2;
      l.y1 = std::min(l.y1, f.y1);
      l.y2 = std::max(l.y2, f.y2);
      f.text.clear();
      break;
    }
  }
  lines.erase(
      std::remove_if(lines.begin(), lines.end(), [](const line& l) { return l.text.empty(); }),
      lines.end());
}

std::vector<line> lines_of(std::vector<word>& words) {
  std::vector<line> out;
  for (const word& w : words) {
    const double size = w.y2 - w.y1;
    bool same = false;
    if (!out.empty()) {
      const line& l = out.back();
      const double mid = (w.y1 + w.y2) / 2;
      // same baseline band, and to the right of the line so far
      same = std::abs(mid - l.middle()) < 0.5 * std::min(size, l.size()) + 0.5 &&
             w.x1 >= l.x2 - 0.5 * size;
    }
    if (!same) {
      out.push_back({w.text, w.x1, w.y1, w.x2, w.y2, w.x2 - w.x1});
    } else {
      line& l = out.back();
      // poppler says "no space after" at the end of each of its own lines; words it put
      // on separate lines of one baseline (the wide gaps of a justified line) are words
      if (!l.text.empty() && l.text.back() != ' ' && w.x1 - l.x2 > kWordGap * size)
        l.text.push_back(' ');
      l.text.append(w.text);
      l.x2 = std::max(l.x2, w.x2);
      l.y1 = std::min(l.y1, w.y1);
      l.y2 = std::max(l.y2, w.y2);
    }
    if (w.space_after) out.back().text.push_back(' ');
  }
  for (line& l : out) {
    while (!l.text.empty() && l.text.back() == ' ') l.text.pop_back();
    std::size_t lead = 0;
    while (lead < l.text.size() && l.text[lead] == ' ') ++lead;
    l.text.erase(0, lead);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const line& l) { return l.text.empty(); }),
            out.end());
  rejoin_fragments(out);
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The line with digits folded, case folded and spaces collapsed: "Página 3 de 12" and
// "Página 4 de 12" are the same running footer.
std::string running_key(std::string_view s) {
  std::string out;
  for (char c : lower_ascii(s)) {
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '#') out.push_back('#');
    } else if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == 'i' || c == 'v' || c == 'x' || c == 'l' || c == 'c';
  });
}

bool is_number(std::string_view s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "3", "- 3 -", "— iv —", "Page 3", "Página 3 de 12", "p. 3", "3/12", "3 of 12".
bool is_page_number(std::string_view text) {
  std::string s = lower_ascii(text);
  auto strip = [&] {
    const std::string_view junk[] = {
        " ",        "-",           "|", "[", "]", "(", ")", "\xE2\x80\x93", "\xE2\x80\x94",
        "\xC2\xB7", "\xE2\x80\xA2"};
    bool again = true;
    while (again && !s.empty()) {
      again = false;
      for (std::string_view j : junk) {
        if (s.size() >= j.size() && s.compare(0, j.size(), j) == 0) {
          s.erase(0, j.size());
          again = true;
        }
        if (s.size() >= j.size() && s.compare(s.size() - j.size(), j.size(), j) == 0) {
          s.erase(s.size() - j.size());
          again = true;
        }
      }
    }
  };
  strip();
  for (std::string_view w : {"página", "pagina", "pág.", "pág", "page", "p.", "seite", "hoja"}) {
    if (s.compare(0, w.size(), w) == 0) {
      s.erase(0, w.size());
      while (!s.empty() && s[0] == ' ') s.erase(0, 1);
      break;
    }
  }
  // number, then optionally "of|de|/|sur|von" and a number
  std::size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != '/') ++i;
  const std::string first = s.substr(0, i);
  if (!is_number(first) && !is_roman(first)) return false;
  std::string rest = s.substr(i);
  while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
  if (rest.empty()) return true;
  for (std::string_view sep : {"of", "de", "/", "sur", "von"}) {
    if (rest.compare(0, sep.size(), sep) == 0) {
      std::string last = rest.substr(sep.size());
      while (!last.empty() && last[0] == ' ') last.erase(0, 1);
      return is_number(last);
    }
  }
  return false;
}

// Drops running headers and footers and page numbers, in place.
void drop_running_lines(std::vector<page_lines>& pages) {
  std::map<std::string, std::size_t> seen;  // key → pages it is on, in a margin
  auto margin_lines = [&](const page_lines& p, auto&& visit) {
    const std::size_t n = p.lines.size();
    for (std::size_t k = 0; k < n; ++k) {
      const line& l = p.lines[k];
      const bool top = l.y2 <= p.height * kMarginZone;
      const bool bottom = l.y1 >= p.height * (1 - kMarginZone);
      if (!(top || bottom)) continue;
      // only the first and last few lines of the page in reading order: a line in the
      // margin zone in the middle of the flow is text that runs into the margin
      if (k >= kMarginLines && k + kMarginLines < n) continue;
      visit(k, l);
    }
  };
  for (const page_lines& p : pages) {
    std::vector<std::string> keys;
    margin_lines(p, [&](std::size_t, const line& l) { keys.push_back(running_key(l.text)); });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const std::string& k : keys) ++seen[k];
  }
  const std::size_t need =
      std::max<std::size_t>(2, static_cast<std::size_t>(std::ceil(kRunningShare * pages.size())));
  for (page_lines& p : pages) {
    std::vector<bool> drop(p.lines.size(), false);
    margin_lines(p, [&](std::size_t k, const line& l) {
      if (is_page_number(l.text) || seen[running_key(l.text)] >= need) drop[k] = true;
    });
    std::vector<line> kept;
    for (std::size_t k = 0; k < p.lines.size(); ++k)
      if (!drop[k]) kept.push_back(std::move(p.lines[k]));
    p.lines = std::move(kept);
  }
}

// "- ", "• ", "1. ", "a) ", "IV. " at the start of a line.
bool starts_list_item(std::string_view s) {
  for (std::string_view b :
       {"- ", "* ", "\xE2\x80\xA2 ", "\xC2\xB7 ", "\xE2\x80\x93 ", "\xE2\x80\x94 "})
    if (s.substr(0, b.size()) == b) return true;
  std::size_t i = 0;
  // (three digits at most: "2025. The" is a year that a line wrap put first)
  while (i < s.size() && i < 3 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')))
    ++i;
  if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') {
    // digits ("12.", "3)") or one letter with a bracket ("a)"): "a. m." is not an item
    const bool digits = std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(i),
                                    [](char c) { return c >= '0' && c <= '9'; });
    return digits || (i == 1 && s[i] == ')');
  }
  return false;
}

char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t k = s.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return next_code_point(s, k);
}

char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t k = 0;
  return next_code_point(s, k);
}

// Whether `s` ends a sentence: a full stop, question or exclamation mark, colon,
// semicolon or ellipsis, possibly inside closing quotes or brackets ("…year," does not).
bool ends_sentence(std::string_view s) {
  for (;;) {
    const char32_t c = last_code_point(s);
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB || c == 0x201D || c == 0x2019) {
      std::size_t k = s.size() - 1;
      while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
      s = s.substr(0, k);
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
  }
}

// Whether `prev` ends with a hyphen that splits a word continued by `next`: a letter, a
// hyphen, then a lower-case letter on the next line. Returns the hyphen's byte length.
std::size_t hyphen_split(std::string_view prev, std::string_view next) {
  std::size_t h = 0;
  if (prev.size() >= 2 && prev.back() == '-') h = 1;
  if (prev.size() >= 3 && prev.substr(prev.size() - 2) == "\xC2\xAD") return 2;   // soft hyphen
  if (prev.size() >= 4 && prev.substr(prev.size() - 3) == "\xE2\x80\x90") h = 3;  // U+2010
  if (h == 0) return 0;
  const char32_t before = last_code_point(prev.substr(0, prev.size() - h));
  const char32_t after = first_code_point(next);
  return u_isalpha(static_cast<UChar32>(before)) && u_islower(static_cast<UChar32>(after)) ? h : 0;
}

// Words written with a hyphen inside a line ("non-intrusive", "franco-mexicano"), ASCII
// lower case: a hyphen at a line end between the same two halves is the word's own, not
// the typesetter's, and stays.
std::set<std::string> hyphenated_words(const std::vector<page_lines>& pages) {
  auto letter = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || std::isalpha(b) != 0;
  };
  std::set<std::string> out;
  for (const page_lines& p : pages)
    for (const line& l : p.lines) {
      const std::string_view t = l.text;
      for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        if (t[i] != '-' || !letter(t[i - 1]) || !letter(t[i + 1])) continue;
        std::size_t a = i, b = i + 1;
        while (a > 0 && (letter(t[a - 1]) || t[a - 1] == '-')) --a;
        while (b < t.size() && (letter(t[b]) || t[b] == '-')) ++b;
        std::string w(t.substr(a, b - a));
        for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.insert(std::move(w));
        i = b;
      }
    }
  return out;
}

// Whether the hyphen that ends `prev` joins two halves the document also writes with a
// hyphen inside a line (see hyphenated_words).
bool hyphen_of_the_word(std::string_view prev, std::string_view next,
                        const std::set<std::string>& words) {
  if (prev.empty() || prev.back() != '-' || words.empty()) return false;
  auto letter = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || std::isalpha(b) != 0;
  };
  std::size_t a = prev.size() - 1;  // the hyphen; the word's letters and hyphens before it
  while (a > 0 && (letter(prev[a - 1]) || prev[a - 1] == '-')) --a;
  std::size_t b = 0;
  while (b < next.size() && (letter(next[b]) || next[b] == '-')) ++b;
  std::string w(prev.substr(a));
  w.append(next.substr(0, b));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return words.count(w) > 0;
}

struct paragraph {
  std::string text;
  bool open = false;
};

// The usual pitch between consecutive lines going down a page, for telling line spacing
// from paragraph spacing: the first quartile, since in a page of short paragraphs (a
// list, an agenda) most steps are paragraph gaps.
double usual_pitch(const page_lines& p) {
  std::vector<double> d;
  for (std::size_t k = 1; k < p.lines.size(); ++k) {
    const line& a = p.lines[k - 1];
    const line& b = p.lines[k];
    const double pitch = b.y1 - a.y1;
    if (pitch > 0 && pitch < 3 * std::max(a.size(), 1.0)) d.push_back(pitch);
  }
  if (d.empty()) return 0;
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 4), d.end());
  return d[d.size() / 4];
}

// The right edge of each line's column (see kEdgeWindow).
std::vector<double> column_edges(const page_lines& p) {
  const std::size_t n = p.lines.size();
  std::vector<double> edge(n, 0);
  std::vector<double> ends;
  for (std::size_t k = 0; k < n; ++k) {
    const line& l = p.lines[k];
    ends.clear();
    const std::size_t from = k > kEdgeWindow ? k - kEdgeWindow : 0;
    const std::size_t to = std::min(n, k + kEdgeWindow + 1);
    for (std::size_t m = from; m < to; ++m) {
      const line& o = p.lines[m];
      const double overlap = std::min(l.x2, o.x2) - std::max(l.x1, o.x1);
      if (overlap > 0.5 * std::min(l.x2 - l.x1, o.x2 - o.x1)) ends.push_back(o.x2);
    }
    if (ends.empty()) {
      edge[k] = l.x2;
      continue;
    }
    const auto q =
        static_cast<std::ptrdiff_t>(kEdgeQuantile * static_cast<double>(ends.size() - 1));
    std::nth_element(ends.begin(), ends.begin() + q, ends.end());
    edge[k] = std::max(ends[static_cast<std::size_t>(q)], l.x2);
  }
  return edge;
}

std::vector<std::string> paragraphs_of(const std::vector<page_lines>& pages) {
  const std::set<std::string> hyphenated = hyphenated_words(pages);
  std::vector<std::string> out;
  std::string cur;
  const line* prev = nullptr;
  double prev_edge = 0;
  auto close = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
    prev = nullptr;
  };
  for (const page_lines& p : pages) {
    const double pitch = usual_pitch(p);
    const std::vector<double> edge = column_edges(p);
    bool first_on_page = true;
    for (std::size_t k = 0; k < p.lines.size(); ++k) {
      const line& l = p.lines[k];
      // The line after, when it follows in the same column: a first-line indent is
      // measured against it (the paragraph's other lines), not against the line before,
      // which may be an indented one-line paragraph.
      const line* next = k + 1 < p.lines.size() && p.lines[k + 1].y1 > l.y1 &&
                                 (pitch <= 0 || p.lines[k + 1].y1 - l.y1 <= kParagraphPitch * pitch)
                             ? &p.lines[k + 1]
                             : nullptr;
      bool fresh = prev == nullptr;
      if (prev != nullptr) {
        const double size = std::max(prev->size(), 1.0);
        // (the second half of a hyphenated word fits where the whole did not)
        const bool unforced = hyphen_split(cur, l.text) == 0 &&
                              prev->x2 + (kWrapSlack + 0.25) * size + l.first_word < prev_edge;
        // the next column: the line starts higher up the page, right of the line before
        const bool column_break = l.y1 < prev->y1 && l.x1 > prev->x2;
        if (first_on_page || column_break) {
          // across a page or column break the gap says nothing: the paragraph goes on
          // unless its last line ended on purpose, or ended a sentence with the page
          // starting a new one, or the new page starts an item or an indent
          fresh =
              unforced || starts_list_item(l.text) ||
              (ends_sentence(cur) && u_isupper(static_cast<UChar32>(first_code_point(l.text)))) ||
              std::abs(l.size() - prev->size()) > kSizeChange * size ||
              (next != nullptr && l.x1 > next->x1 + kIndent * size);
        } else {
          const double step = l.y1 - prev->y1;
          fresh = step <= 0 || (pitch > 0 && step > kParagraphPitch * pitch) ||
                  std::abs(l.size() - prev->size()) > kSizeChange * size ||
                  starts_list_item(l.text) ||
                  l.x1 > (next != nullptr ? next->x1 : prev->x1) + kIndent * size || unforced;
        }
      }
      if (fresh) {
        close();
        cur = l.text;
      } else if (const std::size_t h = hyphen_split(cur, l.text)) {
        // "non-" + "intrusive": the word's own hyphen stays when the document writes
        // the word with it elsewhere; otherwise it was the typesetter's
        if (!hyphen_of_the_word(cur, l.text, hyphenated)) cur.resize(cur.size() - h);
        cur.append(l.text);
      } else {
        cur.push_back('\n');
        cur.append(l.text);
      }
      prev = &l;
      prev_edge = edge[k];
      first_on_page = false;
    }
  }
  close();
  return out;
}

// The module's pages, made into lines as they come (a page's words are not kept), and the
// text counted as it will be compared: valid UTF-8, where an invalid byte of poppler's is
// three.
struct page_reader final : pdf::page_sink {
  std::vector<page_lines> pages;
  std::vector<word> words;
  std::uint64_t total = 0;
  bool too_much = false;
  bool page(double width, double height, word* w, std::size_t count) override {
    words.assign(std::make_move_iterator(w), std::make_move_iterator(w + count));
    for (word& x : words) {
      x.text = clean(std::move(x.text));
      total += x.text.size() + 1;
    }
    if (total > kMaxTextBytes) {
      too_much = true;
      return false;
    }
    page_lines p;
    p.width = width;
    p.height = height;
    p.lines = lines_of(words);
    pages.push_back(std::move(p));
    return true;
  }
};

}  // namespace

result<void> read_pdf(document& doc, std::string_view file) {
  if (!looks_like_pdf(file))
    return fail(errc::invalid_input, "not a PDF (no %PDF- header)", doc.path);
  std::string why;
  const pdf::extract_fn extract = load_module(why);
  if (extract == nullptr) return fail(errc::invalid_input, "cannot read PDFs: " + why, doc.path);
  page_reader reader;
  pdf::request ask;
  ask.abi = pdf::kAbi;
  ask.data = file.data();
  ask.size = file.size();
  ask.max_pages = kMaxPdfPages;
  ask.max_text_bytes = kMaxTextBytes;
  ask.sink = &reader;
  extract(&ask);
  if (reader.too_much)
    ask.error =
        "more than " + std::to_string(kMaxTextBytes >> 20U) + " MiB of text (limit kMaxTextBytes)";
  if (!ask.error.empty()) return fail(errc::invalid_input, ask.error, doc.path);
  std::vector<page_lines>& pages = reader.pages;
  drop_running_lines(pages);
  const std::vector<std::string> paras = paragraphs_of(pages);
  for (const std::string& para : paras) {
    // trimmed already; skip what is only white space in the Unicode sense
    std::size_t a = 0, e = para.size();
    while (a < e) {
      std::size_t j = a;
      if (!is_space(next_code_point(para, j))) break;
      a = j;
    }
    while (e > a) {
      std::size_t k = e - 1;
      while (k > a && (static_cast<unsigned char>(para[k]) & 0xC0) == 0x80) --k;
      std::size_t j = k;
      if (!is_space(next_code_point(para, j))) break;
      e = k;
    }
    if (a == e) continue;
    std::string& text = doc.bytes.own();
    if (!text.empty()) text.append("\n\n");
    const auto start = static_cast<std::uint32_t>(doc.bytes.size());
    text.append(para, a, e - a);
    doc.blocks.push_back({{start, static_cast<std::uint32_t>(doc.bytes.size())}, {}});
  }
  return {};
}

}  // namespace accordiff::detail
