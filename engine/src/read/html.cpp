// Stage 1, read: HTML pages (gumbo). See readers.hpp for the contract.
//
// The page is parsed by gumbo; the text is then taken from the main content only (the
// element named by --select; else <main>, a single <article>, or the densest block of
// paragraphs; else <body>), leaving out what is not the document: scripts, styles,
// navigation, site headers and footers, asides, forms, hidden elements, cookie banners
// and share widgets. Block elements (p, li, h1-h6, blockquote, td, a div with text, …)
// become paragraphs; two <br> in a row end one, a single <br> is a line break inside it.
// Entities are decoded and white space runs collapsed, as a browser shows them.
//
// The text kept becomes `document::bytes` (paragraphs separated by blank lines) and
// `source_map` records, run by run, which bytes of the page each piece came from, so
// that reports can point into the page.
#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "read/html_entities.hpp"
#include "read/readers.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

// Readability-style scoring of the main content (after Arc90's readability.js, which the
// browsers' reader views descend from): a paragraph shorter than this says nothing about
// where the content is.
constexpr std::size_t kMinScoredParagraph = 25;
// A sibling of the best candidate joins the content when it scores at least this share of
// the best score (readability.js uses the same 0.2).
constexpr double kSiblingShare = 0.2;
// ... or when it is a paragraph at least this long with few links in it.
constexpr std::size_t kSiblingParagraph = 80;
constexpr double kSiblingLinkDensity = 0.25;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_string(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Bytes of the white space character at s[i] (a no-break space included), or 0.
std::size_t space_length(std::string_view s, std::size_t i) {
  if (is_html_space(s[i])) return 1;
  return s.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 0;
}

// ---------------------------------------------------------------------------------------
// Nesting depth, measured before gumbo sees the page (see kMaxHtmlDepth).

bool is_void_tag(std::string_view n) {
  for (std::string_view v :
       {"area",    "base",  "br",    "col",    "embed", "hr",  "img",    "input",
        "link",    "meta",  "param", "source", "track", "wbr", "keygen", "basefont",
        "bgsound", "frame", "image", "html",   "head",  "body"})
    if (n == v) return true;
  return false;
}

bool closes_itself(std::string_view n) {  // a new <li> closes the open <li>, and so on
  for (std::string_view v : {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
                             "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup"})
    if (n == v) return true;
  return false;
}

bool raw_text_tag(std::string_view n) {
  for (std::string_view v :
       {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
    if (n == v) return true;
  return false;
}

std::size_t find_ci(std::string_view s, std::string_view needle, std::size_t from) {
  while (from + needle.size() <= s.size()) {
    const std::size_t k = s.find(needle[0], from);
    const std::size_t k2 = s.find(static_cast<char>(needle[0] - 'a' + 'A'), from);
    const std::size_t at = std::min(k, k2);
    if (at == std::string_view::npos || at + needle.size() > s.size())
      return std::string_view::npos;
    bool ok = true;
    for (std::size_t i = 1; i < needle.size() && ok; ++i) ok = lower(s[at + i]) == needle[i];
    if (ok) return at;
    from = at + 1;
  }
  return std::string_view::npos;
}

// The deepest nesting of elements, simulating the tree builder coarsely: void elements
// do not nest, a start tag that closes its own kind (p, li, td, …) pops the open one, an
// end tag pops up to its element, a self-closing tag nests except in SVG and MathML.
// Stops counting past `limit`.
std::size_t nesting_depth(std::string_view s, std::size_t limit) {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::uint32_t> open_count;
  std::vector<std::uint32_t> stack;
  std::size_t deepest = 0;
  auto id_of = [&](const std::string& name) {
    auto [it, fresh] = ids.try_emplace(name, static_cast<std::uint32_t>(ids.size()));
    if (fresh) open_count.push_back(0);
    return it->second;
  };
  const std::uint32_t svg = id_of("svg"), math = id_of("math");
  auto pop_to = [&](std::uint32_t id) {
    while (!stack.empty()) {
      const std::uint32_t top = stack.back();
      stack.pop_back();
      --open_count[top];
      if (top == id) break;
    }
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    i = lt + 1;
    if (s[i] == '!') {
      if (s.compare(i, 3, "!--") == 0) {
        const std::size_t e = s.find("-->", i + 3);
        i = e == std::string_view::npos ? s.size() : e + 3;
      } else {
        const std::size_t e = s.find('>', i);
        i = e == std::string_view::npos ? s.size() : e + 1;
      }
      continue;
    }
    const bool end_tag = s[i] == '/';
    if (end_tag) ++i;
    std::size_t e = i;
    while (e < s.size() && e - i < 32 &&
           ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z') ||
            (s[e] >= '0' && s[e] <= '9') || s[e] == '-' || s[e] == ':'))
      ++e;
    if (e == i || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) continue;
    const std::string name = lower_string(s.substr(i, e - i));
    // to the end of the tag, quotes respected
    char quote = 0;
    bool self_closing = false;
    std::size_t k = e;
    for (; k < s.size(); ++k) {
      const char c = s[k];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        self_closing = k > e && s[k - 1] == '/';
        break;
      }
    }
    i = k < s.size() ? k + 1 : s.size();
    if (is_void_tag(name)) continue;
    const std::uint32_t id = id_of(name);
    if (end_tag) {
      if (open_count[id] > 0) pop_to(id);
      continue;
    }
    if (closes_itself(name) && open_count[id] > 0) pop_to(id);
    // "<b/>" opens a <b> like "<b>" does: HTML ignores the slash, but inside <svg> and
    // <math> it closes the element
    const bool foreign = open_count[svg] + open_count[math] > 0;
    if (!(self_closing && foreign)) {
      stack.push_back(id);
      ++open_count[id];
      deepest = std::max(deepest, stack.size());
      if (deepest > limit) return deepest;
    }
    if (raw_text_tag(name) && !self_closing) {
      std::string end_of_raw = "</";  // (not "</" + name: GCC 12 warns falsely, PR 105329)
      end_of_raw.append(name);
      const std::size_t close = find_ci(s, end_of_raw, i);
      i = close == std::string_view::npos ? s.size() : close;
    }
  }
  return deepest;
}

// ---------------------------------------------------------------------------------------
// Entities

struct entity_table {
  std::vector<named_entity> all;  // sorted by name
  entity_table() {
    for (std::size_t k = 0; k < kLatin1Entities.size(); ++k)
      all.push_back({kLatin1Entities[k], static_cast<char32_t>(0xA0 + k)});
    for (const named_entity& e : kOtherEntities) all.push_back(e);
    std::sort(all.begin(), all.end(),
              [](const named_entity& a, const named_entity& b) { return a.name < b.name; });
  }
  [[nodiscard]] const named_entity* find(std::string_view name) const {
    auto it =
        std::lower_bound(all.begin(), all.end(), name,
                         [](const named_entity& e, std::string_view n) { return e.name < n; });
    return it != all.end() && it->name == name ? &*it : nullptr;
  }
};

const entity_table& entities() {
  static const entity_table table;
  return table;
}

bool legacy_entity(std::string_view name) {  // decoded even without the semicolon
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "AMP" ||
      name == "LT" || name == "GT" || name == "QUOT" || name == "COPY" || name == "REG")
    return true;
  return std::find(kLatin1Entities.begin(), kLatin1Entities.end(), name) != kLatin1Entities.end();
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// A character reference at s[0] == '&': its length in `s` and the code point, or 0.
std::size_t parse_entity(std::string_view s, char32_t& cp) {
  if (s.size() < 2) return 0;
  if (s[1] == '#') {
    std::size_t i = 2;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    std::uint32_t v = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      std::uint32_t d;
      if (c >= '0' && c <= '9')
        d = static_cast<std::uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f')
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F')
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      else
        break;
      if (v > 0x10FFFF) overflow = true;
      if (!overflow) v = v * (hex ? 16 : 10) + d;
    }
    if (i == digits_start) return 0;
    if (i < s.size() && s[i] == ';') ++i;
    // The HTML standard's replacements: NUL, surrogates and out-of-range become U+FFFD,
    // the C1 range is read as Windows-1252.
    if (overflow || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      cp = 0xFFFD;
    } else if (v >= 0x80 && v <= 0x9F && kWindows1252C1[v - 0x80] != 0) {
      cp = kWindows1252C1[v - 0x80];
    } else {
      cp = v;
    }
    return i;
  }
  std::size_t i = 1;
  while (i < s.size() && i < 40 &&
         ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
          (s[i] >= '0' && s[i] <= '9')))
    ++i;
  if (i == 1) return 0;
  const std::string_view name = s.substr(1, i - 1);
  if (i < s.size() && s[i] == ';') {
    if (const named_entity* e = entities().find(name)) {
      cp = e->code_point;
      return i + 1;
    }
  }
  // Without a semicolon, the longest legacy name that starts the run ("&copy2025").
  for (std::size_t len = std::min<std::size_t>(name.size(), 6); len >= 2; --len) {
    const std::string_view prefix = name.substr(0, len);
    if (legacy_entity(prefix)) {
      std::string lowered = lower_string(prefix);
      const named_entity* e = entities().find(prefix);
      if (e == nullptr) e = entities().find(lowered);
      if (e != nullptr) {
        cp = e->code_point;
        return len + 1;
      }
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// The text of the kept blocks, with its map back into the page.

class text_builder {
 public:
  explicit text_builder(document& doc) : doc_(doc) {}

  /// Text of the page at [at, at + raw.size()), entities and white space as written.
  /// A no-break space counts as white space here: the engine reads it as one anyway, and
  /// "fin.&nbsp; Luego" must not leave a non-blank byte between two sentences.
  void text(std::string_view raw, std::uint32_t at, bool pre) {
    std::size_t i = 0;
    while (i < raw.size()) {
      if (space_length(raw, i) > 0) {
        std::size_t e = i;
        while (e < raw.size() && space_length(raw, e) > 0) e += space_length(raw, e);
        space(raw.substr(i, e - i), at + static_cast<std::uint32_t>(i), pre);
        i = e;
        continue;
      }
      if (raw[i] == '&') {
        char32_t cp = 0;
        const std::size_t n = parse_entity(raw.substr(i), cp);
        if (n > 0) {
          const auto where = at + static_cast<std::uint32_t>(i);
          if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0) {
            space(" ", where, pre, static_cast<std::uint32_t>(n));
          } else if (cp != 0xAD) {  // a soft hyphen is only a place a word may break
            std::string decoded;
            // control characters other than white space read as a space
            append_utf8(decoded, cp < 0x20 || cp == 0x7F ? U' ' : cp);
            content(decoded, where, static_cast<std::uint32_t>(n), false);
          }
          i += n;
          continue;
        }
      }
      // a run of ordinary characters, copied as they are
      std::size_t e = i + 1;
      while (e < raw.size() && space_length(raw, e) == 0 && raw[e] != '&') ++e;
      content(raw.substr(i, e - i), at + static_cast<std::uint32_t>(i),
              static_cast<std::uint32_t>(e - i), true);
      i = e;
    }
  }

  /// A <br> at [at, at + size): a line break, or the end of the paragraph after another.
  void line_break(std::uint32_t at, std::uint32_t size) {
    if (breaks_ > 0) {
      end_block();
      return;
    }
    ++breaks_;
    pending_ = pending::line;
    pending_at_ = at;
    pending_size_ = size;
    pending_raw_ = {};
  }

  void end_block() {
    pending_ = pending::none;
    breaks_ = 0;
    if (staged_.empty()) return;
    // trailing Unicode white space (NBSP) goes too: blocks are trimmed
    std::size_t keep = staged_.size();
    while (keep > 0) {
      std::size_t k = keep - 1;
      while (k > 0 && (static_cast<unsigned char>(staged_[k]) & 0xC0) == 0x80) --k;
      std::size_t j = k;
      if (!is_space(next_code_point(staged_, j))) break;
      keep = k;
    }
    staged_.resize(keep);
    while (!staged_runs_.empty() && staged_runs_.back().text >= keep) staged_runs_.pop_back();
    if (!staged_runs_.empty() && staged_runs_.back().copied)  // a copy cut short by the trim
      staged_runs_.back().size = std::min<std::uint32_t>(
          staged_runs_.back().size, static_cast<std::uint32_t>(keep) - staged_runs_.back().text);
    if (staged_.empty()) {
      staged_runs_.clear();
      return;
    }
    std::string& out = doc_.bytes.own();
    if (!out.empty()) {  // the blank line between blocks maps to where this one starts
      add_run(static_cast<std::uint32_t>(out.size()), staged_runs_.front().source, 0, false);
      out.append("\n\n");
    }
    const auto base = static_cast<std::uint32_t>(out.size());
    for (const source_run& r : staged_runs_) add_run(base + r.text, r.source, r.size, r.copied);
    out.append(staged_);
    doc_.blocks.push_back({{base, static_cast<std::uint32_t>(out.size())}, {}});
    staged_.clear();
    staged_runs_.clear();
  }

  [[nodiscard]] std::size_t size() const { return doc_.bytes.size() + staged_.size(); }

 private:
  enum class pending { none, space, line };

  void space(std::string_view raw, std::uint32_t at, bool pre, std::uint32_t size = 0) {
    const std::uint32_t n = size != 0 ? size : static_cast<std::uint32_t>(raw.size());
    if (pre && std::count(raw.begin(), raw.end(), '\n') >= 2) {  // a blank line in <pre>
      end_block();
      return;
    }
    if (pending_ == pending::line) return;  // a <br> already stands for it
    if (pending_ == pending::space) {       // white space after an entity space: widen
      if (pending_at_ + pending_size_ == at) {
        pending_size_ += n;
        pending_raw_ = {};
      }
      return;
    }
    pending_ = pending::space;
    pending_at_ = at;
    pending_size_ = n;
    pending_raw_ = size == 0 ? raw : std::string_view{};
    pending_pre_ = pre;
  }

  void content(std::string_view text, std::uint32_t at, std::uint32_t size, bool copied) {
    if (staged_.empty()) {  // blocks start with their first non-blank character
      std::size_t lead = 0;
      while (lead < text.size()) {
        std::size_t j = lead;
        if (!is_space(next_code_point(text, j))) break;
        lead = j;
      }
      if (lead == text.size()) return;
      text.remove_prefix(lead);
      if (copied) {
        at += static_cast<std::uint32_t>(lead);
        size -= static_cast<std::uint32_t>(lead);
      }
    }
    // Text that gumbo moved out of order (foster parenting in tables) maps to the point
    // reached so far: the map stays monotonic.
    if (at < last_source_) {
      at = last_source_;
      size = 0;
      copied = false;
    }
    if (pending_ != pending::none && !staged_.empty()) {
      const auto t = static_cast<std::uint32_t>(staged_.size());
      if (pending_ == pending::line) {
        stage_run(t, pending_at_, pending_size_, false);
        staged_.push_back('\n');
      } else if (pending_pre_ && !pending_raw_.empty()) {
        stage_run(t, pending_at_, pending_size_, true);
        staged_.append(pending_raw_);
      } else {
        stage_run(t, pending_at_, pending_size_, pending_raw_ == " ");
        staged_.push_back(' ');
      }
    }
    pending_ = pending::none;
    breaks_ = 0;
    stage_run(static_cast<std::uint32_t>(staged_.size()), at, size, copied);
    staged_.append(text);
    last_source_ = std::max(last_source_, at + size);
  }

  void stage_run(std::uint32_t t, std::uint32_t src, std::uint32_t size, bool copied) {
    if (src < last_source_) {  // out of page order (see content()): a point, in order
      src = last_source_;
      size = 0;
      copied = false;
    }
    if (!staged_runs_.empty()) {
      source_run& p = staged_runs_.back();
      if (p.copied && copied && p.source + p.size == src &&
          p.text + p.size == t) {  // contiguous copies merge
        p.size += size;
        return;
      }
    }
    staged_runs_.push_back({t, src, size, copied});
  }

  void add_run(std::uint32_t t, std::uint32_t src, std::uint32_t size, bool copied) {
    auto& m = doc_.source_map;
    if (!m.empty()) {
      source_run& p = m.back();
      if (p.copied && copied && p.source + p.size == src) {
        const std::uint32_t p_text_end = p.text + p.size;
        if (p_text_end == t) {
          p.size += size;
          return;
        }
      }
    }
    m.push_back({t, src, size, copied});
  }

  document& doc_;
  std::string staged_;                   // the open block's text
  std::vector<source_run> staged_runs_;  // its runs, text offsets into staged_
  pending pending_ = pending::none;      // white space or a line break waiting for text
  std::uint32_t pending_at_ = 0, pending_size_ = 0;
  std::string_view pending_raw_;
  bool pending_pre_ = false;
  int breaks_ = 0;                 // <br> since the last text
  std::uint32_t last_source_ = 0;  // furthest page byte mapped so far
};

// ---------------------------------------------------------------------------------------
// The tree: what is left out, what is a block, where the content is.

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_FRAMESET:
      return true;
    default:
      return false;
  }
}

