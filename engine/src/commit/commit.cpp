// Stage 6b, commitments and typed values: see commit.hpp for the contract.
#include "commit/commit.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/normalize.hpp"
#include "util/utf8.hpp"

namespace accordiff::detail {

namespace {

// Distinct non-ASCII spellings kept lowered; a vocabulary rarely has more, and past it the
// cache starts again rather than grow without bound.
constexpr std::size_t kMaxLowerCache = 1 << 16;

}  // namespace

std::string lower(std::string_view s) {
  std::string out;
  lower_into(s, out);
  return out;
}

void lower_into(std::string_view s, std::string& out) {
  // ASCII and Latin-1 (U+0080 to U+00FF: two bytes, C2 or C3 and a continuation byte),
  // where lower case is plain arithmetic: A-Z and À-Þ but × are 0x20 below their lower
  // case (tested against ICU for every code point of the range); copied and lowered in
  // one go (a word at a time, in buffers that are reused)
  out.resize(s.size());
  char* o = out.data();
  bool latin1 = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      o[i] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 0x20 : b);
      continue;
    }
    if ((b != 0xC2 && b != 0xC3) || i + 1 == s.size() ||
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) != 0x80) {
      latin1 = false;
      break;
    }
    const auto c = static_cast<unsigned char>(s[i + 1]);
    o[i] = static_cast<char>(b);
    o[i + 1] = static_cast<char>(b == 0xC3 && c <= 0x9E && c != 0x97 ? c + 0x20 : c);
    ++i;
  }
  if (latin1) return;
  out.clear();
  // each distinct spelling is lowered by ICU once per thread
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  thread_local std::unordered_map<std::string, std::string, hash, std::equal_to<>> cache;
  if (auto it = cache.find(s); it != cache.end()) {
    out.assign(it->second);
    return;
  }
  if (cache.size() > kMaxLowerCache) cache.clear();
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())))
      .toLower()
      .toUTF8String(out);
  cache.emplace(std::string(s), out);
}

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }) &&
         s[0] >= '0' && s[0] <= '9';
}

long long digits_value(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d.empty() || d.size() > 15 ? -1 : std::stoll(d);
}

bool is_year(const word& w) {
  if (w.low.size() != 4 || !is_digits(w.low)) return false;
  const long long v = digits_value(w.low);
  return v >= 1900 && v <= 2100;
}

// Length of `p` matched at words[i] (only alphabetic words and commas take part), or 0.
std::size_t match_at(const std::vector<word>& ws, std::size_t i, const phrase& p) {
  std::size_t k = i;
  for (const std::string& pw : p) {
    if (k >= ws.size()) return 0;
    if (std::string_view(pw) == ",") {
      if (!ws[k].is(",")) return 0;
    } else if (!ws[k].alpha || !word_matches(pw, ws[k].low)) {
      return 0;
    }
    ++k;
  }
  return k - i;
}

[[gnu::noinline]] std::size_t match_longest(const std::vector<word>& ws, std::size_t i,
                                            const phrase_set& ps) {
  return ps.longest(ws[i].low, [&](const phrase& p) { return match_at(ws, i, p); });
}

inline std::size_t match_any(const std::vector<word>& ws, std::size_t i, const phrase_set& ps) {
  if (i >= ws.size()) return 0;
  if (ps.bit() != 0 && (ws[i].opens & ps.bit()) == 0) return 0;  // (no phrase starts here)
  return match_longest(ws, i, ps);
}

bool in_list(const std::vector<std::string>& pats, std::string_view w) {
  return std::any_of(pats.begin(), pats.end(),
                     [&](const std::string& p) { return word_matches(p, w); });
}

bool spanish(const lexicon& lx) { return lx.language == "es" || lx.language == "pt"; }

