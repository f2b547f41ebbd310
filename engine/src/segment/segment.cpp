// Stage 3, segment: see segment.hpp for the contract.
#include "segment/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "fingerprint/fingerprint.hpp"
#include "util/bytes.hpp"
#include "util/memory.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

// Abbreviations that never end a sentence: a name, a number or a reference follows.
constexpr std::array<std::string_view, 58> kNeverFinal = {
    "sr.",   "sra.",  "srta.",   "sres.",  "dr.",   "dra.",   "lic.",   "licda.", "ing.", "mtro.",
    "mtra.", "arq.",  "gral.",   "no.",    "núm.",  "nº.",    "art.",   "arts.",  "fr.",  "frac.",
    "mr.",   "mrs.",  "ms.",     "prof.",  "gen.",  "sen.",   "rep.",   "gov.",   "amb.", "st.",
    "av.",   "ave.",  "pp.",     "p.",     "vol.",  "fig.",   "cap.",   "ee.",    "e.g.", "i.e.",
    "vs.",   "cf.",   "approx.", "aprox.", "dpto.", "depto.", "secc.",  "párr.",  "pág.", "lit.",
    "inc.",  "núms.", "nos.",    "col.",   "dir.",  "pres.",  "excmo.", "excma."};
// Abbreviations that may end a sentence: they do only when a function word follows.
constexpr std::array<std::string_view, 18> kMaybeFinal = {
    "u.s.", "d.c.", "ee.uu.", "uu.", "u.k.",  "u.n.", "e.u.", "a.m.", "p.m.",
    "etc.", "ltd.", "jr.",    "co.", "corp.", "s.a.", "c.v.", "n.y.", "ee.uu"};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The word just before position `end` (back to white space), trailing closers removed.
std::string_view word_before(std::string_view s, std::size_t end) {
  while (end > 0 && is_space_byte(s[end - 1])) --end;
  std::size_t start = end;
  while (start > 0 && !is_space_byte(s[start - 1])) --start;
  return s.substr(start, end - start);
}

std::string_view word_after(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_space_byte(s[pos])) ++pos;
  std::size_t end = pos;
  while (end < s.size() && !is_space_byte(s[end])) ++end;
  return s.substr(pos, end - pos);
}

// "1.", "12)", "IV.", "a)", "b." — a list marker on its own.
bool is_list_marker(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  const char last = w.back();
  if (last != '.' && last != ')') return false;
  const std::string_view body = w.substr(0, w.size() - 1);
  if (std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  if (body.size() == 1 &&
      ((body[0] >= 'a' && body[0] <= 'z') || (body[0] >= 'A' && body[0] <= 'Z')))
    return true;
  return std::all_of(body.begin(), body.end(), [](char c) {
    return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
  });
}

// "J." or "A.B.C." — initials.
bool is_initials(std::string_view w) {
  if (w.size() < 2 || w.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < w.size(); i += 2) {
    const char c = w[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) || w[i + 1] != '.') return false;
  }
  return true;
}

// After an acronym that may end a sentence ("U.S.", "D.C.", "EE.UU."), ICU broke before a
// capitalised word. Spanish, Portuguese and French capitalise proper names only, so that
// word most likely starts a sentence; English capitalises names of bodies ("U.S.
// Department"), so there only a function word ("The", "In", "Both") starts one.
bool starts_sentence(std::string_view next, std::string_view language) {
  if (language != "en" && language != "de" && language != "und") return true;
  std::string w;
  for (char c : next) {
    if (c == ',' || c == '.' || c == ';' || c == ':') break;
    w.push_back(c);
  }
  w = lower_ascii(w);
  return is_function_word(language == "und" ? "en" : language, w);
}

enum class abbreviation { none, never_final, maybe_final };

// Which list `word` (any case) is in: one lookup rather than a comparison with each of
// them at every full stop (a tenth of the time of finding sentences).
abbreviation abbreviation_of(std::string_view word) {
  static const auto kLongest = [] {
    std::size_t n = 0;
    for (std::string_view a : kNeverFinal) n = std::max(n, a.size());
    for (std::string_view a : kMaybeFinal) n = std::max(n, a.size());
    return n;
  }();
  static const std::unordered_map<std::string_view, abbreviation> kLists = [] {
    std::unordered_map<std::string_view, abbreviation> m;
    for (std::string_view a : kNeverFinal) m.emplace(a, abbreviation::never_final);
    for (std::string_view a : kMaybeFinal) m.emplace(a, abbreviation::maybe_final);
    return m;
  }();
  if (word.size() > kLongest) return abbreviation::none;
  const std::string lw = lower_ascii(word);
  const auto it = kLists.find(lw);
  return it == kLists.end() ? abbreviation::none : it->second;
}