// Elements that never hold the document's text.
bool left_out_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER:
      return true;
    default:
      return false;
  }
}

// Class and id words of site chrome: cookie and consent banners, share and social
// widgets, breadcrumbs, skip links, text for screen readers only, advertising, tag
// lists and links to related pages.
bool chrome_word(std::string_view w) {
  for (std::string_view c :
       {"cookie",       "cookies",        "consent",      "gdpr",          "share",
        "sharing",      "sharethis",      "addthis",      "social",        "socials",
        "breadcrumb",   "breadcrumbs",    "skiplink",     "skip",          "sr",
        "screenreader", "visuallyhidden", "advert",       "advertisement", "ads",
        "banner",       "newsletter",     "a2a",          "tags",          "etiquetas",
        "keywords",     "related",        "relacionados", "relacionadas"})
    if (w == c) return true;
  return false;
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? a->value : nullptr;
}

bool has_chrome_word(const char* value) {
  if (value == nullptr) return false;
  std::string w;
  for (const char* p = value;; ++p) {
    const char c = *p;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (letter) {
      w.push_back(lower(c));
      continue;
    }
    if (!w.empty() && chrome_word(w)) return true;
    w.clear();
    if (c == '\0') break;
  }
  // "visually-hidden", "sr-only", "skip-link" are one idea in two words
  const std::string v = lower_string(value);
  for (std::string_view joined : {"visually-hidden", "sr-only", "skip-link", "screen-reader"})
    if (v.find(joined) != std::string::npos) return true;
  return false;
}