// An infinitive, possibly with an enclitic pronoun: "instalar", "reforzarla", "comprometerse";
// the infinitive itself, or an empty view (asked of most words of most sentences: no copy).
std::string_view infinitive_of(std::string_view w) {
  auto verb_ending = [](std::string_view b) {
    return b.ends_with("ar") || b.ends_with("er") || b.ends_with("ir");
  };
  for (std::string_view clitic : {"se", "los", "las", "lo", "la", "le", "les", "nos"}) {
    if (w.size() > clitic.size() + 3 && w.ends_with(clitic)) {
      // accent marks the stress when a pronoun is attached: "reforzarla" has none,
      // "comprometerse" none; "dárselo" is rare enough to ignore
      const std::string_view b = w.substr(0, w.size() - clitic.size());
      if (b.size() > 3 && verb_ending(b)) return b;
    }
  }
  if (w.size() >= 3 && verb_ending(w)) return w;
  return {};
}

std::string infinitive(std::string_view w) { return std::string(infinitive_of(w)); }

// The lemma of a Spanish future form: "realizará" → "realizar", "instalarán" → "instalar".
std::string future_lemma(std::string_view w, const lexicon& lx) {
  if (auto it = lx.lemma.find(w); it != lx.lemma.end()) return it->second;
  for (std::string_view end : {"emos", "án", "á", "ás"}) {
    if (w.ends_with(end)) return std::string(w.substr(0, w.size() - end.size()));
  }
  return std::string(w);
}

// English base form of a verb written as a gerund or plain: "strengthening" → "strengthen".
std::string english_lemma(std::string_view w, const lexicon& lx) {
  if (auto it = lx.lemma.find(w); it != lx.lemma.end()) return it->second;
  if (w.size() > 5 && w.ends_with("ing")) {
    std::string base(w.substr(0, w.size() - 3));
    if (lx.strength.count(base + "e")) return base + "e";
    return base;
  }
  return std::string(w);
}

bool is_determiner(std::string_view w) {
  for (std::string_view d : {"our", "the", "a", "an", "their", "its", "this", "these", "those",
                             "all", "any", "his", "her"})
    if (w == d) return true;
  return false;
}

// "committed" → "commit", "agreed" → "agree", "decided" → "decide".
std::string past_to_base(std::string_view w) {
  if (w.size() < 5 || !w.ends_with("ed")) return std::string(w);
  if (w.ends_with("eed")) return std::string(w.substr(0, w.size() - 1));
  if (w.ends_with("ied")) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w[w.size() - 3] == w[w.size() - 4]) return std::string(w.substr(0, w.size() - 3));
  return std::string(w.substr(0, w.size() - 1));
}

bool is_verb_here(const word& w, const lexicon& lx) {
  if (!w.alpha) return false;
  if (spanish(lx)) return !infinitive_of(w.low).empty();
  return lx.strength.count(english_lemma(w.low, lx)) > 0;
}

// Words [a, b) of `ws` (empty when there are none).
span span_of(const std::vector<word>& ws, std::size_t a, std::size_t b) {
  if (a >= b || b > ws.size()) return {};
  return {ws[a].start, ws[b - 1].end};
}

std::string text_of(std::string_view bytes, const std::vector<word>& ws, std::size_t a,
                    std::size_t b) {
  return flat_text(bytes, span_of(ws, a, b));
}

}  // namespace

namespace {

// Whether `raw` is already flat: no control byte (line breaks, tabs), no two spaces in a
// row, no space at either end. Sixteen bytes a step where SSE2 is (every x86-64).
bool is_flat(std::string_view raw) {
  if (raw.empty()) return true;
  if (raw.front() == ' ' || raw.back() == ' ') return false;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i control = _mm_set1_epi8(0x1F), blank = _mm_set1_epi8(' ');
  for (; i + 17 <= raw.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw.data() + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw.data() + i + 1));
    const __m128i bad =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, control), x),  // x <= 0x1F
                     _mm_and_si128(_mm_cmpeq_epi8(x, blank), _mm_cmpeq_epi8(next, blank)));
    if (_mm_movemask_epi8(bad) != 0) return false;
  }