// Whether ICU's break at `pos` (start of the next sentence) should be undone.
bool keep_together(std::string_view text, std::size_t seg_start, std::size_t pos,
                   std::string_view language) {
  std::string_view before = word_before(text, pos);
  // strip closing quotes and brackets: «… Sr.»
  while (!before.empty() && (before.back() == '"' || before.back() == ')' || before.back() == '\''))
    before.remove_suffix(1);
  if (before.empty() || before.back() != '.') return false;
  // strip opening punctuation: "(art." → "art."
  while (!before.empty() && (before.front() == '(' || before.front() == '"' ||
                             before.front() == '[' || before.front() == '\''))
    before.remove_prefix(1);
  const abbreviation abbr = abbreviation_of(before);
  if (abbr == abbreviation::never_final) return true;
  // the segment is only a list marker: "1." "IV." "a)"
  std::string_view seg = text.substr(seg_start, pos - seg_start);
  while (!seg.empty() && is_space_byte(seg.back())) seg.remove_suffix(1);
  while (!seg.empty() && is_space_byte(seg.front())) seg.remove_prefix(1);
  if (is_list_marker(seg)) return true;
  const std::string_view next = word_after(text, pos);
  if (abbr == abbreviation::maybe_final) return !starts_sentence(next, language);
  // "J. Smith": an initial, unless a function word follows ("… plan B. The …")
  if (is_initials(before)) {
    std::string w = lower_ascii(next);
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    return !is_function_word(language == "und" ? "en" : language, w);
  }
  return false;
}

// Where ICU's sentence rules (UAX #29) break `text`, decided without ICU when every
// decision needs only ASCII: the classes of the characters around each full stop,
// question and exclamation mark. Returns false, deciding nothing, when a decision would
// involve another character (or the text holds a terminator or separator outside ASCII):
// ICU then reads the text. `text` has no line ends (they are spaces by then).
bool ascii_breaks(std::string_view text, std::vector<std::size_t>& out) {
  auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto term = [](char c) { return c == '.' || c == '?' || c == '!'; };
  auto close = [](char c) {
    return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
           c == '}';
  };
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; };
  auto scontinue = [](char c) { return c == ',' || c == '-' || c == ':'; };  // not ';'
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {  // no terminator or separator beyond ASCII
    i = first_non_ascii(text.data(), i, n);
    if (i >= n) break;
    // À to ÿ (C3 80 to C3 BF): letters and two signs, neither a terminator nor a separator
    if (static_cast<unsigned char>(text[i]) == 0xC3 && i + 1 < n &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    const auto c = static_cast<UChar32>(next_code_point(text, i));
    const auto sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    if (sb == U_SB_ATERM || sb == U_SB_STERM || sb == U_SB_SEP || sb == U_SB_CR || sb == U_SB_LF)
      return false;
  }
  for (std::size_t t = 0; t + 1 < n; ++t) {
    t = first_of(text.data(), t, n - 1, '.', '?', '!');  // (the next terminator)
    if (t + 1 >= n) break;
    const char c = text[t];
    const char x = text[t + 1];
    if (c == '.') {
      if (x >= '0' && x <= '9') continue;  // SB6: "3.5"
      if (upper(x) && t > 0) {             // SB7: "U.S"
        if (!ascii(text[t - 1])) return false;
        if (upper(text[t - 1]) || lower(text[t - 1])) continue;
      }
    }
    std::size_t k = t + 1;
    while (k < n && close(text[k])) ++k;
    while (k < n && sp(text[k])) ++k;
    if (k >= n) continue;  // the end of the text: no break inside it
    if (!ascii(text[k])) return false;
    if (scontinue(text[k]) || term(text[k])) continue;  // SB8a: "?!", "etc.,"
    if (c == '.') {  // SB8: no break before a lower-case word, whatever comes between
      std::size_t m = k;
      while (m < n && ascii(text[m]) && !upper(text[m]) && !lower(text[m]) && !term(text[m])) ++m;
      if (m < n && !ascii(text[m])) return false;
      if (m < n && lower(text[m])) continue;
    }
    out.push_back(k);  // SB11
  }
  return true;
}