// Roles that mark chrome (WAI-ARIA landmarks other than main and region).
bool chrome_role(const char* role) {
  if (role == nullptr) return false;
  const std::string r = lower_string(role);
  for (std::string_view c : {"navigation", "banner", "contentinfo", "complementary", "search",
                             "dialog", "alertdialog", "menu", "menubar", "toolbar"})
    if (r == c) return true;
  return false;
}

bool hidden(const GumboElement& e) {
  if (attribute(e, "hidden") != nullptr) return true;
  if (const char* a = attribute(e, "aria-hidden"); a != nullptr && lower_string(a) == "true")
    return true;
  if (const char* st = attribute(e, "style")) {
    std::string s;
    for (const char* p = st; *p; ++p)
      if (!is_html_space(*p)) s.push_back(lower(*p));
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

bool is_element(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

bool has_ancestor(const GumboNode* n, const GumboNode* root, GumboTag tag) {
  for (const GumboNode* p = n->parent; p != nullptr; p = p->parent) {
    if (is_element(p) && p->v.element.tag == tag) return true;
    if (p == root) break;
  }
  return false;
}

struct page_tree {
  const GumboNode* body = nullptr;
  bool user_selected = false;

  // Whether `n` (inside the content) is left out. A <header> stays when it heads an
  // article, the main element or a content the user chose: it holds the title.
  bool left_out(const GumboNode* n, const GumboNode* root) const {
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_HEADER)
      return !(user_selected || has_ancestor(n, nullptr, GUMBO_TAG_ARTICLE) ||
               has_ancestor(n, nullptr, GUMBO_TAG_MAIN) ||
               root->v.element.tag == GUMBO_TAG_ARTICLE || root->v.element.tag == GUMBO_TAG_MAIN);
    if (left_out_tag(e.tag)) return true;
    if (e.tag == GUMBO_TAG_UNKNOWN) {  // elements newer than gumbo's table
      GumboStringPiece name = e.original_tag;
      gumbo_tag_from_original_text(&name);
      const std::string n = lower_string(std::string_view(name.data, name.length));
      if (n == "dialog" || n == "search") return true;
    }
    if (hidden(e) || chrome_role(attribute(e, "role"))) return true;
    return has_chrome_word(attribute(e, "class")) || has_chrome_word(attribute(e, "id"));
  }
};

// All elements in document order (iterative: pages nest deep).
std::vector<const GumboNode*> elements_in_order(const GumboNode* root) {
  std::vector<const GumboNode*> out;
  std::vector<const GumboNode*> todo{root};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (!is_element(n)) continue;
    out.push_back(n);
    const GumboVector& ch = n->v.element.children;
    for (unsigned k = ch.length; k > 0; --k)
      todo.push_back(static_cast<const GumboNode*>(ch.data[k - 1]));
  }
  return out;
}

// --select: "tag", "#id", ".class", or a tag with either ("div#main", "div.content").
struct selector {
  std::string tag, id;
  std::vector<std::string> classes;
  [[nodiscard]] bool matches(const GumboElement& e) const {
    if (!tag.empty()) {
      const char* name = gumbo_normalized_tagname(e.tag);
      std::string actual = name != nullptr ? name : "";
      if (e.tag == GUMBO_TAG_UNKNOWN) {
        GumboStringPiece p = e.original_tag;
        gumbo_tag_from_original_text(&p);
        actual = lower_string(std::string_view(p.data, p.length));
      }
      if (actual != tag) return false;
    }
    if (!id.empty()) {
      const char* v = attribute(e, "id");
      if (v == nullptr || id != v) return false;
    }
    for (const std::string& c : classes) {
      const char* v = attribute(e, "class");
      if (v == nullptr) return false;
      std::string_view all(v);
      bool found = false;
      std::size_t i = 0;
      while (i < all.size() && !found) {
        while (i < all.size() && is_html_space(all[i])) ++i;
        std::size_t j = i;
        while (j < all.size() && !is_html_space(all[j])) ++j;
        found = all.substr(i, j - i) == c;
        i = j;
      }
      if (!found) return false;
    }
    return true;
  }
};

bool parse_selector(std::string_view s, selector& out) {
  std::size_t i = 0;
  auto word = [&] {
    std::size_t j = i;
    while (j < s.size() && s[j] != '#' && s[j] != '.') ++j;
    std::string w(s.substr(i, j - i));
    i = j;
    return w;
  };
  out.tag = lower_string(word());
  while (i < s.size()) {
    const char kind = s[i++];
    std::string w = word();
    if (w.empty()) return false;
    if (kind == '#') {
      if (!out.id.empty()) return false;
      out.id = w;
    } else {
      out.classes.push_back(w);
    }
  }
  for (char c : out.tag)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return !(out.tag.empty() && out.id.empty() && out.classes.empty());
}

// Text statistics per element, for finding the content by density.
struct node_stats {
  std::size_t text = 0;   // non-blank bytes of text
  std::size_t links = 0;  // of which inside links
  std::size_t commas = 0;
  double score = 0;
  bool scored = false;  // a candidate: parent of a scored paragraph
};

std::vector<const GumboNode*> content_by_density(const page_tree& t) {
  std::vector<const GumboNode*> order = elements_in_order(t.body);
  std::unordered_map<const GumboNode*, std::size_t> index;
  index.reserve(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) index.emplace(order[k], k);
  std::vector<node_stats> st(order.size());
  std::vector<bool> out(order.size(), false);
  for (std::size_t k = 0; k < order.size(); ++k) {  // left out: self or an ancestor
    const GumboNode* n = order[k];
    if (n != t.body && n->parent != nullptr && index.count(n->parent) && out[index[n->parent]])
      out[k] = true;
    else if (n != t.body && t.left_out(n, t.body))
      out[k] = true;
  }
  // bottom-up: text, link text and commas
  for (std::size_t k = order.size(); k > 0; --k) {
    const std::size_t i = k - 1;
    if (out[i]) continue;
    const GumboNode* n = order[i];
    const GumboVector& ch = n->v.element.children;
    for (unsigned c = 0; c < ch.length; ++c) {
      const auto* child = static_cast<const GumboNode*>(ch.data[c]);
      if (child->type == GUMBO_NODE_TEXT) {
        const char* p = child->v.text.text;
        for (; *p; ++p) {
          if (!is_html_space(*p)) ++st[i].text;
          if (*p == ',') ++st[i].commas;
        }
      }
    }
    if (n->v.element.tag == GUMBO_TAG_A) st[i].links = st[i].text;
    if (n != t.body && n->parent != nullptr) {
      auto it = index.find(n->parent);
      if (it != index.end()) {
        node_stats& p = st[it->second];
        p.text += st[i].text;
        p.links += st[i].links;
        p.commas += st[i].commas;
      }
    }
  }
  // paragraphs give their score to their parent and half to the grandparent
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (out[i]) continue;
    const GumboTag tag = order[i]->v.element.tag;
    if (tag != GUMBO_TAG_P && tag != GUMBO_TAG_PRE && tag != GUMBO_TAG_TD &&
        tag != GUMBO_TAG_BLOCKQUOTE)
      continue;
    if (st[i].text < kMinScoredParagraph) continue;
    const double s = 1.0 + static_cast<double>(st[i].commas) +
                     std::min(static_cast<double>(st[i].text) / 100.0, 3.0);
    const GumboNode* p = order[i]->parent;
    for (double share : {1.0, 0.5}) {
      if (p == nullptr) break;
      auto it = index.find(p);
      if (it == index.end()) break;
      st[it->second].score += s * share;
      st[it->second].scored = true;
      if (p == t.body) break;
      p = p->parent;
    }
  }
  std::size_t best = order.size();
  double best_score = 0;
  auto final_score = [&](std::size_t i) {
    const double density =
        st[i].text == 0 ? 0.0 : static_cast<double>(st[i].links) / static_cast<double>(st[i].text);
    return st[i].score * (1.0 - density);
  };
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (out[i] || !st[i].scored) continue;
    const double s = final_score(i);
    if (s > best_score) {
      best_score = s;
      best = i;
    }
  }
  if (best == order.size() || order[best] == t.body) return {t.body};
  // the best candidate and the siblings that belong with it
  const GumboNode* top = order[best];
  const GumboNode* parent = top->parent;
  if (parent == nullptr || !is_element(parent)) return {top};
  std::vector<const GumboNode*> roots;
  const double threshold = std::max(10.0, best_score * kSiblingShare);
  bool before_top = true;
  const GumboVector& ch = parent->v.element.children;
  for (unsigned c = 0; c < ch.length; ++c) {
    const auto* s = static_cast<const GumboNode*>(ch.data[c]);
    if (s == top) {
      roots.push_back(s);
      before_top = false;
      continue;
    }
    if (!is_element(s)) continue;
    auto it = index.find(s);
    if (it == index.end() || out[it->second]) continue;
    const node_stats& ss = st[it->second];
    const GumboTag tag = s->v.element.tag;
    const double density =
        ss.text == 0 ? 1.0 : static_cast<double>(ss.links) / static_cast<double>(ss.text);
    const bool heading = tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3;
    if ((ss.scored && final_score(it->second) >= threshold) ||
        (tag == GUMBO_TAG_P && ss.text >= kSiblingParagraph && density < kSiblingLinkDensity) ||
        (heading && before_top && density < kSiblingLinkDensity))
      roots.push_back(s);
  }
  return roots;
}