#endif
  for (; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c <= 0x1F || (c == ' ' && i + 1 < raw.size() && raw[i + 1] == ' ')) return false;
  }
  return true;
}

}  // namespace

std::string flat_text(std::string_view bytes, span s) {
  std::string out;
  const std::string_view v = flat_view(bytes, s, out);
  if (v.data() != out.data()) out.assign(v);
  return out;
}

std::string_view flat_view(std::string_view bytes, span s, std::string& scratch) {
  // (nothing for a span these bytes do not hold: another document's)
  if (s.empty() || s.end > bytes.size() || s.start > s.end) return {};
  // runs of other bytes, with one space for each run of white space between them (line
  // wraps read as one space): the bytes themselves when they are flat already (most are),
  // else copied at once and moved up in place
  const std::string_view raw = bytes.substr(s.start, s.size());
  if (is_flat(raw)) return raw;
  std::string& out = scratch;
  out.assign(raw);
  auto blank = [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; };
  std::size_t kept = 0;
  bool space = false;  // white space since the last byte kept
  for (const char c : out) {
    if (blank(c)) {
      space = kept > 0;
      continue;
    }
    if (space) {
      out[kept++] = ' ';
      space = false;
    }
    out[kept++] = c;
  }
  out.resize(kept);
  return out;
}

std::vector<word> words_of(std::string_view bytes, span where) {
  std::vector<word> out;
  words_into(bytes, where, out);
  return out;
}

void words_into(std::string_view bytes, span where, std::vector<word>& out) {
  std::size_t n = 0;  // words so far: the elements after them are reused, strings and all
  for (std::uint32_t i = where.start; i < where.end;) {
    // (is_space()'s ASCII ones told apart without decoding)
    if (const auto c = static_cast<unsigned char>(bytes[i]); c < 0x80) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i;
        continue;
      }
    } else if (std::size_t j = i; is_space(next_code_point(bytes, j))) {
      i = static_cast<std::uint32_t>(j);
      continue;
    }
    bool alpha = false;
    const std::uint32_t e = scan_token(bytes, i, where.end, alpha);
    if (n == out.size()) out.emplace_back();
    set_word(bytes, i, e, alpha, out[n++]);
    i = e;
  }
  out.resize(n);
}

bool tokens_are_words(std::string_view bytes, span where, const token* first, const token* last) {
  auto blank = [bytes](std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t k = from; k < to; ++k)
      if (bytes[k] != ' ' && bytes[k] != '\n' && bytes[k] != '\r' && bytes[k] != '\t') return false;
    return true;
  };
  std::uint32_t at = where.start;
  for (const token* t = first; t != last; ++t) {
    if (t->start < at || t->end > where.end || !blank(at, t->start)) return false;
    at = t->end;
  }
  return blank(at, where.end);
}

void words_of_tokens(std::string_view bytes, span where, const token* first, const token* last,
                     std::vector<word>& out) {
  if (!tokens_are_words(bytes, where, first, last)) {
    words_into(bytes, where, out);
    return;
  }
  out.resize(static_cast<std::size_t>(last - first));
  for (const token* t = first; t != last; ++t)
    set_word(bytes, t->start, t->end, t->word != 0, out[static_cast<std::size_t>(t - first)]);
}

void set_word(std::string_view bytes, std::uint32_t start, std::uint32_t end, bool alpha, word& w) {
  w.start = start;
  w.end = end;
  w.alpha = alpha;
  w.opens = 0xFF;  // (not known: every phrase set is looked up)
  const std::string_view raw = bytes.substr(start, end - start);
  lower_into(raw, w.lowered);
  // (the document's bytes where they are in lower case: they outlive the word's copies)
  w.owns_low = w.lowered != raw;
  w.low = w.owns_low ? std::string_view(w.lowered) : raw;
  if (const auto b = static_cast<unsigned char>(raw[0]); b < 0x80) {
    w.cap = alpha && b >= 'A' && b <= 'Z';
  } else {
    std::size_t k = 0;
    w.cap = alpha && u_isupper(static_cast<UChar32>(next_code_point(raw, k)));
  }
}