bool needs_icu(std::string_view s) {
  for (char c : s) {
    if (c == '.' || c == '!' || c == '?') return true;
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Trims ASCII and Unicode white space off both ends of [a, e) of `text`.
void trim_span(std::string_view text, std::size_t& a, std::size_t& e) {
  while (a < e) {
    std::size_t j = a;
    if (!is_space(next_code_point(text, j))) break;
    a = j;
  }
  while (e > a) {
    std::size_t k = e - 1;
    while (k > a && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
    std::size_t j = k;
    if (!is_space(next_code_point(text, j))) break;
    e = k;
  }
}

struct breaker {
  std::unique_ptr<icu::BreakIterator> it;
  std::string buffer;
  std::string language;
  explicit breaker(std::string_view lang) : language(lang) {
    UErrorCode err = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createSentenceInstance(
        icu::Locale(language == "und" ? "en" : language.c_str()), err));
    if (U_FAILURE(err)) throw std::runtime_error("ICU sentence break iterator unavailable");
  }

  std::vector<std::size_t> breaks;

  // ICU's sentence breaks inside `text` (not its end)
  std::vector<std::size_t> icu_breaks(std::string_view text) {
    std::vector<std::size_t> out;
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &err);
    it->setText(ut, err);
    for (std::int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
      const auto pos = static_cast<std::size_t>(b);
      if (pos >= text.size()) break;
      out.push_back(pos);
    }
    utext_close(ut);
    return out;
  }

  void split(std::string_view bytes, span para, std::vector<span>& out) {
    const std::string_view text = bytes.substr(para.start, para.size());
    std::vector<std::size_t> cuts;  // starts of sentences after the first
    if (needs_icu(text)) {
      // Line ends inside a paragraph are not sentence breaks: hide them from ICU (in a
      // copy, made only when there are some: most paragraphs are one line).
      std::string_view seen = text;
      if (std::memchr(text.data(), '\n', text.size()) != nullptr ||
          std::memchr(text.data(), '\r', text.size()) != nullptr) {
        buffer.assign(text);
        line_ends_to_spaces(buffer.data(), buffer.size());
        seen = buffer;
      }
      breaks.clear();
      if (!ascii_breaks(seen, breaks)) breaks = icu_breaks(seen);
      std::size_t seg_start = 0;
      for (const std::size_t pos : breaks) {
        if (keep_together(seen, seg_start, pos, language)) continue;
        cuts.push_back(pos);
        seg_start = pos;
      }
    }
    std::size_t s = 0;
    auto emit = [&](std::size_t from, std::size_t to) {
      std::size_t a = from, e = to;
      trim_span(text, a, e);
      if (a < e)
        out.push_back({para.start + static_cast<std::uint32_t>(a),
                       para.start + static_cast<std::uint32_t>(e)});
    };
    for (std::size_t c : cuts) {
      emit(s, c);
      s = c;
    }
    emit(s, text.size());
  }
};

// Cuts `s` (longer than kMaxSentenceBytes) into clauses no longer than that, appending
// them to `out` (see kMaxSentenceBytes). Cut points are the ends of clause marks followed
// by white space, strongest kind first; pieces stay covering every non-blank byte.
void cut_long_sentence(std::string_view bytes, span s, std::vector<span>& out) {
  const std::string_view marks[] = {";:", ","};
  std::vector<span> todo{s};
  for (int level = 0; level < 4; ++level) {
    std::vector<span> next;
    for (const span& piece : todo) {
      if (piece.size() <= kMaxSentenceBytes) {
        next.push_back(piece);
        continue;
      }
      std::size_t from = piece.start;
      std::uint64_t word_hash = 1469598103934665603ull;  // FNV-1a of the current word
      auto emit = [&](std::size_t to) {
        std::size_t a = from, e = to;
        trim_span(bytes, a, e);
        if (a < e) next.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(e)});
        from = to;
      };
      for (std::size_t i = piece.start; i < piece.end; ++i) {
        const char c = bytes[i];
        const bool space_after = i + 1 < piece.end && is_space_byte(bytes[i + 1]);
        bool cut = false;
        if (level < 2) {
          cut = space_after && marks[level].find(c) != std::string_view::npos;
        } else if (level == 2) {
          // a word whose hash is 0 mod 32 ends a piece: 32 words on average
          if (is_space_byte(c)) {
            cut = i > from && word_hash % 32 == 0;
            word_hash = 1469598103934665603ull;
          } else {
            word_hash = (word_hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
          }
        } else {
          // no white space to cut at: cut at the length, on a character boundary
          cut = i + 1 - from >= kMaxSentenceBytes &&
                (i + 1 >= piece.end || (static_cast<unsigned char>(bytes[i + 1]) & 0xC0) != 0x80);
        }
        if (cut) emit(i + 1);
      }
      emit(piece.end);
    }
    todo = std::move(next);
  }
  out.insert(out.end(), todo.begin(), todo.end());
}

}  // namespace

std::vector<span> split_sentences(std::string_view bytes, span paragraph,
                                  std::string_view language) {
  breaker br(language);
  std::vector<span> out;
  br.split(bytes, paragraph, out);
  return out;
}