// 'text', built by appending: GCC 12 warns falsely on "'" + std::string(…) (PR 105329).
std::string quoted(std::string_view text) {
  std::string q(1, '\'');
  q.append(text);
  q.push_back('\'');
  return q;
}

// The elements whose text is the document, in document order.
result<std::vector<const GumboNode*>> find_content(const GumboOutput* out, page_tree& t,
                                                   std::string_view select,
                                                   const std::string& name) {
  const GumboNode* html = out->root;
  // <body> (gumbo always makes one, but a frameset page has none)
  for (const GumboNode* n : elements_in_order(html))
    if (n->v.element.tag == GUMBO_TAG_BODY) {
      t.body = n;
      break;
    }
  if (t.body == nullptr) t.body = html;
  if (!select.empty()) {
    selector sel;
    if (!parse_selector(select, sel))
      return fail(errc::invalid_option,
                  quoted(select) + " is not a selector we read (tag, #id, .class)", "--select");
    for (const GumboNode* n : elements_in_order(html))
      if (sel.matches(n->v.element)) {
        t.user_selected = true;
        return std::vector<const GumboNode*>{n};
      }
    return fail(errc::invalid_input, "--select " + quoted(select) + " matches no element", name);
  }
  // <main> or role="main", not inside something left out
  const std::vector<const GumboNode*> all = elements_in_order(t.body);
  auto inside_left_out = [&](const GumboNode* n) {
    for (const GumboNode* p = n; p != nullptr && p != t.body; p = p->parent)
      if (is_element(p) && p->v.element.tag != GUMBO_TAG_MAIN &&
          p->v.element.tag != GUMBO_TAG_ARTICLE && t.left_out(p, t.body))
        return true;
    return false;
  };
  for (const GumboNode* n : all) {
    const char* role = attribute(n->v.element, "role");
    if ((n->v.element.tag == GUMBO_TAG_MAIN || (role != nullptr && lower_string(role) == "main")) &&
        !hidden(n->v.element) && !inside_left_out(n))
      return std::vector<const GumboNode*>{n};
  }
  // a single article (several are a list of them: let density decide)
  std::vector<const GumboNode*> articles;
  for (const GumboNode* n : all)
    if (n->v.element.tag == GUMBO_TAG_ARTICLE && !has_ancestor(n, t.body, GUMBO_TAG_ARTICLE) &&
        !inside_left_out(n))
      articles.push_back(n);
  if (articles.size() == 1) return articles;
  return content_by_density(t);
}