std::vector<entity> find_entities(std::string_view bytes, const std::vector<word>& ws,
                                  const lexicon& lx) {
  std::vector<entity> out;
  std::vector<bool> used(ws.size(), false);
  auto month_at = [&](std::size_t k) -> int {
    if (k >= ws.size() || !ws[k].alpha || !lx.may_be_month(ws[k].low)) return 0;
    auto it = lx.month.find(ws[k].low);
    if (it == lx.month.end()) return 0;
    // "may" the modal is not May the month: a month is capitalised in English
    if (!spanish(lx) && !ws[k].cap) return 0;
    return it->second;
  };
  auto is_day = [&](std::size_t k) {
    return k < ws.size() && is_digits(ws[k].low) && ws[k].low.size() <= 2 &&
           digits_value(ws[k].low) <= 31;
  };
  auto add = [&](const char* type, std::size_t a, std::size_t b, std::string value) {
    for (std::size_t k = a; k < b; ++k) used[k] = true;
    out.push_back({type, text_of(bytes, ws, a, b), std::move(value)});
  };
  auto connector = [&](std::size_t k) {
    return k < ws.size() && (ws[k].is("de") || ws[k].is("del") || ws[k].is("of") || ws[k].is(","));
  };
  // dates
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (used[i]) continue;
    std::size_t a = i, b = i;
    int month = 0;
    std::string day, year;
    if (is_day(i) && connector(i + 1) && month_at(i + 2)) {  // 11 de diciembre
      day = ws[i].low;
      month = month_at(i + 2);
      b = i + 3;
    } else if (is_day(i) && month_at(i + 1)) {  // 11 December
      day = ws[i].low;
      month = month_at(i + 1);
      b = i + 2;
    } else if (month_at(i)) {  // diciembre / December 11
      month = month_at(i);
      b = i + 1;
      if (is_day(b)) day = ws[b++].low;
    }
    if (month > 0) {
      std::size_t y = b;
      if (connector(y)) ++y;
      if (y < ws.size() && is_year(ws[y])) {
        year = ws[y].low;
        b = y + 1;
      }
      add("date", a, b, year + "-" + std::to_string(month) + (day.empty() ? "" : "-" + day));
      i = b - 1;
      continue;
    }
    // "primer semestre de 2026", "first half of 2026", "the third quarter of 2025"
    if (ws[i].alpha && lx.may_be_number(ws[i].low) && lx.number.count(ws[i].low) &&
        i + 1 < ws.size() && in_list(lx.period, ws[i + 1].low) && connector(i + 2) &&
        i + 3 < ws.size() && is_year(ws[i + 3])) {
      add("date", i, i + 4,
          std::string(ws[i + 3].low) + "-" + std::string(ws[i + 1].low) + "-" +
              std::to_string(lx.number.find(ws[i].low)->second));
      i += 3;
      continue;
    }
    if (is_year(ws[i])) add("date", i, i + 1, std::string(ws[i].low));
  }
  // numbers, with the unit that follows ("24 horas", "350 agents")
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (used[i] || !ws[i].alpha) continue;
    long long v = -1;
    if (is_digits(ws[i].low)) {
      v = digits_value(ws[i].low);
    } else if (auto it = lx.may_be_number(ws[i].low) ? lx.number.find(ws[i].low) : lx.number.end();
               it != lx.number.end() && it->second >= 2 && !ws[i].is("segundo") &&
               !ws[i].is("second")) {
      v = it->second;
    }
    if (v < 0) continue;
    std::string value = std::to_string(v);
    std::size_t b = i + 1;
    if (b < ws.size() && in_list(lx.period, ws[b].low)) {
      value.append(" ").append(ws[b].low);
      ++b;
    }
    add("number", i, b, value);
  }
  // places: capitalised words after a locative preposition ("en la Ciudad de México")
  for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
    if (!in_list(lx.place_before, ws[i].low)) continue;
    std::size_t a = i + 1;
    if (a < ws.size() && (ws[a].is("la") || ws[a].is("el") || ws[a].is("the"))) ++a;
    std::size_t b = a;
    while (b < ws.size() && !used[b] && ws[b].cap && !month_at(b)) {
      ++b;
      // "Ciudad de México", "Bay of Pigs"
      if (b + 1 < ws.size() && (ws[b].is("de") || ws[b].is("del") || ws[b].is("of")) &&
          ws[b + 1].cap)
        ++b;
    }
    if (b > a) {
      add("place", a, b, lower(text_of(bytes, ws, a, b)));
      i = b - 1;
    }
  }
  return out;
}