bool ascii_sentence_breaks(std::string_view text, std::vector<std::size_t>& out) {
  return ascii_breaks(text, out);
}

std::vector<std::size_t> icu_sentence_breaks(std::string_view text, std::string_view language) {
  breaker br(language);
  return br.icu_breaks(text);
}

void sentences_as_paragraphs(units& u) {
  u.sentences = u.paragraphs;
  for (std::uint32_t p = 0; p < u.sentences.size(); ++p) u.sentences[p].parent = p;
  u.sentence_tokens = u.paragraph_tokens;
}

namespace {

// Both segment() and segment_each(): `keep` keeps every paragraph's tokens.
// `blocks`: the blocks to cut (ascending); nullptr: all of them.
units cut(const document& doc, std::string_view language, normalizer& norm,
          const paragraph_visitor* visit, segment_options opts, bool keep,
          const std::span<const std::uint32_t>* blocks = nullptr) {
  units u;
  u.language = std::string(language);
  u.spelled_by = norm.serial();
  breaker br(language);
  std::vector<span> sents;
  const std::string_view bytes = doc.bytes;
  const std::size_t count = blocks == nullptr ? doc.blocks.size() : blocks->size();
  u.paragraphs.reserve(count);
  if (keep) {
    // about one token (word or mark) per five bytes of prose: reserved once rather than
    // doubled as it grows, which would hold both copies at the peak
    u.tokens.reserve(doc.bytes.size() / 5 + 16);
    u.spellings.reserve(u.tokens.capacity());
    advise_huge_pages(u.tokens.data(), u.tokens.capacity() * sizeof(token));
  }
  for (std::size_t k = 0; k < count; ++k) {
    const std::uint32_t p = blocks == nullptr ? static_cast<std::uint32_t>(k) : (*blocks)[k];
    const block& bl = doc.blocks[p];
    sents.clear();
    if (opts.sentences_are_paragraphs) {
      sents.push_back(bl.where);
    } else {
      br.split(bytes, bl.where, sents);
      if (sents.empty()) sents.push_back(bl.where);  // markup only ("---"): still a unit
    }
    if (!opts.sentences_are_paragraphs &&
        std::any_of(sents.begin(), sents.end(),
                    [](const span& s) { return s.size() > kMaxSentenceBytes; })) {
      std::vector<span> cut;
      for (const span& s : sents) {
        if (s.size() <= kMaxSentenceBytes) {
          cut.push_back(s);
          continue;
        }
        cut_long_sentence(bytes, s, cut);
        ++u.long_sentences;
      }
      sents = std::move(cut);
    }
    // The first sentence starts with the paragraph (its markup included) and the last
    // ends with it, so that sentences cover the paragraph.
    sents.front().start = bl.where.start;
    sents.back().end = bl.where.end;
    if (!keep) {
      u.tokens.clear();
      u.spellings.clear();
    }
    const auto p_begin = static_cast<std::uint32_t>(u.tokens.size());
    for (const span& s : sents) {
      const auto t_begin = static_cast<std::uint32_t>(u.tokens.size());
      norm.tokenize(bytes, s, bl.markup, u.tokens, u.spellings);
      const auto t_end = static_cast<std::uint32_t>(u.tokens.size());
      u.sentences.push_back({s, p, 0});
      u.sentence_tokens.push_back({t_begin, t_end});
    }
    u.paragraphs.push_back({bl.where, p, 0});
    u.paragraph_tokens.push_back({p_begin, static_cast<std::uint32_t>(u.tokens.size())});
    if (visit != nullptr) (*visit)(u, static_cast<std::uint32_t>(k));
  }
  if (!keep) {  // the ranges index buffers that are gone
    std::vector<token>().swap(u.tokens);
    std::vector<std::uint32_t>().swap(u.spellings);
    std::vector<token_range>().swap(u.paragraph_tokens);
    std::vector<token_range>().swap(u.sentence_tokens);
  }
  return u;
}

}  // namespace

units segment(const document& doc, std::string_view language, normalizer& norm) {
  return cut(doc, language, norm, nullptr, {}, true);
}

units segment_each(const document& doc, std::string_view language, normalizer& norm,
                   const paragraph_visitor& visit, segment_options opts) {
  return cut(doc, language, norm, &visit, opts, false);
}

units segment_blocks(const document& doc, std::string_view language, normalizer& norm,
                     std::span<const std::uint32_t> blocks, const paragraph_visitor& visit,
                     segment_options opts) {
  return cut(doc, language, norm, &visit, opts, false, &blocks);
}

}  // namespace accordiff::detail