struct gumbo_deleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

}  // namespace

result<void> read_html(document& doc, std::string page, std::string_view select) {
  if (const std::size_t depth = nesting_depth(page, kMaxHtmlDepth); depth > kMaxHtmlDepth)
    return fail(errc::invalid_input,
                "HTML nested deeper than " + std::to_string(kMaxHtmlDepth) +
                    " elements (limit kMaxHtmlDepth): not a page we can read safely",
                doc.path);
  doc.source = std::move(page);
  const std::string& src = doc.source;
  const std::size_t skip = src.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // each error copies the open-element stack: quadratic memory
  std::unique_ptr<GumboOutput, gumbo_deleter> out(
      gumbo_parse_with_options(&options, src.data() + skip, src.size() - skip));
  if (!out || out->root == nullptr)
    return fail(errc::invalid_input, "the HTML parser gave up on this page", doc.path);

  page_tree tree;
  auto roots = find_content(out.get(), tree, select, doc.path);
  if (!roots) return tl::unexpected(roots.error());

  text_builder b(doc);
  const char* const base = src.data();
  auto offset_of = [&](const char* p) -> std::int64_t {
    if (p == nullptr || p < base || p > base + src.size()) return -1;
    return p - base;
  };
  for (const GumboNode* root : *roots) {
    // iterative walk: (node, entering) pairs
    std::vector<std::pair<const GumboNode*, bool>> todo{{root, true}};
    int pre = 0;
    while (!todo.empty()) {
      auto [n, entering] = todo.back();
      todo.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
        const GumboStringPiece& raw = n->v.text.original_text;
        const std::int64_t at = offset_of(raw.data);
        if (at < 0 || static_cast<std::size_t>(at) + raw.length > src.size()) continue;
        b.text(std::string_view(raw.data, raw.length), static_cast<std::uint32_t>(at), pre > 0);
        continue;
      }
      if (!is_element(n)) continue;  // comments, CDATA (only in SVG and MathML)
      const GumboElement& e = n->v.element;
      const bool block = is_block(e.tag);
      if (!entering) {
        if (e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING || e.tag == GUMBO_TAG_XMP) --pre;
        if (block) b.end_block();
        continue;
      }
      if (n != root && tree.left_out(n, root)) {
        if (block) b.end_block();
        continue;
      }
      if (e.tag == GUMBO_TAG_BR) {
        const std::int64_t at = offset_of(e.original_tag.data);
        if (at >= 0)
          b.line_break(static_cast<std::uint32_t>(at),
                       static_cast<std::uint32_t>(e.original_tag.length));
        else
          b.line_break(0, 0);
        continue;
      }
      if (block) b.end_block();
      if (e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING || e.tag == GUMBO_TAG_XMP) ++pre;
      todo.push_back({n, false});
      const GumboVector& ch = e.children;
      for (unsigned k = ch.length; k > 0; --k)
        todo.push_back({static_cast<const GumboNode*>(ch.data[k - 1]), true});
      if (b.size() > kMaxTextBytes)
        return fail(errc::invalid_input,
                    "more than " + std::to_string(kMaxTextBytes >> 20) +
                        " MiB of text (limit kMaxTextBytes)",
                    doc.path);
    }
    b.end_block();
  }
  return {};
}

}  // namespace accordiff::detail