std::vector<typed_change> diff_entities(const std::vector<entity>& a,
                                        const std::vector<entity>& b) {
  std::vector<typed_change> out;
  for (const char* type : {"date", "number", "place"}) {
    std::vector<const entity*> ea, eb;
    for (const entity& e : a)
      if (e.type == type) ea.push_back(&e);
    for (const entity& e : b)
      if (e.type == type) eb.push_back(&e);
    // values on both sides are unchanged; the rest pair up in order
    std::vector<bool> ua(ea.size(), false), ub(eb.size(), false);
    for (std::size_t x = 0; x < ea.size(); ++x)
      for (std::size_t y = 0; y < eb.size(); ++y)
        if (!ub[y] && ea[x]->value == eb[y]->value) {
          ua[x] = ub[y] = true;
          break;
        }
    std::vector<const entity*> ra, rb;
    for (std::size_t x = 0; x < ea.size(); ++x)
      if (!ua[x]) ra.push_back(ea[x]);
    for (std::size_t y = 0; y < eb.size(); ++y)
      if (!ub[y]) rb.push_back(eb[y]);
    for (std::size_t k = 0; k < std::max(ra.size(), rb.size()); ++k)
      out.push_back({type, k < ra.size() ? ra[k]->text : "", k < rb.size() ? rb[k]->text : ""});
  }
  return out;
}

namespace {

// Whether a word (lower case) is a future form of the lexicon's, not one of its exceptions.
bool future_form(std::string_view low, const lexicon& lx) {
  return low.size() > 4 && lx.may_be_future(low) && in_list(lx.future, low) &&
         !in_list(lx.future_not, low);
}

// The same of a word whose opens_of() may be known.
bool future_form(const word& w, const lexicon& lx) {
  return (w.opens & kOpensUnknown) != 0 ? future_form(w.low, lx) : (w.opens & kFutureForm) != 0;
}

// Whether a word (lower case) may open a commitment: the first word of a commit phrase, or a
// future form.
bool may_open_commitment(std::string_view low, const lexicon& lx, bool es) {
  if (lx.commit.may_open(low)) return true;
  return es && future_form(low, lx);
}

}  // namespace

std::uint8_t opens_of(std::string_view low, const lexicon& lx) {
  std::uint8_t bits = 0;
  for (const phrase_set* ps : {&lx.commit, &lx.not_commit, &lx.skip, &lx.join})
    if (ps->may_start_with(low)) bits |= ps->bit();
  if (!(lx.commit.empty() && lx.future.empty()) && may_open_commitment(low, lx, spanish(lx)))
    bits |= kMayOpenCommitment;
  if (future_form(low, lx)) bits |= kFutureForm;
  return bits;
}

bool may_hold_commitment(std::string_view bytes, const std::vector<span>& words,
                         const lexicon& lx) {
  if (lx.commit.empty() && lx.future.empty()) return false;
  const bool es = spanish(lx);
  std::string low;
  auto lower_ascii = [](char c) {
    return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  };
  auto may_be_future_ascii = [&](std::string_view raw) {  // (its last three bytes lowered)
    const std::array<char, 3> tail{static_cast<char>(lower_ascii(raw[raw.size() - 3])),
                                   static_cast<char>(lower_ascii(raw[raw.size() - 2])),
                                   static_cast<char>(lower_ascii(raw.back()))};
    return lx.may_be_future(std::string_view(tail.data(), tail.size()));
  };
  for (const span& w : words) {
    const std::string_view raw = bytes.substr(w.start, w.size());
    // an ASCII word that neither starts like a commit phrase nor ends like a future form
    // is ruled out without lowering it
    if (std::all_of(raw.begin(), raw.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }) &&
        !lx.commit.may_open(lower_ascii(raw[0]), raw.size()) &&
        !(es && raw.size() > 4 && may_be_future_ascii(raw)))
      continue;
    lower_into(raw, low);
    if (may_open_commitment(low, lx, es)) return true;
  }
  return false;
}

std::vector<commitment_side> find_commitments(std::string_view bytes, span sentence,
                                              std::uint32_t sentence_index, const lexicon& lx) {
  if (lx.commit.empty() && lx.future.empty()) return {};
  thread_local std::vector<word> scratch;  // one sentence after another, buffers kept
  words_into(bytes, sentence, scratch);
  return find_commitments(scratch, sentence_index, lx);
}

std::vector<commitment_side> find_commitments(const std::vector<word>& ws,
                                              std::uint32_t sentence_index, const lexicon& lx) {
  std::vector<commitment_side> out;
  if (lx.commit.empty() && lx.future.empty()) return out;
  const bool es = spanish(lx);
  std::size_t clause_start = 0;  // where the current clause's actors may begin
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (ws[i].is(";") || ws[i].is(":")) clause_start = i + 1;
    if (std::size_t n = match_any(ws, i, lx.not_commit)) {
      i += n - 1;
      continue;
    }
    std::size_t trig = match_any(ws, i, lx.commit);
    std::string action;
    bool future = false;
    if (trig == 0 && es && ws[i].alpha && !ws[i].cap && future_form(ws[i], lx)) {
      trig = 1;
      future = true;
      action = future_lemma(ws[i].low, lx);
    }
    if (trig == 0) continue;
    // actors: the words before the commit phrase, after the last comma of the clause;
    // "X, reunidos en Y, acordaron": then the subject that opens the clause
    std::size_t a = i;
    while (a > clause_start && !ws[a - 1].is(",") && !ws[a - 1].is("que") && !ws[a - 1].is("that"))
      --a;
    std::size_t actor_begin = a, actor_end = i;
    if (a == i && a > clause_start) {
      actor_begin = clause_start;
      actor_end = clause_start;
      while (actor_end < i && !ws[actor_end].is(",")) ++actor_end;
    }
    // connectors ("Asimismo,", "Además,", "In addition,") are not actors
    while (actor_begin < actor_end &&
           (match_any(ws, actor_begin, lx.skip) == 1 || !ws[actor_begin].alpha))
      ++actor_begin;
    while (actor_end > actor_begin &&
           (ws[actor_end - 1].is("se") || ws[actor_end - 1].is(",") || ws[actor_end - 1].is(";")))
      --actor_end;
    // The action and the verbs joined to it.
    std::size_t k = i + trig;
    std::vector<std::string> verbs;
    if (future) {
      verbs.push_back(action);
      k = i + 1;
    } else {
      for (int skips = 0; skips < 6 && k < ws.size(); ++skips) {
        if (ws[k].is(",")) {  // "plantearon, además, reforzar"
          ++k;
          continue;
        }
        const std::size_t s = match_any(ws, k, lx.skip);
        if (s == 0 || is_verb_here(ws[k], lx)) break;
        k += s;
      }
      if (k < ws.size() && ws[k].alpha) {
        // multi-word lemmas first: "dar continuidad" = continuar
        for (const auto& [p, lemma] : lx.lemma_phrases) {
          if (std::size_t n = match_at(ws, k, p)) {
            action = lemma;
            k += n;
            break;
          }
        }
        if (action.empty()) {
          if (es) {
            action = infinitive(ws[k].low);
            if (action.empty()) action = future_lemma(ws[k].low, lx);
          } else {
            std::size_t v = k;
            if (ws[v].is("be") && v + 1 < ws.size()) ++v;  // "will be held"
            action = english_lemma(ws[v].low, lx);
            // "committed to our sanctions": the commitment is to a thing, the action
            // is the commit verb itself
            if (is_determiner(ws[v].low))
              action = past_to_base(ws[i + trig - 2 < i ? i : i + trig - 2].low);
            k = v;
          }
          ++k;
        }
        verbs.push_back(action);
        // "intensificar y acelerar", "intensify and accelerate"
        while (k + 1 < ws.size() &&
               (ws[k].is("y") || ws[k].is("e") || ws[k].is("and") || ws[k].is("o") ||
                ws[k].is("or")) &&
               is_verb_here(ws[k + 1], lx)) {
          verbs.push_back(es ? infinitive(ws[k + 1].low) : english_lemma(ws[k + 1].low, lx));
          k += 2;
        }
      }
    }
    if (action.empty()) continue;  // "acordaron:" with nothing after it
    // The clause runs to the next joined action ("…, además de dar continuidad a …").
    std::size_t end = ws.size();
    std::size_t next = ws.size();
    std::size_t join_at = ws.size();
    std::size_t next_clause = ws.size();
    for (std::size_t m = k + 1; m < ws.size(); ++m) {
      if (match_any(ws, m, lx.commit) || match_any(ws, m, lx.not_commit)) {
        // the next clause, with its own actors, starts after the last comma before it
        end = m;
        next_clause = m - 1;  // no comma: the next clause starts at the commit phrase
        for (std::size_t q = m; q > k + 1; --q)
          if (ws[q - 1].is(",") || ws[q - 1].is(";")) {
            end = q - 1;
            next_clause = end;
            break;
          }
        while (end > k && !ws[end - 1].alpha) --end;
        break;
      }
      if (const std::size_t n = match_any(ws, m, lx.join)) {
        std::size_t v = m + n;
        for (int skips = 0; skips < 3 && v < ws.size() && !is_verb_here(ws[v], lx); ++skips) {
          const std::size_t s = match_any(ws, v, lx.skip);
          if (s == 0) break;
          v += s;
        }
        // "para detectar y neutralizar": verbs joined to a verb are one action
        const bool after_verb = m > 0 && ws[m - 1].alpha && is_verb_here(ws[m - 1], lx);
        if (v < ws.size() && is_verb_here(ws[v], lx) && !after_verb) {
          end = m;
          next = v;
          join_at = m;
          break;
        }
      }
    }
    while (end > k && !ws[end - 1].alpha) --end;
    commitment_side c;
    c.sentence = sentence_index;
    const std::size_t first = actor_end > actor_begin ? actor_begin : i;
    c.where = {ws[first].start, ws[std::max(end, i + trig) - 1].end};
    c.actors = span_of(ws, actor_begin, actor_end);
    c.action = action;
    if (verbs.size() > 1) c.joined.assign(verbs.begin() + 1, verbs.end());
    c.object = span_of(ws, std::min(k, end), end);
    out.push_back(c);
    // joined actions share the actors and the commit phrase
    while (next < ws.size()) {
      std::size_t v = next;
      commitment_side j;
      j.sentence = sentence_index;
      j.actors = c.actors;
      std::string act;
      for (const auto& [p, lemma] : lx.lemma_phrases) {
        if (p.size() == 2 && v + 1 < ws.size() && p[0] == ws[v].low && p[1] == ws[v + 1].low) {
          act = lemma;
          v += 2;
          break;
        }
      }
      if (act.empty()) {
        act = es ? infinitive(ws[v].low) : english_lemma(ws[v].low, lx);
        ++v;
      }
      j.action = act;
      std::size_t jend = ws.size(), jnext = ws.size(), jjoin = ws.size();
      for (std::size_t m = v; m < ws.size(); ++m) {
        if (match_any(ws, m, lx.commit)) {
          jend = m;
          break;
        }
        if (const std::size_t n = match_any(ws, m, lx.join);
            n > 0 && m + n < ws.size() && is_verb_here(ws[m + n], lx) &&
            !(m > v && is_verb_here(ws[m - 1], lx))) {
          jend = m;
          jnext = m + n;
          jjoin = m;
          break;
        }
      }
      while (jend > v && !ws[jend - 1].alpha) --jend;
      // the clause starts after the comma that joins it ("…, and will further enhance …")
      std::size_t from = join_at;
      while (from < next && !ws[from].alpha) ++from;
      j.where = {ws[from].start, ws[std::max(jend, next + 1) - 1].end};
      j.object = span_of(ws, std::min(v, jend), jend);
      out.push_back(j);
      next = jnext;
      join_at = jjoin;
      end = jend;
    }
    i = std::max(end, i + trig) - 1;
    clause_start = i + 1;
    if (next_clause < ws.size() && next_clause >= i + 1) {
      i = next_clause;  // the comma: the loop moves past it
      clause_start = next_clause + 1;
    }
  }
  return out;
}

std::optional<span> lead_in(std::string_view bytes, span sentence, const lexicon& lx) {
  std::string_view text = bytes.substr(sentence.start, sentence.size());
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  if (text.empty() || text.back() != ':') return std::nullopt;
  const std::vector<word> ws = words_of(bytes, sentence);
  if (ws.empty() || !ws.back().is(":")) return std::nullopt;
  for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
    if (match_any(ws, i, lx.not_commit)) return std::nullopt;
    const std::size_t n = match_any(ws, i, lx.commit);
    if (n == 0) continue;
    // nothing but connectors between the commit phrase and the colon
    for (std::size_t k = i + n; k + 1 < ws.size(); ++k)
      if (ws[k].alpha && match_any(ws, k, lx.skip) == 0) return std::nullopt;
    std::size_t a = 0, e = i;
    while (a < e && (match_any(ws, a, lx.skip) == 1 || !ws[a].alpha)) ++a;
    while (e > a && (ws[e - 1].is("se") || !ws[e - 1].alpha)) --e;
    return span_of(ws, a, e);
  }
  return std::nullopt;
}

std::optional<commitment_side> listed_commitment(std::string_view bytes, span item,
                                                 std::uint32_t sentence_index, span actors,
                                                 const lexicon& lx) {
  const std::vector<word> ws = words_of(bytes, item);
  std::size_t k = 0;
  // the list marker: "-", "•", "1.", "a)"
  while (k < ws.size() && (!ws[k].alpha || (ws[k].low.size() <= 2 && k + 1 < ws.size() &&
                                            (ws[k + 1].is(".") || ws[k + 1].is(")")))))
    ++k;
  while (k < ws.size() && match_any(ws, k, lx.skip) == 1 && !is_verb_here(ws[k], lx)) ++k;
  if (k >= ws.size()) return std::nullopt;
  std::string action;
  if (spanish(lx)) {
    action = infinitive(ws[k].low);
    if (action.empty() && in_list(lx.future, ws[k].low)) action = future_lemma(ws[k].low, lx);
  } else {
    action = english_lemma(ws[k].low, lx);
  }
  if (action.empty()) return std::nullopt;
  std::size_t end = ws.size();
  while (end > k + 1 && !ws[end - 1].alpha) --end;
  commitment_side c;
  c.sentence = sentence_index;
  c.where = {ws[k].start, ws[end - 1].end};
  c.actors = actors;
  c.action = action;
  c.object = span_of(ws, k + 1, end);
  return c;
}

int strength_level(const commitment_side& c, const lexicon& lx) {
  int level = 0;
  auto level_of = [&](const std::string& v) {
    if (auto it = lx.strength.find(v); it != lx.strength.end()) level = std::max(level, it->second);
  };
  level_of(c.action);
  for (const std::string& v : c.joined) level_of(v);
  return level;
}

}  // namespace accordiff::detail
